//! What each canonical char is, as a few bits read once per message.
//!
//! Several scans look for rare chars in long text: a dot after a host label, a
//! splitter between two chars of a word, a digit or numeral, an at-sign, a
//! Latin letter in Chinese text. Each used to test every char with its own
//! chain of range checks; one pass now sets the bits and the scans run over
//! them in a tight loop. The predicates themselves stay where they belong
//! (links, split, spoken, text); this module only gathers them.

use super::{links, split, spoken, text};
use crate::normalize::is_han;
use std::sync::LazyLock;

/// One set of bits per canonical char, and the union of each block's bits:
/// a scan for a rare class skips whole blocks of text without it.
pub struct Classes {
    chars: Vec<u16>,
    blocks: Vec<u16>,
    /// The bits in most blocks (spaces and letters in English): a scan for
    /// them would stop at nearly every block, so it reads char by char.
    dense: u16,
}

/// How many chars a block of [`Classes`] spans.
const BLOCK: usize = 16;

/// A Han char ([`is_han`]).
pub const HAN: u16 = 1 << 0;
/// A Latin letter ([`text::is_latin_letter`]).
pub const LATIN: u16 = 1 << 1;
/// What people split a word with ([`split::is_splitter`]).
pub const SPLITTER: u16 = 1 << 2;
/// A char of a host label ([`links::is_label_char`]).
pub const LABEL: u16 = 1 << 3;
/// An ASCII letter or digit.
pub const ALNUM: u16 = 1 << 4;
/// What may open a share code ([`links::may_open`]).
pub const OPENER: u16 = 1 << 5;
/// What an at-sign may start with ([`links::may_start_at_sign`]).
pub const AT_SIGN: u16 = 1 << 6;
/// What a number may start with ([`spoken::may_start_char`]).
pub const NUMERAL: u16 = 1 << 7;
/// An ASCII char.
pub const ASCII: u16 = 1 << 8;
/// What a dot between host labels may start with ([`links::may_start_dot`]).
pub const DOT: u16 = 1 << 9;

impl Classes {
    pub fn new(chars: &[char]) -> Classes {
        let table = &*BMP_CLASSES;
        let chars: Vec<u16> = chars
            .iter()
            .map(|&c| match table.get(c as usize) {
                Some(&bits) => bits,
                None => class_of(c),
            })
            .collect();
        let blocks = chars
            .chunks(BLOCK)
            .map(|block| block.iter().fold(0, |all, &b| all | b))
            .collect::<Vec<u16>>();
        let dense = (0..16)
            .filter(|&bit| blocks.iter().filter(|&&b| b >> bit & 1 != 0).count() * 2 > blocks.len())
            .fold(0, |all, bit| all | 1 << bit);
        Classes {
            chars,
            blocks,
            dense,
        }
    }

    /// The bits of char `i`.
    pub fn at(&self, i: usize) -> u16 {
        self.chars[i]
    }

    /// The first index at or after `from` whose char has any of `bits`.
    #[inline]
    pub fn find(&self, from: usize, bits: u16) -> Option<usize> {
        self.scan(from, bits, |_| true)
    }

    /// The first index at or after `from` whose char has none of `bits`
    /// (the length when there is none): where a run of the class ends.
    pub fn end_of(&self, from: usize, bits: u16) -> usize {
        let rest = self.chars.get(from..).unwrap_or_default();
        from + rest
            .iter()
            .position(|&b| b & bits == 0)
            .unwrap_or(rest.len())
    }

    /// The first index `i` at or after `from` whose char has any of `bits`
    /// while the char before it has any of `before`, and where `also(i)`
    /// holds: a closer look, taken only where the bits allow.
    #[inline]
    pub fn find_after(
        &self,
        from: usize,
        before: u16,
        bits: u16,
        also: impl Fn(usize) -> bool,
    ) -> Option<usize> {
        let k = &self.chars;
        self.scan(from.max(1), bits, |i| k[i - 1] & before != 0 && also(i))
    }

    /// The first index at or after `from` with any of `bits` that `accept`s.
    #[inline]
    fn scan(&self, from: usize, bits: u16, accept: impl Fn(usize) -> bool) -> Option<usize> {
        let k = &self.chars;
        if bits & self.dense != 0 {
            return (from..k.len()).find(|&i| k[i] & bits != 0 && accept(i));
        }
        let mut i = from;
        while i < k.len() {
            if self.blocks[i / BLOCK] & bits == 0 {
                i = (i / BLOCK + 1) * BLOCK;
            } else if k[i] & bits != 0 && accept(i) {
                return Some(i);
            } else {
                i += 1;
            }
        }
        None
    }
}

/// The classes of every char of the Basic Multilingual Plane, where nearly
/// all text is, computed once: a look-up per char instead of every predicate.
static BMP_CLASSES: LazyLock<Vec<u16>> = LazyLock::new(|| {
    (0..=0xFFFF)
        .map(|code| char::from_u32(code).map_or(0, class_of))
        .collect()
});

/// Every bit of `c`, from the predicates themselves.
fn class_of(c: char) -> u16 {
    let bits = [
        (is_han(c), HAN),
        (text::is_latin_letter(c), LATIN),
        (split::is_splitter(c), SPLITTER),
        (links::is_label_char(c), LABEL),
        (c.is_ascii_alphanumeric(), ALNUM),
        (links::may_open(c), OPENER),
        (links::may_start_at_sign(c), AT_SIGN),
        (spoken::may_start_char(c), NUMERAL),
        (c.is_ascii(), ASCII),
        (links::may_start_dot(c), DOT),
    ];
    bits.into_iter()
        .filter(|&(has, _)| has)
        .fold(0, |all, (_, bit)| all | bit)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scans_find_the_first_char_of_a_class() {
        let chars: Vec<char> = "加我 wx.abc".chars().collect();
        let classes = Classes::new(&chars);
        assert_eq!(classes.find(0, LATIN), Some(3));
        assert_eq!(classes.find(4, SPLITTER), Some(5));
        assert_eq!(classes.find_after(0, LABEL, SPLITTER, |_| true), Some(5));
        assert_eq!(classes.find(9, NUMERAL), None);
        assert_eq!(classes.end_of(3, LATIN), 5);
        assert_eq!(classes.end_of(6, LATIN), 9);
        assert_eq!(classes.find(40, HAN), None);
    }

    use proptest::prelude::*;

    proptest! {
        /// Skipping blocks finds what reading every char finds, for sparse
        /// and dense classes alike.
        #[test]
        fn block_skipping_finds_what_a_plain_scan_finds(
            text in "[a-z 加我。.@1-9①]{0,80}",
            from in 0usize..90,
        ) {
            let chars: Vec<char> = text.chars().collect();
            let classes = Classes::new(&chars);
            for bits in [HAN, LATIN, SPLITTER, DOT, AT_SIGN, NUMERAL, DOT | HAN] {
                let plain = (from..chars.len()).find(|&i| classes.at(i) & bits != 0);
                prop_assert_eq!(classes.find(from, bits), plain);
                let after = (from.max(1)..chars.len())
                    .find(|&i| classes.at(i) & bits != 0 && classes.at(i - 1) & LABEL != 0);
                prop_assert_eq!(classes.find_after(from, LABEL, bits, |_| true), after);
            }
        }
    }
}
