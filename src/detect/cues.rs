//! Cue words: what tells a destination from a topic, and what a nearby number
//! or ID is. The words live in `rules/cues.json`; this is how they are read.

use std::ops::Range;

use super::text::{self, around};
use super::words::WordMatcher;
use crate::normalize::Normalized;
use crate::rules::{Channel, Cues};

/// A number cue found in the canonical text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CueHit {
    pub range: Range<usize>,
    pub channel: Channel,
    pub max_gap: usize,
}

/// What the words around a channel mention say about it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum GateState {
    /// A number, ID or address follows right after: "微信：abc_123", "电话 138…".
    ContactFollows,
    /// Named as somewhere to go: "加我微信", "淘宝店铺", "on Instagram @x".
    Destination,
    /// Named as a topic: "微信支付", "转发微博", "不要相信加扣扣的".
    Topic,
    /// Nothing either way.
    Neutral,
}

/// How far before a channel the clause is searched for cues.
const BEFORE_REACH: usize = 12;
/// How far after a channel an ID or number still belongs to it.
const CONTACT_REACH: usize = 10;
/// How far after a channel the sentence is searched for 搜/关注.
const SENTENCE_REACH: usize = 30;

pub struct CueMatcher {
    /// Ids index `number_info`.
    numbers: WordMatcher,
    /// Per number cue: its channel and its gap.
    number_info: Vec<(Channel, usize)>,
    destination_before: WordList,
    destination_after: WordList,
    destination_sentence: WordList,
    topic_before: WordList,
    topic_after: WordList,
    ordinary_words: WordList,
}

/// Cue words indexed by their first char: a window is read once, looking up
/// the words that can start at each char, instead of once per word.
struct WordList {
    /// Sorted by first char, then longest first.
    words: Vec<Vec<char>>,
    longest: usize,
}

impl WordList {
    fn new(words: &[String]) -> WordList {
        let mut words = Normalized::words(words);
        words.sort_by(|a, b| a[0].cmp(&b[0]).then(b.len().cmp(&a.len())));
        let longest = words.iter().map(Vec::len).max().unwrap_or(0);
        WordList { words, longest }
    }

    /// The words that occur in `chars` at `at`.
    fn at<'a>(&'a self, chars: &'a [char], at: usize) -> impl Iterator<Item = &'a [char]> + 'a {
        let first = chars.get(at).copied();
        let from = self.words.partition_point(|w| Some(w[0]) < first);
        self.words[from..]
            .iter()
            .take_while(move |w| Some(w[0]) == first)
            .filter(move |w| chars[at..].starts_with(w))
            .map(Vec::as_slice)
    }
}

impl CueMatcher {
    pub fn new(cues: &Cues) -> CueMatcher {
        let number_info = cues
            .numbers
            .iter()
            .map(|c| (c.channel, c.max_gap))
            .collect();
        let words = cues.numbers.iter().enumerate().flat_map(|(id, cue)| {
            Normalized::words(&cue.words)
                .into_iter()
                .map(move |word| (word.into_iter().collect::<String>(), id))
        });
        CueMatcher {
            numbers: WordMatcher::new(words),
            number_info,
            destination_before: WordList::new(&cues.destination_before),
            destination_after: WordList::new(&cues.destination_after),
            destination_sentence: WordList::new(&cues.destination_sentence),
            topic_before: WordList::new(&cues.topic_before),
            topic_after: WordList::new(&cues.topic_after),
            ordinary_words: WordList::new(&cues.ordinary_words),
        }
    }

    /// Every number cue in the text, as words (a Latin cue is not part of a
    /// longer word), sorted by end.
    pub fn find(&self, norm: &Normalized) -> Vec<CueHit> {
        let chars = norm.chars();
        let mut hits = Vec::new();
        self.numbers.find(norm, |id, range| {
            let (channel, max_gap) = self.number_info[id];
            if text::has_word_edges(chars, range.clone()) {
                hits.push(CueHit {
                    range,
                    channel,
                    max_gap,
                });
            }
        });
        sort_hits(&mut hits);
        hits
    }

    /// Reads the cues around a channel mention at `range`. `contacts`: numbers,
    /// IDs and addresses; one right after the channel makes it a destination
    /// whatever else is said.
    pub fn gate_state(
        &self,
        chars: &[char],
        range: &Range<usize>,
        contacts: &text::SortedRanges,
    ) -> GateState {
        let clause = around(chars, range.clone(), BEFORE_REACH.max(CONTACT_REACH), false);
        let reach = range.end..(range.end + CONTACT_REACH + 1).min(clause.end);
        let contact_follows = contacts.any_start_in(reach);
        if contact_follows {
            return GateState::ContactFollows;
        }
        let before = clause.start.max(range.start.saturating_sub(BEFORE_REACH))..range.start;
        let mut after = range.end;
        if after < chars.len() && chars[after] == ' ' {
            after += 1;
        }
        let any_before = |words: &WordList| self.contains_cue(chars, before.clone(), words);
        let any_after = |words: &WordList| {
            words.at(chars, after).any(|w| {
                text::has_word_edges(chars, after..after + w.len())
                    && !self.inside_ordinary_word(chars, after..after + w.len())
            })
        };
        if any_before(&self.topic_before) || any_after(&self.topic_after) {
            return GateState::Topic;
        }
        if any_before(&self.destination_before) || any_after(&self.destination_after) {
            return GateState::Destination;
        }
        let sentence = around(chars, range.clone(), SENTENCE_REACH, true);
        let rest = range.end..sentence.end;
        if self.contains_cue(chars, rest, &self.destination_sentence) {
            return GateState::Destination;
        }
        GateState::Neutral
    }

    /// Whether one of `words` occurs inside `range` as a cue: as a word, and
    /// not inside an ordinary word ("加" in "更加" is no cue).
    fn contains_cue(&self, chars: &[char], range: Range<usize>, words: &WordList) -> bool {
        range.clone().any(|i| {
            words.at(chars, i).any(|w| {
                let at = i..i + w.len();
                at.end <= range.end
                    && text::has_word_edges(chars, at.clone())
                    && !self.inside_ordinary_word(chars, at)
            })
        })
    }

    fn inside_ordinary_word(&self, chars: &[char], at: Range<usize>) -> bool {
        let ordinary = &self.ordinary_words;
        (at.end.saturating_sub(ordinary.longest)..=at.start)
            .any(|s| ordinary.at(chars, s).any(|o| s + o.len() >= at.end))
    }
}

/// The most chars a cue may stand from its number (checked when rules load).
pub const MAX_CUE_GAP: usize = 30;
/// The longest cue word that may follow a number ("**群").
const MAX_CUE_LEN: usize = 16;

/// The hits (sorted by end) whose end lies in `ends`.
fn ending_in(hits: &[CueHit], ends: Range<usize>) -> &[CueHit] {
    let first = hits.partition_point(|h| h.range.end < ends.start);
    let last = hits.partition_point(|h| h.range.end < ends.end);
    &hits[first..last.max(first)]
}

/// Sorts hits by end; of cues ending together the longest speaks: 卡号 is a
/// label, not 号.
pub fn sort_hits(hits: &mut Vec<CueHit>) {
    hits.sort_by_key(|h| (h.range.end, std::cmp::Reverse(h.range.len())));
    hits.dedup_by_key(|h| h.range.end);
}

/// The channel a number at `run` belongs to, from the nearest cue before it
/// (or, for 加 and 群, right after it). 号/账号 take the channel named last
/// before them in the sentence.
pub fn nearest_channel(chars: &[char], hits: &[CueHit], run: &Range<usize>) -> Option<Channel> {
    let gap_ok = |from: usize, to: usize, channel: Channel| {
        chars[from..to].iter().all(|&c| {
            !text::is_sentence_break(c) && (channel != Channel::Add || !text::is_clause_break(c))
        })
    };
    let before = ending_in(hits, run.start.saturating_sub(MAX_CUE_GAP)..run.start + 1)
        .iter()
        .filter(|h| {
            h.range.end <= run.start
                && run.start - h.range.end <= h.max_gap
                && gap_ok(h.range.end, run.start, h.channel)
        })
        .max_by_key(|h| (h.range.end, h.range.len()));
    let after = || {
        ending_in(hits, run.end + 1..run.end + 3 + MAX_CUE_LEN)
            .iter()
            .find(|h| {
                h.range.start >= run.end
                    && h.range.start - run.end <= 2
                    && matches!(h.channel, Channel::Qq | Channel::Add)
                    && gap_ok(run.end, h.range.start, h.channel)
            })
    };
    match before.or_else(after).map(|h| h.channel) {
        Some(Channel::Id) => named_before(
            chars,
            hits,
            run.start,
            &[Channel::Qq, Channel::Wechat, Channel::Phone],
        ),
        Some(channel) => Some(channel),
        // A bare number in a sentence that named QQ or WeChat earlier
        // ("加扣扣 有图片有真相 8330845614") is that account.
        None => named_before(chars, hits, run.start, &[Channel::Qq, Channel::Wechat]),
    }
}

/// How far back a sentence is searched for the channel a bare number belongs to.
const NAMED_REACH: usize = 30;

/// The channel named last before `at` in its sentence, among `channels`.
pub fn named_before(
    chars: &[char],
    hits: &[CueHit],
    at: usize,
    channels: &[Channel],
) -> Option<Channel> {
    let sentence = around(chars, at..at, NAMED_REACH, true);
    ending_in(hits, sentence.start..at + 1)
        .iter()
        .filter(|h| {
            h.range.start >= sentence.start && h.range.end <= at && channels.contains(&h.channel)
        })
        .max_by_key(|h| h.range.end)
        .map(|h| h.channel)
}
