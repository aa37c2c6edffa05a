#!/bin/sh
# Issue 15's figures for one synthetic directory, each step a real `pathways` command run as
# its own process (so its peak memory is its own): import (JSON, then the tabular package
# the export writes), export (JSON and tabular), HSDS API /services pages (p50/p99 under
# `wrk`), and a remote pull (`import --from`) from a local server.
#
#   scripts/bench-hsds.sh 100000          # generates the directory first (pathways bench)
#   WORK=/tmp/bh scripts/bench-hsds.sh 10000
#
# Needs /usr/bin/time (Debian's `time`) and wrk. Run from the repository; release build.
set -eu
size=${1:-10000}
work=${WORK:-/tmp/pathways-bench-hsds}/n$size
bin=${PATHWAYS:-target/release/pathways}
[ -x "$bin" ] || cargo build --release
# label, data folder name, then `pathways` arguments: the command's elapsed seconds and its
# peak resident memory.
timed() {
    label=$1
    d=$2
    shift 2
    /usr/bin/time -f "$label: %e s, peak RSS %M KB" "$bin" --data-dir "$work/$d/data" \
        --index-dir "$work/$d/index" --directory "$work/listings" --semantic off "$@" \
        > "$work/last.log" 2> "$work/time.log" || { cat "$work/last.log" "$work/time.log"; exit 1; }
    tail -n 1 "$work/time.log"
}

mkdir -p "$work"
if [ ! -d "$work/listings" ]; then
    # The bench's generator writes its files under n$size/listings in its work folder.
    "$bin" bench --sizes "$size" --skip-shipped --queries 10 --http-queries 0 --load-seconds 0 \
        --work-dir "$work/gen" > /dev/null
    mv "$work/gen/n$size/listings" "$work/listings"
    rm -rf "$work/gen"
fi
rm -rf "$work/json" "$work/tabular" "$work/pulled" "$work/out-json" "$work/out-tabular"
echo "== $size services ($(du -shL "$work/listings" | cut -f1) of JSON in $(ls "$work/listings" | wc -l) files) =="
timed "import JSON" json import "$work/listings"
timed "export JSON" json export "$work/out-json"
timed "export tabular" json export --format tabular "$work/out-tabular"
timed "import tabular" tabular import "$work/out-tabular"

# The HSDS API under load: /services pages of 50, pages spread over the whole directory.
port=18$(($$ % 900 + 100))
"$bin" --data-dir "$work/json/data" --index-dir "$work/json/index" --directory "$work/listings" \
    --semantic off --listen "127.0.0.1:$port" --rate-limit 0 --metrics-listen off serve \
    > /dev/null 2>&1 &
server=$!
trap 'kill $server 2> /dev/null || true' EXIT
until curl -s -o /dev/null "http://127.0.0.1:$port/api/hsds/"; do sleep 1; done
pages=$((size / 50))
cat > "$work/pages.lua" << EOF
math.randomseed(7)
request = function()
  return wrk.format("GET", "/api/hsds/services?per_page=50&page=" .. math.random(1, $pages))
end
EOF
wrk -t2 -c8 -d10s --latency -s "$work/pages.lua" "http://127.0.0.1:$port/" |
    awk '/Requests\/sec/ {r=$2} / 50%/ {p50=$2} / 99%/ {p99=$2} END {print "HSDS API /services pages of 50: " r " pages/s, p50 " p50 ", p99 " p99}'

# A remote pull: another Pathways reads this one's HSDS API, 100 a page, no politeness wait.
start=$(date +%s.%N)
timed "pull (import --from)" pulled import --from "http://127.0.0.1:$port/api/hsds/" --per-second 1000
end=$(date +%s.%N)
echo "pull: $(echo "$size / ($end - $start)" | bc) services/s"
