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
use crate::rules::{Rule, compile};

pub struct PatternMatcher {
    /// All patterns at once, to tell which can match; `None` when together
    /// they exceed the engine's size limit (each alone does not: packs are
    /// validated), and then every pattern runs.
    set: Option<Regex>,
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
    set: Option<meta::Cache>,
    matched: PatternSet,
    patterns: Vec<meta::Cache>,
}

impl PatternMatcher {
    /// Rules are validated with the same compiler, so every pattern compiles;
    /// one that does not (a rule built by hand, not loaded) finds nothing.
    pub fn new(rules: &[Rule]) -> PatternMatcher {
        let mut sources = Vec::new();
        let mut patterns = Vec::new();
        for (rule, r) in rules.iter().enumerate() {
            for source in &r.patterns {
                let Ok(regex) = compile::pattern(source) else {
                    continue;
                };
                let narrow = regex.group_info().to_index(PatternID::ZERO, "m");
                sources.push(source.as_str());
                patterns.push(Pattern {
                    rule,
                    regex,
                    narrow,
                });
            }
        }
        let set = Regex::builder()
            .configure(compile::config().match_kind(MatchKind::All))
            .build_many(&sources)
            .ok();
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
        match (&self.set, &mut caches.set) {
            (Some(set), Some(cache)) => {
                set.which_overlapping_matches_with(cache, &Input::new(text), &mut caches.matched)
            }
            _ => (0..self.patterns.len()).for_each(|i| {
                caches.matched.insert(PatternID::new_unchecked(i));
            }),
        }
        for index in caches.matched.iter() {
            let pattern = &self.patterns[index];
            let cache = &mut caches.patterns[index];
            let mut push = |span: Span| {
                let range = norm.char_index(span.start)..norm.char_index(span.end);
                if !span.is_empty() && has_word_edges(norm.chars(), range.clone()) {
                    out.push(Candidate::of(rules, pattern.rule, range));
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
            set: self.set.as_ref().map(Regex::create_cache),
            matched: PatternSet::new(self.patterns.len()),
            patterns: self
                .patterns
                .iter()
                .map(|p| p.regex.create_cache())
                .collect(),
        }
    }
}
