//! How a rule's regexes are read and compiled. A pack's patterns are parsed
//! once, when it loads (a syntax error is reported with the pack's other
//! problems), and compiled once, when the checker is built: the parsed form
//! goes to the compiler, so the two steps cannot disagree.

use regex_automata::meta::{self, BuildError, Regex};
use regex_syntax::hir::{Hir, Look};

use super::load::Location;

/// The lazy DFA's cache per regex. The pattern set runs all patterns at
/// once, and real messages (every script, emoji, digit style) visit many of
/// its states: with the default 2 MB the cache is cleared over and over and
/// rebuilding states took 70% of checking time on real spam; 8 MB keeps it
/// warm.
const DFA_CACHE_BYTES: usize = 8 << 20;

/// The engine configuration every rule regex is built with.
pub fn config() -> meta::Config {
    meta::Config::new().hybrid_cache_capacity(DFA_CACHE_BYTES)
}

/// A rule's regexes as parsed when its pack loaded.
#[derive(Debug, Clone)]
pub(crate) struct ParsedRule {
    /// Where the rule is defined: problems with its exceptions point here.
    pub at: Location,
    /// Per entry of the rule's `patterns` (`add_patterns` included), in order.
    pub patterns: Vec<ParsedPattern>,
    /// The `exceptions` as one anchored whole-match expression.
    pub exceptions: Option<Hir>,
}

#[derive(Debug, Clone)]
pub(crate) struct ParsedPattern {
    pub hir: Hir,
    pub at: Location,
}

/// One `patterns` entry, parsed; the error says what to change.
pub(crate) fn parse_pattern(source: &str) -> Result<Hir, String> {
    let hir =
        regex_syntax::parse(source).map_err(|e| format!("invalid pattern {source:?}: {e}"))?;
    let looks = hir.properties().look_set();
    if looks.contains(Look::WordUnicode) || looks.contains(Look::WordUnicodeNegate) {
        // The fast automata cannot handle one on non-ASCII text and fall
        // back to a much slower search.
        return Err(format!(
            "pattern {source:?} uses `\\b` or `\\B`, a Unicode word boundary, which makes \
             every check of Chinese text many times slower; write `(?-u:\\b)` (the canonical \
             text is lower-case, so ASCII word boundaries are enough)"
        ));
    }
    Ok(hir)
}

/// A rule's `exceptions` as one expression that matches a whole finding.
/// Each exception is parsed on its own and joined as syntax, not as text, so
/// an inline flag or an `(?x)` comment in one cannot reach into the next.
pub(crate) fn parse_exceptions(exceptions: &[String]) -> Result<Option<Hir>, String> {
    if exceptions.is_empty() {
        return Ok(None);
    }
    let alternatives = exceptions
        .iter()
        .map(|e| regex_syntax::parse(e).map_err(|err| format!("invalid exception {e:?}: {err}")))
        .collect::<Result<Vec<Hir>, String>>()?;
    Ok(Some(Hir::concat(vec![
        Hir::look(Look::Start),
        Hir::alternation(alternatives),
        Hir::look(Look::End),
    ])))
}

/// Compiles one parsed pattern, or the exceptions of a rule; the error says
/// what it "compiles to" or what went wrong.
pub(crate) fn regex(hir: &Hir) -> Result<Regex, String> {
    Regex::builder()
        .configure(config())
        .build_from_hir(hir)
        .map_err(|e| explain(&e))
}

/// Compiles all patterns into one set that tells which of them match.
pub(crate) fn set(hirs: &[&Hir]) -> Result<Regex, String> {
    Regex::builder()
        .configure(config().match_kind(regex_automata::MatchKind::All))
        .build_many_from_hir(hirs)
        .map_err(|e| explain(&e))
}

/// What a build error means for the person who wrote the pattern.
fn explain(error: &BuildError) -> String {
    match error.size_limit() {
        Some(limit) => format!(
            "compiles to more than the regex engine's limit of {} MB; use fewer or smaller \
             repetitions, or `[0-9]` and `[a-z]` instead of `\\d` and `\\w`, which take every \
             script's letters and digits",
            limit >> 20
        ),
        None => format!("does not compile: {error}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn exceptions_keep_their_own_flags_and_comments() {
        let hir = parse_exceptions(&[
            "(?x) 微 信 号 码 # comment".to_string(),
            "(?i)A".to_string(),
        ])
        .unwrap()
        .unwrap();
        let e = regex(&hir).unwrap();
        assert!(e.is_match("微信号码"));
        assert!(e.is_match("a"));
        assert!(!e.is_match("微信号码a"));
        assert!(!e.is_match("xa"));
    }

    #[test]
    fn a_unicode_word_boundary_is_refused_with_the_fix() {
        for source in [r"\bbest\b", r"\Bx"] {
            let err = parse_pattern(source).unwrap_err();
            assert!(err.contains("write `(?-u:\\b)`"), "{err}");
        }
        assert!(parse_pattern(r"(?-u:\b)best(?-u:\b)").is_ok());
    }
}
