#!/usr/bin/env bash
# Regenerates the embedded fonts, so a machine with no CJK or emoji font
# renders what merchants paste:
# - assets/fonts/NotoSansSC-dmlint.otf: Noto Sans CJK SC (SIL OFL 1.1) cut down
#   to what dmlint shows — GB2312, every char of rules/ and src/app/, the
#   traditional forms the normaliser folds, and the disguises people type
#   (①⑴⒈, full-width forms);
# - assets/fonts/Twemoji-dmlint.ttf: Twemoji Mozilla, a COLR/CPAL colour emoji
#   font (font SIL OFL 1.1, art CC-BY 4.0: LICENSE-Twemoji.txt) from the npm
#   package twemoji-colr-font, whole — every emoji and its sequences (skin
#   tones, ZWJ families, flags) — less its hinting, so 💚 is green and 🐧 a
#   penguin;
# - assets/fonts/Symbola-emoji.ttf: Symbola ("free for any use") cut to the
#   emoji, symbol and math-alphanumeric blocks less what Twemoji has: the ☞✆
#   symbols that have no emoji and the 𝟏𝟓𝟕 people disguise numbers with.
# `scripts/subset-font.sh emoji` regenerates only the two emoji fonts.
# Needs Debian's fonts-noto-cjk and fonts-symbola, npm (for `npm pack`), and
# fontTools with brotli for the WOFF2 (pip install fonttools brotli).
set -euo pipefail
cd "$(dirname "$0")/.."
only=${1:-all}
source=/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc
emoji_source=/usr/share/fonts/truetype/ancient-scripts/Symbola_hint.ttf
# Pinned, and checked against the SHA-1 the registry lists for this version.
twemoji_package=twemoji-colr-font@15.0.3
twemoji_sha1=f72d8a62c2a798aec9b68a3b1214950f14ce9da3
[ "$only" = emoji ] || [ -f "$source" ] || { echo "install the source font first: apt-get install fonts-noto-cjk" >&2; exit 1; }
[ -f "$emoji_source" ] || { echo "install the emoji font first: apt-get install fonts-symbola" >&2; exit 1; }
command -v npm >/dev/null || { echo "install npm first: apt-get install npm" >&2; exit 1; }
python3 -c 'import fontTools, brotli' 2>/dev/null || { echo "install fontTools first: pip install fonttools brotli" >&2; exit 1; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# Twemoji first: the Symbola cut leaves out what Twemoji has.
(cd "$work" && npm pack --silent "$twemoji_package" >/dev/null)
tarball=$(ls "$work"/twemoji-colr-font-*.tgz)
echo "$twemoji_sha1  $tarball" | sha1sum --check --quiet
tar -xzf "$tarball" -C "$work"
pyftsubset "$work/package/twemoji.woff2" --unicodes='*' --layout-features='*' --no-hinting --flavor=none --drop-tables+=FFTM \
  --output-file=assets/fonts/Twemoji-dmlint.ttf
ls -l assets/fonts/Twemoji-dmlint.ttf
python3 - assets/fonts/Twemoji-dmlint.ttf "$work/symbola.txt" <<'PY'
import pathlib, sys
from fontTools.ttLib import TTFont
twemoji = set(TTFont(sys.argv[1]).getBestCmap())
blocks = [(0x2600, 0x27BF), (0x2B00, 0x2BFF), (0x1D400, 0x1D7FF), (0x1F1E6, 0x1F1FF),
          (0x1F300, 0x1F64F), (0x1F680, 0x1F6FF), (0x1F900, 0x1F9FF)]
keep = (c for first, last in blocks for c in range(first, last + 1) if c not in twemoji)
pathlib.Path(sys.argv[2]).write_text(",".join(f"U+{c:04X}" for c in keep))
PY
pyftsubset "$emoji_source" --unicodes="$(cat "$work/symbola.txt")" \
  --output-file=assets/fonts/Symbola-emoji.ttf --no-hinting --desubroutinize
ls -l assets/fonts/Symbola-emoji.ttf
[ "$only" = emoji ] && exit 0

chars=$work/chars.txt
python3 - "$chars" <<'PY'
import pathlib, sys
chars = set()
# GB2312: every two-byte code point that decodes.
for hi in range(0xA1, 0xF8):
    for lo in range(0xA1, 0xFF):
        try:
            chars.update(bytes([hi, lo]).decode("gb2312"))
        except UnicodeDecodeError:
            pass
chars.update(chr(c) for c in range(0x20, 0x250))           # Latin
chars.update(chr(c) for c in range(0x2000, 0x2070))         # punctuation
chars.update(chr(c) for c in range(0x2460, 0x2500))         # ① ⑴ ⒈ Ⓐ
chars.update(chr(c) for c in range(0x2776, 0x2794))         # ❶ ➀ ➊
chars.update(chr(c) for c in range(0x3000, 0x3040))         # CJK punctuation
chars.update(chr(c) for c in range(0xFF00, 0xFFF0))         # full-width forms
for folder in ("rules", "src", "assets/training"):
    for path in pathlib.Path(folder).rglob("*"):
        if path.suffix in (".json", ".rs"):
            chars.update(path.read_text(encoding="utf-8"))
pathlib.Path(sys.argv[1]).write_text("".join(sorted(c for c in chars if c.isprintable())), encoding="utf-8")
PY
pyftsubset "$source" --font-number=2 --text-file="$chars" \
  --output-file=assets/fonts/NotoSansSC-dmlint.otf \
  --layout-features='*' --no-hinting --desubroutinize --name-IDs='*'
ls -l assets/fonts/NotoSansSC-dmlint.otf
