#!/usr/bin/env bash
# Instructions per `check` of each 1,000-char benchmark message (callgrind):
# a figure the shared machine's load cannot blur, to compare two commits.
# Needs valgrind. Prints one line per kind.
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release --quiet --example instructions
bin=target/release/examples/instructions
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
count() {
    valgrind --tool=callgrind --callgrind-out-file="$out/cg" "$bin" "$1" "$2" 2>&1 \
        | awk '/Collected/ { print $4 }'
}
for kind in clean_zh mixed_en warn_zh block_zh; do
    one=$(count "$kind" 1)
    many=$(count "$kind" 21)
    echo "$kind $(( (many - one) / 20 ))"
done
