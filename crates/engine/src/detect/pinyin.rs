//! Homophones by pinyin: 威信, 薇信, 维信 all read "wei xin", so one rule with
//! those syllables catches them all, and the next homophone too. Only whole
//! syllables of the listed words match, never pinyin substrings.
//!
//! A syllable may also be a lone Latin letter or Han char, matched as
//! written ("v xin": v信, v芯, v新; "加 wei": 加薇, 加威), and the heart
//! emoji read as 心 "xin" (薇❤, v💗): people write a heart for the 信 of 微信
//! because they sound alike.
//!
//! Only a few syllables matter, so the chars that read as one of them are
//! found once, when the checker is built; checking a message is then one
//! table look-up per Han char.

use pinyin::ToPinyin;

use super::Candidate;
use crate::rules::Rule;

/// One syllable of a listed word.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Syllable {
    /// Any char that reads this syllable (an index into the reading table).
    Reading(u16),
    /// A Latin letter or a Han char, as written.
    Literal(char),
}

pub struct PinyinMatcher {
    /// Per listed word: its rule, severity and syllables.
    words: Vec<(usize, crate::Severity, Vec<Syllable>)>,
    /// For each char from U+3400 to U+9FFF, the listed syllable it reads as
    /// (`NONE` for most): one lookup per char while checking.
    readings: Vec<u16>,
    /// The listed syllable "xin", which hearts read as.
    xin: Option<u16>,
    /// The literal chars a listed word starts with ("v" of "v xin").
    literal_starts: Vec<char>,
    /// Per listed syllable: whether a listed word starts with it.
    reading_starts: Vec<bool>,
    /// For each char up to U+9FFF, whether a listed word may start with it:
    /// one look-up turns away most chars of a message.
    starts: Vec<bool>,
    /// Per syllable: the words whose first syllable it is, in order.
    by_reading: Vec<Vec<usize>>,
    /// Per literal first char ("v" of "v信"): the words it starts, in order.
    by_literal: Vec<(char, Vec<usize>)>,
}

/// Two ascending lists of word indexes as one, in order.
fn merged<'a>(a: &'a [usize], b: &'a [usize]) -> impl Iterator<Item = usize> + 'a {
    let (mut a, mut b) = (a.iter().copied().peekable(), b.iter().copied().peekable());
    std::iter::from_fn(move || match (a.peek(), b.peek()) {
        (Some(&x), Some(&y)) if y < x => b.next(),
        (Some(_), _) => a.next(),
        (None, _) => b.next(),
    })
}

const NONE: u16 = u16::MAX;
const FIRST: u32 = 0x3400;
const LAST: u32 = 0x9FFF;

/// Hearts, read as 心 "xin".
fn is_heart(c: char) -> bool {
    matches!(
        c,
        '❤' | '♥'
            | '♡'
            | '❥'
            | '❣'
            | '💓'
            | '💔'
            | '💕'
            | '💖'
            | '💗'
            | '💘'
            | '💙'
            | '💚'
            | '💛'
            | '💜'
            | '💝'
            | '💞'
            | '💟'
            | '🖤'
            | '🤍'
            | '🤎'
            | '🧡'
            | '🩷'
            | '🩵'
            | '🩶'
    )
}

impl PinyinMatcher {
    pub fn new(rules: &[Rule]) -> PinyinMatcher {
        let mut syllables: Vec<String> = Vec::new();
        let mut words = Vec::new();
        for (i, rule) in rules.iter().enumerate() {
            for word in &rule.pinyin {
                let parts: Vec<Syllable> = word
                    .split_whitespace()
                    .map(|s| {
                        let mut letters = s.chars();
                        match (letters.next(), letters.next()) {
                            (Some(c), None) if c.is_ascii_alphabetic() || !c.is_ascii() => {
                                Syllable::Literal(c)
                            }
                            _ => Syllable::Reading(match syllables.iter().position(|k| k == s) {
                                Some(k) => k as u16,
                                None => {
                                    syllables.push(s.to_string());
                                    (syllables.len() - 1) as u16
                                }
                            }),
                        }
                    })
                    .collect();
                words.push((i, rule.severity, parts));
            }
        }
        let readings = if syllables.is_empty() {
            Vec::new()
        } else {
            // The primary reading only: heteronyms (于 also reads "wu") match
            // words nobody meant.
            (FIRST..=LAST)
                .map(|n| {
                    char::from_u32(n)
                        .and_then(|c| c.to_pinyin())
                        .and_then(|p| syllables.iter().position(|s| s == p.plain()))
                        .map_or(NONE, |k| k as u16)
                })
                .collect()
        };
        let xin = syllables.iter().position(|s| s == "xin").map(|k| k as u16);
        let mut literal_starts: Vec<char> = words
            .iter()
            .filter_map(|(_, _, syllables)| match syllables.first() {
                Some(&Syllable::Literal(c)) => Some(c),
                _ => None,
            })
            .collect();
        literal_starts.sort_unstable();
        literal_starts.dedup();
        let mut reading_starts = vec![false; syllables.len()];
        let mut by_reading = vec![Vec::new(); syllables.len()];
        let mut by_literal: Vec<(char, Vec<usize>)> = Vec::new();
        for (index, (_, _, parts)) in words.iter().enumerate() {
            match parts.first() {
                Some(&Syllable::Reading(k)) => {
                    reading_starts[usize::from(k)] = true;
                    by_reading[usize::from(k)].push(index);
                }
                Some(&Syllable::Literal(l)) => match by_literal.iter_mut().find(|(c, _)| *c == l) {
                    Some((_, list)) => list.push(index),
                    None => by_literal.push((l, vec![index])),
                },
                None => {}
            }
        }
        let mut matcher = PinyinMatcher {
            words,
            readings,
            xin,
            literal_starts,
            reading_starts,
            by_reading,
            by_literal,
            starts: Vec::new(),
        };
        matcher.starts = (0..=LAST)
            .map(|n| char::from_u32(n).is_some_and(|c| matcher.may_start_word(c)))
            .collect();
        matcher
    }

    /// Whether a listed word may start with `c`: it reads a syllable one
    /// starts with, or is the literal one starts with.
    fn may_start_word(&self, c: char) -> bool {
        self.syllable(c)
            .is_some_and(|k| self.reading_starts[usize::from(k)])
            || self.literal_starts.contains(&c)
    }

    #[inline]
    fn syllable(&self, c: char) -> Option<u16> {
        let n = c as u32;
        if (FIRST..=LAST).contains(&n) {
            let k = *self.readings.get((n - FIRST) as usize)?;
            return (k != NONE).then_some(k);
        }
        if is_heart(c) { self.xin } else { None }
    }

    /// Whether the word ending at `end` ends in a heart that only decorates
    /// the char after it ("微❤信支付"), so the word runs on to that char.
    pub fn decorated(&self, chars: &[char], end: usize) -> bool {
        let reads_xin =
            |c: char| !is_heart(c) && self.xin.is_some() && self.syllable(c) == self.xin;
        end > 0 && is_heart(chars[end - 1]) && chars.get(end).is_some_and(|&c| reads_xin(c))
    }

    /// Whether `c` reads as one of the listed syllables.
    #[inline]
    pub fn reads_any(&self, c: char) -> bool {
        self.syllable(c).is_some()
    }

    fn reads(&self, c: char, syllable: Syllable) -> bool {
        match syllable {
            Syllable::Reading(k) => self.syllable(c) == Some(k),
            Syllable::Literal(l) => c == l,
        }
    }

    pub fn find(&self, chars: &[char], out: &mut Vec<Candidate>) {
        if self.words.is_empty() {
            return;
        }
        for start in 0..chars.len() {
            let c = chars[start];
            let starts_word = match self.starts.get(c as usize) {
                Some(&starts) => starts,
                None => self.may_start_word(c),
            };
            if !starts_word {
                continue;
            }
            let by_reading = self
                .syllable(c)
                .map_or(&[][..], |k| &self.by_reading[usize::from(k)][..]);
            let by_literal = self
                .by_literal
                .iter()
                .find(|(l, _)| *l == c)
                .map_or(&[][..], |(_, words)| &words[..]);
            for word in merged(by_reading, by_literal) {
                let (rule, severity, syllables) = &self.words[word];
                let n = syllables.len();
                let reads = start + n <= chars.len()
                    && syllables
                        .iter()
                        .enumerate()
                        .all(|(k, &s)| self.reads(chars[start + k], s));
                // A letter syllable stands alone: "v" in "v信", not in "ev信".
                let alone = !matches!(syllables[0], Syllable::Literal(_))
                    || start == 0
                    || !chars[start - 1].is_ascii_alphabetic();
                if reads && alone {
                    out.push(Candidate {
                        rule: *rule,
                        range: start..start + n,
                        severity: *severity,
                        normalized: None,
                    });
                }
            }
        }
    }
}
