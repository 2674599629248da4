#!/usr/bin/env python3
"""Builds routes-data/gtfs, the timetable the app ships, from the SNCF open data kept in the
team's shared data folder, plus the sample bus lines written below.

    python3 scripts/gtfs/build_feed.py [SHARED_DATA_DIR]   # default ../shared/data

Train times: the real TER stop times of Monday 2024-04-08 (run Monday to Friday), Saturday
2024-04-13 and Sunday 2024-04-14 (sncf-ter-aura-2024-04-derived). The weekend files are partial:
for a line they lack, the Monday trains whose number ran on Saturdays (Sundays) in the national
TER feed of 2023-12-18 (trips.txt + calendar_dates.txt) run on Saturdays (Sundays). Both SNCF
open data, ODbL.
Bus times are made up (sample) and flagged so in routes.txt (velay_sample = 1).
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

# The source files of real times, and the day of the week each stands for.
TIME_FILES = [("stop_times_0.txt", "2024-04-08", "weekday"), ("stop_times_5.txt", "2024-04-13", "saturday"),
              ("stop_times_6.txt", "2024-04-14", "sunday")]

# Lines kept, by SNCF short name, with the stations a trip must serve (UIC codes) to be kept and
# the two ends it is cut to (None keeps the whole trip).
LINES = {
    "P28": dict(long="Saint-Étienne - Le Puy-en-Velay", serve={"87726000", "87734699"}, cut=None),
    "C18": dict(long="Lyon Part-Dieu - Saint-Étienne", serve={"87723197", "87726000"}, cut=("87723197", "87726000")),
    "P37": dict(long="Clermont-Ferrand - Le Puy-en-Velay", serve={"87734004", "87734699"}, cut=None),
    "P17": dict(long="Clermont-Ferrand - Langeac - Langogne (Cévenol)", serve={"87734319", "87734335"}, cut=None),
}

FIRST, LAST = dt.date(2026, 1, 1), dt.date(2027, 12, 31)

# Stations on the lines that no kept trip calls at in the derived times (Langogne, on the
# Cévenol, has no call there), listed so walking routes can name them.
EXTRA_STATIONS = ["87734350"]

# Bus stops shared with the walking routes: real places, exact ids, names and coordinates.
BUS_STOPS = [
    ("VELAY:LE_PUY_GARE_ROUTIERE", "Le Puy-en-Velay – Gare routière", 45.0424, 3.8917),
    ("VELAY:CHAISE_DIEU", "La Chaise-Dieu – Abbaye", 45.3222, 3.6990),
    ("VELAY:LES_ESTABLES", "Les Estables – Bourg", 44.9036, 4.1556),
    ("VELAY:GERBIER", "Mont Gerbier de Jonc – Ferme de Bourlatier", 44.8440, 4.2165),
    ("VELAY:SAINT_ARCONS", "Saint-Arcons-d'Allier – Bourg", 45.0713, 3.5567),
    ("VELAY:PRADES", "Prades – Bourg", 45.0435, 3.5873),
    ("VELAY:MONISTROL_BOURG", "Monistrol-d'Allier – Bourg", 44.9700, 3.6486),
]
PUY, LANGEAC = "StopArea:OCE87734699", "StopArea:OCE87734319"
GARE_ROUTIERE = "VELAY:LE_PUY_GARE_ROUTIERE"

# Sample lines: (route_id, short, long, agency, route_type, [(service, [(stop, "HH:MM"), ...]), ...]).
SAMPLE_LINES = [
    ("VELAY:MEZENC", "Mézenc", "Le Puy-en-Velay – Les Estables (horaires d'exemple / sample times)", "VELAY", 3, [
        ("BUS_MON_SAT", [(GARE_ROUTIERE, "09:00"), ("VELAY:LES_ESTABLES", "10:05")]),
        ("BUS_MON_SAT", [(GARE_ROUTIERE, "12:40"), ("VELAY:LES_ESTABLES", "13:45")]),
        ("BUS_MON_SAT", [(GARE_ROUTIERE, "17:45"), ("VELAY:LES_ESTABLES", "18:50")]),
        ("BUS_MON_SAT", [("VELAY:LES_ESTABLES", "07:00"), (GARE_ROUTIERE, "08:05")]),
        ("BUS_MON_SAT", [("VELAY:LES_ESTABLES", "14:00"), (GARE_ROUTIERE, "15:05")]),
        ("BUS_MON_SAT", [("VELAY:LES_ESTABLES", "17:00"), (GARE_ROUTIERE, "18:05")]),
    ]),
    ("VELAY:GERBIER", "Navette Gerbier", "Les Estables – Mont Gerbier de Jonc, navette d'été (sample times)", "VELAY", 3, [
        ("BUS_SUMMER", [("VELAY:LES_ESTABLES", "10:15"), ("VELAY:GERBIER", "10:40")]),
        ("BUS_SUMMER", [("VELAY:GERBIER", "16:15"), ("VELAY:LES_ESTABLES", "16:40")]),
    ]),
    ("VELAY:CHAISE_DIEU", "Chaise-Dieu", "Le Puy-en-Velay – La Chaise-Dieu (horaires d'exemple / sample times)", "VELAY", 3, [
        ("BUS_MON_SAT", [(GARE_ROUTIERE, "08:45"), ("VELAY:CHAISE_DIEU", "09:50")]),
        ("BUS_MON_SAT", [(GARE_ROUTIERE, "12:15"), ("VELAY:CHAISE_DIEU", "13:20")]),
        ("BUS_MON_SAT", [(GARE_ROUTIERE, "17:30"), ("VELAY:CHAISE_DIEU", "18:35")]),
        ("BUS_MON_SAT", [("VELAY:CHAISE_DIEU", "07:00"), (GARE_ROUTIERE, "08:05")]),
        ("BUS_MON_SAT", [("VELAY:CHAISE_DIEU", "13:45"), (GARE_ROUTIERE, "14:50")]),
        ("BUS_MON_SAT", [("VELAY:CHAISE_DIEU", "16:45"), (GARE_ROUTIERE, "17:50")]),
        ("BUS_SUN", [(GARE_ROUTIERE, "09:30"), ("VELAY:CHAISE_DIEU", "10:35")]),
        ("BUS_SUN", [("VELAY:CHAISE_DIEU", "17:30"), (GARE_ROUTIERE, "18:35")]),
        # The Friday-night bus home from the festival season runs past midnight.
        ("BUS_FRI", [(GARE_ROUTIERE, "23:40"), ("VELAY:CHAISE_DIEU", "24:45")]),
    ]),
    ("VELAY:GORGES_ALLIER", "Gorges", "Langeac – Prades – Monistrol-d'Allier, gorges de l'Allier (sample times)", "VELAY", 3, [
        ("BUS_MON_SAT_SUMMER_SUN", [(LANGEAC, "09:10"), ("VELAY:SAINT_ARCONS", "09:22"), ("VELAY:PRADES", "09:32"), ("VELAY:MONISTROL_BOURG", "09:50")]),
        ("BUS_MON_SAT_SUMMER_SUN", [(LANGEAC, "14:30"), ("VELAY:SAINT_ARCONS", "14:42"), ("VELAY:PRADES", "14:52"), ("VELAY:MONISTROL_BOURG", "15:10")]),
        ("BUS_MON_SAT_SUMMER_SUN", [("VELAY:MONISTROL_BOURG", "12:00"), ("VELAY:PRADES", "12:18"), ("VELAY:SAINT_ARCONS", "12:28"), (LANGEAC, "12:40")]),
        ("BUS_MON_SAT_SUMMER_SUN", [("VELAY:MONISTROL_BOURG", "17:15"), ("VELAY:PRADES", "17:33"), ("VELAY:SAINT_ARCONS", "17:43"), (LANGEAC, "17:55")]),
    ]),
    # The real SNCF coach line P85 has no times in the derived data: sample times, flagged.
    ("FR:Line::83BD4C83-E9A7-46E1-91EA-B4D5D424CA05:", "P85", "Langeac - Le Puy-en-Velay, car TER (sample times)", "SNCF", 3, [
        ("BUS_MON_SAT", [(LANGEAC, "07:05"), (PUY, "08:05")]),
        ("BUS_MON_SAT", [(LANGEAC, "13:10"), (PUY, "14:10")]),
        ("BUS_MON_SAT", [(PUY, "12:00"), (LANGEAC, "13:00")]),
        ("BUS_MON_SAT", [(PUY, "18:15"), (LANGEAC, "19:15")]),
    ]),
]


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


def train_weekdays():
    """For each train number, the days of the week (0 = Monday) it ran in the 2023-12 feed,
    counted over ordinary weeks (2024-01-08 to 2024-03-10, no public holiday in France)."""
    services = collections.defaultdict(set)
    lo, hi = "20240108", "20240310"
    for r in read(os.path.join(NATIONAL, "calendar_dates.txt")):
        if r["exception_type"] == "1" and lo <= r["date"] <= hi:
            services[r["service_id"]].add(dt.datetime.strptime(r["date"], "%Y%m%d").date())
    days = collections.defaultdict(collections.Counter)
    for r in read(os.path.join(NATIONAL, "trips.txt")):
        for d in services.get(r["service_id"], ()):
            days[r["trip_headsign"]][d] += 1
    out = {}
    for number, dates in days.items():
        per_weekday = collections.Counter(d.weekday() for d in dates)
        # A train "runs on Mondays" when it ran on most of the nine Mondays of the period.
        out[number] = {w for w in range(7) if per_weekday[w] >= 5}
    return out


def main():
    national_stops = {r["stop_id"]: r for r in read(os.path.join(NATIONAL, "stops.txt"))}
    routes = {}
    for r in read(os.path.join(NATIONAL, "routes.txt")):
        if r["route_short_name"] in LINES and r["route_long_name"].startswith(
                {"P28": "Saint-Étienne - Le Puy", "C18": "Ambérieu - Saint-Étienne",
                 "P37": "Clermont-Ferrand - Le Puy", "P17": "Clermont-Ferrand - Nîmes"}[r["route_short_name"]]):
            routes[r["route_short_name"]] = r
    num2line = {}
    route_short = {rid: r["route_short_name"] for rid, r in
                   ((r["route_id"], r) for r in read(os.path.join(NATIONAL, "routes.txt")))}
    for r in read(os.path.join(NATIONAL, "trips.txt")):
        num2line.setdefault(r["trip_headsign"], route_short.get(r["route_id"]))
    weekdays = train_weekdays()

    # The most common variant of each train on each source date, and the lines each date has.
    per_date, lines_on = {}, {}
    for file, date, kind in TIME_FILES:
        by_trip = collections.defaultdict(list)
        for r in read(os.path.join(DERIVED, file), "\t"):
            by_trip[r["trip_id"]].append(r)
        variants = collections.defaultdict(collections.Counter)
        for trip_id, rows in by_trip.items():
            number = re.match(r"OCESN(\d+)", trip_id).group(1)
            line = num2line.get(number)
            if line not in LINES or not rows[0]["stop_id"].startswith("StopPoint:OCETrain"):
                continue
            rows.sort(key=lambda r: int(r["stop_sequence"]))
            calls = tuple((r["stop_id"][-8:], r["arrival_time"], r["departure_time"]) for r in rows)
            uics = [c[0] for c in calls]
            spec = LINES[line]
            if not spec["serve"] <= set(uics):
                continue
            if spec["cut"]:
                a, b = (uics.index(u) for u in spec["cut"])
                calls = calls[min(a, b):max(a, b) + 1]
            variants[(number, line)][calls] += 1
        per_date[kind] = {k: sorted(c.items(), key=lambda kv: (-kv[1], kv[0]))[0][0] for k, c in variants.items()}
        lines_on[kind] = {line for (_, line) in per_date[kind]}

    # Days: Monday to Friday for the Monday's trains; Saturday and Sunday for those dates' trains.
    # A line missing from the (partial) Saturday or Sunday file gets, on that day, the Monday
    # trains whose number ran on that day of the week in the 2023-12 calendar.
    trains = collections.defaultdict(set)  # (number, line, calls) -> {"weekday", "saturday", "sunday"}
    for (number, line), calls in per_date["weekday"].items():
        trains[(number, line, calls)].add("weekday")
        for kind, weekday in (("saturday", 5), ("sunday", 6)):
            if line not in lines_on[kind] and weekday in weekdays.get(number, set()):
                trains[(number, line, calls)].add(kind)
    for kind in ("saturday", "sunday"):
        for (number, line), calls in per_date[kind].items():
            trains[(number, line, calls)].add(kind)

    def service_of(kinds):
        flags = ("11111" if "weekday" in kinds else "00000") + ("1" if "saturday" in kinds else "0") + (
            "1" if "sunday" in kinds else "0")
        return "TER_" + flags

    used_stops = sorted({c[0] for (_, _, calls) in trains for c in calls} | set(EXTRA_STATIONS))
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
        r = routes[short]
        route_rows.append([r["route_id"], "SNCF", short, spec["long"], "TER, SNCF open data (ODbL)", "2",
                           r["route_color"], r["route_text_color"], "0"])
    for rid, short, long, agency, rtype, _ in SAMPLE_LINES:
        route_rows.append([rid, agency, short, long, "SAMPLE times, not an operator timetable", str(rtype),
                           "8A5A2B", "FFFFFF", "1"])
    write("routes.txt", ["route_id", "agency_id", "route_short_name", "route_long_name", "route_desc", "route_type",
                         "route_color", "route_text_color", "velay_sample"], route_rows)

    trip_rows, time_rows, services = [], [], set()
    names = {r[0]: r[1] for r in stop_rows}
    count = collections.Counter(number for (number, _, _) in trains)
    for (number, line, calls), kinds in sorted(trains.items(), key=lambda kv: (kv[0][1], kv[0][2][0][2], kv[0][0])):
        service = service_of(kinds)
        services.add(service)
        # A train with different times on different days gets one trip per variant.
        trip_id = f"OCESN{number}" if count[number] == 1 else f"OCESN{number}-{service[4:]}"
        trip_rows.append([routes[line]["route_id"], service, trip_id, names["StopArea:OCE" + calls[-1][0]], number])
        previous = 0
        for seq, (uic, arr, dep) in enumerate(calls, 1):
            arr_s, dep_s = secs(arr), secs(dep)
            # A trip crossing midnight counts on from 24:00 (the source sometimes restarts at 00:00).
            while arr_s < previous:
                arr_s, dep_s = arr_s + 86400, dep_s + 86400
            previous = dep_s
            time_rows.append([trip_id, hms(arr_s), hms(dep_s), "StopArea:OCE" + uic, seq])
    for rid, short, long, agency, rtype, trips in SAMPLE_LINES:
        for i, (service, calls) in enumerate(trips, 1):
            services.add(service)
            trip_id = f"{rid.split(':')[-1] or 'P85'}-SAMPLE-{i:02d}" if agency == "VELAY" else f"P85-SAMPLE-{i:02d}"
            trip_rows.append([rid, service, trip_id, names[calls[-1][0]], ""])
            for seq, (stop, hhmm) in enumerate(calls, 1):
                time_rows.append([trip_id, hhmm + ":00", hhmm + ":00", stop, seq])
    write("trips.txt", ["route_id", "service_id", "trip_id", "trip_headsign", "trip_short_name"], trip_rows)
    write("stop_times.txt", ["trip_id", "arrival_time", "departure_time", "stop_id", "stop_sequence"], time_rows)

    write_calendars(sorted(services))
    write("feed_info.txt", ["feed_publisher_name", "feed_publisher_url", "feed_lang", "feed_start_date",
                            "feed_end_date", "feed_version"], [[
        "Velay companion: SNCF TER times (SNCF open data, ODbL) and SAMPLE bus times",
        "https://ressources.data.sncf.com/explore/dataset/sncf-ter-gtfs/", "fr",
        FIRST.strftime("%Y%m%d"), LAST.strftime("%Y%m%d"),
        "2026.1 (TER times of 2024-04-08/13/14; bus times are samples)"]])
    print(f"{len(trains)} trains, {len(trip_rows) - len(trains)} sample buses, {len(stop_rows)} stops -> {OUT}")


def write_calendars(services):
    """Weekly rules from 2026-01-01 to 2027-12-31, and French public holidays as exceptions:
    on a holiday, weekday and Saturday services stop and Sunday services run."""
    rules = {}
    for s in services:
        if s.startswith("TER_"):
            rules[s] = [int(c) for c in s[4:]]
    rules.update({
        "BUS_MON_SAT": [1, 1, 1, 1, 1, 1, 0],
        "BUS_SUN": [0, 0, 0, 0, 0, 0, 1],
        "BUS_FRI": [0, 0, 0, 0, 1, 0, 0],
        "BUS_SUMMER": [1, 1, 1, 1, 1, 1, 1],
        "BUS_MON_SAT_SUMMER_SUN": [1, 1, 1, 1, 1, 1, 0],
    })
    cal_rows, date_rows = [], []
    for s in services:
        days = rules[s]
        if s == "BUS_SUMMER":
            for y in (2026, 2027):
                # Summer only: 1 July to 31 August, every day.
                d = dt.date(y, 7, 1)
                while d <= dt.date(y, 8, 31):
                    date_rows.append([s, d.strftime("%Y%m%d"), 1])
                    d += dt.timedelta(days=1)
            continue
        cal_rows.append([s] + days + [FIRST.strftime("%Y%m%d"), LAST.strftime("%Y%m%d")])
        for y in (2026, 2027):
            for h in holidays(y):
                runs_that_weekday, runs_sunday = days[h.weekday()] == 1, days[6] == 1
                if runs_that_weekday and not runs_sunday:
                    date_rows.append([s, h.strftime("%Y%m%d"), 2])
                elif runs_sunday and not runs_that_weekday:
                    date_rows.append([s, h.strftime("%Y%m%d"), 1])
            if s == "BUS_MON_SAT_SUMMER_SUN":
                d = dt.date(y, 7, 1)
                while d <= dt.date(y, 8, 31):
                    if d.weekday() == 6:
                        date_rows.append([s, d.strftime("%Y%m%d"), 1])
                    d += dt.timedelta(days=1)
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
