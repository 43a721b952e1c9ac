"""dmlint beside JioNLP's contact extractors, on the same text in one run.

usage: python compare.py DMLINT_BINARY CORPUS.jsonl [--megabytes N]

Prints, for both tools: throughput over N MB of corpus text (the corpus's
messages repeated, as one JSONL library) and recall on the corpus's contact
spans (wechat, phone, qq, email, url), found the way ../shared/tools/score.py
finds them: a labelled span counts when an extraction overlaps it. Recall is
printed with the throughput so speed is never bought with misses. Run it
through scripts/compare.sh, which installs JioNLP in a throwaway virtualenv.
"""
import json
import os
import subprocess
import sys
import tempfile
import time

import jionlp

CONTACT = {"wechat", "phone", "qq", "email", "url"}
EXTRACTORS = {
    "phone": jionlp.extract_phone_number,
    "wechat": jionlp.extract_wechat_id,
    "qq": jionlp.extract_qq,
    "email": jionlp.extract_email,
    "url": jionlp.extract_url,
}


def jionlp_spans(text):
    """Every extraction as (category, start, end) in chars."""
    spans = []
    for category, extract in EXTRACTORS.items():
        for hit in extract(text, detail=True):
            start, end = hit["offset"]
            spans.append((category, start, end))
    return spans


def dmlint_spans(binary, cases, threads):
    """Block findings per case id, from one `dmlint check` run."""
    lines = "".join(json.dumps({"id": c["id"], "context": c.get("context", "dm"),
                                "text": c["text"]}, ensure_ascii=False) + "\n" for c in cases)
    env = dict(os.environ, RAYON_NUM_THREADS=str(threads))
    out = subprocess.run([binary, "check", "--input-format", "jsonl", "--format", "jsonl"],
                         input=lines, capture_output=True, text=True, env=env)
    if out.returncode not in (0, 1):
        sys.exit(f"compare.py: dmlint failed: {out.stderr}")
    spans = {}
    for line in out.stdout.splitlines():
        r = json.loads(line)
        spans[r["id"]] = [(f["category"], f["start"], f["end"])
                          for f in r["findings"] if f["severity"] == "block"]
    return spans


def recall(cases, found):
    """Share of labelled contact spans overlapped by a found span, overall and per category."""
    per = {}
    for c in cases:
        for s in c.get("spans", []):
            if s["category"] not in CONTACT:
                continue
            start = c["text"].find(s["text"])
            end = start + len(s["text"])
            hit = any(a < end and start < b for _, a, b in found.get(c["id"], []))
            n, k = per.get(s["category"], (0, 0))
            per[s["category"]] = (n + 1, k + hit)
    total = sum(n for n, _ in per.values())
    hits = sum(k for _, k in per.values())
    return hits / total, {cat: k / n for cat, (n, k) in sorted(per.items())}, total


def false_alarms(cases, found):
    """Share of cases labelled pass with any contact extraction."""
    benign = [c for c in cases if c["expect"] == "pass"]
    return sum(bool(found.get(c["id"])) for c in benign) / len(benign)


def library(cases, megabytes):
    """The corpus's messages repeated to about `megabytes` MB of UTF-8 text."""
    out, size, i = [], 0, 0
    while size < megabytes * 1_000_000:
        c = cases[i % len(cases)]
        out.append({"id": f"{i}", "context": c.get("context", "dm"), "text": c["text"]})
        size += len(c["text"].encode("utf-8"))
        i += 1
    return out, size


def main(argv):
    if len(argv) < 2:
        sys.exit(__doc__)
    binary, corpus_path = argv[0], argv[1]
    megabytes = float(argv[argv.index("--megabytes") + 1]) if "--megabytes" in argv else 2.0
    with open(corpus_path, encoding="utf-8") as f:
        cases = [json.loads(line) for line in f if line.strip()]

    jio_found = {c["id"]: jionlp_spans(c["text"]) for c in cases}
    dm_found = dmlint_spans(binary, cases, threads=1)

    messages, size = library(cases, megabytes)
    mb = size / 1_000_000
    started = time.perf_counter()
    for m in messages:
        jionlp_spans(m["text"])
    jio_seconds = time.perf_counter() - started
    timings = {}
    with tempfile.NamedTemporaryFile("w", suffix=".jsonl", encoding="utf-8", delete=False) as f:
        for m in messages:
            f.write(json.dumps(m, ensure_ascii=False) + "\n")
    try:
        for threads in (1, os.cpu_count() or 1):
            started = time.perf_counter()
            with open(f.name, encoding="utf-8") as src:
                subprocess.run([binary, "check", "--input-format", "jsonl", "--format", "jsonl"],
                               stdin=src, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                               env=dict(os.environ, RAYON_NUM_THREADS=str(threads)))
            timings[threads] = time.perf_counter() - started
    finally:
        os.unlink(f.name)

    print(f"corpus: {corpus_path} ({len(cases)} cases); throughput over {mb:.1f} MB "
          f"({len(messages)} messages) on {os.cpu_count()} cores")
    print("dmlint checks every category and writes the rewrite; JioNLP runs its five "
          "contact extractors (phone, WeChat ID, QQ, e-mail, URL).")
    rows = [("JioNLP 1 thread", jio_seconds, jio_found)]
    rows += [(f"dmlint {t} thread{'s' if t > 1 else ''}", s, dm_found) for t, s in timings.items()]
    for name, seconds, found in rows:
        overall, per, spans = recall(cases, found)
        per_text = " ".join(f"{cat}={r:.2f}" for cat, r in per.items())
        print(f"  {name:18} {mb / seconds:8.2f} MB/s  contact recall {overall:.3f} of {spans} spans "
              f"({per_text}); pass cases with a contact found {false_alarms(cases, found):.3f}")
    print(f"ratio dmlint/JioNLP, one thread each: {jio_seconds / timings[1]:.1f}x")


if __name__ == "__main__":
    main(sys.argv[1:])
