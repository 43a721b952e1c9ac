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
use regex_automata::{Input, PatternID, PatternSet, Span};
use regex_syntax::hir::Hir;

use super::Candidate;
use super::text::has_word_edges;
use crate::normalize::Normalized;
use crate::rules::compile::{self, ParsedPattern};
use crate::rules::{BUILTIN_PACKS, Location, Problem, RuleBook};

pub struct PatternMatcher {
    /// All patterns at once, to tell which can match.
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
    /// Compiles every pattern of the book, alone and as one set; each
    /// problem names the pattern's file and line.
    pub fn new(book: &RuleBook) -> Result<PatternMatcher, Vec<Problem>> {
        let mut problems = Vec::new();
        let mut parsed = Vec::new();
        let mut patterns = Vec::new();
        for (rule, r) in book.rules().iter().enumerate() {
            for pattern in book.parsed(&r.id).map_or(&[][..], |p| &p.patterns) {
                match compile::regex(&pattern.hir) {
                    Ok(regex) => {
                        let narrow = regex.group_info().to_index(PatternID::ZERO, "m");
                        parsed.push(pattern);
                        patterns.push(Pattern {
                            rule,
                            regex,
                            narrow,
                        });
                    }
                    Err(e) => problems.push(
                        pattern
                            .at
                            .problem(format!("rule `{}`: this pattern {}", r.id, e)),
                    ),
                }
            }
        }
        if !problems.is_empty() {
            return Err(problems);
        }
        let hirs: Vec<&Hir> = parsed.iter().map(|p| &p.hir).collect();
        let set = compile::set(&hirs)
            .map_err(|e| vec![too_big_together(book, &parsed, &patterns, &e)])?;
        Ok(PatternMatcher {
            set,
            patterns,
            caches: ThreadLocal::new(),
        })
    }

    pub fn find(&self, norm: &Normalized, rules: &[crate::rules::Rule], out: &mut Vec<Candidate>) {
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
            set: self.set.create_cache(),
            matched: PatternSet::new(self.patterns.len()),
            patterns: self
                .patterns
                .iter()
                .map(|p| p.regex.create_cache())
                .collect(),
        }
    }
}

/// Patterns that compile alone but not together: the problem points at the
/// largest pattern of the merchant's own packs (the built-in ones compile
/// together), which is the one to make smaller.
fn too_big_together(
    book: &RuleBook,
    parsed: &[&ParsedPattern],
    compiled: &[Pattern],
    error: &str,
) -> Problem {
    let builtin = |p: &ParsedPattern| BUILTIN_PACKS.iter().any(|(file, _)| *file == p.at.file);
    let largest = parsed
        .iter()
        .zip(compiled)
        .max_by_key(|(p, c)| (!builtin(p), c.regex.memory_usage()));
    let Some((pattern, compiled)) = largest else {
        return Location::default().problem(error.to_string());
    };
    pattern.at.problem(format!(
        "rule `{}`: together with the other packs' patterns, this one {}; it is the largest of \
         your patterns",
        book.rules()[compiled.rule].id,
        error
    ))
}
