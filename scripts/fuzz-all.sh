#!/usr/bin/env bash
# Runs every fuzz target for SECONDS each (default 60), two at a time on two
# cores, and prints each target's last status line. Crash inputs land in
# fuzz/artifacts/TARGET/; turn each into a regression test under tests/.
#   scripts/fuzz-all.sh [SECONDS]
set -euo pipefail
cd "$(dirname "$0")/../fuzz"
seconds=${1:-60}
command -v cargo-fuzz >/dev/null || cargo install cargo-fuzz
export RUSTC_BOOTSTRAP=1
targets=(normalize check rewrite rule_pack library)
cargo fuzz build -s none
run() {
  cargo fuzz run -s none "$1" -- -max_total_time="$seconds" -rss_limit_mb=4096 \
    > "target/fuzz-$1.log" 2>&1 && echo "$1: no crash" || echo "$1: FAILED (see fuzz/target/fuzz-$1.log)"
  grep -E '^#[0-9]+.*(DONE|pulse)' "target/fuzz-$1.log" | tail -n 1 || true
}
for ((i = 0; i < ${#targets[@]}; i += 2)); do
  run "${targets[i]}" &
  if ((i + 1 < ${#targets[@]})); then run "${targets[i + 1]}" & fi
  wait
done
