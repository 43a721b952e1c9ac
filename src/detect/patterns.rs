//! Regex rules over the canonical text. A multi-pattern set tells which rules
//! can match at all, so a clean message costs one pass instead of one per rule.
//!
//! The regexes run with caches this matcher keeps per thread (regex-automata's
//! meta API) rather than the regex crate's internal pool: with the pool, every
//! search of a second thread read a word on the same cache line the first
//! thread's cache was writing, and batch checking on two cores scaled 1.5x
//! instead of nearly 2x. A shared stack of caches was worse: the caches
//! wandered between cores.

use std::cell::RefCell;

use thread_local::ThreadLocal;

use regex_automata::meta::{self, Regex};
use regex_automata::util::captures::Captures;
use regex_automata::util::iter::Searcher;
use regex_automata::{Input, MatchKind, PatternID, PatternSet, Span};

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
    set: Regex,
    /// Per pattern of `set`.
    patterns: Vec<Pattern>,
    /// Each checking thread's own caches, kept warm across its checks.
    caches: ThreadLocal<RefCell<Caches>>,
}

struct Pattern {
    rule: usize,
    regex: Regex,
    /// The index of the group named `m`, which narrows the finding.
    narrow: Option<usize>,
}

/// What one check needs to run every regex.
struct Caches {
    set: meta::Cache,
    matched: PatternSet,
    patterns: Vec<meta::Cache>,
}

impl PatternMatcher {
    /// Rules are validated before this, so every pattern compiles.
    pub fn new(rules: &[Rule]) -> PatternMatcher {
        let config = meta::Config::new().hybrid_cache_capacity(DFA_CACHE_BYTES);
        let sources: Vec<(usize, &str)> = rules
            .iter()
            .enumerate()
            .flat_map(|(i, r)| r.patterns.iter().map(move |p| (i, p.as_str())))
            .collect();
        let patterns = sources
            .iter()
            .map(|&(rule, source)| {
                let regex = Regex::builder()
                    .configure(config.clone())
                    .build(source)
                    .expect("validated pattern");
                let narrow = regex.group_info().to_index(PatternID::ZERO, "m");
                Pattern {
                    rule,
                    regex,
                    narrow,
                }
            })
            .collect();
        let set = Regex::builder()
            .configure(config.match_kind(MatchKind::All))
            .build_many(&sources.iter().map(|&(_, s)| s).collect::<Vec<_>>())
            .expect("validated patterns");
        PatternMatcher {
            set,
            patterns,
            caches: ThreadLocal::new(),
        }
    }

    pub fn find(&self, norm: &Normalized, rules: &[Rule], out: &mut Vec<Candidate>) {
        let mut caches = self
            .caches
            .get_or(|| RefCell::new(self.new_caches()))
            .borrow_mut();
        let caches = &mut *caches;
        let text = norm.text();
        caches.matched.clear();
        self.set.which_overlapping_matches_with(
            &mut caches.set,
            &Input::new(text),
            &mut caches.matched,
        );
        for index in caches.matched.iter() {
            let pattern = &self.patterns[index];
            let cache = &mut caches.patterns[index];
            let mut push = |span: Span| {
                let range = norm.char_index(span.start)..norm.char_index(span.end);
                if !span.is_empty() && has_word_edges(norm.chars(), range.clone()) {
                    out.push(Candidate {
                        rule: pattern.rule,
                        range,
                        severity: rules[pattern.rule].severity,
                        normalized: None,
                    });
                }
            };
            let mut searcher = Searcher::new(Input::new(text));
            match pattern.narrow {
                Some(group) => {
                    let mut caps: Captures = pattern.regex.create_captures();
                    while let Some(whole) = searcher.advance(|input| {
                        pattern.regex.search_captures_with(cache, input, &mut caps);
                        Ok(caps.get_match())
                    }) {
                        push(caps.get_group(group).unwrap_or(whole.span()));
                    }
                }
                // The whole match is the finding: no capture engine needed.
                None => {
                    while let Some(m) =
                        searcher.advance(|input| Ok(pattern.regex.search_with(cache, input)))
                    {
                        push(m.span());
                    }
                }
            }
        }
    }

    fn new_caches(&self) -> Caches {
        Caches {
            set: self.set.create_cache(),
            matched: PatternSet::new(self.set.pattern_len()),
            patterns: self
                .patterns
                .iter()
                .map(|p| p.regex.create_cache())
                .collect(),
        }
    }
}
