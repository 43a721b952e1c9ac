//! Literal keywords of every rule, found in one Aho-Corasick pass over the
//! canonical text. Keywords are normalised like the text, so a rule that lists
//! "V信" also finds "Ｖ 信" and "v信".

use aho_corasick::{AhoCorasick, AhoCorasickKind};

use super::Candidate;
use super::text::has_word_edges;
use crate::normalize::Normalized;
use crate::rules::Rule;

pub struct KeywordMatcher {
    automaton: Option<AhoCorasick>,
    /// Per pattern: the rule it belongs to and its length in chars.
    owners: Vec<(usize, usize)>,
}

impl KeywordMatcher {
    pub fn new(rules: &[Rule]) -> KeywordMatcher {
        let mut patterns = Vec::new();
        let mut owners = Vec::new();
        for (index, rule) in rules.iter().enumerate() {
            for keyword in &rule.keywords {
                let canonical = Normalized::new(keyword);
                if canonical.is_empty() {
                    continue;
                }
                owners.push((index, canonical.len()));
                patterns.push(canonical.text().to_string());
            }
        }
        // A DFA: more memory and build time, the fastest overlapping search.
        let automaton = (!patterns.is_empty()).then(|| {
            AhoCorasick::builder()
                .kind(Some(AhoCorasickKind::DFA))
                .build(&patterns)
                .expect("keywords build an automaton")
        });
        KeywordMatcher { automaton, owners }
    }

    pub fn find(&self, norm: &Normalized, rules: &[Rule], out: &mut Vec<Candidate>) {
        let Some(automaton) = &self.automaton else {
            return;
        };
        for m in automaton.find_overlapping_iter(norm.text()) {
            let (rule, len) = self.owners[m.pattern().as_usize()];
            let start = norm.char_index(m.start());
            let range = start..start + len;
            if has_word_edges(norm.chars(), range.clone()) {
                out.push(Candidate {
                    rule,
                    range,
                    severity: rules[rule].severity,
                    normalized: None,
                });
            }
        }
    }
}
