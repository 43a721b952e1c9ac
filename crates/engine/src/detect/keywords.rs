//! Literal keywords of every rule, found in one pass over the canonical text,
//! together with the number cue words (电话, 群号, 订单号…): one automaton
//! reads the text once for both. Keywords are normalised like the text, so a
//! rule that lists "V信" also finds "Ｖ 信" and "v信".

use std::ops::Range;

use super::Candidate;
use super::text::has_word_edges;
use super::words::WordMatcher;
use crate::Category;
use crate::normalize::{Normalized, is_han};
use crate::rules::Rule;

pub struct KeywordMatcher {
    /// Ids below `rules` are rule indexes; from `rules` on, cue indexes.
    words: WordMatcher,
    rules: usize,
}

/// "某宝", "某鱼", "某多多": people veil a platform's name by writing 某 ("a
/// certain") for its first char, so every Han platform name is also matched
/// veiled; the platform's gate still decides whether it is a destination.
fn veiled(keyword: &str) -> Option<String> {
    let mut chars = keyword.chars();
    let first = chars.next()?;
    let rest = chars.as_str();
    let han = keyword.chars().all(is_han);
    let short = (2..=4).contains(&keyword.chars().count());
    (first != '某' && han && short).then(|| format!("某{rest}"))
}

impl KeywordMatcher {
    /// `cue_words`: canonical cue words with the index of the cue each
    /// belongs to. The error says why the words fit no automaton.
    pub fn new(rules: &[Rule], cue_words: Vec<(String, usize)>) -> Result<KeywordMatcher, String> {
        let keywords = rules.iter().enumerate().flat_map(|(index, rule)| {
            let platform = rule.category == Category::Platform;
            rule.keywords.iter().flat_map(move |keyword| {
                let keyword = Normalized::new(keyword).text().to_string();
                let veiled = platform.then(|| veiled(&keyword)).flatten();
                std::iter::once(keyword)
                    .chain(veiled)
                    .map(move |word| (word, index))
            })
        });
        let cues = cue_words
            .into_iter()
            .map(|(word, cue)| (word, rules.len() + cue));
        Ok(KeywordMatcher {
            words: WordMatcher::new(keywords.chain(cues))?,
            rules: rules.len(),
        })
    }

    /// Keyword candidates into `out`; each cue word found, as its cue's
    /// index and range, into `cues`.
    pub fn find(
        &self,
        norm: &Normalized,
        rules: &[Rule],
        out: &mut Vec<Candidate>,
        cues: &mut Vec<(usize, Range<usize>)>,
    ) {
        self.words.find(norm, |id, range| {
            if id >= self.rules {
                cues.push((id - self.rules, range));
            } else if has_word_edges(norm.chars(), range.clone()) {
                out.push(Candidate::of(rules, id, range));
            }
        });
    }
}
