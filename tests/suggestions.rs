//! Warning suggestions compose: applied one after another, in any order, as
//! an operator clicks them in the app (each click re-checks the text and
//! offers what is left), they leave well-formed text — no two marks side by
//! side that were not there (`优惠价！，`), no word doubled (`加大码加大码`), no
//! mark left at the start.

use std::sync::LazyLock;

use dmlint::rewrite::suggestions;
use dmlint::{CheckOptions, Checker};
use proptest::prelude::*;

#[path = "support/well_formed.rs"]
mod well_formed;
use well_formed::well_formed;

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
