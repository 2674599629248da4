#!/usr/bin/env python3
"""Assembles the largest real feed we have into one standard, comma-separated GTFS folder, for
the import and planner benchmarks and for nigiri's load time on the same files.

    python3 scripts/bench/aura_feed.py [SHARED_DATA_DIR] [OUT_DIR]
    # defaults: ../shared/data and target/bench-feeds/aura

The stop times are SNCF's real TER stop times in Auvergne-Rhône-Alpes (spring 2024, all seven
TAB-separated files of sncf-ter-aura-2024-04-derived, about 121,000 rows), with their stops and
routes. Each trip's line and running days come from the national TER feed of 2023-12-18 beside
them, matched by train number (trip_headsign there, the digits after "OCESN" in the trip id
here), as ../shared/data/SOURCES.md says they must; a trip whose number is not in the national
feed is left out and counted. The `date` column (a version stamp, not a running day) is dropped.
The days run from 18 December 2023 to 17 March 2024: benchmark queries ask a day in January 2024.
Deterministic: the same inputs give the same files.
"""

import csv
import os
import re
import shutil
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.normpath(os.path.join(HERE, "..", ".."))
SHARED = sys.argv[1] if len(sys.argv) > 1 else os.path.normpath(os.path.join(ROOT, "..", "shared", "data"))
OUT = sys.argv[2] if len(sys.argv) > 2 else os.path.join(ROOT, "target", "bench-feeds", "aura")
NATIONAL = os.path.join(SHARED, "gtfs", "sncf-ter-2023-12-18-no-stop_times")
DERIVED = os.path.join(SHARED, "gtfs", "sncf-ter-aura-2024-04-derived")
TIME_FILES = [f"stop_times_{i}.txt" for i in range(7)]
TIME_COLUMNS = ["trip_id", "arrival_time", "departure_time", "stop_id", "stop_sequence",
                "stop_headsign", "pickup_type", "drop_off_type", "shape_dist_traveled"]
NUMBER = re.compile(r"^OCESN(\d+)F")


def rows(path, delimiter=","):
    with open(path, newline="", encoding="utf-8-sig") as f:
        yield from csv.DictReader(f, delimiter=delimiter)


def main():
    os.makedirs(OUT, exist_ok=True)
    for name in ["agency.txt", "calendar_dates.txt", "feed_info.txt"]:
        shutil.copyfile(os.path.join(NATIONAL, name), os.path.join(OUT, name))
    for name in ["stops.txt", "routes.txt"]:
        shutil.copyfile(os.path.join(DERIVED, name), os.path.join(OUT, name))

    # Train number -> (route_id, service_id) in the national feed; the first trip wins.
    national = {}
    for t in rows(os.path.join(NATIONAL, "trips.txt")):
        national.setdefault(t["trip_headsign"], (t["route_id"], t["service_id"]))
    derived_routes = {r["route_id"] for r in rows(os.path.join(DERIVED, "routes.txt"))}

    trips, left_out, kept_times = {}, set(), 0
    with open(os.path.join(OUT, "stop_times.txt"), "w", newline="", encoding="utf-8") as out:
        w = csv.writer(out, lineterminator="\n")
        w.writerow(TIME_COLUMNS)
        for name in TIME_FILES:
            for r in rows(os.path.join(DERIVED, name), delimiter="\t"):
                trip = r["trip_id"]
                if trip not in trips and trip not in left_out:
                    m = NUMBER.match(trip)
                    found = national.get(m.group(1)) if m else None
                    if found and found[0] in derived_routes:
                        trips[trip] = (found[0], found[1], m.group(1))
                    else:
                        left_out.add(trip)
                if trip in trips:
                    w.writerow([r.get(c, "") for c in TIME_COLUMNS])
                    kept_times += 1
    with open(os.path.join(OUT, "trips.txt"), "w", newline="", encoding="utf-8") as out:
        w = csv.writer(out, lineterminator="\n")
        w.writerow(["route_id", "service_id", "trip_id", "trip_headsign"])
        for trip in sorted(trips):
            route, service, number = trips[trip]
            w.writerow([route, service, trip, number])
    print(f"{OUT}: {len(trips)} trips, {kept_times} stop times; "
          f"{len(left_out)} trips left out (train number or line not in the national feed)")


if __name__ == "__main__":
    main()
