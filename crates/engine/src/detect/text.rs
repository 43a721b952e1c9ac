//! Clause and sentence boundaries on the canonical chars, and word edges.
//!
//! A cue counts only within its clause or sentence: "加" in one sentence says
//! nothing about a number in the next.

use std::ops::Range;

use crate::punctuation;

/// Where a cue's sentence ends: a sentence's end, or a pause (；…), after
/// which a new thought starts.
pub fn is_sentence_break(c: char) -> bool {
    punctuation::ends_sentence(c) || punctuation::is_pause(c)
}

/// Ends a clause: a sentence break or a comma.
pub fn is_clause_break(c: char) -> bool {
    is_sentence_break(c) || punctuation::is_comma(c)
}

/// Latin letters, including accented ones: words the English matcher sees.
pub fn is_latin_letter(c: char) -> bool {
    c.is_ascii_alphabetic() || (('\u{00C0}'..='\u{024F}').contains(&c) && c.is_alphabetic())
}

/// Where the clause (or sentence) around `at` starts and ends, at most `reach`
/// chars away on each side.
pub fn around(chars: &[char], at: Range<usize>, reach: usize, sentence: bool) -> Range<usize> {
    if sentence {
        around_by(chars, at, reach, is_sentence_break)
    } else {
        around_by(chars, at, reach, is_clause_break)
    }
}

/// [`around`] with its stop chars, each scan one tight search.
fn around_by(
    chars: &[char],
    at: Range<usize>,
    reach: usize,
    stops: impl Fn(char) -> bool,
) -> Range<usize> {
    let start = start_by(chars, at.start, reach, &stops);
    let ceiling = (at.end + reach).min(chars.len());
    let end = chars[at.end..ceiling]
        .iter()
        .position(|&c| stops(c))
        .map_or(ceiling, |p| at.end + p);
    start..end
}

/// Where the sentence around `at` starts, at most `reach` chars back: for
/// a look back only, [`around`] without its forward scan.
pub fn sentence_start(chars: &[char], at: usize, reach: usize) -> usize {
    start_by(chars, at, reach, is_sentence_break)
}

fn start_by(chars: &[char], at: usize, reach: usize, stops: impl Fn(char) -> bool) -> usize {
    let floor = at.saturating_sub(reach);
    chars[floor..at]
        .iter()
        .rposition(|&c| stops(c))
        .map_or(floor, |p| floor + p + 1)
}

/// Ranges sorted by start, asked which lie inside a window: a sorted list and
/// a binary search keep a message with thousands of findings linear.
pub struct SortedRanges {
    ranges: Vec<Range<usize>>,
    /// The longest range's length: no range starting further than this
    /// before a window can reach into it.
    longest: usize,
}

impl SortedRanges {
    pub fn new(mut ranges: Vec<Range<usize>>) -> SortedRanges {
        ranges.sort_by_key(|r| (r.start, r.end));
        let longest = ranges.iter().map(ExactSizeIterator::len).max().unwrap_or(0);
        SortedRanges { ranges, longest }
    }

    pub fn is_empty(&self) -> bool {
        self.ranges.is_empty()
    }

    /// Whether some range lies wholly inside `window`.
    pub fn any_inside(&self, window: Range<usize>) -> bool {
        let first = self.ranges.partition_point(|r| r.start < window.start);
        self.ranges[first..]
            .iter()
            .take_while(|r| r.start < window.end)
            .any(|r| r.end <= window.end)
    }

    /// Whether some range starts inside `window`.
    pub fn any_start_in(&self, window: Range<usize>) -> bool {
        let first = self.ranges.partition_point(|r| r.start < window.start);
        self.ranges.get(first).is_some_and(|r| r.start < window.end)
    }

    /// Whether some range shares a char with `window`.
    pub fn any_overlap(&self, window: Range<usize>) -> bool {
        let floor = window.start.saturating_sub(self.longest);
        let first = self.ranges.partition_point(|r| r.start < floor);
        self.ranges[first..]
            .iter()
            .take_while(|r| r.start < window.end)
            .any(|r| r.end > window.start)
    }

    /// Whether some range ends exactly at `at`, having started at or after `floor`.
    pub fn any_ending_at(&self, floor: usize, at: usize) -> bool {
        let first = self.ranges.partition_point(|r| r.start < floor);
        self.ranges[first..]
            .iter()
            .take_while(|r| r.start < at)
            .any(|r| r.end == at)
    }

    /// Whether some range ends at or before `at` and starts at or after `floor`.
    pub fn any_between(&self, floor: usize, at: usize) -> bool {
        let first = self.ranges.partition_point(|r| r.start < floor);
        self.ranges[first..]
            .iter()
            .take_while(|r| r.start < at)
            .any(|r| r.end <= at)
    }
}

/// A match whose first (last) char is a Latin letter or digit must not be
/// glued to another Latin letter before (after) it: "ig" is not in "big".
pub fn has_word_edges(chars: &[char], range: Range<usize>) -> bool {
    let first = chars[range.start];
    let last = chars[range.end - 1];
    let glued_before = range.start > 0 && {
        let prev = chars[range.start - 1];
        (is_latin_letter(first) && (is_latin_letter(prev) || prev.is_ascii_digit()))
            || (first.is_ascii_digit() && prev.is_ascii_digit())
    };
    let glued_after = range.end < chars.len() && {
        let next = chars[range.end];
        (is_latin_letter(last) && is_latin_letter(next))
            || (last.is_ascii_digit() && next.is_ascii_digit())
    };
    !glued_before && !glued_after
}

#[cfg(test)]
mod tests {
    use super::*;

    fn chars(s: &str) -> Vec<char> {
        s.chars().collect()
    }

    #[test]
    fn clauses_stop_at_commas_and_sentences_at_full_stops() {
        let c = chars("你好，加我微信。谢谢");
        assert_eq!(around(&c, 4..6, 20, false), 3..7);
        assert_eq!(around(&c, 4..6, 20, true), 0..7);
    }

    #[test]
    fn latin_words_need_edges() {
        let c = chars("a big ig 加ig1");
        assert!(!has_word_edges(&c, 3..5));
        assert!(has_word_edges(&c, 6..8));
        assert!(has_word_edges(&c, 10..12));
    }

    use proptest::prelude::*;

    proptest! {
        /// The binary searches answer as a scan of every range would.
        #[test]
        fn sorted_ranges_answer_as_a_scan_would(
            spans in prop::collection::vec((0usize..60, 0usize..25), 0..12),
            window in (0usize..70, 0usize..20),
        ) {
            let ranges: Vec<Range<usize>> = spans.iter().map(|&(s, n)| s..s + n).collect();
            let sorted = SortedRanges::new(ranges.clone());
            let w = window.0..window.0 + window.1;
            let overlap = ranges.iter().any(|r| r.start < w.end && r.end > w.start);
            prop_assert_eq!(sorted.any_overlap(w.clone()), overlap);
            let inside = ranges.iter().any(|r| r.start >= w.start && r.start < w.end && r.end <= w.end);
            prop_assert_eq!(sorted.any_inside(w), inside);
        }
    }
}
