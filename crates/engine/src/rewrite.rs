//! The compliant rewrite: every block finding goes, together with the clause
//! that carried it ("加我微信 abc123 咨询"), and the first such clause becomes one
//! reference to the platform's social card. Everything else stays as written.
//! Warnings are never applied silently: they become [`Suggestion`]s the
//! operator accepts one by one.
//!
//! Whole clauses go rather than single tokens because a contact leaves its
//! grammar behind — 加, 请, 备注, "text me at" — and a clause boundary is the
//! one cut that always reads naturally.

use std::collections::{BTreeMap, BTreeSet};
use std::ops::Range;

use rustc_hash::FxHashMap;
use serde::Serialize;

use crate::normalize::{is_emoji, is_han};
use crate::punctuation;
use crate::rules::{Bilingual, Severity};
use crate::{Category, CheckOptions, Checker, Finding, Language, Report};

/// The operator's own card phrasing; `None` takes the context's default from
/// `rules/profiles.json`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CardPhrases {
    pub zh: Option<String>,
    pub en: Option<String>,
}

/// One change to the original text, in its char offsets.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Edit {
    pub start: usize,
    pub end: usize,
    pub replacement: String,
    /// Indexes into the original report's findings that this edit answers.
    pub findings: Vec<usize>,
}

/// A fix the operator may accept for a warning, in the rewrite's char offsets.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Suggestion {
    pub rule: String,
    pub category: Category,
    pub start: usize,
    pub end: usize,
    /// The token as it stands.
    pub original: String,
    pub replacement: String,
    pub label: Bilingual,
}

impl Suggestion {
    /// The text with this suggestion applied.
    pub fn apply(&self, text: &str) -> String {
        apply_suggestions(text, &[self])
    }
}

/// Applies accepted suggestions to the text they were made for. Overlapping
/// ones are skipped after the first, so any selection is safe to apply.
pub fn apply_suggestions(text: &str, accepted: &[&Suggestion]) -> String {
    let mut chars: Vec<char> = text.chars().collect();
    let mut sorted: Vec<&Suggestion> = accepted
        .iter()
        .copied()
        .filter(|s| s.start <= s.end && s.end <= chars.len())
        .collect();
    sorted.sort_by_key(|s| std::cmp::Reverse(s.start));
    let mut floor = usize::MAX;
    for s in sorted {
        if s.end > floor {
            continue;
        }
        chars.splice(s.start..s.end, s.replacement.chars());
        floor = s.start;
    }
    chars.into_iter().collect()
}

/// A message the platform will accept, and how it was made.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Rewrite {
    pub text: String,
    /// The changes, in the original's char offsets, left to right.
    pub edits: Vec<Edit>,
    /// Fixes offered for the warnings left in `text`.
    pub suggestions: Vec<Suggestion>,
}

impl Rewrite {
    pub fn changed(&self) -> bool {
        !self.edits.is_empty()
    }
}

/// Rewrites `text`, whose report is `report`, so that no block finding remains.
pub fn rewrite(
    checker: &Checker,
    text: &str,
    report: &Report,
    options: &CheckOptions,
    cards: &CardPhrases,
) -> Rewrite {
    let card = card_phrase(checker, options, cards, report.language);
    let chars: Vec<char> = text.chars().collect();
    let blocks = report.block_spans();
    if blocks.is_empty() {
        return Rewrite {
            text: text.to_string(),
            edits: Vec::new(),
            suggestions: suggestions(checker, text, report),
        };
    }
    let clauses = split_clauses(&chars, &blocks);
    let words = checker.vocabulary();
    let follow_up = &words.follow_up;
    let mut marked: BTreeSet<usize> = blocks
        .iter()
        .flat_map(|b| clauses_over(&clauses, b))
        .collect();
    let folded_text: Vec<char> = chars.iter().map(|&c| fold(c)).collect();
    let dependents = words.dependents_of(report);
    mark_dependents(
        &folded_text,
        &clauses,
        &WordSet::new(dependents.iter().copied()),
        &mut marked,
    );
    let tied = WordSet::new(
        dependents
            .into_iter()
            .chain(words.follow_up_folded.iter().map(Vec::as_slice)),
    );
    let parts = Parts {
        folded: &folded_text,
        blocks: &blocks,
        dependents: &tied,
        leads: &words.leads,
        not_purposes: &words.not_purposes,
        language: report.language,
    };
    // Kept heads and purposes go first when the text still blocks.
    let mut keep_parts = true;
    loop {
        mark_follow_ups(&chars, &clauses, follow_up, &mut marked);
        let edits = plan(
            &chars,
            &clauses,
            &marked,
            &card,
            report.language,
            keep_parts.then_some(&parts),
        );
        let (out, origin) = apply_edits(&chars, &edits);
        let out_report = checker.check(&out, options);
        let remaining = out_report.block_spans();
        if remaining.is_empty() {
            return finish(checker, report, out, out_report, edits);
        }
        // Removing a clause can make a neighbour read differently; take the
        // clauses of whatever still blocks, or give up on the text and send
        // only the card.
        let before = marked.len();
        for r in &remaining {
            for o in origin[r.clone()].iter().flatten() {
                marked.extend(clauses_over(&clauses, &(*o..*o + 1)));
            }
        }
        if marked.len() == before && keep_parts {
            keep_parts = false;
            continue;
        }
        if marked.len() == before {
            let default_card =
                card_phrase(checker, options, &CardPhrases::default(), report.language);
            let edits = vec![Edit {
                start: 0,
                end: chars.len(),
                replacement: capitalise(&default_card, report.language),
                findings: Vec::new(),
            }];
            let out: String = edits[0].replacement.clone();
            let out_report = checker.check(&out, options);
            return finish(checker, report, out, out_report, edits);
        }
    }
}

fn finish(
    checker: &Checker,
    report: &Report,
    text: String,
    out_report: Report,
    mut edits: Vec<Edit>,
) -> Rewrite {
    // Block findings by start; they never overlap, so their ends ascend too
    // and each edit finds its own by binary search.
    let mut blocks: Vec<(usize, &Finding)> = report
        .findings
        .iter()
        .enumerate()
        .filter(|(_, f)| f.severity == Severity::Block)
        .collect();
    blocks.sort_by_key(|(_, f)| f.start);
    for edit in &mut edits {
        let end = edit.end.max(edit.start + 1);
        let first = blocks.partition_point(|(_, f)| f.end <= edit.start);
        edit.findings = blocks[first..]
            .iter()
            .take_while(|(_, f)| f.start < end)
            .filter(|(_, f)| edit.start < f.end)
            .map(|&(i, _)| i)
            .collect();
    }
    let suggestions = suggestions(checker, &text, &out_report);
    Rewrite {
        text,
        edits,
        suggestions,
    }
}

/// The card phrase for the message's language: the operator's, or the context's default.
fn card_phrase(
    checker: &Checker,
    options: &CheckOptions,
    cards: &CardPhrases,
    language: Language,
) -> String {
    let own = match language {
        Language::Chinese => cards.zh.as_deref(),
        Language::English => cards.en.as_deref(),
    };
    let own = own.map(str::trim).filter(|c| !c.is_empty());
    match own {
        Some(card) => card.to_string(),
        None => checker
            .book()
            .profiles()
            .contexts
            .get(&options.context)
            .map(|c| c.card.get(language).to_string())
            .unwrap_or_default(),
    }
}

/// A clause: `[start, end)` with its leading white space, then the run of
/// delimiters `[end, delimiters_end)` that closes it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Clause {
    start: usize,
    content_start: usize,
    end: usize,
    delimiters_end: usize,
}

fn is_delimiter(chars: &[char], i: usize) -> bool {
    match chars[i] {
        // Not inside a number: "¥96,000", "1.5"; not inside a link: "t.cn".
        ',' | '.' => chars.get(i + 1).is_none_or(|c| c.is_whitespace()),
        c if punctuation::ends_sentence(c)
            || punctuation::is_pause(c)
            || punctuation::is_comma(c)
            || punctuation::is_chat_joiner(c) =>
        {
            true
        }
        // A space after an emoji ("学院🐾 海外", "Homes 🏡 Full"), or between
        // Han chars, where Chinese puts no space inside a clause.
        c if c.is_whitespace() => {
            let before = chars[..i].iter().rev().find(|c| !is_invisible_mark(**c));
            let after = chars[i + 1..].iter().find(|c| !c.is_whitespace());
            before.is_some_and(|&b| is_emoji(b))
                || (before.is_some_and(|&b| is_han(b)) && after.is_some_and(|&a| is_han(a)))
        }
        _ => false,
    }
}

fn is_invisible_mark(c: char) -> bool {
    matches!(c, '\u{FE0F}' | '\u{200D}' | '\u{20E3}')
}

/// Ends a sentence, of the delimiters after a clause: what follows starts
/// with a capital in English. A full stop is one here: [`is_delimiter`]
/// only takes one that stands before a space or the end.
fn ends_sentence(c: char) -> bool {
    punctuation::ends_sentence(c) || c == '.'
}

/// Splits into clauses; a delimiter inside a block finding ("liujl\n_k9dog",
/// "1.5.2.6…") does not split.
fn split_clauses(chars: &[char], blocks: &[Range<usize>]) -> Vec<Clause> {
    let mut protected = vec![false; chars.len()];
    for b in blocks {
        protected[b.clone()].iter_mut().for_each(|p| *p = true);
    }
    let delimiter = |i: usize| !protected[i] && is_delimiter(chars, i);
    let mut clauses = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let start = i;
        while i < chars.len() && !delimiter(i) {
            i += 1;
        }
        let end = i;
        while i < chars.len() && delimiter(i) {
            i += 1;
        }
        let content_start = (start..end)
            .find(|&k| !chars[k].is_whitespace())
            .unwrap_or(end);
        clauses.push(Clause {
            start,
            content_start,
            end,
            delimiters_end: i,
        });
    }
    clauses
}

/// The clauses a range touches (a delimiter belongs to the clause it closes).
/// The clauses `range` touches. Clauses tile the text in order, so a binary
/// search finds the first: a long message's rewrite stays linear.
fn clauses_over(clauses: &[Clause], range: &Range<usize>) -> Range<usize> {
    let first = clauses.partition_point(|c| c.delimiters_end <= range.start);
    let last = first + clauses[first..].partition_point(|c| c.start < range.end);
    first..last.max(first)
}

/// The clauses of `text` a rewrite must keep as written: those that hold no
/// block finding of `report`, no word that only made sense with one of its
/// contacts (回拨, 加了) and no follow-up of its instruction (搜, 关注). What
/// the training's rewrite exercises score, and what the engine's rewrite
/// keeps.
pub fn clauses_to_keep(checker: &Checker, text: &str, report: &Report) -> Vec<String> {
    let chars: Vec<char> = text.chars().collect();
    let folded_text: Vec<char> = chars.iter().map(|&c| fold(c)).collect();
    let blocks = report.block_spans();
    let words = checker.vocabulary();
    let tied = WordSet::new(
        words
            .dependents_of(report)
            .into_iter()
            .chain(words.follow_up_folded.iter().map(Vec::as_slice)),
    );
    split_clauses(&chars, &blocks)
        .into_iter()
        .filter(|c| {
            !blocks
                .iter()
                .any(|b| b.start < c.end && c.content_start < b.end)
                && !tied.in_text(&folded_text[c.content_start..c.end])
        })
        .map(|c| chars[c.content_start..c.end].iter().collect::<String>())
        .map(|c| c.trim().to_string())
        .filter(|c| c.chars().any(char::is_alphanumeric))
        .collect()
}

/// The rewrite's word lists from `rules/cues.json`, [`fold`]ed once when the
/// checker is built.
pub(crate) struct Vocabulary {
    /// As written: matched on the original text.
    follow_up: Vec<Vec<char>>,
    follow_up_folded: Vec<Vec<char>>,
    leads: Vec<Vec<char>>,
    /// `not_purposes` and the channels' own nouns (`destination_after`).
    not_purposes: Vec<Vec<char>>,
    dependents: BTreeMap<Category, Vec<Vec<char>>>,
}

impl Vocabulary {
    pub(crate) fn new(cues: &crate::rules::Cues) -> Vocabulary {
        let mut not_purposes = folded(&cues.not_purposes);
        not_purposes.extend(folded(&cues.destination_after));
        Vocabulary {
            follow_up: cues.follow_up.iter().map(|w| w.chars().collect()).collect(),
            follow_up_folded: folded(&cues.follow_up),
            leads: folded(&cues.contact_leads),
            not_purposes,
            dependents: cues
                .dependents
                .iter()
                .map(|(category, words)| (*category, folded(words)))
                .collect(),
        }
    }

    /// The words that only made sense with the contacts `report` blocks
    /// (回拨 after a phone number, 加了 after a WeChat ID). A solicitation
    /// (留个电话, 加我) asks for a contact on any channel: every channel's
    /// words depend on it.
    fn dependents_of(&self, report: &Report) -> Vec<&[char]> {
        let blocked: BTreeSet<Category> = report
            .findings
            .iter()
            .filter(|f| f.severity == Severity::Block)
            .map(|f| f.category)
            .collect();
        let any = blocked.contains(&Category::Solicitation);
        let mut words: Vec<&[char]> = self
            .dependents
            .iter()
            .filter(|(category, _)| any || blocked.contains(category))
            .flat_map(|(_, words)| words.iter().map(Vec::as_slice))
            .collect();
        words.sort();
        words.dedup();
        words
    }
}

/// Marks every clause that holds one of `words`: with its contact gone, "客服
/// 稍后回拨给您" or "加了直接发您" refers to nothing. `folded`: the text [`fold`]ed.
fn mark_dependents(
    folded: &[char],
    clauses: &[Clause],
    words: &WordSet,
    marked: &mut BTreeSet<usize>,
) {
    for (i, clause) in clauses.iter().enumerate() {
        if words.in_text(&folded[clause.content_start..clause.end]) {
            marked.insert(i);
        }
    }
}

/// Marks the clauses that finish a marked one's instruction in the same
/// sentence: "在京东旗舰店有售，搜「贝洁口腔」即可" loses both halves.
fn mark_follow_ups(
    chars: &[char],
    clauses: &[Clause],
    follow_up: &[Vec<char>],
    marked: &mut BTreeSet<usize>,
) {
    for i in 1..clauses.len() {
        let previous = clauses[i - 1];
        let same_sentence = !chars[previous.end..previous.delimiters_end]
            .iter()
            .any(|&c| ends_sentence(c));
        let content = &chars[clauses[i].content_start..clauses[i].end];
        if marked.contains(&(i - 1))
            && same_sentence
            && follow_up.iter().any(|w| content.starts_with(w))
        {
            marked.insert(i);
        }
    }
}

/// The edits that remove the marked clauses: the first run of them becomes the
/// card, later runs go with one neighbouring delimiter.
fn plan(
    chars: &[char],
    clauses: &[Clause],
    marked: &BTreeSet<usize>,
    card: &str,
    language: Language,
    parts: Option<&Parts>,
) -> Vec<Edit> {
    let kept_names_card = clauses.iter().enumerate().any(|(i, c)| {
        !marked.contains(&i) && names_card(&chars[c.start..c.end].iter().collect::<String>())
    });
    let mut card_placed = kept_names_card;
    let mut edits = Vec::new();
    let mut i = 0;
    while i < clauses.len() {
        if !marked.contains(&i) {
            i += 1;
            continue;
        }
        let mut j = i;
        while j + 1 < clauses.len() && marked.contains(&(j + 1)) {
            j += 1;
        }
        // The card ends at the last clause with a contact, so its purpose
        // stays; dependent clauses after it go as a run of their own.
        if let Some(parts) = parts.filter(|_| !card_placed)
            && let Some(k) = (i..=j)
                .rev()
                .find(|&k| !parts.blocks_in(clauses[k]).is_empty())
        {
            j = k;
        }
        let (first, last) = (clauses[i], clauses[j]);
        if !card_placed {
            let sentence_start =
                i == 0 || chars[first.start..first.content_start].contains(&'\n') || {
                    let before = clauses[i - 1];
                    chars[before.end..before.delimiters_end]
                        .iter()
                        .any(|&c| ends_sentence(c) || c.is_whitespace())
                };
            let content_end = (last.content_start..last.end)
                .rev()
                .find(|&k| !chars[k].is_whitespace())
                .map_or(last.end, |k| k + 1);
            let head = parts.and_then(|p| p.head(first));
            let tail = parts.and_then(|p| p.tail(last, content_end, card));
            let mut phrase = match head {
                Some(_) => format!("，{card}"),
                None if sentence_start => capitalise(card, language),
                None => card.to_string(),
            };
            if let Some(tail) = &tail {
                phrase.push_str(tail.joiner);
            }
            let (start, end) = join_spaces(
                chars,
                head.unwrap_or(first.content_start),
                tail.as_ref().map_or(content_end, |t| t.start),
                &phrase,
            );
            edits.push(Edit {
                start,
                end,
                replacement: phrase,
                findings: Vec::new(),
            });
            card_placed = true;
        } else {
            let next_is_comma = last.delimiters_end > last.end
                && chars[last.end..last.delimiters_end]
                    .iter()
                    .all(|&c| !ends_sentence(c))
                && j + 1 < clauses.len();
            let range = if i == 0 || next_is_comma {
                let end = clauses
                    .get(j + 1)
                    .map_or(last.delimiters_end, |n| n.content_start);
                let start = if i == 0 { 0 } else { first.start };
                start..end
            } else {
                clauses[i - 1].end..last.end
            };
            edits.push(Edit {
                start: range.start,
                end: range.end,
                replacement: String::new(),
                findings: Vec::new(),
            });
        }
        i = j + 1;
    }
    // A card widened over the spaces beside it may reach into the next
    // removal; that removal starts where the card ends.
    for k in 1..edits.len() {
        let floor = edits[k - 1].end;
        if edits[k].start < floor {
            edits[k].start = floor.min(edits[k].end);
        }
    }
    edits
}

/// What of a replaced clause is worth keeping: the words before its first
/// contact ("想看更多款式[可以加我vx：…]") and the purpose after its last
/// ("[加我QQ 2837465910] 领取新人优惠券", "[call 415-555-0188] to book a table").
/// Word lists are matched on the text [`fold`]ed, so 請加 is 请加.
struct Parts<'a> {
    /// The text, folded.
    folded: &'a [char],
    blocks: &'a [Range<usize>],
    /// Words that only made sense with a removed contact, and the follow-up
    /// words that finish its instruction (关注, 备注, 搜).
    dependents: &'a WordSet<'a>,
    /// Words that lead a contact and go with it (请, 加我, 拨打, 电话, 号码…).
    leads: &'a [Vec<char>],
    /// Words a purpose may not start with.
    not_purposes: &'a [Vec<char>],
    language: Language,
}

/// The kept purpose after a contact: where it starts, and what joins the
/// card phrase to it.
struct Tail {
    start: usize,
    joiner: &'static str,
}

/// Chinese words that open a clause of their own: after the card phrase
/// they take a comma ("…联系我们，可以领专属福利").
const CLAUSE_OPENERS: [&str; 5] = ["可以", "还", "也", "我们", "我"];

/// Sentence-final particles: a tail of only these is no purpose.
fn is_particle(c: char) -> bool {
    matches!(
        c,
        '吧' | '哦' | '呀' | '啦' | '哈' | '呢' | '嘛' | '噢' | '哟' | '喔' | '吗' | '么'
    )
}

/// A char as the rewrite's word lists are written: simplified, lower-case.
fn fold(c: char) -> char {
    crate::normalize::trad_to_simp(c)
        .unwrap_or(c)
        .to_ascii_lowercase()
}

fn folded(words: &[String]) -> Vec<Vec<char>> {
    words
        .iter()
        .map(|w| w.chars().map(fold).collect::<Vec<char>>())
        .filter(|w| !w.is_empty())
        .collect()
}

/// Words looked up by their first char: finding them in a text tries only
/// the words that start with the char at hand.
struct WordSet<'a> {
    by_first: FxHashMap<char, Vec<&'a [char]>>,
}

impl<'a> WordSet<'a> {
    fn new(words: impl IntoIterator<Item = &'a [char]>) -> WordSet<'a> {
        let mut by_first: FxHashMap<char, Vec<&[char]>> = FxHashMap::default();
        for w in words {
            if let Some(&first) = w.first() {
                by_first.entry(first).or_default().push(w);
            }
        }
        WordSet { by_first }
    }

    /// Whether one of the words starts somewhere in `text`.
    fn in_text(&self, text: &[char]) -> bool {
        !self.by_first.is_empty()
            && (0..text.len()).any(|k| {
                self.by_first
                    .get(&text[k])
                    .is_some_and(|ws| ws.iter().any(|w| text[k..].starts_with(w)))
            })
    }
}

impl Parts<'_> {
    fn blocks_in(&self, clause: Clause) -> &[Range<usize>] {
        let first = self
            .blocks
            .partition_point(|b| b.end <= clause.content_start);
        let last = first + self.blocks[first..].partition_point(|b| b.start < clause.end);
        &self.blocks[first..last]
    }

    /// The end of the words before the clause's first contact, when they say
    /// something of their own (two Han chars at least, once the words that
    /// lead to the contact are gone). Chinese only.
    fn head(&self, clause: Clause) -> Option<usize> {
        if self.language != Language::Chinese {
            return None;
        }
        let block = self.blocks_in(clause).first()?;
        let mut end = block.start.max(clause.content_start);
        loop {
            let before = &self.folded[clause.content_start..end];
            // Spaces, marks and symbols (">>", "**") lead to the contact too.
            if let Some(last) = before.last()
                && !last.is_alphanumeric()
            {
                end -= 1;
                continue;
            }
            match self.leads.iter().find(|w| before.ends_with(w)) {
                Some(w) => end -= w.len(),
                None => break,
            }
        }
        let head = &self.folded[clause.content_start..end];
        // Words of its own, not only pronouns and particles; and no object
        // fronted for the verb that went with the contact (您把地址[发到…]).
        let content = head
            .iter()
            .filter(|&&c| is_han(c) && !"这那是我你您他她它们的了吗呢啊吧有个就在".contains(c))
            .count();
        let fronted = head.iter().any(|&c| matches!(c, '把' | '将'));
        (content >= 2 && !fronted && !self.dependents.in_text(head)).then_some(end)
    }

    /// The purpose after the clause's last contact, up to `content_end`.
    fn tail(&self, clause: Clause, content_end: usize, card: &str) -> Option<Tail> {
        let text = self.folded;
        let block = self.blocks_in(clause).last()?;
        if block.end >= content_end {
            return None;
        }
        // A purpose starts a word of its own ("4567 two days" holds none).
        let glued = text[block.end - 1].is_alphabetic() && text[block.end].is_alphabetic();
        let english = self.language == Language::English;
        if english && (glued || ends_in_number_word(&text[block.clone()])) {
            return None;
        }
        let opening = |c: char| "“「『\"'（(".contains(c);
        let start =
            (block.end..content_end).find(|&k| text[k].is_alphanumeric() || opening(text[k]))?;
        let tail = &text[start..content_end];
        let refused = self.not_purposes.iter().any(|w| {
            tail.starts_with(w)
                && !tail
                    .get(w.len())
                    .is_some_and(|c| c.is_ascii_alphabetic() && w[0].is_ascii_alphabetic())
        });
        // A quoted name right after a channel is its account (公众号“米粒生活馆”).
        if refused || "“”「」『』\"'（）()".contains(tail[0]) {
            return None;
        }
        let words: String = tail
            .iter()
            .filter(|&&c| c.is_alphanumeric() && !is_particle(c))
            .collect();
        // Nothing but particles, or what the card phrase says anyway (急事请加
        // 微信 … [联系]).
        let card: String = card.chars().map(fold).collect();
        if words.is_empty() || card.contains(&words) || self.dependents.in_text(tail) {
            return None;
        }
        let joiner = match self.language {
            Language::English => " ",
            Language::Chinese => {
                let opens = CLAUSE_OPENERS
                    .iter()
                    .any(|w| tail.starts_with(&w.chars().collect::<Vec<char>>()));
                if opens { "，" } else { "" }
            }
        };
        Some(Tail { start, joiner })
    }
}

/// Whether a contact ends in a digit spelled out ("… 4567 two"): the word
/// may belong to the words after it ("two days ahead"), which then are no
/// purpose of their own. `contact` is folded.
fn ends_in_number_word(contact: &[char]) -> bool {
    const WORDS: [&str; 13] = [
        "zero", "oh", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine",
        "double", "triple",
    ];
    let text: String = contact.iter().collect();
    let last = text
        .rsplit(|c: char| !c.is_alphabetic())
        .find(|w| !w.is_empty());
    last.is_some_and(|w| WORDS.contains(&w)) && text.ends_with(|c: char| c.is_alphabetic())
}

/// Widens a replacement of `start..end` by `phrase` over the spaces beside it
/// that would stand between Chinese text and the phrase ("联系我们 ，"): Chinese
/// puts no space inside a sentence.
fn join_spaces(chars: &[char], start: usize, end: usize, phrase: &str) -> (usize, usize) {
    let chinese = |c: char| is_han(c) || "，。！？；：、～".contains(c);
    let mut start = start;
    let mut end = end;
    let first = phrase.chars().next();
    let last = phrase.chars().last();
    let mut before = start;
    while before > 0 && chars[before - 1] == ' ' {
        before -= 1;
    }
    if before < start && before > 0 && chinese(chars[before - 1]) && first.is_some_and(chinese) {
        start = before;
    }
    let mut after = end;
    while after < chars.len() && chars[after] == ' ' {
        after += 1;
    }
    if after > end
        && last.is_some_and(chinese)
        && chars.get(after).is_some_and(|&c| chinese(c) || c == '\n')
    {
        end = after;
    }
    (start, end)
}

fn names_card(text: &str) -> bool {
    text.contains("名片") || text.to_lowercase().contains("contact card")
}

fn capitalise(phrase: &str, language: Language) -> String {
    let mut chars = phrase.chars();
    match (language, chars.next()) {
        (Language::English, Some(first)) => first.to_uppercase().chain(chars).collect(),
        _ => phrase.to_string(),
    }
}

/// Applies edits (sorted, disjoint) and keeps, for each output char, the
/// original char it came from (`None` for inserted text).
fn apply_edits(chars: &[char], edits: &[Edit]) -> (String, Vec<Option<usize>>) {
    let mut out = String::new();
    let mut origin = Vec::new();
    let mut at = 0;
    for edit in edits {
        for (k, &c) in chars.iter().enumerate().take(edit.start).skip(at) {
            out.push(c);
            origin.push(Some(k));
        }
        for c in edit.replacement.chars() {
            out.push(c);
            origin.push(None);
        }
        at = edit.end;
    }
    for (k, &c) in chars.iter().enumerate().skip(at) {
        out.push(c);
        origin.push(Some(k));
    }
    (out, origin)
}

/// Every fix the rules offer for the warnings of `report` on `text`, in
/// its offsets. Each composes with the text around it: a deletion takes one
/// of the marks it would leave side by side ("全网最低价！[三天见效，]美白…"), and
/// a replacement its neighbour already reads (加大码[XL]) becomes a deletion.
pub fn suggestions(checker: &Checker, text: &str, report: &Report) -> Vec<Suggestion> {
    let chars: Vec<char> = text.chars().collect();
    let mut out = Vec::new();
    for finding in report
        .findings
        .iter()
        .filter(|f| f.severity == Severity::Warn)
    {
        let Some(rule) = checker.rule(finding.rule_id) else {
            continue;
        };
        for spec in &rule.suggestions {
            let replacement = if spec.map.is_empty() {
                spec.replacement.clone()
            } else {
                // Longest parts first, so "xxl" is not read as "x" + "xl".
                let mut parts: Vec<(&String, &String)> = spec.map.iter().collect();
                parts.sort_by_key(|(from, _)| std::cmp::Reverse(from.chars().count()));
                let mut replaced = finding.text.to_lowercase();
                for (from, to) in parts {
                    replaced = replaced.replace(from.as_str(), to);
                }
                if replaced == finding.text.to_lowercase() {
                    continue;
                }
                replaced
            };
            let Some(span) = chars.get(finding.start..finding.end) else {
                continue;
            };
            let echoed = !replacement.is_empty()
                && (chars[..finding.start].ends_with(&replacement.chars().collect::<Vec<_>>())
                    || chars[finding.end..].starts_with(&replacement.chars().collect::<Vec<_>>()));
            let replacement = if echoed { String::new() } else { replacement };
            let (start, end) = if replacement.is_empty() {
                deletion_span(&chars, finding.start..finding.end)
            } else {
                (finding.start, finding.end)
            };
            if replacement.chars().eq(span.iter().copied()) {
                continue;
            }
            out.push(Suggestion {
                rule: rule.id.clone(),
                category: rule.category,
                start,
                end,
                original: chars[start..end].iter().collect(),
                replacement,
                label: spec.label.clone(),
            });
        }
    }
    out
}

/// What deleting `span` should take with it so that no two marks meet and no
/// mark opens the text: between two marks, the weaker ("！[三天见效，]美白",
/// "one week[, guaranteed results]."); at the start, the mark after it; at
/// the end, a comma before it ("…上新[，限时特惠]"). Spaces beside go too.
fn deletion_span(chars: &[char], span: Range<usize>) -> (usize, usize) {
    let is_mark = |c: char| {
        c != '\n'
            && (punctuation::ends_sentence(c)
                || punctuation::is_pause(c)
                || punctuation::is_comma(c)
                || punctuation::is_chat_joiner(c)
                || "：:、.".contains(c))
    };
    let strong = |c: char| punctuation::ends_sentence(c) || c == '.';
    let before = chars[..span.start].iter().rposition(|c| *c != ' ');
    let after = (span.end..chars.len()).find(|&k| chars[k] != ' ');
    let mark_before = before.is_none_or(|b| is_mark(chars[b]));
    match after {
        Some(a) if is_mark(chars[a]) && mark_before => match before {
            Some(b) if strong(chars[a]) && !strong(chars[b]) => (b, a),
            _ => {
                let end = (a + 1..chars.len())
                    .find(|&k| chars[k] != ' ')
                    .unwrap_or(chars.len());
                (span.start, end)
            }
        },
        None => match before {
            Some(b) if is_mark(chars[b]) && !punctuation::ends_sentence(chars[b]) => {
                (b, chars.len())
            }
            _ => (span.start, chars.len()),
        },
        _ => (span.start, span.end),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::LazyLock;

    static CHECKER: LazyLock<Checker> = LazyLock::new(|| Checker::builtin().unwrap());

    fn rewritten(text: &str, context: crate::Context) -> Rewrite {
        let options = CheckOptions::new(context);
        let report = CHECKER.check(text, &options);
        rewrite(&CHECKER, text, &report, &options, &CardPhrases::default())
    }

    fn dm(text: &str) -> String {
        rewritten(text, crate::Context::Dm).text
    }

    #[test]
    fn replaces_the_clause_that_carried_the_contact_with_the_card() {
        assert_eq!(
            rewritten(
                "欢迎咨询！这边消息不常看，有事直接打我电话：15800216693",
                crate::Context::Welcome
            )
            .text,
            "欢迎咨询！这边消息不常看，点击下方名片咨询"
        );
        assert_eq!(
            dm("您好，律師目前外出，急事請加微訊 chenlvshi_tw 聯繫。"),
            "您好，律師目前外出，急事，可以点击下方名片联系我们。"
        );
    }

    #[test]
    fn several_contacts_in_a_row_become_one_card() {
        assert_eq!(
            dm("你好，加我微信 abc_123，或者打 13800138000，谢谢"),
            "你好，可以点击下方名片联系我们，谢谢"
        );
    }

    #[test]
    fn a_later_contact_goes_with_one_neighbouring_delimiter() {
        assert_eq!(
            dm("加我微信 abc_123，明天见，电话 13800138000。"),
            "可以点击下方名片联系我们，明天见。"
        );
        assert_eq!(
            dm("加我微信 abc_123。明天见！电话 13800138000，谢谢"),
            "可以点击下方名片联系我们。明天见！谢谢"
        );
    }

    #[test]
    fn english_gets_an_english_card_capitalised_at_a_sentence_start() {
        assert_eq!(
            dm("Thanks! Text me at (212) 555-0148 and ask for Marco."),
            "Thanks! You can reach us through the contact card below."
        );
        assert_eq!(
            dm("For appointments, email frontdesk@clinic.com"),
            "For appointments, you can reach us through the contact card below"
        );
    }

    #[test]
    fn a_message_that_names_the_card_already_gets_no_second_one() {
        assert_eq!(
            dm("预约点击下方名片，或加我微信 abc_123"),
            "预约点击下方名片"
        );
    }

    #[test]
    fn a_message_without_block_findings_is_returned_unchanged() {
        let r = rewritten("这款木盘直径24cm，京东的物流很快", crate::Context::Dm);
        assert_eq!(r.text, "这款木盘直径24cm，京东的物流很快");
        assert!(r.edits.is_empty());
    }

    #[test]
    fn edits_answer_their_findings_in_original_offsets() {
        let text = "你好，加我V信：abc_123";
        let r = rewritten(text, crate::Context::Dm);
        assert_eq!(r.edits.len(), 1);
        let edit = &r.edits[0];
        assert_eq!((edit.start, edit.end), (3, text.chars().count()));
        assert_eq!(edit.findings.len(), 3, "加我, V信 and the ID");
    }

    #[test]
    fn the_operators_card_phrase_is_used() {
        let options = CheckOptions::default();
        let text = "加我微信 abc_123";
        let report = CHECKER.check(text, &options);
        let cards = CardPhrases {
            zh: Some("戳下方名片找我们".into()),
            en: None,
        };
        assert_eq!(
            rewrite(&CHECKER, text, &report, &options, &cards).text,
            "戳下方名片找我们"
        );
    }

    #[test]
    fn warnings_become_suggestions_not_edits() {
        let r = rewritten("这款挂毯宽60cm，尺码XL", crate::Context::Dm);
        assert_eq!(r.text, "这款挂毯宽60cm，尺码XL");
        let unit = r
            .suggestions
            .iter()
            .find(|s| s.category == Category::Unit)
            .unwrap();
        assert_eq!(unit.replacement, "60厘米");
        let size = r
            .suggestions
            .iter()
            .find(|s| s.category == Category::Size)
            .unwrap();
        assert_eq!(size.replacement, "加大码");
        assert_eq!(
            apply_suggestions(&r.text, &[unit, size]),
            "这款挂毯宽60厘米，尺码加大码"
        );
        assert_eq!(unit.apply(&r.text), "这款挂毯宽60厘米，尺码XL");
    }
}
