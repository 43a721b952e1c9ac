//! Whatever merchants paste: huge messages, walls of findings, deep
//! obfuscation, every kind of Unicode, control characters. Each is checked
//! and rewritten without a panic, with findings that hold the engine's
//! promises. Speed on these is measured in `cargo bench` (`hostile_*`), not
//! here.

use std::sync::LazyLock;

use dmlint::rewrite::{CardPhrases, rewrite};
use dmlint::{CheckOptions, Checker, Report, Verdict};

static CHECKER: LazyLock<Checker> = LazyLock::new(|| Checker::builtin().unwrap());

/// Checks `text`, asserts the findings' promises, and returns the report.
fn check(text: &str) -> Report {
    let report = CHECKER.check(text, &CheckOptions::default());
    let chars: Vec<char> = text.chars().collect();
    let mut previous_end = 0;
    for f in &report.findings {
        assert!(f.start < f.end && f.end <= chars.len(), "{f:?}");
        assert!(f.start >= previous_end, "unsorted or overlapping: {f:?}");
        assert_eq!(chars[f.start..f.end].iter().collect::<String>(), f.text);
        previous_end = f.end;
    }
    report
}

/// The rewrite of `text` re-checks without a block finding.
fn rewrite_holds(text: &str, report: &Report) {
    let options = CheckOptions::default();
    let out = rewrite(&CHECKER, text, report, &options, &CardPhrases::default());
    assert_ne!(
        CHECKER.check(&out.text, &options).verdict,
        Verdict::Block,
        "the rewrite still blocks"
    );
}

#[test]
fn a_long_chat_export_is_checked_whole() {
    let line = "客户：请问这款有货吗？\n商家：有的亲，宽60cm，加我薇信 meimei_0812 发你实拍图，电话 138 0013 8000。\n";
    let text = line.repeat(5_000); // about 300,000 chars, 20,000 findings
    let report = check(&text);
    assert!(report.findings.len() >= 20_000, "{}", report.findings.len());
    rewrite_holds(&text, &report);
}

#[test]
fn a_wall_of_one_hundred_thousand_findings() {
    let text = "V信 ".repeat(100_000);
    let report = check(&text);
    assert_eq!(report.findings.len(), 100_000);
    assert_eq!(report.verdict, Verdict::Block);
}

#[test]
fn deeply_repeated_obfuscation() {
    for unit in ["①", "〇", "1️⃣", "𝟏", "一", "V 信 "] {
        let text = unit.repeat(50_000);
        check(&text);
    }
}

#[test]
fn every_unicode_scalar_value_in_every_general_category() {
    // All 1.1 million scalar values, in lines of 4,096, surrounded by a real
    // contact so matching has to work next to each of them.
    let all: Vec<char> = (0..=0x10FFFF_u32).filter_map(char::from_u32).collect();
    for chunk in all.chunks(4_096) {
        let text: String = format!(
            "加我微信 abc_123{}电话13800138000",
            chunk.iter().collect::<String>()
        );
        let report = check(&text);
        assert_eq!(report.verdict, Verdict::Block);
    }
}

#[test]
fn combining_marks_controls_and_direction_overrides() {
    let texts = [
        "\u{0301}\u{0301}\u{0301}加我微信",
        "加\u{0000}我\u{0007}微\u{001B}信：abc_123",
        "\u{202E}信微我加\u{202C} 138\u{200B}0013\u{200D}8000",
        "\u{FEFF}\u{FEFF}\u{FEFF}",
        "\u{0000}",
        "a\u{0308}\u{0308}\u{0308}\u{0308}\u{0308}\u{0308}\u{0308}\u{0308}",
        "\u{E000}\u{F8FF}\u{FFFD}\u{FFFF}",
        "",
        " \t\r\n",
    ];
    for text in texts {
        let report = check(text);
        rewrite_holds(text, &report);
    }
    // Joiners and zero-width chars inside a contact do not hide it.
    let hidden = check("1\u{200B}3\u{200C}8\u{200D}0\u{2060}0138\u{FEFF}000");
    assert_eq!(hidden.verdict, Verdict::Block, "{:?}", hidden.findings);
}
