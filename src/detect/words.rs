//! Every occurrence of a set of literal words in the canonical text, found in
//! one overlapping pass. The automaton steps a char at a time (daachorse's
//! charwise double array), not a byte at a time: Chinese text takes a third of
//! the steps, and the keyword pass was the largest single cost on short
//! messages.

use std::ops::Range;

use daachorse::CharwiseDoubleArrayAhoCorasick;

use crate::normalize::Normalized;

pub struct WordMatcher {
    automaton: Option<CharwiseDoubleArrayAhoCorasick<u32>>,
    /// Per distinct word: its length in chars and the ids it was added with
    /// (one word may serve several rules).
    words: Vec<(usize, Vec<usize>)>,
}

impl WordMatcher {
    /// `words`: canonical words with the id each stands for; empty words are
    /// left out.
    pub fn new(words: impl IntoIterator<Item = (String, usize)>) -> WordMatcher {
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
        let automaton = (!patterns.is_empty()).then(|| {
            CharwiseDoubleArrayAhoCorasick::with_values(patterns)
                .expect("distinct, non-empty words build an automaton")
        });
        WordMatcher {
            automaton,
            words: distinct,
        }
    }

    /// Calls `found(id, chars)` for every occurrence of every word, in
    /// canonical char offsets.
    pub fn find(&self, norm: &Normalized, mut found: impl FnMut(usize, Range<usize>)) {
        let Some(automaton) = &self.automaton else {
            return;
        };
        // Matches come in the order of their ends: one cursor walks the
        // chars to each end, and the start is the word's length before it.
        let mut end = 0;
        for m in automaton.find_overlapping_iter(norm.text()) {
            let (len, ids) = &self.words[m.value() as usize];
            while norm.byte_offset(end) < m.end() {
                end += 1;
            }
            for &id in ids {
                found(id, end - len..end);
            }
        }
    }
}
