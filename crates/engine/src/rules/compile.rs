//! How a rule's regexes are compiled. Validating a pack and building the
//! checker call the same functions, so a pack that validates also compiles:
//! no second engine, no other limits.

use regex_automata::meta::{self, Regex};
use regex_syntax::hir::{Hir, Look};

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

/// One `patterns` regex of a rule.
pub fn pattern(source: &str) -> Result<Regex, String> {
    Regex::builder()
        .configure(config())
        .build(source)
        .map_err(|e| e.to_string())
}

/// A rule's `exceptions` as one regex that matches a whole finding. Each
/// exception is parsed on its own and joined as syntax, not as text, so an
/// inline flag or an `(?x)` comment in one cannot reach into the next.
pub fn whole_match(exceptions: &[String]) -> Result<Regex, String> {
    let alternatives = exceptions
        .iter()
        .map(|e| regex_syntax::parse(e).map_err(|err| format!("invalid exception {e:?}: {err}")))
        .collect::<Result<Vec<Hir>, String>>()?;
    let whole = Hir::concat(vec![
        Hir::look(Look::Start),
        Hir::alternation(alternatives),
        Hir::look(Look::End),
    ]);
    Regex::builder()
        .configure(config())
        .build_from_hir(&whole)
        .map_err(|e| format!("exceptions {exceptions:?} do not compile together: {e}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn exceptions_keep_their_own_flags_and_comments() {
        let e = whole_match(&[
            "(?x) 微 信 号 码 # comment".to_string(),
            "(?i)A".to_string(),
        ])
        .unwrap();
        assert!(e.is_match("微信号码"));
        assert!(e.is_match("a"));
        assert!(!e.is_match("微信号码a"));
        assert!(!e.is_match("xa"));
    }
}
