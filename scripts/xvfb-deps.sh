# Sourced by the scripts that run the app under Xvfb: installs what they need
# from Debian's packages (Xvfb, Mesa's software OpenGL, ImageMagick, xdotool)
# when missing, then builds the release app.
need=()
command -v Xvfb >/dev/null || need+=(xvfb)
command -v import >/dev/null || need+=(imagemagick)
command -v xdotool >/dev/null || need+=(xdotool)
[ -e /usr/lib/x86_64-linux-gnu/dri/swrast_dri.so ] || [ -e /usr/lib/x86_64-linux-gnu/libGLX_mesa.so.0 ] || need+=(libgl1-mesa-dri libglx-mesa0)
if [ ${#need[@]} -gt 0 ]; then
  apt-get update -qq && apt-get install -y -qq "${need[@]}" >/dev/null
fi
cargo build --release --quiet
