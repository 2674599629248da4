#!/usr/bin/env python3
"""Runs the planner benchmark's 1,000 earliest-arrival queries through pynigiri (the C++ RAPTOR
core of the MOTIS journey planner) and checks its arrivals against ours.

The queries, our answers and our walking links come from the Rust benchmark, which writes them
to target/planner-bench/ (`cargo bench -p velay-core --features oracles --bench timetable -- queries`). The feed is
given to nigiri with our walking links as transfers.txt (type 2, our seconds; a stop to itself is
its change time) and nigiri's own stop linking turned off, so both planners walk the same links.

nigiri counts in whole minutes: pynigiri 0.1.5 makes a walk of s seconds max(2, floor(s / 60))
minutes (95 s and 18 s become 2 min, 179 s too, 637 s becomes 10), so its arrival may differ from
ours by a minute or two after walks; the report counts exact agreement (our arrival rounded up to
the minute) and agreement within 2 minutes apart. `pynigiri_disagreements.py` explains the
queries further apart, one by one.

Run, from the project root:
    python3 -m venv .venv && .venv/bin/pip install pynigiri
    cargo bench -p velay-core --features oracles --bench timetable -- queries
    .venv/bin/python scripts/bench/pynigiri_compare.py            # both feeds
    .venv/bin/python scripts/bench/pynigiri_compare.py --feed cairns
"""

import argparse
import csv
import datetime as dt
import io
import statistics
import sys
import tempfile
import time
import zipfile
import zoneinfo
from pathlib import Path

import pynigiri as ng

ROOT = Path(__file__).resolve().parents[2]
FEEDS = {
    "bundled": ROOT / "routes-data" / "gtfs",
    "cairns": ROOT.parent / "shared" / "data" / "gtfs" / "cairns_gtfs.zip",
}
MAX_TRANSFERS = 7  # the Rust benchmark's, 8 rides


def feed_files(source: Path) -> dict:
    """The feed's .txt files by name, from a folder or a zip."""
    if source.is_dir():
        return {p.name: p.read_bytes() for p in source.glob("*.txt")}
    with zipfile.ZipFile(source) as z:
        return {n: z.read(n) for n in z.namelist() if n.endswith(".txt")}


def walking(walking_csv: Path) -> dict:
    """Our walking links, (from, to) -> seconds; (stop, stop) is the stop's change time."""
    with open(walking_csv) as f:
        return {(r["from"], r["to"]): int(r["secs"]) for r in csv.DictReader(f)}


def with_our_walking(files: dict, links: dict, out: Path) -> str:
    """Writes the feed to `out` with transfers.txt replaced by our links; returns its time zone."""
    rows = io.StringIO()
    w = csv.writer(rows, lineterminator="\n")
    w.writerow(["from_stop_id", "to_stop_id", "transfer_type", "min_transfer_time"])
    for (a, b), secs in links.items():
        w.writerow([a, b, 2, secs])
    files = dict(files, **{"transfers.txt": rows.getvalue().encode()})
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in files.items():
            z.writestr(name, data)
    agency = next(csv.DictReader(io.StringIO(files["agency.txt"].decode("utf-8-sig"))))
    return agency["agency_timezone"]


def run(name: str, bench_dir: Path) -> dict:
    queries = list(csv.DictReader(open(bench_dir / f"{name}_queries.csv")))
    date = dt.date.fromisoformat(queries[0]["date"])
    with tempfile.TemporaryDirectory() as tmp:
        zipped = Path(tmp) / f"{name}.zip"
        links = walking(bench_dir / f"{name}_walking.csv")
        files = feed_files(FEEDS[name])
        tz = zoneinfo.ZoneInfo(with_our_walking(files, links, zipped))
        src = ng.TimetableSource()
        src.tag, src.path = name, str(zipped)
        src.loader_config = ng.LoaderConfig()
        src.loader_config.link_stop_distance = 0  # our links only
        opts = ng.FinalizeOptions()
        opts.adjust_footpaths = False
        # nigiri chains footpaths up to this many minutes; ours are already chained, up to the
        # longest link, so nigiri must not chain them further.
        opts.max_footpath_length = -(-max(links.values()) // 60)
        t = time.perf_counter()
        tt = ng.load_timetable([src], str(date - dt.timedelta(days=1)), str(date + dt.timedelta(days=2)), opts)
        load_s = time.perf_counter() - t

    def minutes(local: dt.datetime) -> int:
        return int(local.replace(tzinfo=tz).timestamp()) // 60

    ids = {int(loc): s["stop_id"] for s in csv.DictReader(io.StringIO(files["stops.txt"].decode("utf-8-sig")))
           if (loc := tt.find_location(s["stop_id"])) is not None}  # nigiri's location index -> stop id
    times, exact, near, both_none, walk_only, missing, late, early = [], 0, 0, 0, 0, [], [], []
    for i, q in enumerate(queries):
        a, b = tt.find_location(q["from"]), tt.find_location(q["to"])
        if a is None or b is None:
            missing.append(i)
            continue
        nq = ng.Query()
        nq.start = [ng.Offset(a, 0)]
        nq.destination = [ng.Offset(b, 0)]
        nq.use_start_footpaths = True
        nq.max_transfers = MAX_TRANSFERS
        nq.start_time = minutes(dt.datetime.fromisoformat(f"{q['date']}T{q['departure']}"))
        best = []
        for _ in range(5):  # the best of five, as on the Rust side
            t = time.perf_counter()
            journeys = ng.route(tt, nq)
            best.append(time.perf_counter() - t)
        times.append(min(best))
        theirs = min((j.arrival_time() for j in journeys), default=None)
        # The legs of nigiri's earliest journey (fewest transfers among those), as
        # (from stop id, to stop id, departure, arrival) in Unix minutes, for the listing.
        first = min(journeys, key=lambda j: (j.arrival_time(), j.transfers), default=None)
        q["nigiri_legs"] = [
            (ids[int(getattr(l, "from"))], ids[int(l.to)], l.dep_time, l.arr_time) for l in (first.legs if first else [])
        ]
        ours = q["arrival"] and dt.datetime.fromisoformat(q["arrival"]).replace(tzinfo=tz).timestamp()
        if a == b:
            theirs = nq.start_time  # nigiri answers nothing for a trip to the same stop
        walk = links.get((q["from"], q["to"]))
        if not ours and theirs is None:
            both_none += 1
        elif ours and theirs is None and walk is not None and ours == (nq.start_time * 60 + walk):
            walk_only += 1  # nigiri returns no journey without a ride
        elif ours and theirs is not None:
            ours_min = -(-int(ours) // 60)  # rounded up to the minute
            if theirs == ours_min:
                exact += 1
            elif abs(theirs - ours_min) <= 2:
                near += 1
            else:
                (late if theirs > ours_min else early).append((i, q, theirs - ours_min))
        else:
            (late if ours else early).append((i, q, None))
    times.sort()
    return {
        "feed": name,
        "queries": queries,
        "date": date,
        "tz": tz,
        "files": files,
        "links": links,
        "load": load_s,
        "median": times[len(times) // 2],
        "p90": times[len(times) * 9 // 10],
        "exact": exact + both_none,
        "near": near,
        "walk_only": walk_only,
        "late": late,
        "early": early,
        "missing": missing,
        "n": len(queries),
    }


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--feed", choices=[*FEEDS, "all"], default="all")
    p.add_argument("--bench-dir", type=Path, default=ROOT / "target" / "planner-bench")
    args = p.parse_args()
    for name in FEEDS if args.feed == "all" else [args.feed]:
        r = run(name, args.bench_dir)
        print(
            f"{name}: load {r['load'] * 1e3:.1f} ms; per query median {r['median'] * 1e6:.1f} µs, "
            f"p90 {r['p90'] * 1e6:.1f} µs (Python call included); agree exactly {r['exact']}/{r['n']}, "
            f"within 2 min {r['near']}, ours walks all the way and nigiri finds nothing {r['walk_only']}, nigiri later {len(r['late'])}, nigiri earlier {len(r['early'])}, "
            f"stop unknown to nigiri {len(r['missing'])}"
        )
        for i, q, diff in (r["late"] + r["early"])[:10]:
            print(f"  query {i}: {q['from']} -> {q['to']} {q['date']} {q['departure']}: ours {q['arrival'] or 'none'}, nigiri {diff if diff is None else f'{diff:+d} min'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
