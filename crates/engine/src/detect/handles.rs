//! IDs right after a channel word or 加: "微信：abc_123", "加V liujl_k9dog",
//! "号是 meimei_0812". The ID is part of the finding's evidence and is
//! reported as a finding of its own, as the corpus convention asks.

use std::ops::Range;

use super::cues::{CueHit, CueMatcher, IdIntro, named_before};
use super::text;
use crate::normalize::is_han;
use crate::rules::Channel;

/// Chars that may stand between a cue and the ID: 微信号：, 加我 V 是 …
fn is_filler(c: char) -> bool {
    matches!(
        c,
        ' ' | ':'
            | '+'
            | '是'
            | '为'
            | '号'
            | '码'
            | '吧'
            | '哦'
            | '的'
            | '('
            | '（'
            | '「'
            | '【'
            | '['
            | '"'
            | '“'
            | ','
            | '，'
            | '~'
            | '\u{3000}'
            | '\n'
    )
}

fn is_id_char(c: char) -> bool {
    c.is_ascii_lowercase() || c.is_ascii_digit() || matches!(c, '_' | '-' | '.')
}

/// WeChat IDs are 6–20 chars; people shorten them in chat, so accept 5–30.
const ID_LENGTH: Range<usize> = 5..31;

/// How far after its cue an ID may start, labels included ("微信号是：", "WeChat ID is").
const ID_REACH: usize = 12;

/// Every WeChat-style ID after a WeChat cue, 加, or 号 in the canonical chars.
pub fn after_cues(chars: &[char], hits: &[CueHit], cues: &CueMatcher) -> Vec<Range<usize>> {
    let mut found: Vec<Range<usize>> = Vec::new();
    let mut seen = rustc_hash::FxHashSet::default();
    for hit in hits {
        let wechat_id = match hit.channel {
            Channel::Wechat | Channel::Add => true,
            // 号 after a WeChat word: "威信吧，号是 liujl_k9dog".
            Channel::Id => {
                named_before(
                    chars,
                    hits,
                    hit.range.start,
                    &[Channel::Wechat, Channel::Qq],
                ) == Some(Channel::Wechat)
            }
            _ => false,
        };
        if !wechat_id {
            continue;
        }
        let (start, intro) = cues.skip_id_intro(chars, hit.range.end, is_filler);
        if start - hit.range.end > ID_REACH {
            continue;
        }
        let Some(range) = id_token(chars, start) else {
            continue;
        };
        let token = &chars[range.clone()];
        let has_letter = token.iter().any(|c| c.is_ascii_lowercase());
        // "加q8558317144": a QQ number behind its Q, which the QQ rules report.
        let qq_number = token
            .iter()
            .skip_while(|&&c| c == 'q')
            .all(char::is_ascii_digit);
        let looks_made_up = token
            .iter()
            .any(|c| c.is_ascii_digit() || *c == '_' || *c == '-');
        let named = hit.channel != Channel::Add && intro != IdIntro::Linked;
        // "We love WeChat stickers": in an English sentence a plain word right
        // after the channel is more English, not an ID; in a Chinese one
        // ("加我微信 lumilumi") it is the ID.
        let english_word = intro == IdIntro::Bare
            && !looks_made_up
            && !text::around(chars, hit.range.clone(), SENTENCE_REACH, true)
                .any(|i| is_han(chars[i]));
        if has_letter
            && !qq_number
            && !english_word
            && (named || looks_made_up)
            && seen.insert(range.start)
        {
            found.push(range);
        }
    }
    found
}

/// How far around a channel word its sentence is read for Han chars.
const SENTENCE_REACH: usize = 12;

/// The ID starting at `start`; one line break may split it where the next
/// line goes on with `_`, `-` or `.` ("liujl\n_k9dog").
fn id_token(chars: &[char], start: usize) -> Option<Range<usize>> {
    if start >= chars.len() || !chars[start].is_ascii_alphanumeric() {
        return None;
    }
    let mut end = start;
    while end < chars.len() {
        let c = chars[end];
        let continues_line = c == '\n'
            && end > start
            && chars
                .get(end + 1)
                .is_some_and(|&n| matches!(n, '_' | '-' | '.'));
        if is_id_char(c) || continues_line {
            end += 1;
        } else {
            break;
        }
    }
    if end < chars.len() && chars[end] == '@' {
        return None; // an e-mail address: the e-mail rules report it
    }
    while end > start && matches!(chars[end - 1], '.' | '-' | '_') {
        end -= 1;
    }
    ID_LENGTH.contains(&(end - start)).then_some(start..end)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ids(s: &str, cue_end: usize, channel: Channel) -> Vec<String> {
        let chars = crate::normalize::Normalized::new(s).chars().to_vec();
        let hit = CueHit {
            range: 0..cue_end,
            channel,
            max_gap: 6,
        };
        let book = crate::rules::RuleBook::builtin().unwrap();
        after_cues(&chars, &[hit], &CueMatcher::new(book.cues()))
            .into_iter()
            .map(|r| chars[r].iter().collect())
            .collect()
    }

    #[test]
    fn takes_the_id_after_a_cue() {
        assert_eq!(ids("微信：abc_123，谢谢", 2, Channel::Wechat), ["abc_123"]);
        assert_eq!(ids("微信id: hello_1", 2, Channel::Wechat), ["hello_1"]);
        assert!(ids("号是 liujl\n_k9dog（备注）", 1, Channel::Id).is_empty());
        assert_eq!(ids("加lj368628", 1, Channel::Add), ["lj368628"]);
        assert_eq!(
            ids("微信搜yanlu6799，明天", 2, Channel::Wechat),
            ["yanlu6799"]
        );
        assert_eq!(ids("微信搜索 sunnyshop", 2, Channel::Wechat), ["sunnyshop"]);
        assert_eq!(
            ids("wechat id is nanwen76.", 6, Channel::Wechat),
            ["nanwen76"]
        );
        assert_eq!(ids("wechat is mimi_88", 6, Channel::Wechat), ["mimi_88"]);
    }

    #[test]
    fn leaves_words_and_emails_alone() {
        assert!(ids("加我gamecenter", 2, Channel::Add).is_empty());
        assert!(ids("微信：a@b.com", 2, Channel::Wechat).is_empty());
        assert!(ids("加 12345678", 1, Channel::Add).is_empty());
        assert!(ids("加q8558317144", 1, Channel::Add).is_empty());
        assert!(ids("wechat is popular here", 6, Channel::Wechat).is_empty());
    }
}
