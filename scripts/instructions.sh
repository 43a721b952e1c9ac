#!/usr/bin/env bash
# Instructions per `check` of each 1,000-char benchmark message, and per
# rewrite of the block-heavy text at 30,000 and 300,000 chars (callgrind): a
# figure the shared machine's load cannot blur, to compare two commits.
# Needs valgrind. Prints one line per measure.
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release --quiet --example instructions
bin=${INSTRUCTIONS_BIN:-target/release/examples/instructions}
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
count() {
    valgrind --tool=callgrind --callgrind-out-file="$out/cg" "$bin" "$@" 2>&1 \
        | awk '/Collected/ { print $4 }'
}
for kind in clean_zh mixed_en warn_zh block_zh; do
    one=$(count "$kind" 1)
    many=$(count "$kind" 21)
    echo "check $kind $(( (many - one) / 20 ))"
done
for chars in 30000 300000; do
    one=$(count rewrite_block 1 "$chars")
    three=$(count rewrite_block 3 "$chars")
    echo "rewrite_block $chars $(( (three - one) / 2 ))"
done
