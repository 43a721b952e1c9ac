//! Words split to slip past a filter: line breaks, slashes, bars, dashes,
//! emoji or symbols between their chars ("薇\n信", "加 🌸 我", "V | 信",
//! "微/信").
//!
//! Normalisation already joins Han chars spaced apart ("加 我 微 信"). These
//! separators also carry structure — a line break ends a sentence, a slash
//! lists — so the canonical text keeps them, and the keyword, homophone and
//! regex matchers look a second time at a view with them squeezed out, keeping
//! only the matches that cross one ("留\n个\n电话", "加\nV\n吧").

use super::Candidate;
use std::ops::Range;

use super::keywords::KeywordMatcher;
use super::patterns::PatternMatcher;
use super::pinyin::PinyinMatcher;
use super::text::{has_word_edges, is_emoji, is_latin_letter};
use crate::normalize::{Normalized, is_han};
use crate::rules::Rule;

/// The most separator chars between two chars of one split word (" | ",
/// " 🌸 ").
const MAX_SPLIT: usize = 3;

/// What people put between the chars of a word to split it. Not commas or
/// full stops: "好的，加。我们" is two clauses, not a word.
fn is_splitter(c: char) -> bool {
    c.is_whitespace()
        || is_emoji(c)
        || matches!(
            c,
            '/' | '|' | '\\' | '-' | '–' | '—' | '_' | '·' | '.' | '•' | '・' | '*' | '~' | '、'
                | '\u{2190}'..='\u{21FF}'
                | '\u{25A0}'..='\u{25CA}'
                | '\u{25CC}'..='\u{25FF}'
        )
}

/// A char a split word is made of: a Han char, or a Latin letter standing
/// alone ("V | 信"; "we chat" is two English words, not a split one).
fn joins(chars: &[char], i: usize) -> bool {
    let c = chars[i];
    if is_han(c) {
        return true;
    }
    let alone = |j: Option<usize>| {
        j.and_then(|j| chars.get(j))
            .is_none_or(|&n| !is_latin_letter(n))
    };
    is_latin_letter(c) && alone(i.checked_sub(1)) && alone(Some(i + 1))
}

/// Which canonical chars to squeeze out: runs of up to [`MAX_SPLIT`]
/// splitters between two chars that join and that `live` says may belong to
/// one word. `None` when there are none.
fn squeezable(chars: &[char], live: impl Fn(char) -> bool) -> Option<Vec<bool>> {
    let mut drop: Option<Vec<bool>> = None;
    let mut i = 1;
    while i < chars.len() {
        // Han chars are most of the text and never split anything.
        if is_han(chars[i]) || !is_splitter(chars[i]) {
            i += 1;
            continue;
        }
        let end = (i..chars.len())
            .find(|&j| !is_splitter(chars[j]))
            .unwrap_or(chars.len());
        if end - i <= MAX_SPLIT
            && end < chars.len()
            && joins(chars, i - 1)
            && joins(chars, end)
            && live(chars[i - 1])
            && live(chars[end])
        {
            let marks = drop.get_or_insert_with(|| vec![false; chars.len()]);
            marks[i..end].iter_mut().for_each(|m| *m = true);
        }
        i = end;
    }
    drop
}

/// How far around a split point regexes look: longer than any phrase the
/// pattern rules match across one.
const PATTERN_REACH: usize = 32;

/// Finds matches across split points. Most splits — "颜色、尺码", "好评~" —
/// sit between chars no rule word contains; only a split between two chars
/// that rule words are made of is looked at again.
pub struct SplitMatcher {
    /// Chars that occur in some keyword or pattern, sorted.
    word_chars: Vec<char>,
}

/// The matchers that look at the joined view.
pub struct Matchers<'a> {
    pub keywords: &'a KeywordMatcher,
    pub pinyin: &'a PinyinMatcher,
    pub patterns: &'a PatternMatcher,
}

impl SplitMatcher {
    pub fn new(rules: &[Rule]) -> SplitMatcher {
        let mut word_chars: Vec<char> = rules
            .iter()
            .flat_map(|rule| rule.keywords.iter().chain(&rule.patterns))
            .flat_map(|word| Normalized::new(word).chars().to_vec())
            .collect();
        // Regexes spell letters and digits as classes: any may be part of a match.
        word_chars.extend(('a'..='z').chain('0'..='9'));
        word_chars.sort_unstable();
        word_chars.dedup();
        SplitMatcher { word_chars }
    }

    /// Whether `c` may be part of a rule word; `pinyin` answers for homophones.
    fn in_words(&self, c: char, pinyin: &PinyinMatcher) -> bool {
        self.word_chars.binary_search(&c).is_ok() || pinyin.reads_any(c)
    }

    /// Matches across split points, in canonical offsets of `norm`, with the
    /// joined word as their normalised form. Keywords and homophones look at
    /// the whole joined text; regexes, the costly pass, only near split
    /// points.
    pub fn find(
        &self,
        norm: &Normalized,
        rules: &[Rule],
        matchers: &Matchers,
        out: &mut Vec<Candidate>,
    ) {
        let live = |c: char| self.in_words(c, matchers.pinyin);
        let Some(drop) = squeezable(norm.chars(), live) else {
            return;
        };
        let (joined, index) = norm.without(&drop);
        let mut found = Vec::new();
        matchers.keywords.find(&joined, rules, &mut found);
        matchers.pinyin.find(joined.chars(), &mut found);
        for window in windows(&index, joined.len()) {
            matchers
                .patterns
                .find_within(&joined, rules, window, &mut found);
        }
        keep_crossing(&joined, &index, found, out);
    }
}

/// Keeps the matches that cross a split point, mapped back to `norm`.
fn keep_crossing(
    joined: &Normalized,
    index: &[usize],
    found: Vec<Candidate>,
    out: &mut Vec<Candidate>,
) {
    for mut candidate in found {
        let range = candidate.range.clone();
        let start = index[range.start];
        let end = index[range.end - 1] + 1;
        // Found whole in the text itself already.
        if end - start == range.len() || !has_word_edges(joined.chars(), range.clone()) {
            continue;
        }
        candidate.normalized = Some(joined.slice(range).to_string());
        candidate.range = start..end;
        out.push(candidate);
    }
}

/// The stretches of the joined text within [`PATTERN_REACH`] of a split
/// point (where `index` skips), merged where they overlap.
fn windows(index: &[usize], len: usize) -> Vec<Range<usize>> {
    let mut windows: Vec<Range<usize>> = Vec::new();
    for at in (1..index.len()).filter(|&j| index[j] > index[j - 1] + 1) {
        let window = at.saturating_sub(PATTERN_REACH)..(at + PATTERN_REACH).min(len);
        match windows.last_mut() {
            Some(last) if last.end >= window.start => last.end = window.end,
            _ => windows.push(window),
        }
    }
    windows
}

#[cfg(test)]
mod tests {
    use super::*;

    fn squeezed(s: &str) -> String {
        let norm = Normalized::new(s);
        match squeezable(norm.chars(), |_| true) {
            Some(drop) => norm.without(&drop).0.text().to_string(),
            None => norm.text().to_string(),
        }
    }

    #[test]
    fn squeezes_splitters_between_han_and_lone_letters() {
        assert_eq!(squeezed("薇\n信"), "薇信");
        assert_eq!(squeezed("加 🌸 我"), "加我");
        assert_eq!(squeezed("V | 信"), "v信");
        assert_eq!(squeezed("加\nV\n吧"), "加v吧");
        assert_eq!(squeezed("微/信"), "微信");
    }

    #[test]
    fn keeps_words_numbers_and_clauses_apart() {
        assert_eq!(squeezed("we chat"), "we chat");
        assert_eq!(squeezed("好的，加。我们"), "好的,加。我们");
        assert_eq!(squeezed("12/25"), "12/25");
        assert_eq!(squeezed("价格\n\n\n\n加我"), "价格\n\n\n\n加我");
    }
}
