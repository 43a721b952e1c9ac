//! Numbers given in pieces, spoken in Chinese and spelled in English, by
//! generation: the pieces, fillers, digit styles and cues are drawn from the
//! grammar, never copied from one sentence. Amounts, dates, sizes and steps
//! built from the same fillers stay clean.

use std::sync::LazyLock;

use dmlint::{Category, CheckOptions, Checker, Report, Severity};
use proptest::prelude::*;

static CHECKER: LazyLock<Checker> = LazyLock::new(|| Checker::builtin().unwrap());

fn check(text: &str) -> Report {
    CHECKER.check(text, &CheckOptions::default())
}

/// The blocking phone or QQ numbers' normalised forms (not the channel words).
fn contacts(report: &Report) -> Vec<String> {
    report
        .findings
        .iter()
        .filter(|f| {
            f.severity == Severity::Block
                && matches!(f.category, Category::Phone | Category::Qq)
                && f.normalized.bytes().all(|b| b.is_ascii_digit())
        })
        .map(|f| f.normalized.clone())
        .collect()
}

fn mobile() -> impl Strategy<Value = String> {
    (3u8..=9, prop::collection::vec(0u8..=9, 9)).prop_map(|(second, rest)| {
        let mut s = format!("1{second}");
        s.extend(rest.into_iter().map(|d| (b'0' + d) as char));
        s
    })
}

/// How a piece's digits are written.
#[derive(Debug, Clone, Copy)]
enum Style {
    Ascii,
    Chinese,
    Capital,
    /// 幺 两 洞 拐 勾, as on the radio.
    Radio,
    Circled,
    FullWidth,
    Spaced,
}

fn write_digits(digits: &str, style: Style) -> String {
    const CHINESE: [char; 10] = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九'];
    const CAPITAL: [char; 10] = ['零', '壹', '贰', '叁', '肆', '伍', '陆', '柒', '捌', '玖'];
    const RADIO: [char; 10] = ['洞', '幺', '两', '三', '四', '五', '六', '拐', '八', '勾'];
    const CIRCLED: [char; 10] = ['⓪', '①', '②', '③', '④', '⑤', '⑥', '⑦', '⑧', '⑨'];
    let values = digits.bytes().map(|b| usize::from(b - b'0'));
    // Radio digits are read beside an ordinary digit only: a piece of
    // nothing but 0, 7 and 9 is read out in plain Chinese.
    let radio_ok = digits.bytes().any(|b| !matches!(b, b'0' | b'7' | b'9'));
    match style {
        Style::Ascii => digits.to_string(),
        Style::Chinese => values.map(|d| CHINESE[d]).collect(),
        Style::Capital => values.map(|d| CAPITAL[d]).collect(),
        Style::Radio if radio_ok => values.map(|d| RADIO[d]).collect(),
        Style::Radio => values.map(|d| CHINESE[d]).collect(),
        Style::Circled => values.map(|d| CIRCLED[d]).collect(),
        Style::FullWidth => values
            .map(|d| char::from_u32('０' as u32 + d as u32).unwrap())
            .collect(),
        Style::Spaced => digits
            .chars()
            .map(String::from)
            .collect::<Vec<_>>()
            .join(" "),
    }
}

fn style() -> impl Strategy<Value = Style> {
    prop::sample::select(vec![
        Style::Ascii,
        Style::Chinese,
        Style::Capital,
        Style::Radio,
        Style::Circled,
        Style::FullWidth,
        Style::Spaced,
    ])
}

/// How an 11-digit number is cut.
fn cuts() -> impl Strategy<Value = Vec<usize>> {
    prop::sample::select(vec![
        vec![3, 4, 4],
        vec![3, 8],
        vec![7, 4],
        vec![4, 4, 3],
        vec![3, 3, 5],
        vec![5, 6],
        vec![3, 4, 2, 2],
    ])
}

const NUMERALS: [&str; 13] = [
    "零", "一", "两", "三", "四", "五", "六", "七", "八", "九", "十", "十一", "十二",
];

const CUES: &[&str] = &[
    "手机",
    "电话：",
    "我的手机号是",
    "打我电话",
    "tel:",
    "联系我 ",
    "号码：",
    "手机号码 ",
    "有事打电话，号码",
    "加我，",
];
const LEADS: &[&str] = &["", "开头", "开头是", "前面是", "开头是："];
const GAPS: &[&str] = &[
    "，",
    "，然后",
    "，然后是",
    " 中间是",
    "、",
    " ",
    "（空格）",
    " / ",
    "，接着是",
    "，再",
    " 加 ",
    "，后面是",
    "，后面接",
];
const LAST_GAPS: &[&str] = &["，最后", "，最后是", "，结尾", " 最后 "];
const ENDS: &[&str] = &["", "，随时打", "。", "哦", " 谢谢", "\n欢迎咨询"];

#[derive(Debug, Clone)]
struct Pieces {
    number: String,
    text: String,
}

/// A mobile number cut into pieces, each in its own style, joined by fillers
/// in reading order, or tail first ("尾号是…，前面是…").
fn pieces() -> impl Strategy<Value = Pieces> {
    (
        mobile(),
        cuts(),
        prop::collection::vec(style(), 4),
        prop::sample::select(CUES),
        prop::sample::select(LEADS),
        prop::collection::vec(prop::sample::select(GAPS), 3),
        prop::sample::select(LAST_GAPS),
        prop::sample::select(ENDS),
        0u8..4,
    )
        .prop_map(
            |(number, cuts, styles, cue, lead, gaps, last_gap, end, form)| {
                let mut parts = Vec::new();
                let mut at = 0;
                for (i, len) in cuts.iter().enumerate() {
                    parts.push(write_digits(&number[at..at + len], styles[i]));
                    at += len;
                }
                let mut text = String::from(cue);
                match form {
                    // 前三位…后四位: counts that fit their pieces.
                    0 => {
                        let (first, last) = (cuts[0], cuts[cuts.len() - 1]);
                        text.push_str(&format!("前{}位", NUMERALS[first]));
                        text.push_str(&parts[0]);
                        for (i, part) in parts[1..parts.len() - 1].iter().enumerate() {
                            // A bare space would join two pieces into one run
                            // that no longer fits its count.
                            text.push_str(if gaps[i] == " " { "，" } else { gaps[i] });
                            text.push_str(part);
                        }
                        text.push_str(&format!("，后{}位", NUMERALS[last]));
                        text.push_str(&parts[parts.len() - 1]);
                    }
                    // Tail first: 尾号是…，前面是….
                    1 => {
                        let head: String = parts[..parts.len() - 1].concat();
                        text.push_str("尾号是");
                        text.push_str(&parts[parts.len() - 1]);
                        text.push_str("，前面是");
                        text.push_str(&head);
                    }
                    _ => {
                        text.push_str(lead);
                        text.push_str(&parts[0]);
                        for (i, part) in parts[1..].iter().enumerate() {
                            let gap = if i + 2 == parts.len() && form == 3 {
                                last_gap
                            } else {
                                gaps[i]
                            };
                            text.push_str(gap);
                            text.push_str(part);
                        }
                    }
                }
                text.push_str(end);
                Pieces { number, text }
            },
        )
}

/// A US number spelled out in words, with "oh", "double" and "triple".
fn spelled() -> impl Strategy<Value = (String, String)> {
    (
        (2u8..=9, 0u8..=9, 0u8..=9, 2u8..=9),
        prop::collection::vec(0u8..=9, 6),
        prop::collection::vec(any::<bool>(), 10),
        prop::sample::select(vec![" ", "-"]),
        prop::sample::select(vec![" ", ", ", " - ", "-"]),
        prop::sample::select(vec![
            "call me at ",
            "text me at ",
            "WhatsApp me on ",
            "my cell is ",
            "phone: ",
            "Call ",
            "reach me on WhatsApp at ",
            "Text ",
        ]),
        prop::sample::select(vec!["", ".", " anytime", ", thanks!"]),
    )
        .prop_map(|(head, tail, choices, word_gap, group_gap, cue, end)| {
            const WORDS: [&str; 10] = [
                "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine",
            ];
            let mut digits = vec![head.0, head.1, head.2, head.3];
            digits.extend(tail);
            let number: String = digits.iter().map(|d| (b'0' + d) as char).collect();
            let mut text = String::from(cue);
            for (g, group) in [0..3, 3..6, 6..10].into_iter().enumerate() {
                if g > 0 {
                    text.push_str(group_gap);
                }
                let mut i = group.start;
                let mut first = true;
                while i < group.end {
                    let d = digits[i];
                    let run = (i..group.end).take_while(|&k| digits[k] == d).count();
                    let word = if d == 0 && i > 0 && choices[i] {
                        "oh"
                    } else {
                        WORDS[usize::from(d)]
                    };
                    if !first {
                        text.push_str(word_gap);
                    }
                    first = false;
                    let take = if run >= 3 && choices[i] {
                        text.push_str("triple ");
                        3
                    } else if run >= 2 && choices[(i + 1) % 10] {
                        text.push_str("double ");
                        2
                    } else {
                        1
                    };
                    text.push_str(word);
                    i += take;
                }
            }
            text.push_str(end);
            (number, text)
        })
}

/// Amounts, dates, times, sizes and steps joined by the same fillers: each
/// number carries a label before it or a unit after it.
fn amounts() -> impl Strategy<Value = String> {
    let item = (
        prop::sample::select(vec![
            "原价", "现价", "身高", "体重", "第", "腰围", "尺码", "运费", "", "", "",
        ]),
        1u32..10_000,
        prop::sample::select(vec![
            "元", "块", "天", "点", "号", "cm", "斤", "个", "次", "%", "步", "月", "日", "楼", "",
        ]),
    )
        .prop_filter("a label or a unit", |(label, _, unit)| {
            !label.is_empty() || !unit.is_empty()
        })
        .prop_map(|(label, n, unit)| format!("{label}{n}{unit}"));
    (
        prop::sample::select(vec![
            "",
            "电话咨询：",
            "手机壳",
            "加",
            "打电话问了，",
            "QQ群里说",
        ]),
        prop::collection::vec(item, 2..5),
        prop::collection::vec(
            // Not a bare space: "100 1000元" is one run, read as written.
            prop::sample::select(vec!["，", "，然后", "，最后", "，再", "、", "，后面"]),
            4,
        ),
    )
        .prop_map(|(cue, items, gaps)| {
            let mut text = String::from(cue);
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    text.push_str(gaps[i - 1]);
                }
                text.push_str(item);
            }
            text
        })
}

/// Chinese amounts read aloud: 八千, 一万二, 三百五…
fn spoken_amounts() -> impl Strategy<Value = String> {
    let amount = prop::sample::select(vec![
        "八千",
        "一万二",
        "三百五",
        "两千三",
        "一千零八",
        "八千零五",
        "一千三百八十",
        "十二",
        "一万二千三百四十五",
        "三千五百万",
        "两百",
    ]);
    (
        prop::sample::select(vec![
            "电话里报价",
            "加",
            "手机",
            "预算",
            "打电话问了，价格",
            "电话费",
        ]),
        prop::collection::vec(amount, 1..4),
        prop::sample::select(vec!["，然后", "，再加", "、", "，最后"]),
        prop::sample::select(vec!["", "块", "元", "一年", "左右"]),
    )
        .prop_map(|(cue, amounts, gap, unit)| format!("{cue}{}{unit}", amounts.join(gap)))
}

proptest! {
    #![proptest_config(ProptestConfig::default())]

    #[test]
    fn a_mobile_in_pieces_blocks_as_one_finding(p in pieces()) {
        let report = check(&p.text);
        let found = contacts(&report);
        prop_assert!(found.contains(&p.number), "{:?} → {:?}", p.text, report.findings);
    }

    #[test]
    fn a_spelled_out_number_blocks(case in spelled()) {
        let (number, text) = case;
        let report = check(&text);
        let found = contacts(&report);
        prop_assert!(found.contains(&number), "{:?} → {:?}", text, report.findings);
    }

    #[test]
    fn amounts_dates_and_steps_never_assemble(text in amounts()) {
        let report = check(&text);
        let found = contacts(&report);
        prop_assert!(found.is_empty(), "{:?} → {:?}", text, report.findings);
    }

    #[test]
    fn spoken_amounts_are_not_contacts(text in spoken_amounts()) {
        let report = check(&text);
        prop_assert!(contacts(&report).is_empty(), "{:?} → {:?}", text, report.findings);
        let digits = report.findings.iter().any(|f| f.category == Category::Digits);
        prop_assert!(!digits, "{:?} → {:?}", text, report.findings);
    }
}

#[test]
fn the_finding_covers_the_fillers_and_shows_the_digits() {
    let text = "手机开头159，然后8826，最后3310";
    let report = check(text);
    let f = report
        .findings
        .iter()
        .find(|f| f.category == Category::Phone && f.normalized == "15988263310")
        .expect("assembled");
    assert_eq!(f.text, "开头159，然后8826，最后3310");
    let text = "手机尾号是3310，前面是1598826";
    let f = check(text)
        .findings
        .into_iter()
        .find(|f| f.normalized == "15988263310")
        .expect("tail first");
    assert_eq!(f.text, "尾号是3310，前面是1598826");
}

#[test]
fn ordinary_words_stay_words() {
    for text in [
        "一下子就好了",
        "两三天就到",
        "拐弯就到了，门口有个洞",
        "请勾选同意，再点下一步",
        "八千块的包也太贵了",
        "一万二的预算够吗",
        "电话咨询一万二的套餐",
        "电话费一千万",
        "手机八千零五，然后三百五，然后三百五",
        "八千零五 三百五 三百五 电话",
        "call me in one or two days",
        "five stars, top ten for sure",
        "One two three four five six seven, here we go",
        "We have two, four, six, eight and ten seat tables",
        "加我：10:30，然后14:00都可以",
        "身份证前六位110101，后四位1234",
        "订单号开头是2025，然后0312，最后8826",
    ] {
        let report = check(text);
        assert!(
            contacts(&report).is_empty(),
            "{text:?} → {:?}",
            report.findings
        );
    }
}
