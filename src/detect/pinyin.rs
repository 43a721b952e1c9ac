//! Homophones by pinyin: 威信, 薇信, 维信 all read "wei xin", so one rule with
//! those syllables catches them all, and the next homophone too. Only whole
//! syllables of the listed words match, never pinyin substrings.
//!
//! Only a few syllables matter, so the chars that read as one of them are
//! found once, when the checker is built; checking a message is then one
//! table look-up per Han char.

use pinyin::ToPinyin;

use super::Candidate;
use crate::rules::Rule;

pub struct PinyinMatcher {
    /// Per listed word: its rule, severity and syllables (indexes into `syllables`).
    words: Vec<(usize, crate::Severity, Vec<u16>)>,
    /// For each char from U+3400 to U+9FFF, the listed syllable it reads as
    /// (`NONE` for most): one lookup per char while checking.
    readings: Vec<u16>,
}

const NONE: u16 = u16::MAX;
const FIRST: u32 = 0x3400;
const LAST: u32 = 0x9FFF;

impl PinyinMatcher {
    pub fn new(rules: &[Rule]) -> PinyinMatcher {
        let mut syllables: Vec<String> = Vec::new();
        let mut words = Vec::new();
        for (i, rule) in rules.iter().enumerate() {
            for word in &rule.pinyin {
                let indexes = word
                    .split_whitespace()
                    .map(|s| match syllables.iter().position(|k| k == s) {
                        Some(k) => k as u16,
                        None => {
                            syllables.push(s.to_string());
                            (syllables.len() - 1) as u16
                        }
                    })
                    .collect();
                words.push((i, rule.severity, indexes));
            }
        }
        let readings = if syllables.is_empty() {
            Vec::new()
        } else {
            // The primary reading only: heteronyms (于 also reads "wu") match
            // words nobody meant.
            (FIRST..=LAST)
                .map(|n| {
                    char::from_u32(n)
                        .and_then(|c| c.to_pinyin())
                        .and_then(|p| syllables.iter().position(|s| s == p.plain()))
                        .map_or(NONE, |k| k as u16)
                })
                .collect()
        };
        PinyinMatcher { words, readings }
    }

    fn syllable(&self, c: char) -> Option<u16> {
        let n = c as u32;
        if !(FIRST..=LAST).contains(&n) || self.readings.is_empty() {
            return None;
        }
        Some(self.readings[(n - FIRST) as usize]).filter(|&k| k != NONE)
    }

    pub fn find(&self, chars: &[char], out: &mut Vec<Candidate>) {
        if self.words.is_empty() {
            return;
        }
        for start in 0..chars.len() {
            let Some(first) = self.syllable(chars[start]) else {
                continue;
            };
            for (rule, severity, syllables) in &self.words {
                let n = syllables.len();
                let reads = syllables[0] == first
                    && start + n <= chars.len()
                    && (1..n).all(|k| self.syllable(chars[start + k]) == Some(syllables[k]));
                if reads {
                    out.push(Candidate {
                        rule: *rule,
                        range: start..start + n,
                        severity: *severity,
                        normalized: None,
                    });
                }
            }
        }
    }
}
