//! Warning suggestions compose: applied one after another, in any order, as
//! an operator clicks them in the app (each click re-checks the text and
//! offers what is left), they leave well-formed text — no two marks side by
//! side that were not there (`优惠价！，`), no word doubled (`加大码加大码`), no
//! mark left at the start.

use std::collections::BTreeMap;
use std::sync::LazyLock;

use dmlint::rewrite::suggestions;
use dmlint::{CheckOptions, Checker};
use proptest::prelude::*;

static CHECKER: LazyLock<Checker> = LazyLock::new(|| Checker::builtin().unwrap());

/// Warn-heavy messages: the claims corpus and the benchmark's warn pieces.
static MESSAGES: LazyLock<Vec<String>> = LazyLock::new(|| {
    let mut messages: Vec<String> = include_str!("corpus/claims.jsonl")
        .lines()
        .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
        .filter_map(|v| v["text"].as_str().map(String::from))
        .collect();
    messages.extend(
        [
            "这款挂毯宽60cm，挂在床头刚好，新客体验价98元，会员价¥499，",
            "我们的 signature 项目是小气泡清洁，地址是徐汇区天钥桥路580号，门口有个便利店。",
            "全网最低价！三天见效，美白祛斑零副作用，最近上新",
            "加大码XL，现价￥499，包邮到家",
            "尺码有S/M/L/XL，宽60cm，重2kg，今天下单立减20元！",
        ]
        .map(String::from),
    );
    messages
});

const MARKS: &str = "，。！？；：、,.!?;:～~";

fn mark_pairs(text: &str) -> BTreeMap<(char, char), usize> {
    let mut pairs = BTreeMap::new();
    let mut last: Option<char> = None;
    for c in text.chars().filter(|c| *c != ' ') {
        let mark = MARKS.contains(c);
        if let (Some(before), true) = (last, mark) {
            *pairs.entry((before, c)).or_default() += 1;
        }
        last = mark.then_some(c);
    }
    pairs
}

/// Words of two to four chars written twice in a row ("加大码加大码").
fn doubled(text: &str) -> usize {
    let chars: Vec<char> = text.chars().collect();
    let mut n = 0;
    for len in 2..=4 {
        for i in 0..chars.len().saturating_sub(2 * len - 1) {
            let word = &chars[i..i + len];
            if word.iter().all(|c| c.is_alphanumeric()) && chars[i + len..].starts_with(word) {
                n += 1;
            }
        }
    }
    n
}

fn starts_with_mark(text: &str) -> bool {
    text.trim_start().starts_with(|c| MARKS.contains(c))
}

/// Clicks suggestion `picks[k] % offered` at step k; returns each text.
fn click_through(message: &str, picks: &[usize]) -> Vec<String> {
    let options = CheckOptions::default();
    let mut texts = vec![message.to_string()];
    let mut text = message.to_string();
    for &pick in picks {
        let report = CHECKER.check(&text, &options);
        let offered = suggestions(&CHECKER, &text, &report);
        if offered.is_empty() {
            break;
        }
        text = offered[pick % offered.len()].apply(&text);
        texts.push(text.clone());
    }
    texts
}

fn well_formed(message: &str, text: &str) -> Result<(), String> {
    let before = mark_pairs(message);
    if let Some(pair) = mark_pairs(text)
        .iter()
        .find(|(k, n)| **n > before.get(*k).copied().unwrap_or(0))
    {
        return Err(format!("marks {:?} side by side", pair.0));
    }
    if doubled(text) > doubled(message) {
        return Err("a word doubled".into());
    }
    if starts_with_mark(text) && !starts_with_mark(message) {
        return Err("a mark at the start".into());
    }
    Ok(())
}

#[test]
fn the_reported_cases_compose() {
    for (message, picks) in [
        (
            "全网最低价！三天见效，美白祛斑零副作用，最近上新",
            vec![0; 8],
        ),
        ("加大码XL，现价￥499，包邮到家", vec![0; 4]),
        ("新客体验价98元，会员价¥499，", vec![1; 4]),
    ] {
        for text in click_through(message, &picks) {
            if let Err(e) = well_formed(message, &text) {
                panic!("{e}: {message:?} → {text:?}");
            }
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn suggestions_applied_in_any_order_leave_well_formed_text(
        index in 0usize..1000,
        picks in prop::collection::vec(0usize..64, 1..10),
    ) {
        let message = &MESSAGES[index % MESSAGES.len()];
        for text in click_through(message, &picks) {
            if let Err(e) = well_formed(message, &text) {
                prop_assert!(false, "{}: {:?} → {:?}", e, message, text);
            }
        }
    }
}
