//! Property tests: for any input, the normaliser's offset map is monotone and
//! covers the text, and every finding slices the original on char boundaries.

use std::sync::LazyLock;

use dmlint::normalize::Normalized;
use dmlint::rewrite::{CardPhrases, rewrite};
use dmlint::{CheckOptions, Checker, Context, Severity};
use proptest::prelude::*;

static CHECKER: LazyLock<Checker> = LazyLock::new(|| Checker::builtin().unwrap());

/// Arbitrary chars mixed with the pieces disguises are made of, so the
/// interesting paths (one-to-many folds, spacers, keycaps) are hit often.
fn message() -> impl Strategy<Value = String> {
    let pieces = prop::sample::select(vec![
        "微信",
        "V信",
        "加我",
        "vx",
        "ＶＸ",
        "①",
        "⑩",
        "⒈",
        "⑴",
        "1️⃣",
        "𝟏",
        "幺",
        "两",
        "〇",
        "○",
        "\u{200B}",
        "\u{FE0F}",
        "\u{20E3}",
        " ",
        "·",
        "\n",
        "：",
        "@",
        ".",
        "-",
        "qq",
        "扣扣",
        "138",
        "0013",
        "8000",
        "+86",
        "淘宝",
        "搜",
        "号",
        "群",
        "W h a t s",
        "a",
        "é",
        "😊",
        "ο",
        "х",
        "聯繫",
        "¥",
        "元",
        "cm",
        "路",
        "号楼",
        "\u{3164}",
        "❤",
        "/",
        "|",
        "🌸",
        "薇",
        "⑻",
        "❶",
        "〡",
        "參",
    ]);
    prop::collection::vec(
        prop_oneof![
            3 => pieces.prop_map(str::to_string),
            1 => any::<char>().prop_map(|c| c.to_string()),
        ],
        0..40,
    )
    .prop_map(|parts| parts.concat())
}

/// A contact word that blocks on its own, split by what people put between
/// its chars, in a carrier sentence: (message, the split word's char span).
fn split_contact() -> impl Strategy<Value = (String, std::ops::Range<usize>)> {
    let words = prop::sample::select(vec!["加我", "薇信", "加v", "留个电话", "主页有微", "进群"]);
    let splitters = prop::sample::select(vec![
        "\n", "/", " | ", "🌸", "-", "·", " ", "\u{3164}", "\u{200B}", "~", "、", " ✨ ",
    ]);
    let prefixes = prop::sample::select(vec!["", "您好，", "价格私聊\n", "亲，"]);
    let suffixes = prop::sample::select(vec!["", "吧", "，谢谢", "\n看详情"]);
    (
        words,
        prop::collection::vec(splitters, 4),
        prefixes,
        suffixes,
    )
        .prop_map(|(word, splitters, prefix, suffix)| {
            let mut split = String::new();
            for (i, c) in word.chars().enumerate() {
                if i > 0 {
                    split.push_str(splitters[i - 1]);
                }
                split.push(c);
            }
            let start = prefix.chars().count();
            let span = start..start + split.chars().count();
            (format!("{prefix}{split}{suffix}"), span)
        })
}

proptest! {
    // 256 cases by default; PROPTEST_CASES=100000 for a longer hunt.
    #![proptest_config(ProptestConfig::default())]

    #[test]
    fn offset_map_is_monotone_and_covers_the_text(text in message()) {
        let n = Normalized::new(&text);
        let len = text.chars().count();
        prop_assert_eq!(n.original_len(), len);
        let spans: Vec<_> = (0..n.len()).map(|i| n.original_span(i..i + 1)).collect();
        for span in &spans {
            prop_assert!(span.start < span.end && span.end <= len, "{:?} of {}", span, len);
        }
        for pair in spans.windows(2) {
            prop_assert!(pair[0].start <= pair[1].start && pair[0].end <= pair[1].end, "{:?}", pair);
        }
        if let (Some(first), Some(last)) = (spans.first(), spans.last()) {
            prop_assert_eq!(first.start, 0);
            prop_assert_eq!(last.end, len);
        }
    }

    #[test]
    fn a_split_contact_word_still_blocks((text, span) in split_contact()) {
        let report = CHECKER.check(&text, &CheckOptions::default());
        prop_assert!(
            report.findings.iter().any(|f| {
                f.severity == Severity::Block && f.start <= span.start && span.end <= f.end
            }),
            "{:?}: {:?}", text, report.findings
        );
    }

    #[test]
    fn findings_slice_the_original_and_never_overlap(text in message()) {
        let report = CHECKER.check(&text, &CheckOptions::default());
        let chars: Vec<char> = text.chars().collect();
        let mut last_end = 0;
        for f in &report.findings {
            prop_assert!(f.start < f.end && f.end <= chars.len(), "{:?}", f);
            prop_assert!(f.start >= last_end, "overlap or unsorted: {:?}", report.findings);
            let slice: String = chars[f.start..f.end].iter().collect();
            prop_assert_eq!(&f.text, &slice);
            last_end = f.end;
        }
    }

    #[test]
    fn rewrites_never_block_and_are_stable(text in message(), context in prop::sample::select(Context::ALL.to_vec())) {
        let options = CheckOptions::new(context);
        let report = CHECKER.check(&text, &options);
        let first = rewrite(&CHECKER, &text, &report, &options, &CardPhrases::default());
        let recheck = CHECKER.check(&first.text, &options);
        prop_assert!(recheck.count(Severity::Block) == 0, "{:?} → {:?}: {:?}", text, first.text, recheck.findings);
        let second = rewrite(&CHECKER, &first.text, &recheck, &options, &CardPhrases::default());
        prop_assert_eq!(&second.text, &first.text);
        if report.count(Severity::Block) == 0 {
            prop_assert_eq!(&first.text, &text);
            prop_assert!(first.edits.is_empty());
        }
        // Applying the edits to the original gives the rewrite: every char
        // outside them is kept, in order.
        let chars: Vec<char> = text.chars().collect();
        let mut rebuilt = String::new();
        let mut at = 0;
        for edit in &first.edits {
            prop_assert!(at <= edit.start && edit.start <= edit.end && edit.end <= chars.len(), "{:?}", first.edits);
            rebuilt.extend(&chars[at..edit.start]);
            rebuilt.push_str(&edit.replacement);
            at = edit.end;
        }
        rebuilt.extend(&chars[at..]);
        prop_assert_eq!(rebuilt, first.text);
    }
}
