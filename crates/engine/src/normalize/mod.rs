//! Normalisation with an offset map back to the original text.
//!
//! Disguises are undone here, once, so every matcher works on one canonical
//! form: every digit form (full-width, circled, parenthesised, dotted,
//! negative-circled, keycap, math, super/subscript, other scripts' digits),
//! look-alike letters (Cyrillic, Greek, small capitals, circled and regional-
//! indicator letters, accents), lower case, traditional characters, invisible
//! characters and letter-spaced words ("W h a t s A p p", "加 我 微 信").
//! The tables come from the data that defines them — Unicode's character
//! database, UTS #39 confusables and OpenCC — through `scripts/gen-tables.py`
//! (see `tables.rs`); NFKC covers the rest.
//!
//! Every canonical char remembers the span of original chars it came from, so
//! findings are reported in the merchant's own text. One original char may
//! become several canonical chars ("⑩" → "10"); invisible chars (zero-width
//! joiners, variation selectors, the keycap combiner) are folded into the span
//! of the char before them; the spacers of letter-spaced words belong to no
//! span, and a finding around them covers them.
//!
//! Chinese numerals are *not* folded in the text — "一下" must stay a word —
//! but [`digit_value`] reads them as digits where the number finder looks.

mod flags;
mod tables;

use std::cell::RefCell;
use std::ops::Range;

use unicode_normalization::UnicodeNormalization;

/// A text in canonical form, with each canonical char's span in the original.
#[derive(Debug, Clone)]
pub struct Normalized {
    text: String,
    chars: Vec<char>,
    /// Byte offset of each canonical char in `text`, plus `text.len()` at the end.
    byte_offsets: Vec<u32>,
    /// Original char span of each canonical char: `[origin_start[i], origin_end[i])`.
    origin_start: Vec<u32>,
    origin_end: Vec<u32>,
    original_len: usize,
    /// Han chars and ASCII letters of the original, counted on the way.
    han: usize,
    latin: usize,
}

impl Normalized {
    pub fn new(original: &str) -> Self {
        let mut out = Builder::with_capacity(original.len());
        let (mut han, mut latin) = (0, 0);
        let mut index = 0u32;
        let mut rest = original;
        while let Some(&lead) = rest.as_bytes().first() {
            // Most text is runs of ASCII: taken whole, they cost a few
            // instructions a char instead of a push to every column.
            if lead.is_ascii() {
                let ascii = rest
                    .bytes()
                    .position(|b| !b.is_ascii())
                    .unwrap_or(rest.len());
                let (run, tail) = rest.split_at(ascii);
                latin += run.bytes().filter(u8::is_ascii_alphabetic).count();
                out.push_ascii(run, index);
                index += ascii as u32;
                rest = tail;
                continue;
            }
            // Runs of simplified ideographs and CJK punctuation, most of
            // Chinese text, stay as they are: taken whole too.
            let (stable, ideographs) = match lead {
                0xE3..=0xE9 => out.push_stable_cjk(rest, index),
                _ => (0, 0),
            };
            if stable > 0 {
                han += ideographs;
                index += (stable / 3) as u32;
                rest = &rest[stable..];
                continue;
            }
            let mut chars = rest.chars();
            let Some(c) = chars.next() else { break };
            rest = chars.as_str();
            let at = index;
            index += 1;
            // Fast paths for the chars most Chinese text is made of: CJK
            // ideographs (NFKC-stable, no case; only the traditional table
            // applies), and full-width forms (NFKC maps them to ASCII by a
            // fixed offset).
            match c {
                '\u{4E00}'..='\u{9FFF}' | '\u{3400}'..='\u{4DBF}' => {
                    han += 1;
                    out.push(trad_to_simp(c).unwrap_or(c), at);
                    continue;
                }
                '\u{FF01}'..='\u{FF5E}' => {
                    let ascii = char::from_u32(c as u32 - 0xFEE0).unwrap_or(c);
                    out.push(ascii.to_ascii_lowercase(), at);
                    continue;
                }
                _ => {}
            }
            han += usize::from(is_han(c));
            if is_invisible(c) {
                out.absorb(at);
                continue;
            }
            // Two regional indicators naming a region are a flag (🇨🇳 🇺🇸),
            // an emoji like any other; a pair naming none (🇻🇽) spells letters.
            if let Some(second) = rest.chars().next().filter(|&d| is_flag(c, d)) {
                out.push(c, at);
                out.push(second, index);
                index += 1;
                rest = &rest[second.len_utf8()..];
                continue;
            }
            match fold(c) {
                Some(folded) => out.push_str(folded, at),
                None => {
                    for n in std::iter::once(c).nfkc() {
                        for lower in n.to_lowercase() {
                            match (lower != c).then(|| fold(lower)).flatten() {
                                Some(folded) => out.push_str(folded, at),
                                None => out.push(trad_to_simp(lower).unwrap_or(lower), at),
                            }
                        }
                    }
                }
            }
        }
        let mut norm = out.finish(index as usize);
        (norm.han, norm.latin) = (han, latin);
        norm
    }

    /// How many Han chars and ASCII letters the original text has: what
    /// [`crate::Language::of`] weighs.
    pub fn script_counts(&self) -> (usize, usize) {
        (self.han, self.latin)
    }

    /// The canonical chars of each word, empty words left out: rule and cue
    /// words are matched in canonical form, like the text.
    pub fn words(words: &[String]) -> Vec<Vec<char>> {
        words
            .iter()
            .map(|w| std::mem::take(&mut Normalized::new(w).chars))
            .filter(|w| !w.is_empty())
            .collect()
    }

    /// The canonical text.
    pub fn text(&self) -> &str {
        &self.text
    }

    /// The canonical chars.
    pub fn chars(&self) -> &[char] {
        &self.chars
    }

    pub fn len(&self) -> usize {
        self.chars.len()
    }

    pub fn is_empty(&self) -> bool {
        self.chars.is_empty()
    }

    /// Number of chars of the original text.
    pub fn original_len(&self) -> usize {
        self.original_len
    }

    /// The canonical char index of a byte offset into [`Self::text`].
    pub fn char_index(&self, byte: usize) -> usize {
        match self.byte_offsets.binary_search(&(byte as u32)) {
            Ok(i) => i,
            Err(i) => i.saturating_sub(1),
        }
    }

    /// The byte offset in [`Self::text`] of canonical char `index` (the
    /// text's length at [`Self::len`]).
    pub fn byte_offset(&self, index: usize) -> usize {
        self.byte_offsets[index] as usize
    }

    /// The byte range in [`Self::text`] of a canonical char range.
    pub fn byte_range(&self, chars: Range<usize>) -> Range<usize> {
        self.byte_offsets[chars.start] as usize..self.byte_offsets[chars.end] as usize
    }

    /// The canonical text of a canonical char range.
    pub fn slice(&self, chars: Range<usize>) -> &str {
        &self.text[self.byte_range(chars)]
    }

    /// The canonical chars in `range` without those `drop` marks, and for
    /// each char kept, its index in this text. Origins are kept, so spans in
    /// the result still point into the original text.
    pub fn without(&self, range: Range<usize>, drop: &[bool]) -> (Normalized, Vec<usize>) {
        let kept: Vec<usize> = range.filter(|&i| !drop[i]).collect();
        let mut out = Normalized {
            text: String::with_capacity(self.text.len()),
            chars: Vec::with_capacity(kept.len()),
            byte_offsets: Vec::with_capacity(kept.len() + 1),
            origin_start: Vec::with_capacity(kept.len()),
            origin_end: Vec::with_capacity(kept.len()),
            original_len: self.original_len,
            han: self.han,
            latin: self.latin,
        };
        for &i in &kept {
            out.byte_offsets.push(out.text.len() as u32);
            out.text.push(self.chars[i]);
            out.chars.push(self.chars[i]);
            out.origin_start.push(self.origin_start[i]);
            out.origin_end.push(self.origin_end[i]);
        }
        out.byte_offsets.push(out.text.len() as u32);
        (out, kept)
    }

    /// The original char span covered by a non-empty canonical char range.
    pub fn original_span(&self, chars: Range<usize>) -> Range<usize> {
        debug_assert!(chars.start < chars.end && chars.end <= self.len());
        self.origin_start[chars.start] as usize..self.origin_end[chars.end - 1] as usize
    }
}

/// The columns of a [`Normalized`] as they are filled, one canonical char at
/// a time.
#[derive(Default)]
struct Builder {
    text: String,
    chars: Vec<char>,
    byte_offsets: Vec<u32>,
    origin_start: Vec<u32>,
    origin_end: Vec<u32>,
    /// Invisible chars seen before the first visible one: they join its span.
    leading_invisible: Option<u32>,
}

impl Builder {
    /// Room for `bytes` chars: the canonical form has about as many chars as
    /// the original has bytes at most, except for rare one-to-many folds.
    fn with_capacity(bytes: usize) -> Builder {
        let mut b = SPARE.with_borrow_mut(Option::take).unwrap_or_default();
        b.text.reserve(bytes);
        b.chars.reserve(bytes);
        b.byte_offsets.reserve(bytes + 1);
        b.origin_start.reserve(bytes);
        b.origin_end.reserve(bytes);
        b
    }

    #[inline]
    fn push(&mut self, c: char, index: u32) {
        self.byte_offsets.push(self.text.len() as u32);
        self.text.push(c);
        self.chars.push(c);
        self.origin_start.push(index);
        self.origin_end.push(index + 1);
    }

    fn push_str(&mut self, s: &str, index: u32) {
        for c in s.chars() {
            self.push(c, index);
        }
    }

    /// A run of ASCII chars, the first of them original char `index`.
    fn push_ascii(&mut self, run: &str, index: u32) {
        let base = self.text.len();
        self.text.push_str(run);
        self.text[base..].make_ascii_lowercase();
        let (base, len) = (base as u32, run.len() as u32);
        self.byte_offsets.extend(base..base + len);
        self.chars
            .extend(run.bytes().map(|b| char::from(b.to_ascii_lowercase())));
        self.origin_start.extend(index..index + len);
        self.origin_end.extend(index + 1..index + len + 1);
    }

    /// The leading run of `rest` made of chars that normalise to themselves
    /// and take three bytes — simplified ideographs of the common block and
    /// Extension A, and CJK punctuation — the first of them original char
    /// `index`. Returns the run's length in bytes and how many of its chars
    /// are ideographs. The text is valid UTF-8, so a lead byte from E3 to E9
    /// starts a three-byte char.
    fn push_stable_cjk(&mut self, rest: &str, index: u32) -> (usize, usize) {
        let bytes = rest.as_bytes();
        let (mut at, mut ideographs) = (0, 0);
        for &[lead, second, third] in bytes.as_chunks::<3>().0 {
            if !matches!(lead, 0xE3..=0xE9) {
                break;
            }
            let code = (u32::from(lead) & 0x0F) << 12
                | (u32::from(second) & 0x3F) << 6
                | (u32::from(third) & 0x3F);
            let bit = (code - STABLE_START) as usize;
            let stable = STABLE_BITS[bit / 64] & (1 << (bit % 64)) != 0;
            let (true, Some(c)) = (stable, char::from_u32(code)) else {
                break;
            };
            // Below Extension A, only punctuation is stable.
            let ideograph = code >= IDEOGRAPHS_START;
            self.chars.push(c);
            ideographs += usize::from(ideograph);
            at += 3;
        }
        if at == 0 {
            return (0, 0);
        }
        let base = self.text.len() as u32;
        let len = (at / 3) as u32;
        self.text.push_str(&rest[..at]);
        self.byte_offsets.extend((0..len).map(|k| base + 3 * k));
        self.origin_start.extend(index..index + len);
        self.origin_end.extend(index + 1..index + len + 1);
        (at, ideographs)
    }

    /// Drops the chars `remove` marks from every column. Removals are few, so
    /// the kept chars move a stretch at a time.
    fn remove_marked(&mut self, remove: &[bool]) {
        let Some(first) = remove.iter().position(|&r| r) else {
            return;
        };
        let len = self.chars.len();
        let byte_at = |offsets: &[u32], i: usize, text: &str| {
            offsets.get(i).map_or(text.len(), |&b| b as usize)
        };
        let mut text = String::with_capacity(self.text.len());
        text.push_str(&self.text[..byte_at(&self.byte_offsets, first, &self.text)]);
        let (mut write, mut read) = (first, first);
        while read < len {
            if remove[read] {
                read += 1;
                continue;
            }
            let end = remove[read..]
                .iter()
                .position(|&r| r)
                .map_or(len, |p| read + p);
            let from = byte_at(&self.byte_offsets, read, &self.text);
            let to = byte_at(&self.byte_offsets, end, &self.text);
            let shift = (from - text.len()) as u32;
            text.push_str(&self.text[from..to]);
            self.chars.copy_within(read..end, write);
            self.origin_start.copy_within(read..end, write);
            self.origin_end.copy_within(read..end, write);
            self.byte_offsets.copy_within(read..end, write);
            for offset in &mut self.byte_offsets[write..write + (end - read)] {
                *offset -= shift;
            }
            write += end - read;
            read = end;
        }
        self.chars.truncate(write);
        self.origin_start.truncate(write);
        self.origin_end.truncate(write);
        self.byte_offsets.truncate(write);
        self.text = text;
    }

    fn absorb(&mut self, index: u32) {
        match self.origin_end.last_mut() {
            Some(end) => *end = index + 1,
            None => {
                self.leading_invisible.get_or_insert(index);
            }
        }
    }

    fn finish(mut self, original_len: usize) -> Normalized {
        if let (Some(first), Some(start)) = (self.leading_invisible, self.origin_start.first_mut())
        {
            *start = first;
        }
        collapse_letter_spacing(&mut self);
        self.byte_offsets.push(self.text.len() as u32);
        if let (Some(end), true) = (self.origin_end.last_mut(), original_len > 0) {
            // Trailing invisible chars were absorbed already; make the cover exact.
            *end = (*end).max(original_len as u32);
        }
        Normalized {
            text: self.text,
            chars: self.chars,
            byte_offsets: self.byte_offsets,
            origin_start: self.origin_start,
            origin_end: self.origin_end,
            original_len,
            han: 0,
            latin: 0,
        }
    }
}

/// The three-byte chars from U+3000 to U+9FFF, where CJK punctuation and the
/// ideographs are.
const STABLE_START: u32 = 0x3000;
const STABLE_LEN: usize = 0xA000 - 0x3000;

/// One bit per char from [`STABLE_START`]: set for the chars that are their
/// own canonical form — CJK punctuation (the Hangzhou numerals after it
/// fold) and the simplified ideographs of the common block and Extension A.
static STABLE_BITS: [u64; STABLE_LEN / 64] = {
    let mut bits = [0u64; STABLE_LEN / 64];
    let mut code = STABLE_START;
    while code < STABLE_START + STABLE_LEN as u32 {
        let ideograph = matches!(code, 0x4E00..=0x9FFF | 0x3400..=0x4DBF);
        let punctuation = matches!(code, 0x3001..=0x3020);
        let traditional = ideograph && {
            let bit = (code - IDEOGRAPHS_START) as usize;
            TRADITIONAL_BITS[bit / 64] & (1 << (bit % 64)) != 0
        };
        if (ideograph && !traditional) || punctuation {
            let bit = (code - STABLE_START) as usize;
            bits[bit / 64] |= 1 << (bit % 64);
        }
        code += 1;
    }
    bits
};

thread_local! {
    /// The columns of the last text normalised on this thread, emptied, for
    /// the next one: they are a check's largest allocations.
    static SPARE: RefCell<Option<Builder>> = const { RefCell::new(None) };
}

/// The most chars whose columns are kept for reuse: a 10 MB chat export
/// should not stay in memory after its check.
const MAX_SPARE: usize = 1 << 16;

impl Drop for Normalized {
    fn drop(&mut self) {
        if self.chars.capacity() > MAX_SPARE {
            return;
        }
        let mut spare = Builder {
            text: std::mem::take(&mut self.text),
            chars: std::mem::take(&mut self.chars),
            byte_offsets: std::mem::take(&mut self.byte_offsets),
            origin_start: std::mem::take(&mut self.origin_start),
            origin_end: std::mem::take(&mut self.origin_end),
            leading_invisible: None,
        };
        spare.text.clear();
        spare.chars.clear();
        spare.byte_offsets.clear();
        spare.origin_start.clear();
        spare.origin_end.clear();
        // `try_with`: a text dropped while the thread ends keeps nothing.
        let _ = SPARE.try_with(|slot| {
            if let Ok(mut slot) = slot.try_borrow_mut() {
                slot.get_or_insert(spare);
            }
        });
    }
}

/// Separators that people put between the letters of a word to hide it.
fn is_letter_spacer(c: char) -> bool {
    matches!(
        c,
        ' ' | '·' | '.' | '-' | '_' | '*' | '•' | '・' | '\u{3000}'
    )
}

fn is_latin(c: char) -> bool {
    c.is_ascii_alphabetic()
}

/// Emoji and pictographs, dingbats and the symbol blocks people decorate
/// messages with.
pub fn is_emoji(c: char) -> bool {
    matches!(c, '\u{2600}'..='\u{27BF}' | '\u{2B00}'..='\u{2BFF}' | '\u{1F000}'..='\u{1FAFF}')
}

pub fn is_han(c: char) -> bool {
    // The common block first; then everything below U+3400 (ASCII, Latin,
    // punctuation) answers in one test.
    matches!(c, '\u{4E00}'..='\u{9FFF}')
        || (c >= '\u{3400}'
            && matches!(c, '\u{3400}'..='\u{4DBF}' | '\u{F900}'..='\u{FAFF}' | '\u{20000}'..='\u{2FA1F}'))
}

/// Joins single Latin letters separated by one or two spacers — "w h a t s a p p",
/// "v x", "v·x" — a single letter spaced from a Han char ("v 信"), and Han
/// chars spaced apart ("加 我 微 信", "微*信"): Chinese puts no spaces between
/// words, so a spacer between two Han chars is a disguise or noise. Latin words
/// of two or more letters are left apart, so "i am" stays two words.
///
/// An ID typed one char at a time — "y u j i n g h a o 2 8 9 8", one char a
/// line, or with emoji between — is joined too: a chain of four or more lone
/// letters and digits, at least one a letter, with up to three separators
/// between each. Chains of digits alone stay for the number reader.
fn collapse_letter_spacing(b: &mut Builder) {
    let chars = &b.chars;
    // One cheap pass finds the spacer runs that may join — those after a
    // lone letter or a Han char — and whether a chain may be joined.
    let mut spacer_runs = Vec::new();
    let (mut lone, mut lone_letter) = (0, false);
    let mut i = 0;
    while i < chars.len() {
        // Letters, digits and spacers all lie below the ideographs, where
        // most Chinese text is: a tight scan passes the rest.
        match chars[i..].iter().position(|&c| (c as u32) < 0x3400) {
            Some(skip) => i += skip,
            None => break,
        }
        let c = chars[i];
        if c.is_ascii_alphanumeric() {
            // A whole run of letters and digits at once: only its length
            // and first char matter.
            let start = i;
            while i < chars.len() && chars[i].is_ascii_alphanumeric() {
                i += 1;
            }
            if i - start == 1 {
                lone += 1;
                lone_letter |= c.is_ascii_alphabetic();
            }
            continue;
        }
        if i > 0 && is_letter_spacer(c) {
            let before = chars[i - 1];
            let lone_before = is_latin(before) && (i < 2 || !is_latin(chars[i - 2]));
            if lone_before || is_han(before) {
                spacer_runs.push(i);
            }
        }
        i += 1;
    }
    let chainable = lone >= MIN_CHAIN && lone_letter;
    if spacer_runs.is_empty() && !chainable {
        return;
    }
    let single = |i: usize| {
        is_latin(chars[i])
            && (i == 0 || !is_latin(chars[i - 1]))
            && (i + 1 >= chars.len() || !is_latin(chars[i + 1]))
    };
    let mut remove = vec![false; chars.len()];
    if chainable {
        join_chains(chars, &mut remove);
    }
    for i in spacer_runs {
        let run_end = (i..chars.len())
            .find(|&j| !is_letter_spacer(chars[j]))
            .unwrap_or(chars.len());
        if run_end - i > 2 || run_end == chars.len() {
            continue;
        }
        let (left, right) = (chars[i - 1], chars[run_end]);
        let right_is_single_letter =
            is_latin(right) && (run_end + 1 >= chars.len() || !is_latin(chars[run_end + 1]));
        // "+V b e a u t y": a letter stays apart from a chain after it.
        let chain_after = remove.get(run_end + 1) == Some(&true);
        let joins = (single(i - 1) && (right_is_single_letter || is_han(right)) && !chain_after)
            || (is_han(left) && is_han(right));
        if joins {
            remove[i..run_end].iter_mut().for_each(|r| *r = true);
        }
    }
    // A removed spacer joins no span: a finding over the chars on both sides
    // covers it, and one that ends before it does not drag it along.
    b.remove_marked(&remove);
}

/// What may stand between the chars of an ID typed one char at a time.
fn is_chain_separator(c: char) -> bool {
    is_letter_spacer(c) || matches!(c, '\n' | '|' | '/' | '\\' | '~' | '、') || is_emoji(c)
}

/// The most separators between two chars of one chain.
const MAX_CHAIN_GAP: usize = 3;
/// The fewest chars a chain needs to be joined.
const MIN_CHAIN: usize = 4;

/// Marks the separators inside chains of lone letters and digits.
fn join_chains(chars: &[char], remove: &mut [bool]) {
    let alnum = |c: char| c.is_ascii_alphanumeric();
    let lone = |i: usize| {
        alnum(chars[i])
            && (i == 0 || !alnum(chars[i - 1]))
            && chars.get(i + 1).is_none_or(|&c| !alnum(c))
    };
    let mut members = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        // "+V b e a u t y": the V after a plus sign is the channel, not the ID.
        let channel_letter =
            i > 0 && matches!(chars[i - 1], '+' | '加') && matches!(chars[i], 'v' | 'q');
        if !lone(i) || channel_letter {
            i += 1;
            continue;
        }
        // Walk the chain from `i`: members and the separator runs between them.
        members.clear();
        members.push(i);
        let mut at = i + 1;
        loop {
            let gap_end = (at..chars.len().min(at + MAX_CHAIN_GAP + 1))
                .find(|&j| !is_chain_separator(chars[j]))
                .unwrap_or(chars.len());
            if gap_end == at
                || gap_end - at > MAX_CHAIN_GAP
                || gap_end >= chars.len()
                || !lone(gap_end)
            {
                break;
            }
            members.push(gap_end);
            at = gap_end + 1;
        }
        let has_letter = members.iter().any(|&m| chars[m].is_ascii_alphabetic());
        if members.len() >= MIN_CHAIN && has_letter {
            // The separators go; an underscore or a hyphen among them is part
            // of the ID ("b e a u t y _ k e 7 2" is beauty_ke72).
            for pair in members.windows(2) {
                let gap = pair[0] + 1..pair[1];
                let only_joiners = chars[gap.clone()].iter().all(|&c| matches!(c, '_' | '-'));
                for k in gap {
                    remove[k] = only_joiners || !matches!(chars[k], '_' | '-');
                }
            }
        }
        i = members[members.len() - 1] + 1;
    }
}

/// Chars that render as nothing or only mark the char before them:
/// `Default_Ignorable_Code_Point` (zero-width chars, bidi controls, variation
/// selectors, tags, the Hangul fillers), enclosing marks (the keycap) and
/// combining diacritics (strike-through, underline).
#[inline]
fn is_invisible(c: char) -> bool {
    let i = tables::INVISIBLE.partition_point(|&(_, last)| last < c);
    tables::INVISIBLE
        .get(i)
        .is_some_and(|&(first, _)| first <= c)
}

/// Whether `first` and `second` are the regional indicators of a flag.
fn is_flag(first: char, second: char) -> bool {
    const A: u32 = 0x1F1E6;
    let letter = |c: char| {
        (c as u32)
            .checked_sub(A)
            .filter(|&i| i < 26)
            .map(|i| b'a' + i as u8)
    };
    match (letter(first), letter(second)) {
        (Some(a), Some(b)) => flags::FLAG_REGIONS.binary_search(&[a, b]).is_ok(),
        _ => false,
    }
}

/// What a digit form or look-alike stands for, where NFKC and lower-casing
/// alone do not say: "⑴" → "1", "❶" → "1", "𝟙" → "1", "㈠" → "一",
/// Cyrillic "в" → "b", "ᴡ" → "w", "➕" → "+".
#[inline]
fn fold(c: char) -> Option<&'static str> {
    // Most chars lie in a stretch of sixteen with no entry: one bit says so.
    let block = c as usize / 16;
    if block >= FOLD_BLOCKS * 64 || FOLDED_BLOCKS[block / 64] & (1 << (block % 64)) == 0 {
        return None;
    }
    tables::FOLDS
        .binary_search_by_key(&c, |&(from, _)| from)
        .ok()
        .map(|i| tables::FOLDS[i].1)
}

/// Blocks of sixteen code points, up to U+1FFFF, where [`tables::FOLDS`]
/// has entries above it.
const FOLD_BLOCKS: usize = 0x20000 / 16 / 64;

/// One bit per block of sixteen code points: set where some char folds.
static FOLDED_BLOCKS: [u64; FOLD_BLOCKS] = {
    let mut bits = [0u64; FOLD_BLOCKS];
    let table = &tables::FOLDS;
    let mut i = 0;
    while i < table.len() {
        let block = table[i].0 as usize / 16;
        if block < FOLD_BLOCKS * 64 {
            bits[block / 64] |= 1 << (block % 64);
        }
        i += 1;
    }
    bits
};

/// Traditional (and regional variant) forms to simplified, for every char
/// OpenCC knows: 參 → 参, 電 → 电, 裏 → 里.
#[inline]
pub fn trad_to_simp(c: char) -> Option<char> {
    // Most ideographs are simplified already: a bit test answers for them
    // without the binary search.
    let bit = (c as u32).wrapping_sub(IDEOGRAPHS_START) as usize;
    if bit < IDEOGRAPHS_LEN && TRADITIONAL_BITS[bit / 64] & (1 << (bit % 64)) == 0 {
        return None;
    }
    let table = &tables::TRADITIONAL;
    table
        .binary_search_by_key(&c, |&(t, _)| t)
        .ok()
        .map(|i| table[i].1)
}

/// CJK Extension A and the Unified Ideographs, where most traditional chars lie.
const IDEOGRAPHS_START: u32 = 0x3400;
const IDEOGRAPHS_LEN: usize = 0xA000 - 0x3400;

/// One bit per ideograph: set for the traditional chars of the table.
static TRADITIONAL_BITS: [u64; IDEOGRAPHS_LEN / 64] = {
    let mut bits = [0u64; IDEOGRAPHS_LEN / 64];
    let table = &tables::TRADITIONAL;
    let mut i = 0;
    while i < table.len() {
        let bit = (table[i].0 as u32).wrapping_sub(IDEOGRAPHS_START) as usize;
        if bit < IDEOGRAPHS_LEN {
            bits[bit / 64] |= 1 << (bit % 64);
        }
        i += 1;
    }
    bits
};

/// The digit a char stands for where a number is being read: ASCII digits,
/// Chinese numerals (一 壹 幺, 两, 〇 零) and the ○ people type for zero.
pub const fn digit_value(c: char) -> Option<u8> {
    Some(match c {
        '0'..='9' => c as u8 - b'0',
        '〇' | '零' | '○' => 0,
        '一' | '壹' | '幺' => 1,
        '二' | '贰' | '两' => 2,
        '三' | '叁' => 3,
        '四' | '肆' => 4,
        '五' | '伍' => 5,
        '六' | '陆' => 6,
        '七' | '柒' => 7,
        '八' | '捌' => 8,
        '九' | '玖' => 9,
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn canonical(s: &str) -> String {
        Normalized::new(s).text().to_string()
    }

    #[test]
    fn folds_width_circles_keycaps_and_math_digits() {
        assert_eq!(canonical("１３８"), "138");
        assert_eq!(canonical("①③⑧"), "138");
        assert_eq!(canonical("⑩"), "10");
        assert_eq!(canonical("❶❷"), "12");
        assert_eq!(canonical("1️⃣8️⃣"), "18");
        assert_eq!(canonical("𝟏𝟓𝟕"), "157");
        assert_eq!(canonical("⒈⒌"), "15");
        assert_eq!(canonical("⑴⑶⑻"), "138");
        assert_eq!(canonical("➊➌➑ ⓵⓷⓼ 🄂"), "138 138 1");
        assert_eq!(canonical("¹³⁸₀"), "1380");
        assert_eq!(canonical("١٣٨ ১৩৮"), "138 138");
        assert_eq!(canonical("〡〣〨"), "138");
        assert_eq!(canonical("㈠㊀"), "一一");
        assert_eq!(canonical("ＶＸ"), "vx");
    }

    #[test]
    fn folds_lookalikes_traditional_and_invisibles() {
        assert_eq!(canonical("Facebοok"), "facebook");
        assert_eq!(canonical("vх"), "vx");
        assert_eq!(canonical("微訊 聯繫"), "微讯联系");
        assert_eq!(canonical("微\u{200B}信"), "微信");
        assert_eq!(canonical("\u{3164}微\u{3164}信\u{3164}"), "微信");
        assert_eq!(
            canonical("ｗｅＣｈａｔ ᴡᴇᴄʜᴀᴛ 🅦🅔🅒🅗🅐🅣"),
            "wechat wechat wechat"
        );
        assert_eq!(canonical("w̶e̶c̶h̶a̶t̶ wēixìn"), "wechat weixin");
        assert_eq!(canonical("Іnstаgrаm"), "instagram");
        assert_eq!(canonical("歡迎參加 裏面"), "欢迎参加里面");
        // Simplified chars a regional variant table lists stay as they are.
        assert_eq!(canonical("什么 著名 什麼"), "什么著名什么");
        assert_eq!(canonical("5μm ×2"), "5μm ×2");
        assert_eq!(canonical("信➕"), "信+");
    }

    #[test]
    fn a_flag_stays_an_emoji_and_other_indicator_pairs_spell_letters() {
        assert_eq!(canonical("中国制造🇨🇳，🇺🇸直邮"), "中国制造🇨🇳,🇺🇸直邮");
        assert_eq!(canonical("加🇻🇽"), "加vx");
        assert_eq!(canonical("加🇻"), "加v");
        // Every region's flag, and each of its indicators alone.
        for [a, b] in flags::FLAG_REGIONS {
            let indicator = |l: u8| char::from_u32(0x1F1E6 + u32::from(l - b'a')).unwrap();
            let flag: String = [indicator(a), indicator(b)].iter().collect();
            assert_eq!(canonical(&flag), flag);
            assert_eq!(
                canonical(&format!("{}信", indicator(a))),
                format!("{}信", a as char)
            );
        }
    }

    #[test]
    fn collapses_letter_spacing_only_for_single_letters() {
        assert_eq!(canonical("W h a t s A p p"), "whatsapp");
        assert_eq!(canonical("V 信"), "v信");
        assert_eq!(canonical("V·X"), "vx");
        assert_eq!(canonical("I am here"), "i am here");
        assert_eq!(canonical("加 我 微*信"), "加我微信");
        assert_eq!(canonical("欢迎 hello 光临"), "欢迎 hello 光临");
        assert_eq!(canonical("y u j i n g h a o 2 8 9 8"), "yujinghao2898");
        assert_eq!(canonical("+V b e a u t y _ k e 7 2"), "+v beauty_ke72");
        assert_eq!(canonical("K i k i - s e n"), "kiki-sen");
        assert_eq!(canonical("+V g-u-o-k-e-0-4"), "+v guoke04");
        assert_eq!(canonical("+w\ne\ni\nx\ni\nn"), "+weixin");
        assert_eq!(canonical("k\ni\nk\ni\n_\nw\n8"), "kiki_w8");
        assert_eq!(canonical("w 🌸 x 🌸 i 🌸 d"), "wxid");
        assert_eq!(canonical("1 3 8 0 0"), "1 3 8 0 0");
        assert_eq!(canonical("A 款 B 款"), "a款 b款");
    }

    #[test]
    fn maps_back_to_original_spans() {
        let n = Normalized::new("加1️⃣8️⃣号");
        assert_eq!(n.text(), "加18号");
        assert_eq!(n.original_span(1..3), 1..7);
        let n = Normalized::new("⑩x");
        assert_eq!(n.original_span(0..2), 0..1);
        assert_eq!(n.original_span(2..3), 1..2);
        let n = Normalized::new("W h a t s");
        assert_eq!(n.original_span(0..n.len()), 0..9);
        let n = Normalized::new("加 我 微 信");
        assert_eq!(n.original_span(0..2), 0..3);
    }

    #[test]
    fn the_generated_tables_are_sorted_for_binary_search() {
        assert!(tables::TRADITIONAL.windows(2).all(|w| w[0].0 < w[1].0));
        assert!(tables::FOLDS.windows(2).all(|w| w[0].0 < w[1].0));
        assert!(tables::INVISIBLE.windows(2).all(|w| w[0].1 < w[1].0));
        assert_eq!(trad_to_simp('聯'), Some('联'));
        assert_eq!(trad_to_simp('联'), None);
    }

    /// Every entry of every generated table is what the normaliser does.
    #[test]
    fn the_normaliser_applies_every_table_entry() {
        for &(from, to) in tables::FOLDS.iter() {
            assert_eq!(
                canonical(&from.to_string()),
                to,
                "{from:?} (U+{:04X})",
                from as u32
            );
            let target_ok = to.chars().all(|c| {
                c.is_ascii_lowercase() || c.is_ascii_digit() || "+@".contains(c) || is_han(c)
            });
            assert!(target_ok, "{from:?} folds to {to:?}");
        }
        for &(from, to) in tables::TRADITIONAL.iter() {
            assert_eq!(canonical(&from.to_string()), to.to_string(), "{from:?}");
            assert_eq!(trad_to_simp(to), None, "{from:?} → {to:?} is not the end");
        }
        for &(first, last) in tables::INVISIBLE.iter() {
            for c in (first..=last).filter(|c| !c.is_whitespace()) {
                assert_eq!(canonical(&format!("a{c}b")), "ab", "U+{:04X}", c as u32);
            }
        }
    }

    #[test]
    fn the_stable_cjk_chars_are_their_own_canonical_form() {
        for code in STABLE_START..STABLE_START + STABLE_LEN as u32 {
            let Some(c) = char::from_u32(code) else {
                continue;
            };
            let bit = (code - STABLE_START) as usize;
            let stable = STABLE_BITS[bit / 64] & (1 << (bit % 64)) != 0;
            let own = fold(c).is_none()
                && !is_invisible(c)
                && trad_to_simp(c).is_none()
                && std::iter::once(c).nfkc().eq([c])
                && c.to_lowercase().eq([c]);
            // Every char the shortcut passes through must be one the slow
            // path would have left alone.
            assert!(!stable || own, "{c} (U+{code:04X})");
        }
    }

    #[test]
    fn reads_chinese_numerals_as_digits() {
        let digits: Vec<u8> = "幺叁柒〇两".chars().filter_map(digit_value).collect();
        assert_eq!(digits, [1, 3, 7, 0, 2]);
        assert_eq!(digit_value('十'), None);
    }
}
