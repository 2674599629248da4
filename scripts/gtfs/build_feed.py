#!/usr/bin/env python3
"""Builds routes-data/gtfs, the timetable the app ships, from the SNCF open data kept in the
team's shared data folder, plus the sample bus lines written below.

    python3 scripts/gtfs/build_feed.py [SHARED_DATA_DIR]   # default ../shared/data

What is real and what is not (routes-data/gtfs/README.md says the same at more length):
- Train times, stops and train numbers are real: SNCF's TER stop times of spring 2024, as
  derived in sncf-ter-aura-2024-04-derived (all seven files: their split and their `date`
  column are the day SNCF last edited a trip, not a running day, so a train's times are read
  wherever it appears).
- The days of the week a train runs on are real: SNCF's own calendar for that train number in
  the national TER feed of 2023-12-18 (trips.txt: trip_headsign = train number, service_id;
  calendar_dates.txt: the dates, 18 December 2023 to 17 March 2024), by the rule of
  `weekly_pattern` below. Public holidays follow the Sunday pattern.
- Replayed: that 2024 timetable is laid on the service days of 2026 to 2030.
- Bus times are made up (sample) and flagged so in routes.txt (velay_sample = 1).
Deterministic: the same inputs give the same files.
"""

import collections
import csv
import datetime as dt
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.normpath(os.path.join(HERE, "..", ".."))
SHARED = sys.argv[1] if len(sys.argv) > 1 else os.path.normpath(os.path.join(ROOT, "..", "shared", "data"))
NATIONAL = os.path.join(SHARED, "gtfs", "sncf-ter-2023-12-18-no-stop_times")
DERIVED = os.path.join(SHARED, "gtfs", "sncf-ter-aura-2024-04-derived")
OUT = os.path.join(ROOT, "routes-data", "gtfs")

# Every file of real times: a train's times are the same data whichever file holds it.
TIME_FILES = [f"stop_times_{i}.txt" for i in range(7)]

# The national calendar's window: the whole feed (feed_info.txt), thirteen weeks from Monday
# 18 December 2023 to Sunday 17 March 2024.
WINDOW = (dt.date(2023, 12, 18), dt.date(2024, 3, 17))

# Lines kept, by SNCF short name: the national feed's route ids (a train belongs to the line its
# number runs on there), the stations a trip must serve (UIC codes) to be kept, and the two ends
# it is cut to (None keeps the whole trip).
LINES = {
    "P28": dict(routes=["FR:Line::066313D8-0983-4B8F-8339-20A3BF96D614:"], long="Saint-Étienne - Le Puy-en-Velay",
                serve={"87726000", "87734699"}, cut=None),
    "C18": dict(routes=["FR:Line::6349C213-7B19-4078-BF2B-43CBECDA9545:"], long="Lyon Part-Dieu - Saint-Étienne",
                serve={"87723197", "87726000"}, cut=("87723197", "87726000")),
    "P37": dict(routes=["FR:Line::AFC81FD4-2ACF-4BD1-96D0-E02D47FFBB4B:"], long="Clermont-Ferrand - Le Puy-en-Velay",
                serve={"87734004", "87734699"}, cut=None),
    # SNCF files the Cévenol under two route ids, "Clermont-Ferrand - Nîmes" and "Nimes - Clermont
    # Ferrand"; the bundle keeps the first.
    "P17": dict(routes=["FR:Line::9B891546-602E-47F3-BDBD-79097E163E9C:",
                        "FR:Line::C740EC91-0E03-4C5E-BA50-463B09FEE5E4:"],
                long="Clermont-Ferrand - Langeac - Luc (Cévenol, towards Nîmes)",
                serve={"87734319", "87734335"}, cut=None),
}

# The Cévenol leaves the data's area: the derived times keep no call south of Luc and none at
# Langogne (between Chapeauroux and Luc), so trips there say how far their known calls go.
LUC, CHAPEAUROUX, LANGOGNE = "87734368", "87734343", "87734350"
CEVENOL_ONWARD = "Nîmes"  # the far end of SNCF's line "Clermont-Ferrand - Nîmes" (routes.txt)

# Five years, within what the timetable keeps (calendar::MAX_DAYS): the bundled content does
# not expire before the team replaces it with a newer feed.
FIRST, LAST = dt.date(2026, 1, 1), dt.date(2030, 12, 31)

# Stations on the lines that no kept trip calls at in the derived times (Langogne, on the
# Cévenol, has no call there), listed so walking routes can name them.
EXTRA_STATIONS = [LANGOGNE]

PUY, LANGEAC = "StopArea:OCE87734699", "StopArea:OCE87734319"
GARE_ROUTIERE = "VELAY:LE_PUY_GARE_ROUTIERE"

# Bus stops shared with the walking routes and greeters: real places, exact ids, names and
# coordinates (WGS 84). The Gerbier stop is at the foot of the mount, beside the
# source authentique de la Loire (44.8433, 4.2158) and about 280 m west of the summit (44.8444,
# 4.2200), both from Wikipedia as routes-data/README.md lists them; the routes' tracks climb the
# mount from there. Its place is not surveyed.
BUS_STOPS = [
    (GARE_ROUTIERE, "Le Puy-en-Velay – Gare routière", 45.0424, 3.8917),
    ("VELAY:CHAISE_DIEU", "La Chaise-Dieu – Abbaye", 45.3222, 3.6990),
    ("VELAY:LES_ESTABLES", "Les Estables – Bourg", 44.9036, 4.1556),
    ("VELAY:GERBIER", "Mont Gerbier de Jonc", 44.8440, 4.2165),
    ("VELAY:SAINT_ARCONS", "Saint-Arcons-d'Allier – Bourg", 45.0713, 3.5567),
    ("VELAY:PRADES", "Prades – Bourg", 45.0435, 3.5873),
    ("VELAY:MONISTROL_BOURG", "Monistrol-d'Allier – Bourg", 44.9700, 3.6486),
]

SAMPLE_DESC = "SAMPLE times, not an operator timetable"

# Sample lines: (route_id, short, long, [(service, [(stop, "HH:MM"), ...]), ...]), all under the
# VELAY agency; services are the keys of SAMPLE_SERVICES. Made up so that every Grand Site can be
# reached and left every day from a stay in Le Puy (in Langeac for the gorges de l'Allier), and
# Le Puy, La Chaise-Dieu and the Mézenc on a day out from Lyon or Saint-Étienne on weekdays and
# Saturdays. At Le Puy a bus leaves 10 to 40 minutes after a train arrives (08:25 Monday to
# Saturday, 10:25, 12:01 and 17:20 daily, 23:27) and reaches the bus station 10 to 40 minutes
# before a train leaves (08:46 and 16:13 daily, 18:36 at weekends, 19:39 Sunday to Friday). The
# Sunday morning buses leave before the first Sunday train comes in (10:25): they serve a stay in
# Le Puy, and a Sunday day out from Lyon or Saint-Étienne stays out of reach.
SAMPLE_LINES = [
    ("VELAY:MEZENC", "Mézenc", "Le Puy-en-Velay – Les Estables (horaires d'exemple / sample times)", [
        ("BUS_DAILY", [(GARE_ROUTIERE, "09:00"), ("VELAY:LES_ESTABLES", "10:05")]),
        ("BUS_MON_SAT", [(GARE_ROUTIERE, "10:50"), ("VELAY:LES_ESTABLES", "11:55")]),
        ("BUS_MON_SAT", [(GARE_ROUTIERE, "17:45"), ("VELAY:LES_ESTABLES", "18:50")]),
        ("BUS_MON_SAT", [("VELAY:LES_ESTABLES", "07:05"), (GARE_ROUTIERE, "08:10")]),
        ("BUS_DAILY", [("VELAY:LES_ESTABLES", "14:45"), (GARE_ROUTIERE, "15:50")]),
        ("BUS_SAT_SUN", [("VELAY:LES_ESTABLES", "17:00"), (GARE_ROUTIERE, "18:05")]),
        ("BUS_MON_FRI", [("VELAY:LES_ESTABLES", "18:15"), (GARE_ROUTIERE, "19:20")]),
    ]),
    # Every day of the year, meeting the Mézenc buses at Les Estables.
    ("VELAY:GERBIER", "Navette Gerbier", "Les Estables – Mont Gerbier de Jonc (horaires d'exemple / sample times)", [
        ("BUS_DAILY", [("VELAY:LES_ESTABLES", "10:15"), ("VELAY:GERBIER", "10:40")]),
        ("BUS_DAILY", [("VELAY:LES_ESTABLES", "12:05"), ("VELAY:GERBIER", "12:30")]),
        ("BUS_DAILY", [("VELAY:GERBIER", "14:00"), ("VELAY:LES_ESTABLES", "14:25")]),
        ("BUS_DAILY", [("VELAY:GERBIER", "16:15"), ("VELAY:LES_ESTABLES", "16:40")]),
    ]),
    ("VELAY:CHAISE_DIEU", "Chaise-Dieu", "Le Puy-en-Velay – La Chaise-Dieu (horaires d'exemple / sample times)", [
        ("BUS_MON_SAT", [(GARE_ROUTIERE, "08:45"), ("VELAY:CHAISE_DIEU", "09:50")]),
        ("BUS_MON_SAT", [(GARE_ROUTIERE, "12:15"), ("VELAY:CHAISE_DIEU", "13:20")]),
        ("BUS_MON_SAT", [(GARE_ROUTIERE, "17:30"), ("VELAY:CHAISE_DIEU", "18:35")]),
        ("BUS_MON_SAT", [("VELAY:CHAISE_DIEU", "07:10"), (GARE_ROUTIERE, "08:15")]),
        ("BUS_MON_SAT", [("VELAY:CHAISE_DIEU", "14:50"), (GARE_ROUTIERE, "15:55")]),
        ("BUS_SUN", [(GARE_ROUTIERE, "09:30"), ("VELAY:CHAISE_DIEU", "10:35")]),
        ("BUS_SAT_SUN", [("VELAY:CHAISE_DIEU", "17:10"), (GARE_ROUTIERE, "18:15")]),
        ("BUS_MON_FRI", [("VELAY:CHAISE_DIEU", "18:10"), (GARE_ROUTIERE, "19:15")]),
        # The Friday-night bus home from the festival season runs past midnight.
        ("BUS_FRI", [(GARE_ROUTIERE, "23:40"), ("VELAY:CHAISE_DIEU", "24:45")]),
    ]),
    ("VELAY:GORGES_ALLIER", "Gorges", "Langeac – Prades – Monistrol-d'Allier, gorges de l'Allier (sample times)", [
        ("BUS_DAILY", [(LANGEAC, "09:10"), ("VELAY:SAINT_ARCONS", "09:22"), ("VELAY:PRADES", "09:32"), ("VELAY:MONISTROL_BOURG", "09:50")]),
        ("BUS_DAILY", [(LANGEAC, "14:30"), ("VELAY:SAINT_ARCONS", "14:42"), ("VELAY:PRADES", "14:52"), ("VELAY:MONISTROL_BOURG", "15:10")]),
        ("BUS_DAILY", [("VELAY:MONISTROL_BOURG", "12:00"), ("VELAY:PRADES", "12:18"), ("VELAY:SAINT_ARCONS", "12:28"), (LANGEAC, "12:40")]),
        ("BUS_DAILY", [("VELAY:MONISTROL_BOURG", "17:15"), ("VELAY:PRADES", "17:33"), ("VELAY:SAINT_ARCONS", "17:43"), (LANGEAC, "17:55")]),
    ]),
    # SNCF runs a real coach line P85 between Langeac and Le Puy, but no times of it are in the
    # shared data (the national feed has its trip numbers and days, not its stop times): this is
    # a sample in its place, under our agency and route id, not SNCF's.
    ("VELAY:P85", "P85", "Langeac – Le Puy-en-Velay, car (horaires d'exemple / sample times)", [
        ("BUS_MON_SAT", [(LANGEAC, "07:10"), (PUY, "08:10")]),
        ("BUS_MON_SAT", [(LANGEAC, "15:00"), (PUY, "16:00")]),
        ("BUS_MON_SAT", [(PUY, "10:50"), (LANGEAC, "11:50")]),
        ("BUS_MON_SAT", [(PUY, "17:45"), (LANGEAC, "18:45")]),
    ]),
]

# The sample services' days of the week, Monday first. On a public holiday every service
# follows its Sunday flag, like the trains.
SAMPLE_SERVICES = {
    "BUS_DAILY": [1, 1, 1, 1, 1, 1, 1],
    "BUS_MON_SAT": [1, 1, 1, 1, 1, 1, 0],
    "BUS_MON_FRI": [1, 1, 1, 1, 1, 0, 0],
    "BUS_SAT_SUN": [0, 0, 0, 0, 0, 1, 1],
    "BUS_SUN": [0, 0, 0, 0, 0, 0, 1],
    "BUS_FRI": [0, 0, 0, 0, 1, 0, 0],
}


def easter(year):
    """Anonymous Gregorian algorithm (Meeus/Jones/Butcher)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = b // 4, b % 4
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = c // 4, c % 4
    l = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * l) // 451
    month = (h + l - 7 * m + 114) // 31
    day = (h + l - 7 * m + 114) % 31 + 1
    return dt.date(year, month, day)


def holidays(year):
    """The eleven French public holidays."""
    e = easter(year)
    fixed = [(1, 1), (5, 1), (5, 8), (7, 14), (8, 15), (11, 1), (11, 11), (12, 25)]
    return sorted([dt.date(year, m, d) for m, d in fixed] + [e + dt.timedelta(days=1), e + dt.timedelta(days=39),
                                                             e + dt.timedelta(days=50)])


def read(path, delimiter=","):
    with open(path, encoding="utf-8-sig", newline="") as f:
        return list(csv.DictReader(f, delimiter=delimiter))


def national_dates():
    """For each train number, the dates SNCF's national calendar runs it on (every trip whose
    trip_headsign is that number, the dates of its service), and the route ids it runs on."""
    services = collections.defaultdict(set)
    for r in read(os.path.join(NATIONAL, "calendar_dates.txt")):
        d = dt.datetime.strptime(r["date"], "%Y%m%d").date()
        if r["exception_type"] == "1":
            services[r["service_id"]].add(d)
    for r in read(os.path.join(NATIONAL, "calendar_dates.txt")):
        if r["exception_type"] == "2":
            services[r["service_id"]].discard(dt.datetime.strptime(r["date"], "%Y%m%d").date())
    dates, routes = collections.defaultdict(set), collections.defaultdict(set)
    for r in read(os.path.join(NATIONAL, "trips.txt")):
        dates[r["trip_headsign"]] |= services.get(r["service_id"], set())
        routes[r["trip_headsign"]].add(r["route_id"])
    return dates, routes


def weekly_pattern(dates):
    """The days of the week (Monday first, 1 = runs) a train runs on, from the dates SNCF's
    national calendar runs it on.

    The rule: count over the window's weeks (Monday to Sunday) in which the train runs on at
    least one day that is not a French public holiday; in those weeks, the train runs on a day of
    the week when it runs on at least half of those days, public holidays left out (the window
    holds two, Monday 25 December and Monday 1 January). Counting only the weeks the number
    exists keeps a train SNCF renumbered mid-window (873995 became 877957 on 10 February) on the
    days it ran; "at least half" of up to thirteen weeks ignores a school-holiday or works week.
    crates/core/tests/feed_days.rs applies the same rule.
    """
    lo, hi = WINDOW
    off = set(holidays(lo.year)) | set(holidays(hi.year))
    weeks = {d - dt.timedelta(days=d.weekday()) for d in dates if lo <= d <= hi and d not in off}
    flags = []
    for w in range(7):
        days = [m + dt.timedelta(days=w) for m in weeks]
        days = [d for d in days if d not in off]
        runs = sum(d in dates for d in days)
        flags.append(1 if days and 2 * runs >= len(days) else 0)
    return flags


def holiday_check(dates, flags):
    """The window's public holidays, in weeks the train runs, on which SNCF did not follow its
    Sunday flag."""
    lo, hi = WINDOW
    off = {h for y in (lo.year, hi.year) for h in holidays(y) if lo <= h <= hi}
    weeks = {d - dt.timedelta(days=d.weekday()) for d in dates if lo <= d <= hi and d not in off}
    return sorted(h for h in off if h - dt.timedelta(days=h.weekday()) in weeks and (h in dates) != bool(flags[6]))


def derived_trains(num_line, national_numbers):
    """The trains of the kept lines in the derived times: for each (number, line), the variants
    of its calls (after the cut), each with the SNCF trips that carry it and the ends those trips
    really have before the cut. Also the numbers that serve a line but are absent from the
    national calendar."""
    variants = collections.defaultdict(lambda: collections.defaultdict(set))
    ends = collections.defaultdict(set)
    absent = set()
    for file in TIME_FILES:
        by_trip = collections.defaultdict(list)
        for r in read(os.path.join(DERIVED, file), "\t"):
            by_trip[r["trip_id"]].append(r)
        for trip_id, rows in by_trip.items():
            m = re.match(r"OCESN(\d+)", trip_id)
            if not m or not rows[0]["stop_id"].startswith("StopPoint:OCETrain"):
                continue
            number = m.group(1)
            rows.sort(key=lambda r: int(r["stop_sequence"]))
            calls = tuple((r["stop_id"][-8:], r["arrival_time"], r["departure_time"]) for r in rows)
            uics = {c[0] for c in calls}
            line = num_line.get(number)
            if line is None:
                if number not in national_numbers and any(s["serve"] <= uics for s in LINES.values()):
                    absent.add(number)
                continue
            spec = LINES[line]
            if not spec["serve"] <= uics:
                continue
            full = calls
            if spec["cut"]:
                order = [c[0] for c in calls]
                a, b = (order.index(u) for u in spec["cut"])
                calls = calls[min(a, b):max(a, b) + 1]
            # The SNCF trip is the trip_id without its edit stamp (`OCESN…F…`).
            variants[(number, line)][calls].add(trip_id.split(":")[0])
            ends[number].add((full[0][0], full[-1][0]))
    return variants, ends, absent


def choose(variants):
    """A train's kept variant: the calls carried by the most SNCF trips, then the most calls,
    then the first in order."""
    return sorted(variants.items(), key=lambda kv: (-len(kv[1]), -len(kv[0]), kv[0]))[0][0]


def describe(line, number, calls, ends, names):
    """The headsign and the `velay_calls_note` of a trip: where its known calls end, when the
    train goes on beyond them. `ends` are the first and last calls of the train's runs in the
    data before the cut."""
    first, last = calls[0][0], calls[-1][0]
    headsign, notes = names[last], []
    if line == "P17":
        if last == LUC:
            headsign = f"{names[LUC]}, continues towards {CEVENOL_ONWARD} (times not bundled)"
            notes.append(f"SNCF line Clermont-Ferrand - {CEVENOL_ONWARD}: the data keeps no call after "
                         f"{names[LUC]} and none at {names[LANGOGNE]}.")
        elif first == LUC:
            notes.append(f"Comes from the {CEVENOL_ONWARD} direction: the data keeps no call before "
                         f"{names[LUC]} and none at {names[LANGOGNE]}.")
        elif last == CHAPEAUROUX:
            notes.append(f"Last call in the data: {names[CHAPEAUROUX]}. The data has no call at "
                         f"{names[LANGOGNE]} on any train, so whether it runs on there is not known.")
        elif first == CHAPEAUROUX:
            notes.append(f"First call in the data: {names[CHAPEAUROUX]}. The data has no call at "
                         f"{names[LANGOGNE]} on any train, so whether it starts there is not known.")
    if LINES[line]["cut"]:
        after = sorted({names[b] for a, b in ends if b != last})
        before = sorted({names[a] for a, b in ends if a != first})
        if after:
            every = all(b != last for a, b in ends)
            if every:
                headsign = f"{names[last]}, continues to {', '.join(after)} (times not bundled)"
            notes.append(f"{'Every run' if every else 'Some runs'} of train {number} in the data "
                         f"{'goes' if every else 'go'} on from {names[last]} to {', '.join(after)}; "
                         "those calls are not bundled.")
        if before:
            every = all(a != first for a, b in ends)
            notes.append(f"{'Every run' if every else 'Some runs'} of train {number} in the data "
                         f"{'starts' if every else 'start'} before {names[first]}, at {', '.join(before)}; "
                         "those calls are not bundled.")
    return headsign, " ".join(notes)


def main():
    national_stops = {r["stop_id"]: r for r in read(os.path.join(NATIONAL, "stops.txt"))}
    national_routes = {r["route_id"]: r for r in read(os.path.join(NATIONAL, "routes.txt"))}
    names = {sid[-8:]: s["stop_name"] for sid, s in national_stops.items() if sid.startswith("StopArea:OCE")}
    dates, number_routes = national_dates()
    line_of_route = {rid: short for short, spec in LINES.items() for rid in spec["routes"]}
    num_line = {}
    for number, rids in number_routes.items():
        lines = {line_of_route[r] for r in rids if r in line_of_route}
        assert len(lines) <= 1, (number, lines)
        if lines:
            num_line[number] = lines.pop()
    variants, ends, absent = derived_trains(num_line, set(dates))

    trains = []  # (line, number, calls, flags)
    for (number, line), by_calls in variants.items():
        calls = choose(by_calls)
        flags = weekly_pattern(dates[number])
        trains.append((line, number, calls, flags))
    trains.sort(key=lambda t: (list(LINES).index(t[0]), t[2][0][2], t[1]))
    empty = [t[1] for t in trains if not any(t[3])]
    assert not empty, f"trains with no day in the national calendar: {empty}"

    used_stops = sorted({c[0] for (_, _, calls, _) in trains for c in calls} | set(EXTRA_STATIONS))
    os.makedirs(OUT, exist_ok=True)

    def write(name, header, rows):
        with open(os.path.join(OUT, name), "w", encoding="utf-8", newline="") as f:
            w = csv.writer(f, lineterminator="\n")
            w.writerow(header)
            w.writerows(rows)

    write("agency.txt", ["agency_id", "agency_name", "agency_url", "agency_timezone", "agency_lang"], [
        ["SNCF", "SNCF TER Auvergne-Rhône-Alpes", "https://www.ter.sncf.com/auvergne-rhone-alpes", "Europe/Paris", "fr"],
        ["VELAY", "Bus du Velay (horaires d'exemple / sample times)", "https://www.haute-loire.fr", "Europe/Paris", "fr"],
    ])
    stop_rows = []
    for uic in used_stops:
        s = national_stops["StopArea:OCE" + uic]
        stop_rows.append([s["stop_id"], s["stop_name"], s["stop_lat"], s["stop_lon"], "0"])
    for sid, name, lat, lon in BUS_STOPS:
        stop_rows.append([sid, name, f"{lat:.4f}", f"{lon:.4f}", "0"])
    write("stops.txt", ["stop_id", "stop_name", "stop_lat", "stop_lon", "location_type"], stop_rows)

    route_rows = []
    for short, spec in LINES.items():
        r = national_routes[spec["routes"][0]]
        route_rows.append([r["route_id"], "SNCF", short, spec["long"], "TER, SNCF open data (ODbL)", "2",
                           r["route_color"], r["route_text_color"], "0"])
    for rid, short, long, _ in SAMPLE_LINES:
        route_rows.append([rid, "VELAY", short, long, SAMPLE_DESC, "3", "8A5A2B", "FFFFFF", "1"])
    write("routes.txt", ["route_id", "agency_id", "route_short_name", "route_long_name", "route_desc", "route_type",
                         "route_color", "route_text_color", "velay_sample"], route_rows)

    trip_rows, time_rows, services = [], [], set()
    stop_names = {r[0]: r[1] for r in stop_rows}
    for line, number, calls, flags in trains:
        service = "TER_" + "".join(str(f) for f in flags)
        services.add(service)
        trip_id = f"OCESN{number}"
        headsign, note = describe(line, number, calls, ends[number], names)
        trip_rows.append([LINES[line]["routes"][0], service, trip_id, headsign, number, note])
        previous = 0
        for seq, (uic, arr, dep) in enumerate(calls, 1):
            arr_s, dep_s = secs(arr), secs(dep)
            # A trip crossing midnight counts on from 24:00 (the source sometimes restarts at 00:00).
            while arr_s < previous:
                arr_s, dep_s = arr_s + 86400, dep_s + 86400
            previous = dep_s
            time_rows.append([trip_id, hms(arr_s), hms(dep_s), "StopArea:OCE" + uic, seq])
    for rid, short, long, trips in SAMPLE_LINES:
        for i, (service, calls) in enumerate(trips, 1):
            services.add(service)
            trip_id = f"{rid.split(':')[-1]}-SAMPLE-{i:02d}"
            trip_rows.append([rid, service, trip_id, stop_names[calls[-1][0]], "", ""])
            for seq, (stop, hhmm) in enumerate(calls, 1):
                time_rows.append([trip_id, hhmm + ":00", hhmm + ":00", stop, seq])
    write("trips.txt", ["route_id", "service_id", "trip_id", "trip_headsign", "trip_short_name", "velay_calls_note"],
          trip_rows)
    write("stop_times.txt", ["trip_id", "arrival_time", "departure_time", "stop_id", "stop_sequence"], time_rows)

    write_calendars(sorted(services))
    write("feed_info.txt", ["feed_publisher_name", "feed_publisher_url", "feed_lang", "feed_start_date",
                            "feed_end_date", "feed_version"], [[
        "Velay companion: SNCF TER times (SNCF open data, ODbL) and SAMPLE bus times",
        "https://ressources.data.sncf.com/explore/dataset/sncf-ter-gtfs/", "fr",
        FIRST.strftime("%Y%m%d"), LAST.strftime("%Y%m%d"),
        "2026.2 (real TER times, stops and train numbers of spring 2024, on the weekdays of SNCF's "
        "calendar of 18 Dec 2023 - 17 Mar 2024, replayed on 2026-2030 dates; bus times are samples)"]])

    for line, number, _, flags in trains:
        off = holiday_check(dates[number], flags)
        if off:
            print(f"note: {line} {number} ({pattern_name(flags)}) on "
                  f"{', '.join(str(d) for d in off)} did not follow its Sunday pattern in SNCF's calendar")
    print(f"{len(trains)} trains ({', '.join(f'{l} {sum(t[0] == l for t in trains)}' for l in LINES)}); "
          f"dropped, absent from the national calendar: {len(absent)} ({', '.join(sorted(absent))}); "
          f"{len(trip_rows) - len(trains)} sample buses, {len(stop_rows)} stops -> {OUT}")


def pattern_name(flags):
    return "".join("MTWTFSS"[i] if f else "." for i, f in enumerate(flags))


def write_calendars(services):
    """Weekly rules from 2026-01-01 to 2030-12-31, and French public holidays as exceptions:
    on a holiday every service follows its Sunday flag (weekday and Saturday services stop,
    Sunday services run)."""
    cal_rows, date_rows = [], []
    for s in services:
        days = [int(c) for c in s[4:]] if s.startswith("TER_") else SAMPLE_SERVICES[s]
        cal_rows.append([s] + days + [FIRST.strftime("%Y%m%d"), LAST.strftime("%Y%m%d")])
        for y in range(FIRST.year, LAST.year + 1):
            for h in holidays(y):
                runs_that_weekday, runs_sunday = days[h.weekday()] == 1, days[6] == 1
                if runs_that_weekday and not runs_sunday:
                    date_rows.append([s, h.strftime("%Y%m%d"), 2])
                elif runs_sunday and not runs_that_weekday:
                    date_rows.append([s, h.strftime("%Y%m%d"), 1])
    date_rows.sort(key=lambda r: (r[0], r[1]))
    header = ["service_id", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
              "start_date", "end_date"]
    with open(os.path.join(OUT, "calendar.txt"), "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(header)
        w.writerows(cal_rows)
    with open(os.path.join(OUT, "calendar_dates.txt"), "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["service_id", "date", "exception_type"])
        w.writerows(date_rows)


def secs(hms_text):
    h, m, s = (int(x) for x in hms_text.split(":"))
    return h * 3600 + m * 60 + s


def hms(total):
    return f"{total // 3600:02d}:{total // 60 % 60:02d}:{total % 60:02d}"


if __name__ == "__main__":
    main()
