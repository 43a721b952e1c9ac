//! Every occurrence of a set of literal words in the canonical text, found in
//! one overlapping pass, by whichever of two automata takes fewer steps:
//! Chinese text is read a char at a time (daachorse's charwise double array:
//! a third of the steps of a byte automaton), mostly-ASCII text a byte at a
//! time (aho-corasick's DFA: the charwise automaton follows failure links at
//! nearly every letter of English, the DFA never does).

use std::ops::Range;

use aho_corasick::{AhoCorasick, AhoCorasickKind, MatchKind};
use daachorse::CharwiseDoubleArrayAhoCorasick;

use crate::normalize::Normalized;

pub struct WordMatcher {
    /// `None` when there are no words, or too many for a double array:
    /// `by_byte` reads all.
    by_char: Option<CharwiseDoubleArrayAhoCorasick<u32>>,
    /// A DFA where the words fit in one, else aho-corasick's choice.
    by_byte: AhoCorasick,
    /// Whether `by_byte` is a DFA, and so quicker than `by_char` on ASCII.
    byte_dfa: bool,
    /// Per distinct word: its length in chars and the ids it was added with
    /// (one word may serve several rules).
    words: Vec<(usize, Vec<usize>)>,
}

impl WordMatcher {
    /// `words`: canonical words with the id each stands for; empty words are
    /// left out. The error says why the words fit no automaton.
    pub fn new(words: impl IntoIterator<Item = (String, usize)>) -> Result<WordMatcher, String> {
        let mut index: std::collections::HashMap<String, usize> = Default::default();
        let mut distinct: Vec<(usize, Vec<usize>)> = Vec::new();
        let mut patterns: Vec<(String, u32)> = Vec::new();
        for (word, id) in words {
            if word.is_empty() {
                continue;
            }
            let next = distinct.len();
            let slot = *index.entry(word.clone()).or_insert_with(|| {
                distinct.push((word.chars().count(), Vec::new()));
                patterns.push((word, next as u32));
                next
            });
            distinct[slot].1.push(id);
        }
        let byte_automaton = |kind| {
            AhoCorasick::builder()
                .kind(kind)
                .match_kind(MatchKind::Standard)
                .build(patterns.iter().map(|(word, _)| word))
        };
        let (by_byte, byte_dfa) = match byte_automaton(Some(AhoCorasickKind::DFA)) {
            Ok(dfa) => (dfa, true),
            Err(_) => (
                byte_automaton(None).map_err(|e| format!("too many keywords: {e}"))?,
                false,
            ),
        };
        let by_char = (!patterns.is_empty())
            .then(|| CharwiseDoubleArrayAhoCorasick::with_values(patterns).ok())
            .flatten();
        Ok(WordMatcher {
            by_char,
            by_byte,
            byte_dfa,
            words: distinct,
        })
    }

    /// Calls `found(id, chars)` for every occurrence of every word, in
    /// canonical char offsets.
    pub fn find(&self, norm: &Normalized, found: impl FnMut(usize, Range<usize>)) {
        // Under two bytes a char on average: mostly ASCII.
        let mostly_ascii = norm.text().len() < 2 * norm.chars().len();
        self.find_by(norm, mostly_ascii && self.byte_dfa, found);
    }

    fn find_by(&self, norm: &Normalized, bytes: bool, mut found: impl FnMut(usize, Range<usize>)) {
        // Matches come in the order of their ends: one cursor walks the
        // chars to each end, and the start is the word's length before it.
        let mut end = 0;
        let mut report = |word: usize, byte_end: usize| {
            let (len, ids) = &self.words[word];
            while norm.byte_offset(end) < byte_end {
                end += 1;
            }
            for &id in ids {
                found(id, end - len..end);
            }
        };
        let text = norm.text();
        match &self.by_char {
            Some(by_char) if !bytes => by_char
                .find_overlapping_iter(text)
                .for_each(|m| report(m.value() as usize, m.end())),
            _ => self
                .by_byte
                .find_overlapping_iter(text)
                .for_each(|m| report(m.pattern().as_usize(), m.end())),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn matcher() -> WordMatcher {
        let words = ["微信", "信", "wx", "x", "加我", "我v", "vx号", "ig", "ins"];
        WordMatcher::new(words.iter().enumerate().map(|(i, w)| (w.to_string(), i))).unwrap()
    }

    fn found(m: &WordMatcher, text: &str, bytes: bool) -> Vec<(usize, Range<usize>)> {
        let norm = Normalized::new(text);
        let mut all = Vec::new();
        m.find_by(&norm, bytes, |id, range| all.push((id, range)));
        all.sort_by_key(|(id, r)| (r.start, r.end, *id));
        all
    }

    #[test]
    fn finds_overlapping_words_in_char_offsets() {
        let m = matcher();
        for bytes in [false, true] {
            let ids: Vec<usize> = found(&m, "加我微信wx", bytes).iter().map(|f| f.0).collect();
            assert_eq!(ids, [4, 0, 1, 2, 3], "bytes: {bytes}");
            assert_eq!(found(&m, "加我微信wx", bytes)[4].1, 5..6);
        }
    }

    proptest! {
        /// Both automata find the same words at the same chars.
        #[test]
        fn both_automata_agree(text in "[加我微信vxwigns号 ]{0,40}") {
            let m = matcher();
            prop_assert_eq!(found(&m, &text, false), found(&m, &text, true));
        }
    }
}
