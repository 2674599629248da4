#!/usr/bin/env python3
"""Startup time and memory of the shipped app, as a user starts it.

Starts target/release/velay (build it first: cargo build --release -p velay) on an Xvfb display
of its own, offline, N times on a first launch (an empty data folder) and N times on a later one
(the folder the first launch filled). For each run: milliseconds from the process start to the
first screen (the first time the app's probe reads the home page's text) and, 5 s later, the
resident memory of the app and of its whole process tree (WebKit's web and network processes),
RSS and PSS from /proc. Prints the medians.

    python3 scripts/bench/startup.py [N] [APP MARK]

APP and MARK measure another build of the app (an older commit's, for a baseline in the same
run), whose first screen holds the text MARK.

When it is built (cargo build --release -p velay --example blank_window), the floor is measured
first: a Dioxus window set up as the app's, showing one word. What WebKitGTK needs to start on
this machine is there; what the app adds is the difference.
"""

import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
APP = os.path.join(ROOT, "target", "release", "velay")
FLOOR = os.path.join(ROOT, "target", "release", "examples", "blank_window")
MARK = "Accueil"


def tree(pid):
    """The pid and every descendant's."""
    pids, todo = [], [pid]
    while todo:
        p = todo.pop()
        pids.append(p)
        try:
            with open(f"/proc/{p}/task/{p}/children") as f:
                todo.extend(int(c) for c in f.read().split())
        except OSError:
            pass
    return pids


def memory_kb(pid):
    """RSS and PSS of one process, in kB."""
    rss = pss = 0
    try:
        with open(f"/proc/{pid}/smaps_rollup") as f:
            for line in f:
                if line.startswith("Rss:"):
                    rss = int(line.split()[1])
                elif line.startswith("Pss:"):
                    pss = int(line.split()[1])
    except OSError:
        pass
    return rss, pss


def run(display, data, app=APP, mark=MARK):
    probe = os.path.join(data, "probe.json")
    if os.path.exists(probe):
        os.remove(probe)
    env = {k: v for k, v in os.environ.items() if not k.startswith("CARGO_")}
    env.update(DISPLAY=display, VELAY_DATA=data, VELAY_SERVER="http://127.0.0.1:9",
               VELAY_PROBE=probe, VELAY_LANG="fr")
    start = time.monotonic()
    app = subprocess.Popen([app], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    first = None
    while time.monotonic() - start < 30:
        try:
            with open(probe) as f:
                if mark in json.load(f)["text"]:
                    first = time.monotonic() - start
                    break
        except (OSError, ValueError, KeyError):
            pass
        time.sleep(0.005)
    time.sleep(5)
    pids = tree(app.pid)
    own = memory_kb(app.pid)
    total = [sum(x) for x in zip(*(memory_kb(p) for p in pids))]
    app.terminate()
    app.wait()
    return first, own, total


def main():
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 5
    builds = [("this build", APP, MARK)]
    if len(sys.argv) > 3:
        builds.insert(0, ("baseline", sys.argv[2], sys.argv[3]))
    if os.path.exists(FLOOR):
        builds.insert(0, ("floor (blank window)", FLOOR, MARK))
    display = ":93"
    xvfb = subprocess.Popen(["Xvfb", display, "-screen", "0", "400x800x24", "-nolisten", "tcp"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    time.sleep(1)
    try:
        for (name, app, mark), (label, fresh) in [
            (b, l) for b in builds for l in [("first launch", True), ("later launch", False)]
        ]:
            label = f"{name}, {label}"
            firsts, owns, totals = [], [], []
            keep = tempfile.mkdtemp()
            if not fresh:
                run(display, keep, app, mark)
            for _ in range(n):
                data = tempfile.mkdtemp() if fresh else keep
                first, own, total = run(display, data, app, mark)
                if first is not None:
                    firsts.append(first)
                owns.append(own)
                totals.append(total)
                if fresh:
                    shutil.rmtree(data, ignore_errors=True)
            shutil.rmtree(keep, ignore_errors=True)
            med = lambda xs: statistics.median(xs) if xs else float("nan")
            print(f"{label}: first screen {med(firsts) * 1000:.0f} ms (median of {len(firsts)}), "
                  f"app RSS {med([o[0] for o in owns]) / 1024:.0f} MB, "
                  f"tree RSS {med([t[0] for t in totals]) / 1024:.0f} MB, "
                  f"tree PSS {med([t[1] for t in totals]) / 1024:.0f} MB")
    finally:
        xvfb.terminate()


if __name__ == "__main__":
    main()
