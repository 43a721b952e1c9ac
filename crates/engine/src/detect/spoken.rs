//! Numbers read aloud: the tokens the number finder reads besides single
//! digit chars.
//!
//! - Chinese positional numerals — 八千 = 8000, 一万二 = 12000, 三百五 = 350,
//!   一千零八 = 1008. They are amounts: a run holding one counts as a contact
//!   only when the whole run has a phone-number shape ("幺三八 洞洞幺三 八千").
//! - Radio digits — 洞 = 0, 拐 = 7, 勾 = 9 — count only joined to an ordinary
//!   digit in the same group ("洞洞幺三", "八洞洞洞"), so 山洞, 拐弯, 勾选 stay words.
//! - English digit words — "two-one-two", "oh" for 0 inside a run, "double
//!   five" = 55, "triple eight" = 888. A run of them is never a bare `digits`
//!   warning ("one two three four five" is counting); it needs a phone shape
//!   or a cue.

use std::ops::Range;

use super::numbers::Digits;
use crate::normalize::digit_value;

/// How a token reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokenKind {
    /// A digit char: ASCII, Chinese (一 壹 幺 两 〇), circled…
    Digit,
    /// 洞 拐 勾: a digit only beside other digits.
    Radio,
    /// 八千, 一万二: an amount spelled with units.
    Positional,
    /// "five", "double five", "zero".
    Word,
    /// "oh", "o": zero only inside a run of digits.
    WeakWord,
}

impl TokenKind {
    pub fn is_word(self) -> bool {
        matches!(self, TokenKind::Word | TokenKind::WeakWord)
    }
}

/// One token of a number: `len` digits of `value`, zero-padded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Token {
    pub range: Range<usize>,
    pub kind: TokenKind,
    value: u64,
    len: u8,
}

impl Token {
    fn single(at: usize, end: usize, kind: TokenKind, d: u8) -> Token {
        Token {
            range: at..end,
            kind,
            value: u64::from(d),
            len: 1,
        }
    }

    /// Appends the token's digits, as ASCII.
    pub fn push_digits(&self, out: &mut Digits) {
        out.push_number(self.value, usize::from(self.len));
    }

    pub fn digit_count(&self) -> usize {
        usize::from(self.len)
    }
}

/// The radio-style digits: 洞 0, 拐 7, 勾 9.
const fn radio_value(c: char) -> Option<u8> {
    match c {
        '洞' => Some(0),
        '拐' => Some(7),
        '勾' => Some(9),
        _ => None,
    }
}

/// A Chinese (not ASCII) digit char.
fn chinese_digit(c: char) -> Option<u8> {
    if c.is_ascii() {
        return None;
    }
    digit_value(c)
}

fn unit_value(c: char) -> Option<u64> {
    match c {
        '十' | '拾' => Some(10),
        '百' | '佰' => Some(100),
        '千' | '仟' => Some(1000),
        '万' => Some(10_000),
        _ => None,
    }
}

/// A positional numeral starting at `i` on a Chinese digit: its end and value.
/// It has at least one unit char; units fall within each 万 section
/// (一千二百, not 一百二千); a digit after the last unit abbreviates the next
/// unit down (一万二 = 12000, 三百五 = 350) unless a 零 came before it.
fn positional_at(chars: &[char], i: usize) -> Option<(usize, u64)> {
    chinese_digit(chars[i])?;
    let mut j = i;
    let mut total = 0u64;
    let mut section = 0u64;
    // The last unit read in this section (10_000 after 万).
    let mut last_unit = 0u64;
    let mut after_zero = false;
    let mut end = i;
    let mut value = None;
    while j < chars.len() {
        let Some(d) = chinese_digit(chars[j]) else {
            break;
        };
        if d == 0 {
            if last_unit == 0 {
                break;
            }
            after_zero = true;
            j += 1;
            continue;
        }
        let d = u64::from(d);
        match chars.get(j + 1).copied().and_then(unit_value) {
            Some(10_000) if total == 0 && last_unit != 10_000 => {
                total = (section + d) * 10_000;
                section = 0;
                last_unit = 10_000;
                j += 2;
            }
            Some(unit)
                if unit < 10_000 && (last_unit == 0 || last_unit == 10_000 || unit < last_unit) =>
            {
                section += d * unit;
                last_unit = unit;
                j += 2;
            }
            Some(_) => break,
            None => {
                if last_unit == 0 {
                    return None;
                }
                let scale = if after_zero { 1 } else { last_unit / 10 };
                section += d * scale;
                j += 1;
                end = j;
                value = Some(total + section);
                break;
            }
        }
        after_zero = false;
        end = j;
        value = Some(total + section);
    }
    // A bare 万 after a section: 一千二百万.
    if let (Some(_), Some('万')) = (value, chars.get(end))
        && total == 0
        && last_unit < 10_000
        && !after_zero
    {
        end += 1;
        value = Some(section * 10_000);
    }
    value
        .filter(|&v| v > 0 && v < 100_000_000)
        .map(|v| (end, v))
}

/// English digit words, lower case (the canonical text is lower case).
const WORDS: &[(&str, u8, bool)] = &[
    ("zero", 0, false),
    ("oh", 0, true),
    ("o", 0, true),
    ("one", 1, false),
    ("two", 2, false),
    ("three", 3, false),
    ("four", 4, false),
    ("five", 5, false),
    ("six", 6, false),
    ("seven", 7, false),
    ("eight", 8, false),
    ("nine", 9, false),
    ("niner", 9, false),
];

fn is_letter(c: char) -> bool {
    c.is_ascii_alphabetic()
}

/// The digit word at `i` (a whole word): its end, digit and weakness.
fn word_at(chars: &[char], i: usize) -> Option<(usize, u8, bool)> {
    // The first letters of the digit words turn most words away at once.
    if !matches!(chars[i], 'z' | 'o' | 't' | 'f' | 's' | 'e' | 'n')
        || (i > 0 && (is_letter(chars[i - 1]) || chars[i - 1].is_ascii_digit()))
    {
        return None;
    }
    // No digit word is longer than five letters.
    let limit = chars.len().min(i + 6);
    let end = (i..limit).find(|&k| !is_letter(chars[k])).unwrap_or(limit);
    if end == i + 6 && end < chars.len() && is_letter(chars[end]) {
        return None;
    }
    let word = &chars[i..end];
    WORDS
        .iter()
        .find(|(w, _, _)| {
            w.len() == word.len() && w.bytes().zip(word).all(|(b, &c)| c == char::from(b))
        })
        .map(|&(_, d, weak)| (end, d, weak))
}

/// "double five", "triple-oh": the repeated digit token at `i`.
fn repeated_at(chars: &[char], i: usize) -> Option<Token> {
    if !matches!(chars[i], 'd' | 't') {
        return None;
    }
    let (times, len) = [("double", 2u8), ("triple", 3u8)]
        .into_iter()
        .find(|(w, _)| {
            let n = w.len();
            i + n < chars.len()
                && w.chars().eq(chars[i..i + n].iter().copied())
                && (i == 0 || !is_letter(chars[i - 1]))
        })?;
    let gap = i + times.len();
    if !matches!(chars[gap], ' ' | '-') {
        return None;
    }
    let (end, d, _) = word_at(chars, gap + 1)?;
    let value = (0..len).fold(0u64, |v, _| v * 10 + u64::from(d));
    Some(Token {
        range: i..end,
        kind: TokenKind::Word,
        value,
        len,
    })
}

/// Where a token is being read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum At {
    /// Starting a run.
    Start,
    /// Right after a token of the group; `has_digit`: the group holds an
    /// ordinary digit.
    InGroup { has_digit: bool },
    /// After a gap in a run; `run_has_digit`: the run holds an ordinary digit.
    NextGroup { run_has_digit: bool },
}

/// One bit per BMP char: set for the non-ASCII digit and radio chars.
static NUMERAL_BITS: [u64; 1024] = {
    let mut bits = [0u64; 1024];
    let mut code = 0x80;
    while code < 0x10000 {
        if let Some(c) = char::from_u32(code)
            && (digit_value(c).is_some() || radio_value(c).is_some())
        {
            bits[code as usize / 64] |= 1 << (code % 64);
        }
        code += 1;
    }
    bits
};

/// "l38 OO13 8OOO", "138oo138ooo": o typed for 0, l or i for 1, in a token
/// otherwise made of digits. The token needs two digits to start a run
/// ("o2o", "i5" stay words), one to go on with it.
fn lookalike_digit(chars: &[char], i: usize, at: At) -> Option<u8> {
    let d = match chars[i] {
        'o' => 0,
        'l' | 'i' => 1,
        _ => return None,
    };
    // A letter other than a look-alike right after it: a word ("of", "is").
    if chars
        .get(i + 1)
        .is_some_and(|&c| c.is_ascii_alphabetic() && !matches!(c, 'o' | 'l' | 'i'))
    {
        return None;
    }
    let alnum = |k: &usize| chars[*k].is_ascii_alphanumeric();
    let start = (0..i).rev().take_while(alnum).last().unwrap_or(i);
    let end = (i..chars.len()).find(|k| !alnum(k)).unwrap_or(chars.len());
    let token = &chars[start..end];
    let only_digits = token
        .iter()
        .all(|c| c.is_ascii_digit() || matches!(c, 'o' | 'l' | 'i'));
    let digits = token.iter().filter(|c| c.is_ascii_digit()).count();
    let needed = if at == At::Start { 2 } else { 1 };
    (only_digits && digits >= needed).then_some(d)
}

/// Whether a run may start at `i`: one bit test turns away most chars before
/// [`token_at`] reads them. ASCII letters start digit words at word starts only,
/// and only the letters those words begin with.
#[inline]
pub fn may_start(chars: &[char], i: usize) -> bool {
    let c = chars[i];
    if !may_start_char(c) {
        return false;
    }
    if !is_letter(c) {
        return true;
    }
    let before = i.checked_sub(1).map(|k| chars[k]);
    if before.is_some_and(is_letter) {
        return false;
    }
    // After a digit, a look-alike may belong to the digits' token ("38l").
    if before.is_some_and(|b| b.is_ascii_digit()) {
        return true;
    }
    // The second letter of a digit word, "double" or "triple"; or what may
    // follow a look-alike digit (o, l, i before digits or each other).
    let next = chars.get(i + 1).copied();
    let lookalike = next.is_some_and(|n| n.is_ascii_digit() || matches!(n, 'o' | 'l' | 'i'));
    match c {
        'z' => next == Some('e'),
        'o' => !next.is_some_and(is_letter) || matches!(next, Some('h' | 'n')) || lookalike,
        't' => matches!(next, Some('w' | 'h' | 'r')),
        'f' => matches!(next, Some('o' | 'i')),
        's' => matches!(next, Some('i' | 'e')),
        'e' | 'n' => next == Some('i'),
        'd' => next == Some('o'),
        'l' | 'i' => lookalike,
        _ => true,
    }
}

/// Whether a run may start with `c`, wherever it stands: a digit, a numeral,
/// a radio word's char, or a letter a digit word (or "double", "triple", or
/// a look-alike digit as in l38) begins with.
pub fn may_start_char(c: char) -> bool {
    if c.is_ascii() {
        let word_start = matches!(c, 'z' | 'o' | 't' | 'f' | 's' | 'e' | 'n' | 'd' | 'l' | 'i');
        return c.is_ascii_digit() || word_start;
    }
    let code = c as usize;
    code < 0x10000 && NUMERAL_BITS[code / 64] & (1 << (code % 64)) != 0
}

/// The token starting at `i`, if any. A weak word ("oh") counts only inside
/// a run; a radio digit only beside an ordinary digit in its group, or as a
/// whole group of a run that has ordinary digits ("幺三八 洞洞洞洞"), standing
/// alone up to the next separator (not "12345 拐弯").
pub fn token_at(chars: &[char], i: usize, at: At) -> Option<Token> {
    let c = chars[i];
    if let Some(d) = digit_value(c) {
        if let Some((end, value)) = positional_at(chars, i) {
            return Some(Token {
                range: i..end,
                kind: TokenKind::Positional,
                value,
                len: digits_of(value),
            });
        }
        return Some(Token::single(i, i + 1, TokenKind::Digit, d));
    }
    if let Some(d) = radio_value(c) {
        // A dozen at most: a page of 洞 is not a number.
        let limit = chars.len().min(i + 12);
        let next = (i + 1..limit).find(|&k| radio_value(chars[k]).is_none());
        let before_digit = next.is_some_and(|k| digit_value(chars[k]).is_some());
        let joined = before_digit
            || match at {
                At::Start => false,
                At::InGroup { has_digit } => has_digit,
                At::NextGroup { run_has_digit } => {
                    let clean_end = match next {
                        Some(k) => !chars[k].is_alphanumeric(),
                        None => limit == chars.len(),
                    };
                    run_has_digit && clean_end
                }
            };
        return joined.then(|| Token::single(i, i + 1, TokenKind::Radio, d));
    }
    if let Some(d) = lookalike_digit(chars, i, at) {
        return Some(Token::single(i, i + 1, TokenKind::Digit, d));
    }
    let in_run = at != At::Start;
    if c.is_ascii_alphabetic() {
        // Words only: nothing starts inside one.
        if i > 0 && is_letter(chars[i - 1]) {
            return None;
        }
        if let Some(token) = repeated_at(chars, i) {
            return Some(token);
        }
        let (end, d, weak) = word_at(chars, i)?;
        if weak && !in_run {
            return None;
        }
        let kind = if weak {
            TokenKind::WeakWord
        } else {
            TokenKind::Word
        };
        return Some(Token::single(i, end, kind, d));
    }
    None
}

fn digits_of(mut v: u64) -> u8 {
    let mut n = 1;
    while v >= 10 {
        v /= 10;
        n += 1;
    }
    n
}

#[cfg(test)]
mod tests {
    use super::*;

    fn positional(s: &str) -> Option<u64> {
        let chars: Vec<char> = s.chars().collect();
        positional_at(&chars, 0)
            .filter(|&(end, _)| end == chars.len())
            .map(|(_, v)| v)
    }

    #[test]
    fn reads_positional_numerals() {
        assert_eq!(positional("八千"), Some(8000));
        assert_eq!(positional("一万二"), Some(12000));
        assert_eq!(positional("三百五"), Some(350));
        assert_eq!(positional("两千三"), Some(2300));
        assert_eq!(positional("一千零八"), Some(1008));
        assert_eq!(positional("八千零五"), Some(8005));
        assert_eq!(positional("二十五"), Some(25));
        assert_eq!(positional("一千三百八十"), Some(1380));
        assert_eq!(positional("一万二千三百四十五"), Some(12345));
        assert_eq!(positional("一千二百万"), Some(12_000_000));
        assert_eq!(positional("一三八"), None);
        assert_eq!(positional("零五"), None);
    }

    #[test]
    fn token_digits_are_zero_padded() {
        let chars: Vec<char> = "double oh".chars().collect();
        let t = token_at(&chars, 0, At::Start).unwrap();
        let mut s = Digits::default();
        t.push_digits(&mut s);
        assert_eq!(s.as_str(), "00");
        assert_eq!(t.range, 0..9);
    }
}
