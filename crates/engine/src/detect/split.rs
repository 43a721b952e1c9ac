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
use super::classes::{self, Classes};
use rustc_hash::FxHashSet as HashSet;
use std::ops::Range;

use super::keywords::KeywordMatcher;
use super::patterns::PatternMatcher;
use super::pinyin::PinyinMatcher;
use super::text::{has_word_edges, is_latin_letter};
use crate::normalize::{Normalized, is_emoji, is_han};
use crate::rules::Rule;

/// The most separator chars between two chars of one split word (" | ",
/// " 🌸 ").
pub const MAX_SPLIT: usize = 3;

/// What people put between the chars of a word to split it. Not commas or
/// full stops: "好的，加。我们" is two clauses, not a word.
pub(super) fn is_splitter(c: char) -> bool {
    if c.is_ascii() {
        return ASCII_SPLITTERS & (1 << c as u32) != 0;
    }
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

/// The ASCII splitters, one bit each: most text is ASCII or Han, and this is
/// the test every char of it takes.
const ASCII_SPLITTERS: u128 = {
    let mut bits = 0u128;
    let mut c = 0u8;
    while c < 128 {
        if c.is_ascii_whitespace()
            || c == 0x0B
            || matches!(c, b'/' | b'|' | b'\\' | b'-' | b'_' | b'.' | b'*' | b'~')
        {
            bits |= 1 << c;
        }
        c += 1;
    }
    bits
};

/// A splitter that is neither a space nor a list comma: an emoji, dash or
/// symbol put between the parts of one phrase.
pub fn is_decoration(c: char) -> bool {
    is_splitter(c) && !c.is_whitespace() && c != '、'
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
fn squeezable(chars: &[char], classes: &Classes, live: impl Fn(char) -> bool) -> Option<Vec<bool>> {
    let mut drop: Option<Vec<bool>> = None;
    let mut i = 1;
    while i < chars.len() {
        // Most chars split nothing: one tight scan passes them, and looks
        // closer only at a splitter after a Han char or a letter.
        let joining = classes::HAN | classes::LATIN;
        let after_joiner = |at: usize| joins(chars, at - 1);
        let Some(next) = classes.find_after(i, joining, classes::SPLITTER, after_joiner) else {
            break;
        };
        i = next;
        let end = (i..chars.len())
            .find(|&j| !is_splitter(chars[j]))
            .unwrap_or(chars.len());
        if end - i <= MAX_SPLIT
            && end < chars.len()
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

/// How far around a split point the matchers look, in chars of the joined
/// text: longer than the words and the phrases the diversion rules match
/// across one ("留个电话", "主页有微").
const REACH: usize = 16;

/// Finds matches across split points. Most splits — "颜色、尺码", "好评~" —
/// sit between chars no diversion word contains; only a split between two
/// chars that such words are made of is looked at again, and only the text
/// around it.
pub struct SplitMatcher {
    /// Chars that occur in some keyword or pattern of a diversion rule, sorted.
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
            .filter(|rule| rule.category.is_diversion())
            .flat_map(|rule| rule.keywords.iter().chain(&rule.patterns))
            .flat_map(|word| Normalized::new(word).chars().to_vec())
            .collect();
        // Regexes spell letters and digits as classes: any may be part of a match.
        word_chars.extend(('a'..='z').chain('0'..='9'));
        word_chars.sort_unstable();
        word_chars.dedup();
        SplitMatcher { word_chars }
    }

    /// Whether `c` may be part of a diversion word; `pinyin` answers for
    /// homophones.
    fn in_words(&self, c: char, pinyin: &PinyinMatcher) -> bool {
        self.word_chars.binary_search(&c).is_ok() || pinyin.reads_any(c)
    }

    /// Diversion matches across split points, in canonical offsets of `norm`,
    /// with the joined word as their normalised form.
    pub fn find(
        &self,
        norm: &Normalized,
        classes: &Classes,
        rules: &[Rule],
        matchers: &Matchers,
        out: &mut Vec<Candidate>,
    ) {
        let live = |c: char| self.in_words(c, matchers.pinyin);
        let Some(drop) = squeezable(norm.chars(), classes, live) else {
            return;
        };
        let whole: HashSet<(usize, usize, usize)> = out
            .iter()
            .map(|c| (c.rule, c.range.start, c.range.end))
            .collect();
        for window in windows(&drop) {
            let (joined, index) = norm.without(window, &drop);
            let mut found = Vec::new();
            // Cue words are read in the text itself, not in the joined view.
            matchers
                .keywords
                .find(&joined, rules, &mut found, &mut Vec::new());
            matchers.pinyin.find(joined.chars(), &mut found);
            matchers.patterns.find(&joined, rules, &mut found);
            found.retain(|c| rules[c.rule].category.is_diversion());
            keep_crossing(&joined, &index, found, &whole, out);
        }
    }
}

/// Keeps the matches that the split hid, mapped back to the text: those
/// that cross a split point, and those whose context did ("加❤我❤V": the V
/// is whole, its 加我 was split).
fn keep_crossing(
    joined: &Normalized,
    index: &[usize],
    found: Vec<Candidate>,
    whole: &HashSet<(usize, usize, usize)>,
    out: &mut Vec<Candidate>,
) {
    for mut candidate in found {
        let range = candidate.range.clone();
        let start = index[range.start];
        let end = index[range.end - 1] + 1;
        if whole.contains(&(candidate.rule, start, end))
            || !has_word_edges(joined.chars(), range.clone())
        {
            continue;
        }
        candidate.normalized = Some(joined.slice(range).to_string());
        candidate.range = start..end;
        out.push(candidate);
    }
}

/// The stretches of the text within [`REACH`] kept chars of a squeezed run,
/// merged where they overlap; one more char on each side keeps word edges.
fn windows(drop: &[bool]) -> Vec<Range<usize>> {
    let mut windows: Vec<Range<usize>> = Vec::new();
    let mut i = 0;
    while i < drop.len() {
        if !drop[i] {
            i += 1;
            continue;
        }
        let run_end = (i..drop.len()).find(|&j| !drop[j]).unwrap_or(drop.len());
        let reach = |from: usize, step: isize| {
            let mut at = from as isize;
            let mut kept = 0;
            while kept <= REACH && at + step >= 0 && ((at + step) as usize) < drop.len() {
                at += step;
                kept += usize::from(!drop[at as usize]);
            }
            at as usize
        };
        let window = reach(i, -1)..reach(run_end - 1, 1) + 1;
        match windows.last_mut() {
            Some(last) if last.end >= window.start => last.end = last.end.max(window.end),
            _ => windows.push(window),
        }
        i = run_end;
    }
    windows
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_ascii_table_holds_the_ascii_splitters() {
        for c in (0..128u8).map(char::from) {
            let splits = c.is_whitespace() || "/|\\-_.*~".contains(c);
            assert_eq!(is_splitter(c), splits, "{c:?}");
        }
    }

    fn squeezed(s: &str) -> String {
        let norm = Normalized::new(s);
        match squeezable(norm.chars(), &Classes::new(norm.chars()), |_| true) {
            Some(drop) => norm.without(0..norm.len(), &drop).0.text().to_string(),
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
