#!/usr/bin/env python3
"""Load time and peak memory of nigiri (the C++ RAPTOR core of MOTIS, through pynigiri) on a GTFS
feed folder, to set beside our importer's (`cargo bench -p velay-core --features oracles --bench timetable` and
`--bench import_memory`).

The feed is loaded N times, each time in a fresh Python process (this script, run again with
--child), as pynigiri_compare.py loads it: `load_timetable` over the feed's whole calendar, with
nigiri's own stop linking off (link_stop_distance 0) and its footpath adjustment off. Each child
reports the seconds of the `load_timetable` call alone and the kernel's high-water mark of its
resident set (VmHWM in /proc/self/status, Linux only), before and after the load, and its resident
set once the load is done (VmRSS: the peak's transient buffers released). One more child
only starts Python and imports pynigiri, without loading anything: the baseline, measured in the
same run. Each child then asks one earliest-arrival query, Saint-Étienne Châteaucreux ->
Le Puy-en-Velay on 9 January 2024 at 08:30 (the station's platforms to the station's platforms),
after its peak for the load has been read, and times it (the first call, and the best of five).

nigiri's log (its timings per step and one line per skipped trip) goes to the child's stderr,
which is read here and only counted.

Run, from the project root:
    python3 scripts/bench/aura_feed.py            # the AURA feed, into target/bench-feeds/aura
    python3 -m venv .venv && .venv/bin/pip install pynigiri
    .venv/bin/python scripts/bench/nigiri_load.py [FEED_DIR] [-n N] [--nigiri-footpaths]

--nigiri-footpaths loads with nigiri's own defaults instead (stops within 100 m linked, footpaths
adjusted, chained up to 20 min): what MOTIS would do with a feed that has no transfers.txt.
"""

import argparse
import csv
import datetime as dt
import json
import statistics
import subprocess
import sys
import time
import zoneinfo
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DEFAULT_FEED = ROOT / "target" / "bench-feeds" / "aura"
QUERY = ("StopArea:OCE87726000", "StopArea:OCE87734699", "2024-01-09T08:30")  # expected 10:25, P28
MAX_TRANSFERS = 7  # the Rust benchmark's, 8 rides


def status_kib(field: str) -> int:
    with open("/proc/self/status") as f:
        return next(int(l.split()[1]) for l in f if l.startswith(field + ":"))


def vm_hwm_kib() -> int:
    return status_kib("VmHWM")


def feed_interval(feed: Path) -> tuple[str, str]:
    """The feed's first day and the day after its last, from calendar.txt and calendar_dates.txt."""
    days = []
    cal, dates = feed / "calendar.txt", feed / "calendar_dates.txt"
    if cal.exists():
        for r in csv.DictReader(open(cal, encoding="utf-8-sig")):
            days += [r["start_date"], r["end_date"]]
    if dates.exists():
        for r in csv.DictReader(open(dates, encoding="utf-8-sig")):
            if r["exception_type"].strip() == "1":
                days.append(r["date"])
    first, last = (dt.datetime.strptime(d.strip(), "%Y%m%d").date() for d in (min(days), max(days)))
    return str(first), str(last + dt.timedelta(days=1))


def feed_tz(feed: Path) -> str:
    return next(csv.DictReader(open(feed / "agency.txt", encoding="utf-8-sig")))["agency_timezone"]


def child(args) -> None:
    """In a fresh process: import pynigiri, and unless a baseline, load the feed and query it."""
    before_import = vm_hwm_kib()
    t = time.perf_counter()
    import pynigiri as ng

    out = {"import_s": time.perf_counter() - t, "hwm_start_kib": before_import, "hwm_imported_kib": vm_hwm_kib()}
    if args.child == "baseline":
        print(json.dumps(out))
        return
    src = ng.TimetableSource()
    src.tag, src.path = "feed", str(args.feed)
    src.loader_config = ng.LoaderConfig()
    opts = ng.FinalizeOptions()
    if not args.nigiri_footpaths:  # as pynigiri_compare.py: no stop linking of nigiri's own
        src.loader_config.link_stop_distance = 0
        opts.adjust_footpaths = False
    first, end = args.interval
    t = time.perf_counter()
    tt = ng.load_timetable([src], first, end, opts)
    out["load_s"] = time.perf_counter() - t
    out["hwm_loaded_kib"] = vm_hwm_kib()
    out["rss_after_kib"] = status_kib("VmRSS")  # what stays resident once the load is done
    out["counts"] = [tt.n_locations(), tt.n_routes(), tt.n_transports()]

    a, b = tt.find_location(QUERY[0]), tt.find_location(QUERY[1])
    if a is not None and b is not None:
        tz = zoneinfo.ZoneInfo(feed_tz(args.feed))
        q = ng.Query()
        q.start, q.destination = [ng.Offset(a, 0)], [ng.Offset(b, 0)]
        q.start_match_mode = q.dest_match_mode = ng.LocationMatchMode.ONLY_CHILDREN
        q.use_start_footpaths = True
        q.max_transfers = MAX_TRANSFERS
        q.start_time = int(dt.datetime.fromisoformat(QUERY[2]).replace(tzinfo=tz).timestamp()) // 60
        times = []
        for _ in range(5):
            t = time.perf_counter()
            journeys = ng.route(tt, q)
            times.append(time.perf_counter() - t)
        hhmm = lambda m: dt.datetime.fromtimestamp(m * 60, tz).strftime("%H:%M")
        best = min(journeys, key=lambda j: (j.arrival_time(), j.transfers), default=None)
        out["query"] = {
            "first_s": times[0],
            "best_s": min(times),
            "journeys": len(journeys),
            "arrival": best and hhmm(best.arrival_time()),
            "legs": best and [
                f"{tt.get_location_name(getattr(l, 'from'))} {hhmm(l.dep_time)} -> "
                f"{tt.get_location_name(l.to)} {hhmm(l.arr_time)}"
                for l in best.legs
            ],
        }
    print(json.dumps(out))


def run_child(kind: str, args) -> dict:
    cmd = [sys.executable, __file__, "--child", kind, str(args.feed), "--interval", *args.interval]
    if args.nigiri_footpaths:
        cmd.append("--nigiri-footpaths")
    t = time.perf_counter()
    p = subprocess.run(cmd, capture_output=True, text=True)
    wall = time.perf_counter() - t
    if p.returncode != 0:
        sys.exit(f"the {kind} child failed ({p.returncode}):\n{p.stderr[-3000:]}")
    out = json.loads(p.stdout.strip().splitlines()[-1])
    out["wall_s"] = wall
    out["skipped_trips"] = p.stderr.count("invalid event times, skipping")
    out["log_errors"] = sum("[error]" in l for l in p.stderr.splitlines())
    return out


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("feed", nargs="?", type=Path, default=DEFAULT_FEED)
    p.add_argument("-n", type=int, default=5, help="loads, each in a fresh process (default 5)")
    p.add_argument("--nigiri-footpaths", action="store_true", help="nigiri's default stop linking and footpaths")
    p.add_argument("--child", choices=["load", "baseline"], help=argparse.SUPPRESS)
    p.add_argument("--interval", nargs=2, help=argparse.SUPPRESS)
    args = p.parse_args()
    args.feed = args.feed.resolve()
    if args.child:
        child(args)
        return 0
    if not (args.feed / "stop_times.txt").is_file():
        sys.exit(f"no feed at {args.feed} (the AURA feed: python3 scripts/bench/aura_feed.py)")
    args.interval = feed_interval(args.feed)

    import pynigiri as ng

    version = getattr(ng, "__version__", "?")
    try:
        from importlib.metadata import version as dist_version

        version = f"{dist_version('pynigiri')} (its __version__ says {version})"
    except Exception:
        pass
    print(f"pynigiri {version}, Python {sys.version.split()[0]}")
    print(f"feed {args.feed}, interval [{args.interval[0]}, {args.interval[1]})")
    print("options: " + ("nigiri's defaults (link 100 m, adjust footpaths, chain 20 min)" if args.nigiri_footpaths
                         else "link_stop_distance 0, adjust_footpaths off (as pynigiri_compare.py)"))

    base = run_child("baseline", args)
    runs = [run_child("load", args) for _ in range(args.n)]
    mb = lambda kib: kib / 1024
    loads = [r["load_s"] * 1e3 for r in runs]
    peaks = [mb(r["hwm_loaded_kib"]) for r in runs]
    before = [mb(r["hwm_imported_kib"]) for r in runs]
    r0 = runs[0]
    print(f"nigiri: {r0['counts'][0]} locations, {r0['counts'][1]} routes, {r0['counts'][2]} transports; "
          f"{r0['skipped_trips']} trips skipped by nigiri (invalid event times), {r0['log_errors']} error lines in its log")
    print(f"load_timetable, {args.n} loads each in a fresh process: median {statistics.median(loads):.1f} ms, "
          f"min {min(loads):.1f} ms, max {max(loads):.1f} ms "
          f"(whole child process, Python start to exit: median {statistics.median(r['wall_s'] for r in runs) * 1e3:.0f} ms)")
    print(f"peak RSS (VmHWM) of a loading process: median {statistics.median(peaks):.1f} MB "
          f"(min {min(peaks):.1f}, max {max(peaks):.1f}); the same process before the load: "
          f"{statistics.median(before):.1f} MB, so the load adds {statistics.median(p - b for p, b in zip(peaks, before)):.1f} MB at its peak; "
          f"resident once loaded: {statistics.median(mb(r['rss_after_kib']) for r in runs):.1f} MB")
    print(f"baseline, Python + import pynigiri, no feed: peak RSS {mb(base['hwm_imported_kib']):.1f} MB "
          f"(Python alone before the import: {mb(base['hwm_start_kib']):.1f} MB; import {base['import_s'] * 1e3:.0f} ms)")
    qs = [r["query"] for r in runs if r.get("query")]
    if qs:
        q = qs[0]
        print(f"query {QUERY[0]} -> {QUERY[1]} {QUERY[2]}: arrival {q['arrival']} ({q['journeys']} journey(s)); "
              f"first call median {statistics.median(x['first_s'] for x in qs) * 1e3:.2f} ms, "
              f"best of five median {statistics.median(x['best_s'] for x in qs) * 1e3:.3f} ms (Python call included)")
        for leg in q["legs"] or []:
            print(f"  {leg}")
    else:
        print(f"query skipped: {QUERY[0]} or {QUERY[1]} is not in the feed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
