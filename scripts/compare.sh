#!/usr/bin/env bash
# dmlint side by side with a widely used extractor, JioNLP (PyPI), on the same
# corpus, on this machine, in one run: throughput of both, the ratio, and each
# tool's recall on the corpus's contact spans. JioNLP goes into a throwaway
# virtualenv that is removed afterwards.
#   scripts/compare.sh [CORPUS.jsonl] [--megabytes N]
set -euo pipefail
cd "$(dirname "$0")/.."
corpus=${1:-../shared/corpus/dev.jsonl}
shift || true
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

python3 -m venv "$work/venv"
"$work/venv/bin/pip" install --quiet jionlp
cargo build --release --quiet
# JioNLP prints a banner on import; the figures follow it.
"$work/venv/bin/python" scripts/compare.py ./target/release/dmlint "$corpus" "$@" 2>/dev/null \
  | grep -v '^# '
