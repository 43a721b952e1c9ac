#!/usr/bin/env bash
# Runs the app in a virtual X server with a realistic message, hovers a risky
# span so its tooltip shows, and writes a PNG (default assets/screenshot.png).
# Installs what it needs from Debian's packages (Xvfb, Mesa, ImageMagick, xdotool).
# SIZE=1024x640 sets the window size; CLICK="x,y x,y" clicks those points first
# (a view's tab, a button); HOVER_X/HOVER_Y is where the pointer rests last.
set -euo pipefail
cd "$(dirname "$0")/.."
out=${1:-assets/screenshot.png}
source scripts/xvfb-deps.sh

work=$(mktemp -d)
trap 'kill "${app:-}" "${xvfb:-}" 2>/dev/null || true; rm -rf "$work"' EXIT
cat > "$work/message.txt" <<'MSG'
宝子欢迎光临～本店新客做脸一律5折，约时间加薇信：meimei_0812 哦💕 急单打 ①③⑧ 〇〇一三 八〇〇〇，到店地址是徐汇区天钥桥路580号，我们的 signature 项目是小气泡清洁，新客体验价98元。
MSG
size=${SIZE:-1280x800}
width=${size%x*}
height=${size#*x}
display=:97
Xvfb "$display" -screen 0 "${size}x24" >/dev/null 2>&1 &
xvfb=$!
sleep 1
# A fresh data folder: the screenshot neither reads nor overwrites your draft.
DISPLAY=$display XDG_DATA_HOME="$work/data" LIBGL_ALWAYS_SOFTWARE=1 WINIT_UNIX_BACKEND=x11 \
  ./target/release/dmlint open "${OPEN_FILE:-$work/message.txt}" >/dev/null 2>&1 &
app=$!
for _ in $(seq 1 40); do
  DISPLAY=$display xdotool search --name '^dmlint$' >/dev/null 2>&1 && break
  sleep 0.25
done
window=$(DISPLAY=$display xdotool search --name '^dmlint$' | head -n1)
DISPLAY=$display xdotool windowmove "$window" 0 0 windowsize "$window" "$width" "$height"
sleep 1.5
for point in ${CLICK:-}; do
  DISPLAY=$display xdotool mousemove "${point%,*}" "${point#*,}" click 1
  sleep 0.8
done
# Hover the WeChat variant so its tooltip is in the picture.
DISPLAY=$display xdotool mousemove "${HOVER_X:-308}" "${HOVER_Y:-64}"
sleep 1.5
DISPLAY=$display import -window root "$out"
echo "wrote $out"
