//! The compliant rewrite: every block finding goes, together with the clause
//! that carried it ("加我微信 abc123 咨询"), and the first such clause becomes one
//! reference to the platform's social card. Everything else stays as written.
//! Warnings are never applied silently: they become [`Suggestion`]s the
//! operator accepts one by one.
//!
//! Whole clauses go rather than single tokens because a contact leaves its
//! grammar behind — 加, 请, 备注, "text me at" — and a clause boundary is the
//! one cut that always reads naturally.

use std::collections::BTreeSet;
use std::ops::Range;

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
            suggestions: suggestions(checker, report),
        };
    }
    let clauses = split_clauses(&chars, &blocks);
    let follow_up: Vec<Vec<char>> = checker
        .book()
        .cues()
        .follow_up
        .iter()
        .map(|w| w.chars().collect())
        .collect();
    let mut marked: BTreeSet<usize> = blocks
        .iter()
        .flat_map(|b| clauses_over(&clauses, b))
        .collect();
    loop {
        mark_follow_ups(&chars, &clauses, &follow_up, &mut marked);
        let edits = plan(&chars, &clauses, &marked, &card, report.language);
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
    let suggestions = suggestions(checker, &out_report);
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
        let (first, last) = (clauses[i], clauses[j]);
        if !card_placed {
            let sentence_start =
                i == 0 || chars[first.start..first.content_start].contains(&'\n') || {
                    let before = clauses[i - 1];
                    chars[before.end..before.delimiters_end]
                        .iter()
                        .any(|&c| ends_sentence(c) || c.is_whitespace())
                };
            let phrase = if sentence_start {
                capitalise(card, language)
            } else {
                card.to_string()
            };
            let content_end = (last.content_start..last.end)
                .rev()
                .find(|&k| !chars[k].is_whitespace())
                .map_or(last.end, |k| k + 1);
            edits.push(Edit {
                start: first.content_start,
                end: content_end,
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
    edits
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

/// Every fix the rules offer for the warnings of `report`, in its own text's offsets.
pub fn suggestions(checker: &Checker, report: &Report) -> Vec<Suggestion> {
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
            out.push(Suggestion {
                rule: rule.id.clone(),
                category: rule.category,
                start: finding.start,
                end: finding.end,
                original: finding.text.clone(),
                replacement,
                label: spec.label.clone(),
            });
        }
    }
    out
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
            "您好，律師目前外出，可以点击下方名片联系我们。"
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
