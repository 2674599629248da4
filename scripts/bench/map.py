#!/usr/bin/env python3
"""The route map's first frame and its panning, in the shipped app under Xvfb.

Builds the Gorges de l'Allier pack from generated tiles (scripts/maps/sample_tiles.py) with the
release velay-server and puts it on a device as a download would (its file and record in
<data>/maps/). Then, N times with the pack and N times without it (the baseline in the same run:
the track alone on a plain background), starts the app on the routes list and opens the first
route (Chapeauroux, in the gorges) as a person does, with a click (xdotool). The map itself
reports, through the probe:

- first_frame_ms: from the route page's mount to the first frame with every visible tile drawn;
- pan_fps and pan_late_frames: the map panned a few pixels every animation frame for 3 s, the
  frames per second reached and the frames that came more than 25 ms after the one before.

    cargo build --release -p velay -p velay-server
    python3 scripts/bench/map.py [N]
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
SERVER = os.path.join(ROOT, "target", "release", "velay-server")
SITE, ROUTE = "gorges-allier", "chapeauroux-viaduc"


def build_pack(work):
    tiles = subprocess.Popen([sys.executable, os.path.join(ROOT, "scripts/maps/sample_tiles.py")],
                             stdout=subprocess.PIPE, text=True)
    url = tiles.stdout.readline().strip().removeprefix("serving on ")
    data = os.path.join(work, "server")
    try:
        out = subprocess.run(
            [SERVER, "tiles", "build", "--site", SITE, "--data", data, "--rate", "500",
             "--contact", "bench@example.org", "--source", url + "/{z}/{x}/{y}.png",
             "--name", "Sample tiles", "--attribution", "Sample tiles, not a map", "--licence", "none",
             "--content", os.path.join(ROOT, "routes-data")],
            check=True, capture_output=True, text=True).stdout
    finally:
        tiles.terminate()
    return json.loads(out)["pack"], os.path.join(data, "packs", SITE + ".pmtiles")


def run(display, data):
    probe = os.path.join(data, "probe.json")
    env = {k: v for k, v in os.environ.items() if not k.startswith("CARGO_")}
    env.update(DISPLAY=display, VELAY_DATA=data, VELAY_SERVER="http://127.0.0.1:9", VELAY_PROBE=probe,
               VELAY_LANG="fr", VELAY_START_PAGE="/routes", VELAY_MAP_BENCH="1")
    app = subprocess.Popen([APP], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    found = {}
    start = time.monotonic()
    at = None
    while time.monotonic() - start < 30 and at is None:
        try:
            with open(probe) as f:
                at = json.load(f)["at"].get("route-" + ROUTE)
        except (OSError, ValueError, KeyError):
            pass
        time.sleep(0.1)
    time.sleep(2)  # a person reads the list before choosing
    subprocess.run(["xdotool", "mousemove", str(at[0]), str(at[1]), "click", "1"],
                   env=dict(env, DISPLAY=display), check=True)
    while time.monotonic() - start < 40 and "pan_fps" not in found:
        try:
            with open(probe) as f:
                value = json.load(f).get("values", {}).get("map-timing") or "{}"
                found = json.loads(value)
        except (OSError, ValueError):
            pass
        time.sleep(0.2)
    app.terminate()
    app.wait()
    return found


def main():
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 5
    work = tempfile.mkdtemp()
    pack, path = build_pack(work)
    display = ":94"
    xvfb = subprocess.Popen(["Xvfb", display, "-screen", "0", "400x800x24", "-nolisten", "tcp"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    time.sleep(1)
    try:
        for label, with_pack in [("plain background (baseline)", False), ("stored pack", True)]:
            rows = []
            for i in range(n):
                data = os.path.join(work, f"app-{with_pack}-{i}")
                os.makedirs(os.path.join(data, "maps"))
                if with_pack:
                    shutil.copy(path, os.path.join(data, "maps", SITE + ".pmtiles"))
                    with open(os.path.join(data, "maps", SITE + ".json"), "w") as f:
                        json.dump(pack, f)
                rows.append(run(display, data))
            ok = [r for r in rows if "first_frame_ms" in r]
            med = lambda k: statistics.median(r[k] for r in ok if k in r) if ok else float("nan")
            print(f"{label}: first map frame {med('first_frame_ms'):.0f} ms, panning {med('pan_fps'):.0f} "
                  f"frames/s with {med('pan_late_frames'):.0f} late of {med('pan_frames'):.0f} "
                  f"(medians of {len(ok)} runs)")
        print(f"pack: {pack['tiles']} tiles, {pack['bytes']} bytes")
    finally:
        xvfb.terminate()
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
