#!/usr/bin/env bash
# The app's start-up time and memory, measured as a person meets them: the
# release build in a real window under Xvfb (software OpenGL), opened on a
# 20,000-char message. eframe keeps the window hidden until its first frame is
# painted, so "first frame" is the moment the window becomes visible. Peak
# memory is the process's VmHWM after the message has been checked, laid out
# and scrolled through. Prints the median of RUNS starts (default 5).
# Installs Xvfb, Mesa and xdotool from Debian's packages when missing.
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${RUNS:-5}
source scripts/xvfb-deps.sh

work=$(mktemp -d)
trap 'kill "${app:-}" "${xvfb:-}" 2>/dev/null || true; rm -rf "$work"' EXIT
# A realistic 20,000-char message: welcome-message pieces with contacts,
# amounts, sizes and English words, repeated.
python3 - "$work/message.txt" <<'PY'
import sys
pieces = ["亲爱的，欢迎来到栖月美学～我们主做皮肤管理、头皮护理和美睫，",
          "这款挂毯宽60cm，挂在床头刚好，新客体验价98元，会员价¥499，",
          "约时间加薇信：meimei_0812 哦，急单打 ①③⑧ 〇〇一三 八〇〇〇，",
          "我们的 signature 项目是小气泡清洁，地址是徐汇区天钥桥路580号。\n"]
text = ""
i = 0
while len(text) < 20000:
    text += pieces[i % len(pieces)]
    i += 1
open(sys.argv[1], "w", encoding="utf-8").write(text[:20000])
PY

display=:96
Xvfb "$display" -screen 0 1280x800x24 >/dev/null 2>&1 &
xvfb=$!
sleep 1
first_frame=()
peak=()
for run in $(seq 1 "$runs"); do
  started=$(date +%s%N)
  DISPLAY=$display XDG_DATA_HOME="$work/data-$run" LIBGL_ALWAYS_SOFTWARE=1 WINIT_UNIX_BACKEND=x11 \
    ./target/release/dmlint open "$work/message.txt" >/dev/null 2>&1 &
  app=$!
  until DISPLAY=$display xdotool search --onlyvisible --name '^dmlint$' >/dev/null 2>&1; do
    sleep 0.005
  done
  first_frame+=($(( ($(date +%s%N) - started) / 1000000 )))
  window=$(DISPLAY=$display xdotool search --onlyvisible --name '^dmlint$' | head -n1)
  # Scroll through the editor and hover spans, so every line is laid out.
  DISPLAY=$display xdotool mousemove --window "$window" 400 200
  for _ in $(seq 1 30); do DISPLAY=$display xdotool click 5; sleep 0.05; done
  sleep 1
  peak+=($(awk '/VmHWM/ {print int($2 / 1024)}' "/proc/$app/status"))
  kill "$app"
  wait "$app" 2>/dev/null || true
done
median() { printf '%s\n' "$@" | sort -n | awk '{a[NR] = $1} END {print a[int((NR + 1) / 2)]}'; }
echo "first frame: ${first_frame[*]} ms (median $(median "${first_frame[@]}") ms)"
echo "peak memory with a 20,000-char message: ${peak[*]} MB (median $(median "${peak[@]}") MB)"
