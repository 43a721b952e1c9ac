//! Literal keywords of every rule, found in one pass over the canonical text.
//! Keywords are normalised like the text, so a rule that lists "V信" also
//! finds "Ｖ 信" and "v信".

use super::Candidate;
use super::text::has_word_edges;
use super::words::WordMatcher;
use crate::normalize::Normalized;
use crate::rules::Rule;

pub struct KeywordMatcher {
    /// Ids are rule indexes.
    words: WordMatcher,
}

impl KeywordMatcher {
    pub fn new(rules: &[Rule]) -> KeywordMatcher {
        let words = rules.iter().enumerate().flat_map(|(index, rule)| {
            rule.keywords
                .iter()
                .map(move |keyword| (Normalized::new(keyword).text().to_string(), index))
        });
        KeywordMatcher {
            words: WordMatcher::new(words),
        }
    }

    pub fn find(&self, norm: &Normalized, rules: &[Rule], out: &mut Vec<Candidate>) {
        self.words.find(norm, |rule, range| {
            if has_word_edges(norm.chars(), range.clone()) {
                out.push(Candidate {
                    rule,
                    range,
                    severity: rules[rule].severity,
                    normalized: None,
                });
            }
        });
    }
}
