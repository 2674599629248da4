#!/bin/sh
# Builds the fuzzers' seed corpora in fuzz/corpus/<target>/ from the real files in
# ../shared/data (see its SOURCES.md), the project's routes-data/ and the small hand-written
# seeds in fuzz/seeds/. Nothing big is committed: run this once before fuzzing (docs/fuzzing.md).
#
#   scripts/fuzz/seed.sh            # shared data at ../shared/data
#   VELAY_SHARED_DATA=DIR scripts/fuzz/seed.sh
#
# Large feeds are cut to their first lines so that each seed fits the target's -max_len.
set -eu

root=$(cd "$(dirname "$0")/../.." && pwd)
data=${VELAY_SHARED_DATA:-$root/../shared/data}
corpus=$root/fuzz/corpus
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

[ -d "$data/gpx" ] || { echo "no shared data at $data (set VELAY_SHARED_DATA)" >&2; exit 1; }
for t in gpx gtfs_zip gtfs_folder timetable_record pull_body push_body; do
    mkdir -p "$corpus/$t"
done

# The GTFS files the importer reads (crates/core/src/timetable/files.rs); others are skipped.
known="agency.txt stops.txt routes.txt trips.txt stop_times.txt calendar.txt calendar_dates.txt
frequencies.txt transfers.txt feed_info.txt"

# gpx: every real GPX file, and the project's own tracks.
for f in "$data"/gpx/*/*.gpx "$root"/routes-data/routes/*/track.gpx; do
    name=$(basename "$(dirname "$f")")-$(basename "$f")
    cp "$f" "$corpus/gpx/$name" && chmod u+w "$corpus/gpx/$name"
done

# Feeds as folders, each file cut to its first $2 lines: $1 folder, $2 lines, $3 out folder.
cut_feed() {
    mkdir -p "$3"
    for f in $known; do
        [ -f "$1/$f" ] && head -n "$2" "$1/$f" > "$3/$f"
    done
    return 0
}
mkdir -p "$work/feeds" "$work/cairns"
python3 -c 'import sys, zipfile; zipfile.ZipFile(sys.argv[1]).extractall(sys.argv[2])' \
    "$data/gtfs/cairns_gtfs.zip" "$work/cairns"
cairns=$(dirname "$(find "$work/cairns" -name stops.txt | head -n 1)")
cut_feed "$data/gtfs/trimet-vermont-2018-02-06" 120 "$work/feeds/trimet"
cut_feed "$data/gtfs/israel-public-transportation-route-2126" 1000 "$work/feeds/israel"
cut_feed "$data/gtfs/empty" 1000 "$work/feeds/empty"
cut_feed "$data/gtfs/sncf-ter-2023-12-18-no-stop_times" 40 "$work/feeds/sncf-no-stop-times"
cut_feed "$cairns" 60 "$work/feeds/cairns"
cp "$cairns/stops.txt" "$work/feeds/cairns/stops.txt" # every stop, so the first trips' stops are there
cut_feed "$root/routes-data/gtfs" 150 "$work/feeds/velay"
# The derived regional feed: TAB-separated, stop_times split over files (not standard GTFS).
aura=$data/gtfs/sncf-ter-aura-2024-04-derived
mkdir -p "$work/feeds/aura"
head -n 40 "$aura/routes.txt" > "$work/feeds/aura/routes.txt"
head -n 40 "$aura/stops.txt" > "$work/feeds/aura/stops.txt"
head -n 80 "$aura/stop_times_0.txt" > "$work/feeds/aura/stop_times.txt"

# gtfs_folder: each feed as one input, its files as `head` prints them, and each file alone.
for feed in "$work"/feeds/*; do
    name=$(basename "$feed")
    for f in "$feed"/*.txt; do
        printf '==> %s <==\n' "$(basename "$f")"
        cat "$f"
    done > "$corpus/gtfs_folder/$name"
    for f in "$feed"/*.txt; do
        { printf '==> %s <==\n' "$(basename "$f")"; cat "$f"; } > "$corpus/gtfs_folder/$name-$(basename "$f")"
    done
done

# gtfs_zip: the demo feed as published, and each cut feed zipped (deflated, one also stored
# and one in a folder, as exporters do).
cp "$data/gtfs/sample_gtfs.zip" "$corpus/gtfs_zip/sample_gtfs.zip"
chmod u+w "$corpus/gtfs_zip/sample_gtfs.zip" # the shared copy is read-only; the fuzzer's are not
python3 - "$work/feeds" "$corpus/gtfs_zip" <<'EOF'
import os, sys, zipfile
feeds, out = sys.argv[1], sys.argv[2]
for name in sorted(os.listdir(feeds)):
    files = sorted(os.listdir(os.path.join(feeds, name)))
    variants = [("", zipfile.ZIP_DEFLATED, "")]
    if name == "velay":
        variants += [("-stored", zipfile.ZIP_STORED, ""), ("-in-folder", zipfile.ZIP_DEFLATED, "gtfs/")]
    for suffix, method, folder in variants:
        with zipfile.ZipFile(os.path.join(out, name + suffix + ".zip"), "w", method) as z:
            for f in files:
                z.write(os.path.join(feeds, name, f), folder + f)
EOF

# timetable_record: records of real feeds, made by the importer and encoder themselves.
seeds() {
    CARGO_TARGET_DIR=${CARGO_TARGET_DIR:-$root/target} \
        cargo run --quiet -j1 --manifest-path "$root/Cargo.toml" -p velay-core --example fuzz_seeds -- "$@"
}
seeds record "$data/gtfs/sample_gtfs.zip" "$corpus/timetable_record/sample_gtfs"
for feed in "$work"/feeds/*; do
    # A cut feed may lack what a feed needs (no stop_times.txt): it just has no record.
    seeds record "$feed" "$corpus/timetable_record/$(basename "$feed")" 2>/dev/null ||
        echo "no record for $(basename "$feed"): the importer refuses it (a seed for the others still)"
done

# pull_body and push_body: the hand-written bodies, and one pull batch per published change.
cp "$root"/fuzz/seeds/pull_body/* "$corpus/pull_body/"
cp "$root"/fuzz/seeds/push_body/* "$corpus/push_body/"
seeds pull "$root/routes-data" "$corpus/pull_body"

for t in gpx gtfs_zip gtfs_folder timetable_record pull_body push_body; do
    printf '%-17s %4d files %8d bytes\n' "$t" "$(ls "$corpus/$t" | wc -l)" "$(cat "$corpus/$t"/* | wc -c)"
done
