//! Homophones by pinyin: 威信, 薇信, 维信 all read "wei xin", so one rule with
//! those syllables catches them all, and the next homophone too. Only whole
//! syllables of the listed words match, never pinyin substrings.

use pinyin::ToPinyin;

use super::Candidate;
use crate::normalize::is_han;
use crate::rules::Rule;

pub struct PinyinMatcher {
    /// Per listed word: its rule, severity and syllables.
    words: Vec<(usize, crate::Severity, Vec<String>)>,
}

impl PinyinMatcher {
    pub fn new(rules: &[Rule]) -> PinyinMatcher {
        let words = rules
            .iter()
            .enumerate()
            .flat_map(|(i, r)| {
                r.pinyin.iter().map(move |p| {
                    (
                        i,
                        r.severity,
                        p.split_whitespace().map(str::to_string).collect(),
                    )
                })
            })
            .collect();
        PinyinMatcher { words }
    }

    pub fn find(&self, chars: &[char], out: &mut Vec<Candidate>) {
        if self.words.is_empty() || !chars.iter().any(|&c| is_han(c)) {
            return;
        }
        // The primary reading only: heteronyms (于 also reads "wu") match
        // words nobody meant.
        let readings: Vec<Option<&'static str>> = chars
            .iter()
            .map(|&c| c.to_pinyin().filter(|_| is_han(c)).map(|p| p.plain()))
            .collect();
        for (rule, severity, syllables) in &self.words {
            let n = syllables.len();
            for start in 0..chars.len().saturating_sub(n - 1) {
                let reads = (0..n).all(|k| readings[start + k] == Some(syllables[k].as_str()));
                if reads {
                    out.push(Candidate {
                        rule: *rule,
                        range: start..start + n,
                        severity: *severity,
                        normalized: Some(syllables.join(" ")),
                    });
                }
            }
        }
    }
}
