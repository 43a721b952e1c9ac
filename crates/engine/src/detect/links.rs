//! Links as a grammar rather than a list of examples.
//!
//! **Hosts.** A host is a chain of labels (`[a-z0-9-]`) joined by dots, where the
//! dot may be written `.`, `。`, `点`, ` . `, `[.]`, `(.)`, `dot`, `(dot)` or
//! `[dot]`. It counts when its last label is a top-level domain on the Public
//! Suffix List (`suffixes.rs`, generated from the list) and the label before the
//! host's public suffix looks like a name. Some TLDs are also file extensions
//! (`.md .py .zip`) or English words (`.in .it .me .so`): a host under one of them
//! needs more than its shape — a scheme, `www.`, a path, a subdomain, or a word
//! such as 网址/官网/link/website beside it — so `readme.md` and `it.so` stay
//! text. A top-level label typed with a capital (`done.Thanks`, `Mr.Li`) is a
//! sentence or a name, not a host, unless a scheme, `www.` or a path says
//! otherwise.
//!
//! **Share codes (口令).** The Taobao/Pinduoduo/Douyin share-code shape — 6–16
//! letters and digits, with letters and either digits or mixed case — between
//! two of the same symbol (`￥…￥ €…€ $…$ ₴…₴ %…%`) or a mirrored pair
//! (`👉…👈`); between brackets (`(AbC123xy)`) only with 复制/口令/打开 in the
//! sentence. A price (`$20$`) is not that shape.
//!
//! **E-mail addresses.** A local part, an at-sign — `@`, `(at)`, `[at]`, ` at `,
//! `#`, `艾特`, `圈a` — and a domain that is a host by the grammar above, its
//! dots in any disguise: `nana点wen@qq点com`, `bear_77圈aqq.com`,
//! `coco at mail dot co dot uk`.
//!
//! The matchers scan the canonical chars once and only look closer at a dot
//! or a symbol glued to a letter or digit, so clean Chinese text costs a pass
//! over its chars.

use std::cell::RefCell;
use std::ops::Range;
use std::sync::LazyLock;

use rustc_hash::FxHashSet;

use super::ByteOffsets;
use super::classes::{self, Classes};
use super::suffixes;
use super::text::{around, is_latin_letter};
use crate::normalize::Normalized;

/// Chars of a host label in the canonical (lower-case) text.
pub(super) fn is_label_char(c: char) -> bool {
    c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-'
}

/// How a dot between two labels is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Dot {
    /// `.` (full-width and other dots are folded to it by normalisation).
    Plain,
    /// `。`, `点`, ` . `, `[.]`, `(.)`.
    Disguised,
    /// `dot`, spelled out between spaces or in brackets.
    Spelled,
}

/// The chars [`dot_at`] may find a dot at.
pub(super) fn may_start_dot(c: char) -> bool {
    matches!(
        c,
        '.' | '。' | '点' | '｡' | '·' | ' ' | '(' | '[' | '{' | '【' | '（'
    )
}

/// The dot starting at `i`, with its length in chars.
fn dot_at(c: &[char], i: usize) -> Option<(Dot, usize)> {
    let starts = |word: &str| {
        let mut n = 0;
        for w in word.chars() {
            if c.get(i + n) != Some(&w) {
                return None;
            }
            n += 1;
        }
        Some(n)
    };
    match *c.get(i)? {
        '.' => Some((Dot::Plain, 1)),
        '。' | '点' | '｡' | '·' => Some((Dot::Disguised, 1)),
        // Most spaces start no spelled dot: look at the next char first.
        ' ' if !matches!(c.get(i + 1), Some('.' | '点' | 'd' | '(' | '[')) => None,
        ' ' => starts(" . ")
            .map(|n| (Dot::Disguised, n))
            .or_else(|| starts(" 点 ").map(|n| (Dot::Disguised, n)))
            .or_else(|| starts(" dot ").map(|n| (Dot::Spelled, n)))
            .or_else(|| starts(" (dot) ").map(|n| (Dot::Spelled, n)))
            .or_else(|| starts(" [dot] ").map(|n| (Dot::Spelled, n))),
        '(' | '[' | '{' | '【' | '（' => {
            let close = |n: usize| {
                matches!(
                    (c[i], c.get(i + n)),
                    ('(', Some(')'))
                        | ('[', Some(']'))
                        | ('{', Some('}'))
                        | ('【', Some('】'))
                        | ('（', Some('）'))
                )
            };
            if matches!(c.get(i + 1), Some('.' | '点' | '。')) && close(2) {
                Some((Dot::Disguised, 3))
            } else if c.get(i + 1..i + 4) == Some(&['d', 'o', 't'][..]) && close(4) {
                Some((Dot::Spelled, 5))
            } else {
                None
            }
        }
        _ => None,
    }
}

/// The end of the label starting at `i` (== `i` when there is none).
fn label_end(c: &[char], i: usize) -> usize {
    let mut end = i;
    while end < c.len() && is_label_char(c[end]) && end - i < 63 {
        end += 1;
    }
    end
}

/// The PSL's rules and top-level labels as hash sets: a host is looked up at
/// every dot, several times each, and a binary search of 6,500 rules was the
/// larger part of reading a host.
static RULES: LazyLock<FxHashSet<&[u8]>> =
    LazyLock::new(|| suffixes::RULES.iter().map(|r| r.as_bytes()).collect());
static TLDS: LazyLock<FxHashSet<&str>> = LazyLock::new(|| suffixes::TLDS.iter().copied().collect());

fn is_tld(label: &str) -> bool {
    TLDS.contains(label)
}

/// Whether a TLD is also a common file extension or an English word.
fn is_ambiguous_tld(tld: &str) -> bool {
    suffixes::FILE_EXTENSION_TLDS.binary_search(&tld).is_ok()
        || suffixes::WORD_TLDS.binary_search(&tld).is_ok()
}

/// How many trailing labels of `labels` are the public suffix, by the PSL's
/// algorithm (the longest matching rule; `*` matches one label; `!` excepts).
fn public_suffix_len(labels: &[&str]) -> usize {
    let mut best = 0;
    for n in 1..=labels.len().min(5) {
        let tail = &labels[labels.len() - n..];
        if is_suffix_rule("!", tail) {
            return n - 1;
        }
        if is_suffix_rule("", tail) || (n > 1 && is_suffix_rule("*.", &tail[1..])) {
            best = n;
        }
    }
    best
}

/// Whether `prefix` + `labels` joined by dots is a rule of the PSL, joined
/// on the stack (hosts are looked up at every dot; every rule is short ASCII).
fn is_suffix_rule(prefix: &str, labels: &[&str]) -> bool {
    let mut buf = [0u8; 64];
    let mut len = 0;
    for (i, part) in std::iter::once(prefix)
        .chain(labels.iter().copied())
        .enumerate()
    {
        let dot = usize::from(i > 1);
        let end = len + dot + part.len();
        if end > buf.len() {
            return false;
        }
        if dot == 1 {
            buf[len] = b'.';
        }
        buf[len + dot..end].copy_from_slice(part.as_bytes());
        len = end;
    }
    RULES.contains(&buf[..len])
}

/// Words that make the text beside a host a link even under an ambiguous TLD.
const LINK_CUES: &[&str] = &[
    "网址",
    "链接",
    "官网",
    "网站",
    "域名",
    "网页",
    "访问",
    "浏览器",
    "登录",
    "登陆",
    "link",
    "visit",
    "website",
    "site",
    "url",
    "web",
    "homepage",
];

/// Determiners and pronouns: "the dot com bubble" is not a host.
const NOT_NAMES: &[&str] = &[
    "a", "an", "the", "this", "that", "my", "our", "your", "his", "her", "its", "their", "of",
];

/// Titles and function words: a name before a dot that only ever starts a
/// sentence or a name, never a site ("mr.wang", "here.now", "so.cool").
const TITLES_AND_FUNCTION_WORDS: &[&str] = &[
    "mr", "mrs", "ms", "dr", "miss", "prof", "sir", "here", "there", "now", "then", "so", "and",
    "or", "but", "ok", "okay", "yes", "no", "me", "you", "we", "he", "she", "it", "is", "are",
    "was", "be", "to", "too", "see", "go", "do", "done", "thanks", "thx", "hi", "hello", "bye",
    "lol",
];

fn not_a_name(name: &str) -> bool {
    NOT_NAMES.contains(&name) || TITLES_AND_FUNCTION_WORDS.contains(&name)
}

/// A number with a unit ("60cm", "5kg", "2ml"): a measure, not a site name.
fn is_measure(name: &str) -> bool {
    let letters = name.trim_start_matches(|c: char| c.is_ascii_digit());
    letters.len() < name.len()
        && (1..=3).contains(&letters.len())
        && letters.chars().all(|c| c.is_ascii_lowercase())
}

/// The merchant's own text, where the case of a host or code is read.
pub struct Original<'a> {
    /// Where the last look was: the scans look left to right, so a message
    /// with thousands of hosts is still read once.
    offsets: RefCell<ByteOffsets<'a>>,
}

impl<'a> Original<'a> {
    pub fn new(text: &'a str) -> Original<'a> {
        Original {
            offsets: RefCell::new(ByteOffsets::new(text)),
        }
    }

    /// The original chars behind a canonical range.
    fn behind(&self, norm: &Normalized, range: Range<usize>) -> Vec<char> {
        let span = norm.original_span(range);
        let mut offsets = self.offsets.borrow_mut();
        let start = offsets.at(span.start);
        let end = offsets.at(span.end);
        offsets.text[start..end].chars().collect()
    }
}

/// How an at-sign is written: the forms and whether spaces may stand around them.
const AT_SIGNS: &[&str] = &[
    "@", "(at)", "[at]", "{at}", "<at>", "（at）", "【at】", "艾特", "圈a", "#",
];

fn is_local_char(c: char) -> bool {
    c.is_ascii_lowercase() || c.is_ascii_digit() || matches!(c, '_' | '-' | '+' | '%')
}

/// Every e-mail address in the canonical text.
pub fn emails(norm: &Normalized, classes: &Classes, _original: &Original) -> Vec<Range<usize>> {
    let c = norm.chars();
    let mut found: Vec<Range<usize>> = Vec::new();
    let mut i = 1;
    while i < c.len() {
        // Cheap tests first, in one tight scan: a char an at-sign may start
        // with, after an ASCII char (a local part, or the space before a
        // spelled at-sign); a space starts only a spelled one, " at ".
        let spelled = |at: usize| c[at] != ' ' || c.get(at + 1) == Some(&'a');
        let Some(next) = classes.find_after(i, classes::ASCII, classes::AT_SIGN, spelled) else {
            break;
        };
        i = next;
        let Some((at_start, domain_start)) = at_sign(c, i) else {
            i += 1;
            continue;
        };
        let local = local_start(c, at_start);
        let domain = domain_end(c, domain_start);
        // "me at home[.]xin@163.com": the real at-sign comes later.
        let domain = domain.filter(|&end| c.get(end) != Some(&'@'));
        match (local, domain) {
            (Some(start), Some(end)) if found.last().is_none_or(|f| f.end <= start) => {
                found.push(start..end);
                i = end;
            }
            _ => i += 1,
        }
    }
    found
}

/// The at-sign at `i` (with one space around a spelled one: "coco at mail"),
/// as where it starts and where the domain starts.
fn at_sign(c: &[char], i: usize) -> Option<(usize, usize)> {
    let starts = |at: usize, word: &str| {
        word.chars()
            .enumerate()
            .all(|(k, w)| c.get(at + k) == Some(&w))
            .then(|| word.chars().count())
    };
    if c[i] == ' ' {
        if c.get(i + 1) != Some(&'a') {
            return None;
        }
        // " at " spelled between spaces.
        let n = starts(i, " at ")?;
        return Some((i, i + n));
    }
    let n = AT_SIGNS.iter().find_map(|w| starts(i, w))?;
    let mut domain = i + n;
    let mut start = i;
    if c[i] != '@' {
        if c.get(domain) == Some(&' ') {
            domain += 1;
        }
        if start > 0 && c[start - 1] == ' ' {
            start -= 1;
        }
    }
    Some((start, domain))
}

/// The chars an at-sign in any of its forms starts with.
pub(super) fn may_start_at_sign(c: char) -> bool {
    matches!(
        c,
        '@' | ' ' | '(' | '[' | '{' | '<' | '（' | '【' | '艾' | '圈' | '#'
    )
}

/// Where the local part ending at `end` starts: local chars, and dots in any
/// disguise between them ("nana点wen").
fn local_start(c: &[char], end: usize) -> Option<usize> {
    let mut start = end;
    loop {
        while start > 0 && is_local_char(c[start - 1]) {
            start -= 1;
        }
        let dot = [1, 3, 5, 7]
            .into_iter()
            .filter(|&n| start > n)
            .find(|&n| dot_at(c, start - n).is_some_and(|(_, len)| len == n))
            .filter(|&n| is_local_char(c[start - n - 1]));
        // A disguised dot needs a word before it: "下午3点abc@qq.com" is a time.
        let worded = |n: usize| {
            let mut s = start - n;
            while s > 0 && is_local_char(c[s - 1]) {
                s -= 1;
            }
            (n == 1 && c[start - 1] == '.') || c[s..start - n].iter().any(char::is_ascii_lowercase)
        };
        match dot {
            Some(n) if start < end && worded(n) => start -= n,
            _ => break,
        }
    }
    let glued = start > 0 && (c[start - 1].is_ascii_alphanumeric() || c[start - 1] == '.');
    (start < end && c[start].is_ascii_alphanumeric() && !glued).then_some(start)
}

/// Where the domain starting at `start` ends: labels joined by dots in any
/// disguise (". " too), the last a top-level domain.
fn domain_end(c: &[char], start: usize) -> Option<usize> {
    let mut end = label_end(c, start);
    if end == start {
        return None;
    }
    let mut host_end = None;
    for _ in 0..6 {
        // "4869274@qq. com": a space after a plain dot.
        let spaced = c.get(end) == Some(&'.') && c.get(end + 1) == Some(&' ');
        let len = match dot_at(c, end) {
            _ if spaced => 2,
            Some((_, len)) => len,
            None => break,
        };
        let next = end + len;
        let next_end = label_end(c, next);
        if next_end == next {
            break;
        }
        let label: String = c[next..next_end].iter().collect();
        if is_tld(&label) {
            host_end = Some(next_end);
        } else if spaced {
            break;
        }
        end = next_end;
    }
    host_end
}

/// Every host (with its scheme, port and path) in the canonical text.
pub fn hosts(norm: &Normalized, classes: &Classes, original: &Original) -> Vec<Range<usize>> {
    let c = norm.chars();
    let mut found = Vec::new();
    let mut i = 1;
    while i < c.len() {
        // Cheap tests first, in one tight scan: a char a dot may start with
        // (never a label char) right after a label char; a space starts only
        // a spaced or spelled dot (" . ", " 点 ", " dot ").
        let spaced =
            |at: usize| c[at] != ' ' || matches!(c.get(at + 1), Some('.' | '点' | 'd' | '(' | '['));
        let Some(next) = classes.find_after(i, classes::LABEL, classes::DOT, spaced) else {
            break;
        };
        i = next;
        if dot_at(c, i).is_none() {
            i += 1;
            continue;
        }
        let mut start = i - 1;
        while start > 0 && is_label_char(c[start - 1]) {
            start -= 1;
        }
        match host_at(norm, original, start) {
            (Some(range), _) => {
                i = range.end + 1;
                found.push(range);
            }
            (None, chain_end) => i = chain_end.max(i) + 1,
        }
    }
    found
}

/// The host whose chain of labels starts at `start`, and where the chain ends.
fn host_at(norm: &Normalized, original: &Original, start: usize) -> (Option<Range<usize>>, usize) {
    let c = norm.chars();
    // Glued to a word: "café.com" is not a chain start; "@qq.com" is an e-mail's.
    if start > 0 && (is_latin_letter(c[start - 1]) || matches!(c[start - 1], '@' | '_')) {
        return (None, label_end(c, start));
    }
    let first_end = label_end(c, start);
    // Most dots after a word end a sentence: no label follows, no host.
    let label_after = |end: usize| {
        let (dot, len) = dot_at(c, end)?;
        let next_end = label_end(c, end + len);
        (next_end > end + len).then_some((dot, end + len..next_end))
    };
    if label_after(first_end).is_none() {
        return (None, first_end);
    }
    let mut labels: Vec<Range<usize>> = Vec::with_capacity(4);
    labels.push(start..first_end);
    let mut dots = Vec::new();
    let mut chain_end = first_end;
    while labels.len() < 12 {
        let Some((dot, label)) = label_after(chain_end) else {
            break;
        };
        chain_end = label.end;
        labels.push(label);
        dots.push(dot);
    }
    let text: Vec<&str> = labels.iter().map(|r| norm.slice(r.clone())).collect();
    let scheme = scheme_before(c, start);
    for k in (1..labels.len()).rev() {
        let tld = text[k];
        if !is_tld(tld) {
            continue;
        }
        let names = &text[..=k];
        let suffix = public_suffix_len(names).max(1);
        if suffix > k {
            continue;
        }
        let name_at = k - suffix;
        let name = names[name_at];
        let plain = dots[..k].iter().all(|&d| d == Dot::Plain);
        let spelled = dots[..k].contains(&Dot::Spelled);
        let first_char = name.chars().next().unwrap_or('-');
        let host_end = labels[k].end;
        let path_end = path_end(c, host_end);
        let www = names[0] == "www" && name_at >= 1;
        let strong = scheme.is_some() || www || path_end > host_end;
        // A disguised dot needs a name with a letter: "10点pm" is a time; a
        // one-letter name needs a plain dot or a scheme or path ("t。cn/5meB").
        let well_formed = !name.starts_with('-')
            && !name.ends_with('-')
            && (name.len() >= 2 || ((plain || strong) && first_char.is_ascii_lowercase()))
            && (plain || name.chars().any(|ch| ch.is_ascii_lowercase()))
            && !(spelled && NOT_NAMES.contains(&name));
        if !well_formed {
            continue;
        }
        let subdomain = name_at >= 1 && names[name_at - 1].len() >= 2;
        // A capital in the top-level label: a sentence ("done.Thanks") or a name ("Mr.Li").
        let tld_original = original.behind(norm, labels[k].clone());
        let capital = tld_original.iter().any(|ch| ch.is_uppercase());
        let all_caps = capital && !tld_original.iter().any(|ch| ch.is_lowercase());
        let name_caps = !original
            .behind(norm, labels[name_at].clone())
            .iter()
            .any(|ch| ch.is_lowercase());
        if capital && !(all_caps && name_caps) && !strong {
            continue;
        }
        if is_ambiguous_tld(tld) && !(strong || subdomain || link_cue_near(c, start..host_end)) {
            continue;
        }
        // "mr.wang", "here.now", "60cm.kg": a title, a word or a measure
        // typed against the next word, unless something says it is a link.
        if !strong && !subdomain && (not_a_name(name) || is_measure(name)) {
            continue;
        }
        let begin = scheme.unwrap_or(start);
        return (Some(begin..path_end), chain_end);
    }
    (None, chain_end)
}

/// Where `http://`, `https://` or `hxxp://` before a host starts.
fn scheme_before(c: &[char], start: usize) -> Option<usize> {
    if start < 4 || c[start - 3..start] != [':', '/', '/'] {
        return None;
    }
    let mut s = start - 3;
    while s > 0 && c[s - 1].is_ascii_lowercase() && start - 3 - s < 8 {
        s -= 1;
    }
    (s < start - 3).then_some(s)
}

/// The end of a port, path, query or fragment after a host.
fn path_end(c: &[char], host_end: usize) -> usize {
    let Some(&first) = c.get(host_end) else {
        return host_end;
    };
    let opens = match first {
        '/' | '?' | '#' => c
            .get(host_end + 1)
            .is_some_and(|&n| n.is_ascii_alphanumeric() || matches!(n, '_' | '-' | '=' | '~')),
        ':' => c.get(host_end + 1).is_some_and(char::is_ascii_digit),
        _ => false,
    };
    if !opens {
        return host_end;
    }
    let mut end = host_end + 1;
    while end < c.len() && (c[end].is_ascii_alphanumeric() || "-_.~/?#=&%+:@!$*,;".contains(c[end]))
    {
        end += 1;
    }
    while end > host_end + 1 && ".,:;!?".contains(c[end - 1]) {
        end -= 1;
    }
    end
}

/// Whether a link word stands in the clause around `range`.
fn link_cue_near(c: &[char], range: Range<usize>) -> bool {
    let clause = around(c, range.clone(), 12, false);
    let text: String = c[clause.start..range.start]
        .iter()
        .chain(c[range.end..clause.end].iter())
        .collect();
    LINK_CUES.iter().any(|cue| {
        text.match_indices(cue).any(|(at, _)| {
            // Latin cues as words: "site" is not in "website's" edge, but "opposite" no.
            !cue.is_ascii()
                || (!text[..at].ends_with(|ch: char| ch.is_ascii_alphabetic())
                    && !text[at + cue.len()..].starts_with(|ch: char| ch.is_ascii_alphabetic()))
        })
    })
}

/// Words that make a bracketed code a share code: (AbC123xy) with 复制 nearby.
const CODE_CUES: &[&str] = &["复制", "口令", "打开", "粘贴", "copy"];

/// The closing symbol that pairs with an opening one, for pairs that differ.
fn mirror(open: char) -> Option<(char, bool)> {
    // (closing, needs a cue word)
    Some(match open {
        '👉' => ('👈', false),
        '(' => (')', true),
        '[' => (']', true),
        '{' => ('}', true),
        '【' => ('】', true),
        '（' => ('）', true),
        '「' => ('」', true),
        '《' => ('》', true),
        '<' => ('>', true),
        _ => return None,
    })
}

/// Whether a char may enclose a share code on both sides: a currency sign, a
/// symbol or an emoji — not a letter, digit, space, or punctuation that
/// ordinary text puts around words (#话题#, @name, "quotes", 、，。).
fn is_code_symbol(ch: char) -> bool {
    !(ch.is_alphanumeric()
        || ch.is_whitespace()
        || ch.is_ascii_punctuation() && !matches!(ch, '$' | '%' | '&' | '*' | '^' | '~' | '|')
        || ('\u{3000}'..='\u{303F}').contains(&ch)
        || ('\u{FF00}'..='\u{FF65}').contains(&ch)
        || matches!(ch, '“' | '”' | '‘' | '’' | '…' | '—' | '·'))
}

/// Whether a char may open a share code at all: any but ASCII letters,
/// digits, spaces and the ASCII punctuation that neither [`mirror`],
/// [`is_currency_like`] nor [`is_code_symbol`] accepts.
pub(super) fn may_open(ch: char) -> bool {
    !ch.is_ascii()
        || matches!(
            ch,
            '(' | '[' | '{' | '<' | '$' | '%' | '&' | '*' | '^' | '~' | '|'
        )
}

/// Currency signs, letter-like symbols (℗ ℮ ™) and `%`: what share codes are
/// usually wrapped in.
fn is_currency_like(ch: char) -> bool {
    matches!(ch,
        '$' | '%' | '\u{A2}'..='\u{A5}' | '\u{58F}' | '\u{60B}' | '\u{9F2}' | '\u{9F3}'
        | '\u{E3F}' | '\u{17DB}' | '\u{20A0}'..='\u{20CF}' | '\u{2100}'..='\u{214F}'
        | '\u{FDFC}' | '\u{FE69}' | '\u{FFE0}'..='\u{FFE6}')
}

/// Switches between upper case, lower case and digits along a code.
fn switches(code: &[char]) -> usize {
    let class = |ch: &char| (ch.is_uppercase(), ch.is_lowercase(), ch.is_numeric());
    code.windows(2)
        .filter(|w| class(&w[0]) != class(&w[1]))
        .count()
}

/// Every share code, with its enclosing symbols, in the canonical text.
pub fn share_codes(norm: &Normalized, classes: &Classes, original: &Original) -> Vec<Range<usize>> {
    let c = norm.chars();
    let mut found = Vec::new();
    let mut i = 0;
    while i + 7 < c.len() {
        // Cheap test first, in one tight scan: a char that may open a code,
        // glued to an ASCII letter or digit, with room for a code after it.
        let Some(next) = classes
            .find_after(i + 1, classes::OPENER, classes::ALNUM, |_| true)
            .filter(|&next| next + 7 <= c.len())
        else {
            break;
        };
        i = next - 1;
        let open = c[i];
        if open.is_alphanumeric() {
            i += 1;
            continue;
        }
        let body_end = (i + 1..c.len())
            .find(|&j| !c[j].is_ascii_alphanumeric())
            .unwrap_or(c.len());
        let len = body_end - i - 1;
        let Some(&close) = c.get(body_end) else {
            break;
        };
        // How many switches between upper case, lower case and digits the
        // code must have: none beyond the shape after a currency sign or a
        // cue; six after a decoration: random codes switch at nearly every char,
        // product names rarely (🔥iPhone15Pro🔥 switches five times).
        let switches_needed = match mirror(open) {
            Some((want, cue)) if close == want => {
                if !cue {
                    Some(6)
                } else {
                    let sentence = around(c, i..body_end + 1, 30, true);
                    let text: String = c[sentence].iter().collect();
                    CODE_CUES.iter().any(|w| text.contains(w)).then_some(0)
                }
            }
            Some(_) => None,
            None if close == open && is_currency_like(open) => Some(0),
            None if close == open && is_code_symbol(open) => Some(6),
            None => None,
        };
        if let Some(needed) = switches_needed
            && (6..=16).contains(&len)
        {
            let body = original.behind(norm, i + 1..body_end);
            let letters = body.iter().any(|ch| ch.is_alphabetic());
            let digits = body.iter().any(|ch| ch.is_numeric());
            let mixed_case =
                body.iter().any(|ch| ch.is_uppercase()) && body.iter().any(|ch| ch.is_lowercase());
            if letters && (digits || mixed_case) && switches(&body) >= needed {
                found.push(i..body_end + 1);
                i = body_end + 1;
                continue;
            }
        }
        i = body_end;
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hosts_in(text: &str) -> Vec<String> {
        let norm = Normalized::new(text);
        hosts(&norm, &Classes::new(norm.chars()), &Original::new(text))
            .into_iter()
            .map(|r| norm.slice(r).to_string())
            .collect()
    }

    fn codes_in(text: &str) -> Vec<String> {
        let norm = Normalized::new(text);
        share_codes(&norm, &Classes::new(norm.chars()), &Original::new(text))
            .into_iter()
            .map(|r| norm.slice(r).to_string())
            .collect()
    }

    #[test]
    fn titles_words_and_measures_before_a_dot_are_no_names() {
        for text in ["Hi mr.wang", "see you here.now", "宽60cm.kg", "so.cool"] {
            assert!(hosts_in(text).is_empty(), "{text}");
        }
        assert_eq!(hosts_in("http://mr.wang"), ["http://mr.wang"]);
        assert_eq!(hosts_in("www.here.now"), ["www.here.now"]);
    }

    #[test]
    fn the_table_is_sorted_and_knows_the_suffixes() {
        for table in [
            suffixes::RULES,
            suffixes::TLDS,
            suffixes::FILE_EXTENSION_TLDS,
            suffixes::WORD_TLDS,
        ] {
            assert!(table.windows(2).all(|w| w[0] < w[1]));
        }
        assert!(is_tld("com") && is_tld("top") && is_tld("xyz") && is_tld("cn") && is_tld("za"));
        assert!(!is_tld("pdf") && !is_tld("png") && !is_tld("exe") && !is_tld("thanks"));
        assert_eq!(public_suffix_len(&["x", "co", "uk"]), 2);
        assert_eq!(public_suffix_len(&["mystore", "com", "cn"]), 2);
        assert_eq!(public_suffix_len(&["abc", "top"]), 1);
        assert!(is_ambiguous_tld("md") && is_ambiguous_tld("in") && is_ambiguous_tld("zip"));
        assert!(!is_ambiguous_tld("com") && !is_ambiguous_tld("cn") && !is_ambiguous_tld("cc"));
    }

    #[test]
    fn bare_domains_under_any_public_suffix() {
        for (text, host) in [
            ("店铺在abc-shop.top哦", "abc-shop.top"),
            ("mystore.com.cn 上有", "mystore.com.cn"),
            ("see x.co.uk", "x.co.uk"),
            ("foo.xyz/abc 看看", "foo.xyz/abc"),
            ("shop.example.io?ref=1", "shop.example.io?ref=1"),
            ("www.anything.md", "www.anything.md"),
            ("猛戳https://t.cn/NfRDijU", "https://t.cn/nfrdiju"),
            ("短链 t.cn/A6xK9pQr。", "t.cn/a6xk9pqr"),
            ("163.com", "163.com"),
            ("官网 readme.md", "readme.md"),
            ("t.me/harbour", "t.me/harbour"),
            ("zoom.us/j/123456", "zoom.us/j/123456"),
            ("b23.tv/xyz", "b23.tv/xyz"),
            ("ABC.COM", "abc.com"),
        ] {
            assert_eq!(hosts_in(text), [host], "{text}");
        }
    }

    #[test]
    fn disguised_dots() {
        for (text, host) in [
            ("abc点com", "abc点com"),
            ("shop dot cn", "shop dot cn"),
            ("abc。com", "abc。com"),
            ("www点xxx点com", "www点xxx点com"),
            ("abc[.]com", "abc[.]com"),
            ("abc(dot)net", "abc(dot)net"),
            ("abc . top", "abc . top"),
        ] {
            assert_eq!(hosts_in(text), [host], "{text}");
        }
    }

    #[test]
    fn false_friends_are_not_hosts() {
        for text in [
            "报价单.pdf",
            "image.png",
            "setup.exe",
            "readme.md",
            "main.py",
            "lib.rs",
            "install.sh",
            "photos.zip",
            "clip.mov",
            "v1.2.3",
            "3.5",
            "e.g. this",
            "i.e. that",
            "9 a.m. sharp",
            "done.Thanks",
            "No.1",
            "Mr.Li",
            "it.so",
            "come in.it is",
            "the dot com bubble",
            "3点半",
            "点击下方名片",
            "RTX4090.5",
            "我在家。com",
            "晚上10点pm见",
        ] {
            assert!(hosts_in(text).is_empty(), "{text}: {:?}", hosts_in(text));
        }
    }

    #[test]
    fn share_codes_between_matching_symbols() {
        for (text, code) in [
            ("口令￥HJ9kL3mN￥", "¥hj9kl3mn¥"),
            ("€AbC123xy€", "€abc123xy€"),
            ("$AbC123xy$", "$abc123xy$"),
            ("₴Zx81KpQ2₴", "₴zx81kpq2₴"),
            ("¢Zx81KpQ2¢", "¢zx81kpq2¢"),
            ("₳Zx81KpQ2₳", "₳zx81kpq2₳"),
            ("%Zx81KpQ2%", "%zx81kpq2%"),
            ("👉Zx81KpQ2👈", "👉zx81kpq2👈"),
            ("🔑Zx81KpQ2🔑", "🔑zx81kpq2🔑"),
            ("℗Zx81KpQ2℗", "℗zx81kpq2℗"),
            ("复制(AbC123xy)打开", "(abc123xy)"),
        ] {
            assert_eq!(codes_in(text), [code], "{text}");
        }
        for text in [
            "$20$",
            "价格￥299",
            "¥2999¥",
            "(AbC123xy) 是型号",
            "#iPhone15#",
            "€abcdefgh€",
            "🔥iPhone15🔥",
            "🔥iPhone15Pro🔥",
            "✨Vlog2024✨",
            "👉Sale2024👈",
        ] {
            assert!(codes_in(text).is_empty(), "{text}: {:?}", codes_in(text));
        }
    }

    use proptest::prelude::*;

    /// Public suffixes a host may end in without more evidence: plain rules
    /// (no wildcard or exception) whose TLD is not ambiguous.
    fn plain_suffixes() -> Vec<&'static str> {
        suffixes::RULES
            .iter()
            .copied()
            .filter(|r| !r.starts_with(['*', '!']))
            .filter(|r| !is_ambiguous_tld(r.rsplit('.').next().unwrap_or(r)))
            .collect()
    }

    fn ambiguous_tlds() -> Vec<&'static str> {
        suffixes::FILE_EXTENSION_TLDS
            .iter()
            .chain(suffixes::WORD_TLDS)
            .copied()
            .collect()
    }

    const DOTS: &[&str] = &[".", "点", "。", " dot ", "[.]", "(dot)", " . "];

    fn name() -> impl Strategy<Value = String> {
        "[a-z][a-z0-9-]{0,10}[a-z0-9]"
            .prop_filter("not a determiner, title or function word", |n| {
                !not_a_name(Normalized::new(n).text())
            })
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(400))]

        /// Any name under any public suffix, its dots in any disguise, is a host.
        #[test]
        fn any_host_under_a_public_suffix(
            name in name(),
            suffix in prop::sample::select(plain_suffixes()),
            dot in prop::sample::select(DOTS),
            path in prop::option::of("[a-z0-9]{1,8}"),
        ) {
            prop_assume!(is_host_shape(&name, suffix));
            let host = format!("{name}.{suffix}").replace('.', dot);
            let link = match &path {
                Some(p) => format!("{host}/{p}"),
                None => host.clone(),
            };
            let text = format!("新品看看{link}哦");
            let found = hosts_in(&text);
            prop_assert_eq!(found, [Normalized::new(&link).text().to_string()], "{}", text);
        }

        /// Under an ambiguous TLD, www. or a path makes a host.
        #[test]
        fn ambiguous_tlds_with_evidence(
            name in name(),
            tld in prop::sample::select(ambiguous_tlds()),
            www in any::<bool>(),
        ) {
            // "io.in" is a public suffix itself, not a host under one; so is
            // "al.it", which "a-l.it" reads as once its letter spacing goes.
            let read = Normalized::new(&name).text().to_string();
            prop_assume!(public_suffix_len(&[read.as_str(), tld]) <= 1);
            let link = if www { format!("www.{name}.{tld}") } else { format!("{name}.{tld}/shop") };
            let text = format!("地址 {link} ，欢迎");
            prop_assert_eq!(hosts_in(&text), [Normalized::new(&link).text().to_string()]);
        }

        /// File names, versions and decimals are never hosts.
        #[test]
        fn file_names_versions_and_decimals_are_not(
            stem in "[a-z][a-z0-9_]{0,10}",
            ext in prop::sample::select(ambiguous_tlds().into_iter()
                .filter(|t| suffixes::FILE_EXTENSION_TLDS.contains(t))
                .chain(["pdf", "png", "jpg", "exe", "docx", "xlsx", "txt", "mp4", "csv", "html"])
                .collect::<Vec<_>>()),
            version in "[vV]?[0-9]{1,2}(\\.[0-9]{1,3}){1,3}",
            decimal in "[0-9]{1,4}\\.[0-9]{1,2}",
        ) {
            for text in [
                format!("文件 {stem}.{ext} 发你了"),
                format!("已更新到 {version}"),
                format!("价格 {decimal} 元"),
                format!("{stem}.{ext}"),
            ] {
                prop_assert!(hosts_in(&text).is_empty(), "{}: {:?}", text, hosts_in(&text));
            }
        }

        /// The whole checker blocks a generated host as a url.
        #[test]
        fn the_checker_blocks_them(
            name in name(),
            suffix in prop::sample::select(plain_suffixes()),
            dot in prop::sample::select(DOTS),
        ) {
            prop_assume!(is_host_shape(&name, suffix));
            let checker = checker();
            let text = format!("详情见{}", format!("{name}.{suffix}").replace('.', dot));
            let report = checker.check(&text, &crate::CheckOptions::default());
            prop_assert!(
                report.findings.iter().any(|f| f.category == crate::Category::Url),
                "{}: {:?}", text, report.findings
            );
        }
    }

    /// Whether `name` is a name under `suffix` rather than part of a longer
    /// public suffix ("co" + "uk" is the suffix co.uk; anything under a wildcard).
    fn is_host_shape(name: &str, suffix: &str) -> bool {
        let host = format!("{name}.{suffix}");
        let labels: Vec<&str> = host.split('.').collect();
        public_suffix_len(&labels) < labels.len()
    }

    fn checker() -> &'static crate::Checker {
        static CHECKER: std::sync::OnceLock<crate::Checker> = std::sync::OnceLock::new();
        CHECKER.get_or_init(|| crate::Checker::builtin().expect("built-in rules"))
    }
}
