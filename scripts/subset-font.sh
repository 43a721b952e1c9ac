#!/usr/bin/env bash
# Regenerates the embedded fonts, so a machine with no CJK or emoji font
# renders what merchants paste:
# - assets/fonts/NotoSansSC-dmlint.otf: Noto Sans CJK SC (SIL OFL 1.1) cut down
#   to what dmlint shows — GB2312, every char of rules/ and src/app/, the
#   traditional forms the normaliser folds, and the disguises people type
#   (①⑴⒈, full-width forms);
# - assets/fonts/Symbola-emoji.ttf: Symbola ("free for any use") cut to the
#   emoji, symbol and math-alphanumeric blocks, for the 💕✨🌸 that egui's own
#   emoji font lacks and the 𝟏𝟓𝟕 people disguise numbers with.
# Needs Debian's fonts-noto-cjk and fonts-symbola, and fontTools (pip install fonttools).
set -euo pipefail
cd "$(dirname "$0")/.."
source=/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc
emoji_source=/usr/share/fonts/truetype/ancient-scripts/Symbola_hint.ttf
[ -f "$source" ] || { echo "install the source font first: apt-get install fonts-noto-cjk" >&2; exit 1; }
[ -f "$emoji_source" ] || { echo "install the emoji font first: apt-get install fonts-symbola" >&2; exit 1; }
python3 -c 'import fontTools' 2>/dev/null || { echo "install fontTools first: pip install fonttools" >&2; exit 1; }
chars=$(mktemp)
trap 'rm -f "$chars"' EXIT
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
pyftsubset "$emoji_source" \
  --unicodes="U+2600-27BF,U+2B00-2BFF,U+1D400-1D7FF,U+1F1E6-1F1FF,U+1F300-1F64F,U+1F680-1F6FF,U+1F900-1F9FF" \
  --output-file=assets/fonts/Symbola-emoji.ttf --no-hinting --desubroutinize
ls -l assets/fonts/Symbola-emoji.ttf
