//! Regex rules over the canonical text. A `RegexSet` tells which rules can
//! match at all, so a clean message costs one pass instead of one per rule.

use regex::{Regex, RegexBuilder, RegexSet, RegexSetBuilder};

use super::Candidate;
use super::text::has_word_edges;
use crate::normalize::Normalized;
use crate::rules::Rule;

/// The lazy DFA's cache per regex. The set runs all patterns at once, and
/// real messages (every script, emoji, digit style) visit many of its states:
/// with the default 2 MB the cache is cleared over and over and rebuilding
/// states took 70% of checking time on real spam; 8 MB keeps it warm.
const DFA_CACHE_BYTES: usize = 8 << 20;

pub struct PatternMatcher {
    set: RegexSet,
    /// Per pattern of `set`: its rule and the compiled regex.
    patterns: Vec<(usize, Regex)>,
    /// Per pattern: whether a group named `m` narrows the finding.
    narrowed: Vec<bool>,
}

impl PatternMatcher {
    /// Rules are validated before this, so every pattern compiles.
    pub fn new(rules: &[Rule]) -> PatternMatcher {
        let patterns: Vec<(usize, Regex)> = rules
            .iter()
            .enumerate()
            .flat_map(|(i, r)| r.patterns.iter().map(move |p| (i, p)))
            .map(|(i, p)| {
                let regex = RegexBuilder::new(p)
                    .dfa_size_limit(DFA_CACHE_BYTES)
                    .build()
                    .expect("validated pattern");
                (i, regex)
            })
            .collect();
        let set = RegexSetBuilder::new(patterns.iter().map(|(_, r)| r.as_str()))
            .dfa_size_limit(DFA_CACHE_BYTES)
            .build()
            .expect("validated patterns");
        let narrowed = patterns
            .iter()
            .map(|(_, r)| r.capture_names().any(|name| name == Some("m")))
            .collect();
        PatternMatcher {
            set,
            patterns,
            narrowed,
        }
    }

    pub fn find(&self, norm: &Normalized, rules: &[Rule], out: &mut Vec<Candidate>) {
        let text = norm.text();
        for index in self.set.matches(text).iter() {
            let (rule, regex) = &self.patterns[index];
            let mut push = |m: regex::Match| {
                let range = norm.char_index(m.start())..norm.char_index(m.end());
                if !m.is_empty() && has_word_edges(norm.chars(), range.clone()) {
                    out.push(Candidate {
                        rule: *rule,
                        range,
                        severity: rules[*rule].severity,
                        normalized: None,
                    });
                }
            };
            if self.narrowed[index] {
                for caps in regex.captures_iter(text) {
                    push(
                        caps.name("m")
                            .or_else(|| caps.get(0))
                            .expect("group 0 exists"),
                    );
                }
            } else {
                // The whole match is the finding: the DFA alone finds it,
                // with no capture engine.
                regex.find_iter(text).for_each(push);
            }
        }
    }
}
