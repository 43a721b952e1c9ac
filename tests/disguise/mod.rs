//! The disguise matrix: a generated measure of detection.
//!
//! Every **contact kind** ([`Family`]: mobile, landline, 400/800, international,
//! WeChat, QQ, e-mail, link, another platform's shop or handle, a hint without a
//! value) is written into realistic carrier sentences for each context (welcome,
//! auto-reply, DM), then disguised by each **transform** ([`Transform`]:
//! full-width, circled and other digit forms, Chinese numerals, separators,
//! invisible characters, homoglyphs, traditional characters, homophones, a
//! split channel word, emoji stand-ins, the ID before its channel word, a number
//! given in pieces, digits spelled in English, `点`/`at` for `.`/`@`). A case is a
//! hit when the checker blocks the message *and* the union of its block
//! findings covers every character of the contact (whitespace excepted): the
//! value, and for WeChat, QQ, platforms and hints the channel word too (the
//! design labels a channel word and the ID beside it as two spans of the
//! channel's category). Not every transform applies to every family (a digit
//! transform needs digits): such cells are skipped explicitly by [`applies`].
//!
//! The same transforms are applied to **negatives** ([`Negative`]): a platform
//! named as a mere topic, order and courier numbers, prices, dates, times and
//! quantities. A negative that blocks is a false block.
//!
//! The matrix is written from `DESIGN.md` (sections 2 and 3) and from how
//! merchants really disguise contacts, blind to `rules/` and `crates/engine/src/detect/`: it
//! measures the engine and must not be tuned to it. Every value comes from a
//! seeded RNG ([`Rng`], splitmix64) so a seed reproduces a run exactly; each
//! cell's cases depend only on the seed and the cell's names, so adding a cell
//! changes no other cell.
//!
//! Used by `tests/disguise.rs` (a fixed-seed sample, checked against the floors
//! in `tests/disguise/baseline.tsv`) and `examples/disguise-matrix.rs` (the full
//! matrix as a Markdown table, with example misses).
//!
//! The target is recall ≥ 0.99 in every cell and no block on negatives; until
//! the engine gets there the baseline only guards against regressions. After
//! the engine improves (or when a cell is added), rewrite the baseline with
//!
//! ```text
//! DMLINT_UPDATE_BASELINE=1 cargo test --test disguise
//! ```
//!
//! and commit `tests/disguise/baseline.tsv` with the change; a drop below a
//! floor is a regression to fix, not a baseline to lower. Regenerate
//! `COVERAGE.md` with `cargo run --example disguise-matrix -- --misses 2 > COVERAGE.md`.

#![allow(dead_code)]

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::ops::Range;

use dmlint::{CheckOptions, Checker, Context, Report, Severity, Verdict};

// ---------------------------------------------------------------------------
// A small deterministic RNG.

/// splitmix64: tiny, fast, good enough for test data, reproducible anywhere.
#[derive(Clone, Debug)]
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Self {
        Rng(seed)
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in `0..n` (n > 0).
    pub fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n as u64) as usize
    }

    /// Uniform in `lo..=hi`.
    pub fn range(&mut self, lo: usize, hi: usize) -> usize {
        lo + self.below(hi - lo + 1)
    }

    pub fn chance(&mut self, percent: u64) -> bool {
        self.next_u64() % 100 < percent
    }

    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }

    pub fn digit(&mut self) -> char {
        char::from(b'0' + self.below(10) as u8)
    }

    pub fn digits(&mut self, n: usize) -> String {
        (0..n).map(|_| self.digit()).collect()
    }

    /// `lo..=hi` random digits.
    pub fn digits_in(&mut self, lo: usize, hi: usize) -> String {
        let n = self.range(lo, hi);
        self.digits(n)
    }

    /// A digit 1–9 (a number's first digit).
    pub fn nonzero(&mut self) -> char {
        char::from(b'1' + self.below(9) as u8)
    }
}

/// FNV-1a, to derive a cell's seed from its names.
fn fnv(text: &str) -> u64 {
    text.bytes().fold(0xcbf2_9ce4_8422_2325, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    })
}

fn case_rng(seed: u64, row: &str, transform: &str, index: usize, attempt: usize) -> Rng {
    let mut rng = Rng::new(
        seed ^ fnv(row).rotate_left(17)
            ^ fnv(transform).rotate_left(41)
            ^ ((index as u64) << 8)
            ^ (attempt as u64),
    );
    rng.next_u64();
    rng
}

// ---------------------------------------------------------------------------
// The axes.

/// A kind of contact.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Family {
    Mobile,
    Landline,
    TollFree,
    Intl,
    Wechat,
    Qq,
    Email,
    Url,
    Platform,
    Hint,
}

impl Family {
    pub const ALL: [Family; 10] = [
        Family::Mobile,
        Family::Landline,
        Family::TollFree,
        Family::Intl,
        Family::Wechat,
        Family::Qq,
        Family::Email,
        Family::Url,
        Family::Platform,
        Family::Hint,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Family::Mobile => "mobile",
            Family::Landline => "landline",
            Family::TollFree => "400_800",
            Family::Intl => "intl",
            Family::Wechat => "wechat",
            Family::Qq => "qq",
            Family::Email => "email",
            Family::Url => "url",
            Family::Platform => "platform",
            Family::Hint => "hint",
        }
    }

    /// Families whose value is a number.
    fn numeric(self) -> bool {
        matches!(
            self,
            Family::Mobile | Family::Landline | Family::TollFree | Family::Intl | Family::Qq
        )
    }
}

/// A disguise, applied to the contact token and/or its channel word.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Transform {
    Plain,
    FullWidth,
    Circled,
    Parenthesized,
    Dotted,
    NegCircled,
    Keycap,
    MathBold,
    DoubleStruck,
    Superscript,
    ZhNumeral,
    ZhFinancial,
    ZhSpoken,
    GroupSpace,
    GroupDash,
    GroupDot,
    GroupEmoji,
    GroupNewline,
    CharSpace,
    CharPunct,
    CharEmoji,
    CharNewline,
    Invisible,
    Homoglyph,
    Traditional,
    Homophone,
    SplitChannel,
    EmojiStandIn,
    IdBefore,
    Pieces,
    EnglishSpelled,
    DotWord,
    AtWord,
}

impl Transform {
    pub const ALL: [Transform; 33] = [
        Transform::Plain,
        Transform::FullWidth,
        Transform::Circled,
        Transform::Parenthesized,
        Transform::Dotted,
        Transform::NegCircled,
        Transform::Keycap,
        Transform::MathBold,
        Transform::DoubleStruck,
        Transform::Superscript,
        Transform::ZhNumeral,
        Transform::ZhFinancial,
        Transform::ZhSpoken,
        Transform::GroupSpace,
        Transform::GroupDash,
        Transform::GroupDot,
        Transform::GroupEmoji,
        Transform::GroupNewline,
        Transform::CharSpace,
        Transform::CharPunct,
        Transform::CharEmoji,
        Transform::CharNewline,
        Transform::Invisible,
        Transform::Homoglyph,
        Transform::Traditional,
        Transform::Homophone,
        Transform::SplitChannel,
        Transform::EmojiStandIn,
        Transform::IdBefore,
        Transform::Pieces,
        Transform::EnglishSpelled,
        Transform::DotWord,
        Transform::AtWord,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Transform::Plain => "plain",
            Transform::FullWidth => "fullwidth ０-９ ａ-ｚ",
            Transform::Circled => "circled ①",
            Transform::Parenthesized => "parenthesized ⑴",
            Transform::Dotted => "dotted ⒈",
            Transform::NegCircled => "neg_circled ❶ ➊",
            Transform::Keycap => "keycap 1️⃣",
            Transform::MathBold => "math_bold 𝟏",
            Transform::DoubleStruck => "double_struck 𝟙",
            Transform::Superscript => "superscript ¹",
            Transform::ZhNumeral => "zh_numeral 一三八",
            Transform::ZhFinancial => "zh_financial 壹叁捌",
            Transform::ZhSpoken => "zh_spoken 幺洞两",
            Transform::GroupSpace => "group_space",
            Transform::GroupDash => "group_dash",
            Transform::GroupDot => "group_dot",
            Transform::GroupEmoji => "group_emoji",
            Transform::GroupNewline => "group_newline",
            Transform::CharSpace => "char_space",
            Transform::CharPunct => "char_punct -.·/\\|",
            Transform::CharEmoji => "char_emoji",
            Transform::CharNewline => "char_newline",
            Transform::Invisible => "invisible ZW/VS/U+3164",
            Transform::Homoglyph => "homoglyph Cyrillic/Greek",
            Transform::Traditional => "traditional 微訊 電話",
            Transform::Homophone => "homophone 威信 扣扣 某宝",
            Transform::SplitChannel => "split_channel 微/信",
            Transform::EmojiStandIn => "emoji_standin 🛰 🐧 📞 ➕",
            Transform::IdBefore => "id_before (abc 是我微信)",
            Transform::Pieces => "pieces (开头…然后…)",
            Transform::EnglishSpelled => "english_spelled",
            Transform::DotWord => "dot_word 点/dot/。",
            Transform::AtWord => "at_word at/#/艾特",
        }
    }

    /// The short, stable key (the baseline's column): the name's first word.
    pub fn key(self) -> &'static str {
        let name = self.name();
        name.split(' ').next().unwrap_or(name)
    }

    fn digit_form(self) -> bool {
        matches!(
            self,
            Transform::Circled
                | Transform::Parenthesized
                | Transform::Dotted
                | Transform::NegCircled
                | Transform::Keycap
                | Transform::MathBold
                | Transform::DoubleStruck
                | Transform::Superscript
                | Transform::ZhNumeral
                | Transform::ZhFinancial
                | Transform::ZhSpoken
        )
    }

    fn grouping(self) -> bool {
        matches!(
            self,
            Transform::GroupSpace
                | Transform::GroupDash
                | Transform::GroupDot
                | Transform::GroupEmoji
                | Transform::GroupNewline
        )
    }

    fn char_split(self) -> bool {
        matches!(
            self,
            Transform::CharSpace
                | Transform::CharPunct
                | Transform::CharEmoji
                | Transform::CharNewline
        )
    }

    /// Whether an English carrier may be used with this transform.
    fn english_ok(self) -> bool {
        !matches!(
            self,
            Transform::Traditional
                | Transform::Homophone
                | Transform::SplitChannel
                | Transform::EmojiStandIn
                | Transform::IdBefore
                | Transform::Pieces
                | Transform::ZhNumeral
                | Transform::ZhFinancial
                | Transform::ZhSpoken
        )
    }
}

/// Whether a transform applies to a family: the matrix's explicit skips.
pub fn applies(family: Family, transform: Transform) -> bool {
    use Family as F;
    use Transform as T;
    match transform {
        T::Plain | T::FullWidth | T::Invisible | T::Traditional => true,
        t if t.digit_form() || t.grouping() => family.numeric(),
        t if t.char_split() => family.numeric() || family == F::Wechat,
        T::Homoglyph => matches!(
            family,
            F::Wechat | F::Qq | F::Email | F::Url | F::Platform | F::Hint
        ),
        T::Homophone | T::SplitChannel => {
            matches!(family, F::Wechat | F::Qq | F::Platform | F::Hint)
        }
        T::EmojiStandIn => matches!(
            family,
            F::Wechat | F::Qq | F::Mobile | F::Landline | F::Platform | F::Hint
        ),
        T::IdBefore => matches!(family, F::Wechat | F::Qq | F::Mobile | F::Platform),
        T::Pieces => matches!(family, F::Mobile | F::Qq),
        T::EnglishSpelled => matches!(family, F::Mobile | F::Intl),
        T::DotWord => matches!(family, F::Email | F::Url),
        T::AtWord => family == F::Email,
        _ => false,
    }
}

/// A message that must not block.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Negative {
    Topic,
    OrderNo,
    Courier,
    Price,
    Date,
    Time,
    Quantity,
}

impl Negative {
    pub const ALL: [Negative; 7] = [
        Negative::Topic,
        Negative::OrderNo,
        Negative::Courier,
        Negative::Price,
        Negative::Date,
        Negative::Time,
        Negative::Quantity,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Negative::Topic => "topic",
            Negative::OrderNo => "order_no",
            Negative::Courier => "courier",
            Negative::Price => "price",
            Negative::Date => "date",
            Negative::Time => "time",
            Negative::Quantity => "quantity",
        }
    }
}

/// Whether a transform applies to a kind of negative.
pub fn applies_negative(kind: Negative, transform: Transform) -> bool {
    use Negative as N;
    use Transform as T;
    match transform {
        T::Plain | T::FullWidth | T::Invisible | T::Traditional => true,
        t if t.digit_form() => kind != N::Topic,
        t if t.grouping() || t.char_split() => matches!(kind, N::OrderNo | N::Courier),
        T::Homoglyph => kind == N::Courier,
        T::Homophone | T::SplitChannel | T::EmojiStandIn => kind == N::Topic,
        _ => false,
    }
}

// ---------------------------------------------------------------------------
// Text as pieces, so every transform knows where the contact ends up.

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Role {
    /// The carrier sentence around the contact.
    Carrier,
    /// Words of the contact phrase that are not themselves the contact (加, 搜, 电话).
    Glue,
    /// The channel word (微信, QQ, 淘宝), or a hint's phrase.
    Channel,
    /// The contact value (number, ID, address, link, shop name, handle).
    Value,
}

#[derive(Clone, Debug)]
struct Piece {
    text: String,
    role: Role,
    /// Must be covered by a block finding.
    cover: bool,
    /// For numbers: the digit groups' lengths, counted over the value's digits
    /// and a leading '+' (separators dropped).
    groups: Vec<usize>,
}

impl Piece {
    fn new(text: impl Into<String>, role: Role, cover: bool) -> Self {
        Piece {
            text: text.into(),
            role,
            cover,
            groups: Vec::new(),
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Lang {
    Zh,
    En,
}

/// Expands a phrase template: `{CH}` the channel word, `{V}` / `{V0}`… the
/// values; everything else is glue.
fn phrase(template: &str, channel: &str, cover_channel: bool, values: &[Piece]) -> Vec<Piece> {
    let mut out = Vec::new();
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        if open > 0 {
            out.push(Piece::new(&rest[..open], Role::Glue, false));
        }
        let close = open + rest[open..].find('}').expect("closed placeholder");
        let name = &rest[open + 1..close];
        match name {
            "CH" => out.push(Piece::new(channel, Role::Channel, cover_channel)),
            "V" => out.push(values[0].clone()),
            _ => {
                let i: usize = name[1..].parse().expect("V0, V1, …");
                out.push(values[i].clone());
            }
        }
        rest = &rest[close + 1..];
    }
    if !rest.is_empty() {
        out.push(Piece::new(rest, Role::Glue, false));
    }
    out
}

fn number(text: String, groups: Vec<usize>, cover: bool) -> Piece {
    let mut p = Piece::new(text, Role::Value, cover);
    p.groups = groups;
    p
}

// ---------------------------------------------------------------------------
// Carrier sentences.

fn carriers(context: Context, lang: Lang) -> &'static [&'static str] {
    match (context, lang) {
        (Context::Welcome, Lang::Zh) => &[
            "欢迎光临本店！新人下单立减10元，{C}，期待为您服务～",
            "Hi～欢迎关注我们，主营手工皂和香薰蜡烛，{C}。",
            "欢迎来到我们的小店，营业时间9:00-21:00，{C}，祝您购物愉快！",
            "感谢关注～我们是一家做原创女装的工作室，{C}，上新第一时间通知您。",
            "欢迎欢迎！定制蛋糕需要提前两天预约，{C}。",
        ],
        (Context::AutoReply, Lang::Zh) => &[
            "您好，客服暂时不在线，{C}，看到后会尽快回复您～",
            "亲，已收到您的消息！{C}，我们会第一时间联系您。",
            "感谢咨询，预约到店请看这里：{C}，节假日正常营业。",
            "您好，现在是非工作时间，{C}，明天上午给您回复哦。",
            "收到～关于价格和尺码的问题，{C}。",
        ],
        (Context::Dm, Lang::Zh) => &[
            "在的亲，这款还有现货，{C}，我发你实拍视频。",
            "宝子，图片太多这里发不了，{C}",
            "好的呢，具体价格这里不方便说，{C}，详细聊～",
            "姐妹你好，课程的资料包比较大，{C}，我打包发给你。",
            "没问题的，定制的话要先看一下尺寸，{C}，方便沟通。",
        ],
        (Context::Welcome, Lang::En) => &[
            "Welcome to our little studio! For custom orders, {C}. Have a lovely day!",
            "Hi and welcome! We make handmade candles and soaps, {C}.",
        ],
        (Context::AutoReply, Lang::En) => &[
            "Thanks for your message! We're away right now, {C} and we'll get back to you soon.",
            "Hello! Our team replies within 24 hours. In a hurry? {C}.",
        ],
        (Context::Dm, Lang::En) => &[
            "Hi dear, the photos are too big to send here, {C}.",
            "Sure, happy to help with sizing! {C} and I'll send you the details.",
        ],
    }
}

fn wrap(context: Context, lang: Lang, contact: Vec<Piece>, rng: &mut Rng) -> Vec<Piece> {
    let carrier = *rng.pick(carriers(context, lang));
    let (before, after) = carrier.split_once("{C}").expect("carrier has a slot");
    let mut out = Vec::new();
    if !before.is_empty() {
        out.push(Piece::new(before, Role::Carrier, false));
    }
    out.extend(contact);
    if !after.is_empty() {
        out.push(Piece::new(after, Role::Carrier, false));
    }
    out
}

// ---------------------------------------------------------------------------
// Values.

const SYLLABLES: &[&str] = &[
    "xiao", "lu", "mei", "qi", "yue", "mu", "zi", "cheng", "miao", "li", "nan", "feng", "shi",
    "guang", "sen", "yu", "tang", "guo", "an", "ran", "jia", "hui", "ting", "yan", "xin", "bao",
    "bei", "le", "ke", "duo", "wen", "jing", "hao", "zhen", "qing", "yun",
];
const WORDS: &[&str] = &[
    "lily", "sunny", "coco", "momo", "studio", "home", "beauty", "shop", "candy", "bear", "nana",
    "kiki", "daisy", "lucky", "amber", "mint",
];

fn pinyin_word(rng: &mut Rng, syllables: usize) -> String {
    (0..syllables).map(|_| *rng.pick(SYLLABLES)).collect()
}

fn pinyin_words(rng: &mut Rng, lo: usize, hi: usize) -> String {
    let n = rng.range(lo, hi);
    pinyin_word(rng, n)
}

fn wechat_id(rng: &mut Rng) -> String {
    loop {
        let id = match rng.below(5) {
            0 => format!("{}_{}", pinyin_word(rng, 2), rng.digits_in(2, 4)),
            1 => format!("{}{}", pinyin_words(rng, 2, 3), rng.digits_in(2, 6)),
            2 => {
                let w = rng.pick(WORDS).to_string();
                let w = if rng.chance(40) {
                    let mut c = w.chars();
                    c.next().unwrap().to_uppercase().chain(c).collect()
                } else {
                    w
                };
                format!("{w}_{}{}", pinyin_word(rng, 1), rng.digits_in(0, 3))
            }
            3 => {
                let tail: String = (0..rng.range(8, 12))
                    .map(|_| {
                        *rng.pick(
                            &"abcdefghijkmnpqrstuvwxyz0123456789"
                                .chars()
                                .collect::<Vec<_>>(),
                        )
                    })
                    .collect();
                format!("wxid_{tail}")
            }
            _ => format!(
                "{}{}-{}",
                rng.pick(WORDS),
                rng.digits(2),
                pinyin_word(rng, 1)
            ),
        };
        let len = id.chars().count();
        if (6..=20).contains(&len) {
            return id;
        }
    }
}

fn qq_number(rng: &mut Rng) -> (String, Vec<usize>) {
    let len = rng.range(5, 11);
    let n = format!("{}{}", rng.nonzero(), rng.digits(len - 1));
    let groups = match len {
        5 => vec![5],
        6 => vec![3, 3],
        7 => vec![3, 4],
        8 => vec![4, 4],
        9 => vec![3, 3, 3],
        10 => vec![3, 3, 4],
        _ => vec![3, 4, 4],
    };
    (n, groups)
}

fn mobile(rng: &mut Rng) -> String {
    format!(
        "1{}{}",
        char::from(b'3' + rng.below(7) as u8),
        rng.digits(9)
    )
}

fn landline(rng: &mut Rng) -> (String, Vec<usize>) {
    let area = *rng.pick(&["010", "021", "020", "0755", "0571", "028", "027", "0512"]);
    let len = if area.len() == 3 || rng.chance(70) {
        8
    } else {
        7
    };
    let local = format!(
        "{}{}",
        char::from(b'2' + rng.below(7) as u8),
        rng.digits(len - 1)
    );
    let sep = *rng.pick(&["-", "-", "", " "]);
    let groups = vec![area.len(), len];
    (format!("{area}{sep}{local}"), groups)
}

fn toll_free(rng: &mut Rng) -> (String, Vec<usize>) {
    let head = *rng.pick(&["400", "400", "800"]);
    let a = format!("{}{}", rng.nonzero(), rng.digits(2));
    let b = rng.digits(4);
    let sep = *rng.pick(&["-", "-", " ", ""]);
    (format!("{head}{sep}{a}{sep}{b}"), vec![3, 3, 4])
}

fn intl(rng: &mut Rng) -> (String, Vec<usize>) {
    match rng.below(6) {
        0 | 1 => {
            let area = *rng.pick(&["415", "212", "646", "310", "617", "206"]);
            let x = format!("{}{}", char::from(b'2' + rng.below(8) as u8), rng.digits(2));
            let y = rng.digits(4);
            let t = if rng.chance(50) {
                format!("+1 {area} {x} {y}")
            } else {
                format!("+1 ({area}) {x}-{y}")
            };
            (t, vec![2, 3, 3, 4])
        }
        2 | 3 => {
            let a = format!("{}{}", *rng.pick(&['5', '6', '9']), rng.digits(3));
            let b = rng.digits(4);
            let sep = *rng.pick(&[" ", "", "-"]);
            (format!("+852 {a}{sep}{b}"), vec![4, 4, 4])
        }
        4 => {
            let a = format!("7{}", rng.digits(3));
            let b = rng.digits(6);
            (format!("+44 {a} {b}"), vec![3, 4, 6])
        }
        _ => {
            let a = format!("{}{}", *rng.pick(&['8', '9']), rng.digits(3));
            let b = rng.digits(4);
            (format!("+65 {a} {b}"), vec![3, 4, 4])
        }
    }
}

fn brand(rng: &mut Rng) -> String {
    if rng.chance(60) {
        pinyin_words(rng, 2, 3)
    } else {
        format!(
            "{}{}",
            rng.pick(WORDS),
            rng.pick(&["home", "shop", "studio", "store", "lab"])
        )
    }
}

fn email(rng: &mut Rng) -> String {
    let local = match rng.below(4) {
        0 => format!("{}{}", rng.nonzero(), rng.digits_in(6, 9)),
        1 => format!("{}{}", pinyin_word(rng, 2), rng.digits_in(0, 4)),
        2 => format!("{}.{}", rng.pick(WORDS), pinyin_word(rng, 1)),
        _ => format!("{}_{}", rng.pick(WORDS), rng.digits(2)),
    };
    let domain = match rng.below(12) {
        0 | 1 => "qq.com".to_string(),
        2 => "163.com".to_string(),
        3 => "126.com".to_string(),
        4 => "gmail.com".to_string(),
        5 => "outlook.com".to_string(),
        6 => "foxmail.com".to_string(),
        7 => "sina.com".to_string(),
        8 => "hotmail.com".to_string(),
        9 => format!("{}.cn", brand(rng)),
        10 => format!("{}.com.cn", brand(rng)),
        _ => format!("{}.co.uk", brand(rng)),
    };
    format!("{local}@{domain}")
}

const ALNUM: &str = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";

fn token(rng: &mut Rng, len: usize) -> String {
    let chars: Vec<char> = ALNUM.chars().collect();
    (0..len).map(|_| *rng.pick(&chars)).collect()
}

fn token_in(rng: &mut Rng, lo: usize, hi: usize) -> String {
    let n = rng.range(lo, hi);
    token(rng, n)
}

fn url(rng: &mut Rng) -> String {
    let tld = *rng.pick(&[
        "com", "cn", "net", "io", "shop", "top", "xyz", "co.uk", "com.cn", "store", "vip",
    ]);
    match rng.below(8) {
        0 => format!("https://www.{}.{tld}", brand(rng)),
        1 => format!("https://{}.{tld}/{}", brand(rng), token_in(rng, 4, 8)),
        2 => format!("www.{}.{tld}", brand(rng)),
        3 => format!("{}.{tld}", brand(rng)),
        4 => format!("http://{}.{tld}/shop", brand(rng)),
        _ => {
            let short = *rng.pick(&[
                "t.cn/",
                "url.cn/",
                "dwz.cn/",
                "bit.ly/",
                "b23.tv/",
                "v.douyin.com/",
                "m.tb.cn/h.",
                "tinyurl.com/",
            ]);
            let t = token_in(rng, 6, 9);
            if rng.chance(30) {
                format!("https://{short}{t}")
            } else {
                format!("{short}{t}")
            }
        }
    }
}

fn shop_name(rng: &mut Rng) -> String {
    let a = *rng.pick(&[
        "小鹿", "栖月", "木子", "橙子", "喵喵", "阿梨", "南风", "拾光", "森屿", "糖果", "半夏",
        "鹿鸣", "初见", "暖阳",
    ]);
    let b = *rng.pick(&[
        "家居", "美学", "手作", "优选", "好物", "服饰", "母婴", "茶舍", "烘焙", "宠物", "香氛",
        "饰品",
    ]);
    let c = *rng.pick(&["旗舰店", "工作室", "小店", "", "的店", "官方店", "严选"]);
    format!("{a}{b}{c}")
}

fn handle(rng: &mut Rng) -> String {
    match rng.below(3) {
        0 => format!("{}_{}", pinyin_word(rng, 2), rng.pick(WORDS)),
        1 => format!("{}.{}", rng.pick(WORDS), pinyin_word(rng, 1)),
        _ => format!("{}{}", pinyin_word(rng, 2), rng.digits_in(2, 4)),
    }
}

// ---------------------------------------------------------------------------
// Contact phrases.

#[derive(Clone, Copy, PartialEq, Eq)]
enum Shape {
    Normal,
    IdBefore,
    Pieces,
    Spelled,
}

const WECHAT_WORDS: &[&str] = &[
    "微信", "微信", "vx", "VX", "wx", "V信", "v", "V", "weixin", "WeChat",
];
const QQ_WORDS: &[&str] = &["QQ", "qq", "Q", "QQ"];
const ZH_PLATFORMS: &[&str] = &[
    "淘宝",
    "抖音",
    "快手",
    "拼多多",
    "闲鱼",
    "微博",
    "B站",
    "京东",
    "得物",
    "视频号",
];
const LATIN_PLATFORMS: &[&str] = &[
    "Instagram",
    "WhatsApp",
    "Telegram",
    "Line",
    "TikTok",
    "Facebook",
];
/// Hints without a value: words before the hint, the hint (what must be
/// covered), words after it (neither is itself the hint).
const HINTS_ZH: &[(&str, &str, &str)] = &[
    ("", "加我V", ""),
    ("", "V我", ""),
    ("", "加V", ""),
    ("", "主页有微", ""),
    ("", "主页有V", ""),
    ("", "看签名", ""),
    ("", "主页有惊喜", ""),
    ("", "私下联系", ""),
    ("", "留个电话", ""),
    ("", "扫码进群", ""),
    ("", "加我", "好友"),
    ("", "你的微信", "是多少"),
    ("私我", "拿联系方式", ""),
];
const HINTS_EN: &[&str] = &["add me", "text me", "hit me up", "link in bio"];

/// Splits a digit string into groups of the given lengths.
fn split_groups(digits: &str, groups: &[usize]) -> Vec<String> {
    let chars: Vec<char> = digits.chars().collect();
    let mut out = Vec::new();
    let mut at = 0;
    for &g in groups {
        out.push(chars[at..at + g].iter().collect());
        at += g;
    }
    out
}

/// The contact phrase for a family, in pieces.
fn contact(family: Family, shape: Shape, lang: Lang, rng: &mut Rng) -> Vec<Piece> {
    match family {
        Family::Mobile => {
            let n = mobile(rng);
            match shape {
                Shape::Pieces => {
                    let g = split_groups(&n, &[3, 4, 4]);
                    let v: Vec<Piece> = g.into_iter().map(|s| number(s, vec![], true)).collect();
                    let head = *rng.pick(&["电话", "手机号", "号码", "打我电话，"]);
                    let t = *rng.pick(&[
                        "开头{V0}，然后{V1}，最后{V2}",
                        "前三位{V0}，中间{V1}，后四位{V2}",
                        "{V0}开头，中间是{V1}，尾号{V2}",
                        "是{V0}，接着{V1}，再{V2}",
                    ]);
                    phrase(&format!("{head}{t}"), "", false, &v)
                }
                Shape::IdBefore => {
                    let t = *rng.pick(&[
                        "{V} 是我电话",
                        "{V}（手机）",
                        "{V} 打这个电话",
                        "{V}，电话随时打",
                        "{V} 这个是我手机号",
                    ]);
                    phrase(t, "", false, &[number(n, vec![3, 4, 4], true)])
                }
                Shape::Spelled | Shape::Normal if lang == Lang::En => {
                    let t = *rng.pick(&["call me at {V}", "text me on {V}", "my number is {V}"]);
                    phrase(t, "", false, &[number(n, vec![3, 4, 4], true)])
                }
                _ => {
                    let t = *rng.pick(&[
                        "电话：{V}",
                        "手机{V}",
                        "急事打{V}",
                        "联系电话 {V}",
                        "预约请致电{V}",
                        "订购热线{V}",
                        "手机号是{V}",
                    ]);
                    phrase(t, "", false, &[number(n, vec![3, 4, 4], true)])
                }
            }
        }
        Family::Landline => {
            let (n, g) = landline(rng);
            let t = *rng.pick(&[
                "座机：{V}",
                "门店电话{V}",
                "订餐电话 {V}",
                "预约热线：{V}",
                "急事请打{V}",
            ]);
            phrase(t, "", false, &[number(n, g, true)])
        }
        Family::TollFree => {
            let (n, g) = toll_free(rng);
            let t = *rng.pick(&[
                "客服热线{V}",
                "全国服务热线：{V}",
                "售后电话 {V}",
                "请拨打{V}",
            ]);
            phrase(t, "", false, &[number(n, g, true)])
        }
        Family::Intl => {
            let (n, g) = intl(rng);
            let t = if lang == Lang::En {
                *rng.pick(&[
                    "call us at {V}",
                    "text me at {V}",
                    "our number is {V}",
                    "reach me on {V}",
                ])
            } else {
                *rng.pick(&[
                    "海外客户请拨打{V}",
                    "香港门店电话：{V}",
                    "国外的话打{V}",
                    "境外联系电话 {V}",
                ])
            };
            phrase(t, "", false, &[number(n, g, true)])
        }
        Family::Wechat => {
            let id = Piece::new(wechat_id(rng), Role::Value, true);
            if lang == Lang::En {
                let t = *rng.pick(&["add me on {CH}: {V}", "my {CH} ID is {V}", "{CH}: {V}"]);
                return phrase(t, "WeChat", true, &[id]);
            }
            let ch = *rng.pick(WECHAT_WORDS);
            let t = if shape == Shape::IdBefore {
                *rng.pick(&[
                    "{V} 是我{CH}",
                    "{V}（{CH}）",
                    "{V} 这个是{CH}",
                    "{V} ←{CH}",
                    "{V} 加这个{CH}",
                ])
            } else {
                *rng.pick(&[
                    "加我{CH}：{V}",
                    "{CH}：{V}",
                    "{CH}号 {V}",
                    "我的{CH}是{V}",
                    "{CH}搜{V}",
                    "详情{CH}：{V}",
                    "+{CH} {V}",
                ])
            };
            phrase(t, ch, true, &[id])
        }
        Family::Qq => {
            let (n, g) = qq_number(rng);
            let ch = *rng.pick(QQ_WORDS);
            match shape {
                Shape::Pieces => {
                    let cut = rng.range(2, n.len() - 2);
                    let v = [
                        number(n[..cut].to_string(), vec![], true),
                        number(n[cut..].to_string(), vec![], true),
                    ];
                    let t = *rng.pick(&[
                        "{CH}号前几位{V0}，后面是{V1}",
                        "{CH}开头{V0}，后面{V1}",
                        "加{CH}：先{V0}，再{V1}",
                    ]);
                    phrase(t, ch, true, &v)
                }
                Shape::IdBefore => {
                    let t = *rng.pick(&["{V} 是我{CH}", "{V}（{CH}）", "{V} 加这个{CH}"]);
                    phrase(t, ch, true, &[number(n, g, true)])
                }
                _ => {
                    let t = *rng.pick(&[
                        "加{CH}{V}",
                        "{CH}：{V}",
                        "{CH}号{V}",
                        "我的{CH}是{V}",
                        "{CH}群：{V}",
                        "有事{CH} {V}",
                    ]);
                    phrase(t, ch, true, &[number(n, g, true)])
                }
            }
        }
        Family::Email => {
            let v = Piece::new(email(rng), Role::Value, true);
            let t = if lang == Lang::En {
                *rng.pick(&["email me at {V}", "send it to {V}", "my email: {V}"])
            } else {
                *rng.pick(&[
                    "邮箱：{V}",
                    "简历发{V}",
                    "发邮件到{V}",
                    "合作请联系{V}",
                    "资料发我邮箱 {V}",
                ])
            };
            phrase(t, "", false, &[v])
        }
        Family::Url => {
            let v = Piece::new(url(rng), Role::Value, true);
            let t = if lang == Lang::En {
                *rng.pick(&["order here: {V}", "see {V}", "the link is {V}"])
            } else {
                *rng.pick(&[
                    "下单链接：{V}",
                    "点这里看{V}",
                    "官网 {V}",
                    "复制{V}到浏览器打开",
                    "详情见{V}",
                ])
            };
            phrase(t, "", false, &[v])
        }
        Family::Platform => {
            let latin = lang == Lang::En || rng.chance(30);
            if latin {
                let ch = *rng.pick(LATIN_PLATFORMS);
                let v = if ch == "WhatsApp" {
                    let (n, g) = intl(rng);
                    number(n, g, true)
                } else {
                    Piece::new(handle(rng), Role::Value, true)
                };
                let t = match (lang, shape) {
                    (_, Shape::IdBefore) => *rng.pick(&["{V} 是我{CH}", "{V}（{CH}）"]),
                    (Lang::En, _) => *rng.pick(&[
                        "follow us on {CH} @{V}",
                        "find me on {CH}: {V}",
                        "{CH} me at {V}",
                    ]),
                    (Lang::Zh, _) => {
                        *rng.pick(&["{CH}：{V}", "{CH} @{V}", "加我{CH} {V}", "{CH} ID {V}"])
                    }
                };
                return phrase(t, ch, true, &[v]);
            }
            let ch = *rng.pick(ZH_PLATFORMS);
            let by_handle = rng.chance(35);
            let v = if by_handle {
                Piece::new(handle(rng), Role::Value, true)
            } else {
                Piece::new(shop_name(rng), Role::Value, true)
            };
            let t = match (shape, by_handle) {
                (Shape::IdBefore, false) => {
                    *rng.pick(&["「{V}」是我们{CH}店", "{V}，这是我们{CH}店铺名"])
                }
                (Shape::IdBefore, true) => {
                    *rng.pick(&["@{V} 是我{CH}号", "{V} 这个是我们{CH}账号"])
                }
                (_, false) => *rng.pick(&[
                    "{CH}搜「{V}」",
                    "{CH}搜{V}",
                    "去{CH}搜店铺「{V}」",
                    "{CH}店铺：{V}",
                    "来{CH}直播间找我们，{V}",
                ]),
                (_, true) => *rng.pick(&[
                    "{CH}@{V}",
                    "{CH}号：{V}",
                    "关注我们{CH}账号 {V}",
                    "{CH}搜{V}",
                ]),
            };
            phrase(t, ch, true, &[v])
        }
        Family::Hint => {
            if lang == Lang::En {
                let core = *rng.pick(HINTS_EN);
                let t = *rng.pick(&["{CH} for details", "{CH}", "{CH} if interested"]);
                return phrase(t, core, true, &[]);
            }
            let (head, core, tail) = *rng.pick(HINTS_ZH);
            let t = *rng.pick(&["{CH}", "{CH}～", "{CH}哦", "详情{CH}", "有需要的{CH}"]);
            phrase(
                &t.replace("{CH}", &format!("{head}{{CH}}{tail}")),
                core,
                true,
                &[],
            )
        }
    }
}

/// Families that have English phrases.
fn has_english(family: Family) -> bool {
    matches!(
        family,
        Family::Mobile
            | Family::Intl
            | Family::Wechat
            | Family::Email
            | Family::Url
            | Family::Platform
            | Family::Hint
    )
}

// ---------------------------------------------------------------------------
// Transforms.

fn map_digits(text: &str, f: &dyn Fn(u32) -> String) -> String {
    text.chars()
        .map(|c| match c.to_digit(10) {
            Some(d) if c.is_ascii_digit() => f(d),
            _ => c.to_string(),
        })
        .collect()
}

fn ch(code: u32) -> String {
    char::from_u32(code).expect("a valid scalar").to_string()
}

/// The per-digit mapping of a digit-form transform; `style` picks a variant.
fn digit_form(t: Transform, style: usize) -> Box<dyn Fn(u32) -> String> {
    match t {
        Transform::Circled => Box::new(|d| {
            if d == 0 {
                ch(0x24EA)
            } else {
                ch(0x2460 + d - 1)
            }
        }),
        Transform::Parenthesized => Box::new(|d| {
            if d == 0 {
                "0".to_string()
            } else {
                ch(0x2474 + d - 1)
            }
        }),
        Transform::Dotted => Box::new(|d| {
            if d == 0 {
                ch(0x1F100)
            } else {
                ch(0x2488 + d - 1)
            }
        }),
        Transform::NegCircled if style.is_multiple_of(2) => Box::new(|d| {
            if d == 0 {
                ch(0x24FF)
            } else {
                ch(0x2776 + d - 1)
            }
        }),
        Transform::NegCircled => Box::new(|d| {
            if d == 0 {
                ch(0x1F10C)
            } else {
                ch(0x278A + d - 1)
            }
        }),
        Transform::Keycap => Box::new(|d| format!("{d}\u{FE0F}\u{20E3}")),
        Transform::MathBold => Box::new(|d| ch(0x1D7CE + d)),
        Transform::DoubleStruck => Box::new(|d| ch(0x1D7D8 + d)),
        Transform::Superscript => Box::new(|d| match d {
            1 => "¹".to_string(),
            2 => "²".to_string(),
            3 => "³".to_string(),
            0 => ch(0x2070),
            _ => ch(0x2070 + d),
        }),
        Transform::ZhNumeral => {
            let zero = if style.is_multiple_of(2) {
                "〇"
            } else {
                "零"
            };
            Box::new(move |d| {
                if d == 0 {
                    zero.to_string()
                } else {
                    "一二三四五六七八九"
                        .chars()
                        .nth(d as usize - 1)
                        .unwrap()
                        .to_string()
                }
            })
        }
        Transform::ZhFinancial => Box::new(|d| {
            "零壹贰叁肆伍陆柒捌玖"
                .chars()
                .nth(d as usize)
                .unwrap()
                .to_string()
        }),
        Transform::ZhSpoken => Box::new(|d| {
            "洞幺两三四五六七八九"
                .chars()
                .nth(d as usize)
                .unwrap()
                .to_string()
        }),
        _ => unreachable!("not a digit form"),
    }
}

/// A courier or order number's leading letters (SF, JDX, P) and the rest.
fn letter_prefix(text: &str) -> (&str, &str) {
    let at = text
        .find(|c: char| !c.is_ascii_alphabetic())
        .unwrap_or(text.len());
    text.split_at(at)
}

fn fullwidth(text: &str) -> String {
    text.chars()
        .map(|c| {
            if ('!'..='~').contains(&c) {
                char::from_u32(c as u32 + 0xFEE0).unwrap()
            } else {
                c
            }
        })
        .collect()
}

const INVISIBLES: &[char] = &[
    '\u{200B}', '\u{200C}', '\u{200D}', '\u{2060}', '\u{2061}', '\u{2063}', '\u{FEFF}', '\u{3164}',
    '\u{115F}', '\u{FE0F}', '\u{FE0E}', '\u{FE00}', '\u{00AD}', '\u{034F}',
];

/// Inserts characters between the chars of `text`: at every boundary when
/// `every`, else at random boundaries (at least one).
fn interleave(
    text: &str,
    rng: &mut Rng,
    every: bool,
    sep: &mut dyn FnMut(&mut Rng) -> String,
) -> String {
    let chars: Vec<char> = text.chars().collect();
    if chars.len() < 2 {
        return text.to_string();
    }
    let forced = rng.range(1, chars.len() - 1);
    let mut out = String::new();
    for (i, c) in chars.iter().enumerate() {
        if i > 0 && (every || i == forced || rng.chance(40)) {
            out.push_str(&sep(rng));
        }
        out.push(*c);
    }
    out
}

fn homoglyph(c: char, rng: &mut Rng) -> Option<char> {
    let options: &[char] = match c {
        'a' => &['а'],
        'c' => &['с'],
        'e' => &['е'],
        'o' => &['о', 'ο'],
        'p' => &['р'],
        'x' => &['х'],
        'y' => &['у'],
        'i' => &['і'],
        'j' => &['ј'],
        's' => &['ѕ'],
        'v' => &['ν'],
        'h' => &['һ'],
        'q' => &['ԛ'],
        'd' => &['ԁ'],
        'u' => &['υ'],
        'A' => &['А', 'Α'],
        'B' => &['В', 'Β'],
        'C' => &['С'],
        'E' => &['Е', 'Ε'],
        'H' => &['Н', 'Η'],
        'I' => &['І', 'Ι'],
        'K' => &['К', 'Κ'],
        'M' => &['М', 'Μ'],
        'N' => &['Ν'],
        'O' => &['О', 'Ο'],
        'P' => &['Р', 'Ρ'],
        'Q' => &['Ԛ'],
        'S' => &['Ѕ'],
        'T' => &['Т', 'Τ'],
        'V' => &['Ѵ'],
        'W' => &['Ԝ'],
        'X' => &['Х', 'Χ'],
        'Y' => &['Ү', 'Υ'],
        _ => return None,
    };
    Some(*rng.pick(options))
}

/// Simplified → traditional, whole words first (the forms people type).
const TRAD_WORDS: &[(&str, &str)] = &[
    ("微信", "微訊"),
    ("联系方式", "聯繫方式"),
    ("联系", "聯繫"),
    ("账号", "帳號"),
    ("电话", "電話"),
    ("淘宝", "淘寶"),
    ("闲鱼", "閒魚"),
    ("京东", "京東"),
    ("视频号", "視頻號"),
    ("主页", "主頁"),
    ("签名", "簽名"),
    ("链接", "連結"),
    ("复制", "複製"),
];

/// Simplified → traditional characters of the carriers and phrases here.
const TRAD_CHARS: &str = "欢歡来來关關门門请請问問题題时時间間发發货貨这這个個们們会會为為务務优優价價亲親复復说說话話过過还還进進应應该該后後边邊么麼没沒东東订訂单單号號码碼联聯系繫预預约約买買卖賣实實图圖频頻视視现現级級经經节節业業营營钟鐘点點钱錢张張帐帳账賬宝寶闲閒鱼魚页頁签簽扫掃开開头頭达達运運费費邮郵网網链鏈细細详詳转轉动動产產质質谢謝给給见見样樣两兩体體验驗数數处處从從对對长長种種类類饰飾装裝婴嬰宠寵乐樂学學书書馆館卫衛圆圓顺順丰豐递遞资資线線试試满滿减減库庫备備闭閉尽盡马馬询詢办辦负負责責紧緊时時欢歡迎迎务務尺尺寸寸课課程程包包较較大大打打给給沟溝通通够夠馈饋尔爾门門店店铺鋪间間场場赞贊热熱线線拨撥国國际際内內区區户戶将將为為营營业業师師观觀众眾测測评評质質检檢报報告告买買仿仿丝絲戏戲双雙边邊样樣条條简簡历歷浏瀏览覽器器蜡蠟烛燭创創装裝蛋蛋糕糕两兩天天现現还還频頻姐姐妹妹资資料料尽儘节節假假里裡顾顧专專挂掛刚剛红紅吗嗎临臨购購暂暫咨諮险險呗唄记記计計当當烦煩编編帮幫机機电電惊驚风風屿嶼鸣鳴阳陽选選舰艦严嚴议議设設";

fn traditional_text(text: &str, rng: &mut Rng) -> String {
    let mut s = text.to_string();
    for (simp, trad) in TRAD_WORDS {
        // 微信 stays 微信 in much traditional text; 微訊 half of the time.
        if *simp == "微信" && rng.chance(50) {
            continue;
        }
        s = s.replace(simp, trad);
    }
    let table: Vec<char> = TRAD_CHARS.chars().collect();
    let map: BTreeMap<char, char> = table.chunks(2).map(|p| (p[0], p[1])).collect();
    s.chars().map(|c| *map.get(&c).unwrap_or(&c)).collect()
}

/// Homophones and nicknames people really type for channel words and hints.
fn homophones(word: &str) -> &'static [&'static str] {
    match word {
        "微信" => &["威信", "薇信", "维信", "徽信", "围信", "卫星"],
        "QQ" | "qq" | "Q" => &["扣扣", "企鹅", "球球", "抠抠"],
        "淘宝" => &["某宝", "桃宝", "陶宝", "TB", "tb"],
        "拼多多" => &["pdd", "拼夕夕", "拼嘻嘻", "pxx", "并夕夕"],
        "抖音" => &["抖y", "dy", "斗音", "抖荫", "DY"],
        "快手" => &["筷手", "ks", "块手"],
        "闲鱼" => &["咸鱼", "xy", "闲🐟"],
        "微博" => &["围脖", "wb", "薇博"],
        "B站" => &["小破站", "b站", "哔哩哔哩", "bili"],
        "京东" => &["狗东", "jd", "某东"],
        "得物" => &["dw", "得w"],
        "视频号" => &["视屏号", "sph"],
        "Instagram" => &["ins", "IG", "ig", "insta"],
        "WhatsApp" => &["wsp", "WA", "whatsapp", "瓦次普"],
        "Telegram" => &["TG", "tg", "电报", "纸飞机"],
        "Facebook" => &["FB", "fb", "脸书"],
        "TikTok" => &["tk", "国际版抖音"],
        "加我V" => &["加我薇", "加我威", "加我维"],
        "V我" => &["薇我", "威我", "维我"],
        "加V" => &["加薇", "加威", "加维"],
        "主页有微" | "主页有V" => &["主页有薇", "主页有威", "主页有维"],
        "你的微信" => &["你的威信", "你的薇信"],
        _ => &[],
    }
}

/// Emoji and slang stand-ins for channel words, 加 and 搜.
fn standins(word: &str) -> &'static [&'static str] {
    match word {
        "微信" | "vx" | "VX" | "wx" | "V信" | "weixin" | "WeChat" | "v" | "V" => {
            &["🛰", "🛰️", "💚", "绿泡泡", "🟢"]
        }
        "QQ" | "qq" | "Q" => &["🐧", "🐧🐧"],
        "淘宝" => &["🍑", "🍑宝", "某🍑"],
        "闲鱼" => &["闲🐟", "🐟"],
        "加" => &["➕", "＋"],
        "搜" => &["🔍"],
        "电话" | "手机" | "热线" | "致电" | "手机号" => &["📞", "☎️", "📱"],
        _ => &[],
    }
}

/// Applies `t` to the pieces; false when it changes nothing of the contact
/// (then the case is drawn again).
fn apply(t: Transform, pieces: &mut [Piece], rng: &mut Rng) -> bool {
    let before: Vec<String> = pieces.iter().map(|p| p.text.clone()).collect();
    let contact_changed = |pieces: &[Piece]| {
        pieces
            .iter()
            .zip(&before)
            .any(|(p, b)| p.role != Role::Carrier && p.text != *b)
    };
    match t {
        Transform::Plain | Transform::IdBefore | Transform::Pieces => return true,
        Transform::EnglishSpelled => {
            let zero = *rng.pick(&["zero", "oh"]);
            let inner = *rng.pick(&[" ", "-"]);
            let outer = *rng.pick(&[", ", " ", " - "]);
            for p in pieces.iter_mut().filter(|p| p.role == Role::Value) {
                let chars: Vec<char> = p
                    .text
                    .chars()
                    .filter(|c| c.is_ascii_digit() || *c == '+')
                    .collect();
                let mut groups = Vec::new();
                let mut at = 0;
                for &g in &p.groups {
                    let group: Vec<String> = chars[at..at + g]
                        .iter()
                        .map(|c| match c {
                            '+' => "plus".to_string(),
                            c => [
                                zero, "one", "two", "three", "four", "five", "six", "seven",
                                "eight", "nine",
                            ][c.to_digit(10).unwrap() as usize]
                                .to_string(),
                        })
                        .collect();
                    groups.push(group.join(inner).replace(&format!("plus{inner}"), "plus "));
                    at += g;
                }
                p.text = groups.join(outer);
            }
        }
        Transform::FullWidth => {
            for p in pieces
                .iter_mut()
                .filter(|p| matches!(p.role, Role::Value | Role::Channel))
            {
                p.text = fullwidth(&p.text);
            }
        }
        t if t.digit_form() => {
            let f = digit_form(t, rng.below(2));
            for p in pieces.iter_mut().filter(|p| p.role == Role::Value) {
                p.text = map_digits(&p.text, &*f);
            }
        }
        t if t.grouping() || t.char_split() => {
            let emoji = ["🌸", "⭐", "✨", "💕", "🍀", "🌟"];
            let punct = *rng.pick(&["-", ".", "·", "/", "|"]);
            let one_emoji = *rng.pick(&emoji);
            let mut sep = |rng: &mut Rng| -> String {
                match t {
                    Transform::GroupSpace | Transform::CharSpace => " ".to_string(),
                    Transform::GroupDash => "-".to_string(),
                    Transform::GroupDot => ".".to_string(),
                    Transform::GroupNewline | Transform::CharNewline => "\n".to_string(),
                    Transform::CharPunct => punct.to_string(),
                    _ => {
                        if rng.chance(70) {
                            one_emoji.to_string()
                        } else {
                            rng.pick(&emoji).to_string()
                        }
                    }
                }
            };
            for p in pieces.iter_mut().filter(|p| p.role == Role::Value) {
                if t.grouping() {
                    if p.groups.len() < 2 {
                        continue;
                    }
                    let (prefix, digits) = letter_prefix(&p.text);
                    let chars: Vec<char> = digits
                        .chars()
                        .filter(|c| c.is_ascii_digit() || *c == '+')
                        .collect();
                    let mut out = prefix.to_string();
                    let mut at = 0;
                    for (i, &g) in p.groups.iter().enumerate() {
                        if i > 0 {
                            out.push_str(&sep(rng));
                        }
                        out.extend(&chars[at..at + g]);
                        at += g;
                    }
                    p.text = out;
                } else {
                    let stripped: String = if p.groups.is_empty() {
                        p.text.clone()
                    } else {
                        p.text
                            .chars()
                            .filter(|c| c.is_ascii_alphanumeric() || *c == '+')
                            .collect()
                    };
                    // A '+' stays with the country code: nobody writes "+ 8 5 2".
                    let (plus, body) = match stripped.strip_prefix('+') {
                        Some(rest) => ("+", rest),
                        None => ("", stripped.as_str()),
                    };
                    p.text = format!("{plus}{}", interleave(body, rng, true, &mut sep));
                }
            }
        }
        Transform::Invisible => {
            let mut sep = |rng: &mut Rng| rng.pick(INVISIBLES).to_string();
            for p in pieces
                .iter_mut()
                .filter(|p| matches!(p.role, Role::Value | Role::Channel))
            {
                p.text = interleave(&p.text, rng, false, &mut sep);
            }
        }
        Transform::Homoglyph => {
            let mut changed = false;
            for p in pieces
                .iter_mut()
                .filter(|p| matches!(p.role, Role::Value | Role::Channel))
            {
                p.text = p
                    .text
                    .chars()
                    .map(|c| match homoglyph(c, rng) {
                        Some(h) if rng.chance(50) => {
                            changed = true;
                            h
                        }
                        _ => c,
                    })
                    .collect();
            }
            if !changed {
                return false;
            }
        }
        Transform::Traditional => {
            for p in pieces.iter_mut() {
                p.text = traditional_text(&p.text, rng);
            }
            return pieces.iter().zip(&before).any(|(p, b)| p.text != *b);
        }
        Transform::Homophone => {
            for p in pieces.iter_mut().filter(|p| p.role == Role::Channel) {
                let options = homophones(&p.text);
                if !options.is_empty() {
                    p.text = rng.pick(options).to_string();
                }
            }
        }
        Transform::SplitChannel => {
            let sep = *rng.pick(&["/", "-", "·", "|", "🌸", "\n", " ", "❤"]);
            for p in pieces.iter_mut().filter(|p| p.role == Role::Channel) {
                p.text = interleave(&p.text, rng, true, &mut |_| sep.to_string());
            }
        }
        Transform::EmojiStandIn => {
            for p in pieces.iter_mut() {
                match p.role {
                    Role::Channel => {
                        let options = standins(&p.text);
                        if !options.is_empty() {
                            p.text = rng.pick(options).to_string();
                        } else if p.text.starts_with('加') {
                            let by = *rng.pick(standins("加"));
                            p.text = p.text.replacen('加', by, 1);
                        }
                    }
                    Role::Glue => {
                        for word in ["电话", "手机号", "手机", "热线", "致电", "加", "搜"]
                        {
                            if p.text.contains(word) {
                                let by = *rng.pick(standins(word));
                                p.text = p.text.replacen(word, by, 1);
                                break;
                            }
                        }
                    }
                    _ => {}
                }
            }
        }
        Transform::DotWord => {
            let dot = *rng.pick(&["点", " dot ", "。", "(dot)", "[.]", "．"]);
            for p in pieces.iter_mut().filter(|p| p.role == Role::Value) {
                // Only the host's dots: a path keeps its own.
                let (scheme, rest) = match p.text.find("://") {
                    Some(i) => p.text.split_at(i + 3),
                    None => ("", p.text.as_str()),
                };
                let (host, path) = match rest.find('/') {
                    Some(i) => rest.split_at(i),
                    None => (rest, ""),
                };
                p.text = format!("{scheme}{}{path}", host.replace('.', dot));
            }
        }
        Transform::AtWord => {
            let at = *rng.pick(&[" at ", "#", "艾特", "(at)", "[at]", "圈a"]);
            for p in pieces.iter_mut().filter(|p| p.role == Role::Value) {
                p.text = p.text.replace('@', at);
            }
        }
        _ => unreachable!(),
    }
    contact_changed(pieces)
}

// ---------------------------------------------------------------------------
// Cases.

/// One generated message and the char ranges its block findings must cover.
#[derive(Clone, Debug)]
pub struct Case {
    pub text: String,
    pub context: Context,
    pub cover: Vec<Range<usize>>,
}

fn assemble(pieces: &[Piece], context: Context) -> Case {
    let mut text = String::new();
    let mut cover = Vec::new();
    let mut at = 0;
    for p in pieces {
        let n = p.text.chars().count();
        if p.cover && n > 0 {
            cover.push(at..at + n);
        }
        text.push_str(&p.text);
        at += n;
    }
    Case {
        text,
        context,
        cover,
    }
}

/// A positive case, or `None` when the transform does not apply.
pub fn positive(family: Family, t: Transform, context: Context, rng: &mut Rng) -> Option<Case> {
    if !applies(family, t) {
        return None;
    }
    let english =
        t == Transform::EnglishSpelled || (t.english_ok() && has_english(family) && rng.chance(25));
    let lang = if english { Lang::En } else { Lang::Zh };
    let shape = match t {
        Transform::IdBefore => Shape::IdBefore,
        Transform::Pieces => Shape::Pieces,
        Transform::EnglishSpelled => Shape::Spelled,
        _ => Shape::Normal,
    };
    let phrase = contact(family, shape, lang, rng);
    let mut pieces = wrap(context, lang, phrase, rng);
    if !apply(t, &mut pieces, rng) {
        return None;
    }
    Some(assemble(&pieces, context))
}

const TOPIC_TEMPLATES: &[(&str, &[&str])] = &[
    (
        "这个价格比{CH}便宜多了，放心买～",
        &["淘宝", "京东", "拼多多"],
    ),
    ("退款会原路退回{CH}支付，1-3个工作日到账。", &["微信"]),
    (
        "{CH}同款的那种是仿的，我们家是正品，有质检报告。",
        &["抖音", "快手", "拼多多"],
    ),
    (
        "{CH}上搜不到我们是正常的，我们只在小红书卖。",
        &["淘宝", "抖音", "京东"],
    ),
    ("{CH}的物流确实快，我们这边也是顺丰发货。", &["京东"]),
    (
        "这款在{CH}上被炒到很高的价格，我们这里原价卖。",
        &["闲鱼", "得物"],
    ),
    (
        "是{CH}店吗？不是的亲，我们只有小红书店铺。",
        &["淘宝", "拼多多"],
    ),
    (
        "{CH}里怎么设置我们也不太清楚呢，建议问问官方客服。",
        &["微信"],
    ),
    (
        "很多顾客是在{CH}上刷到我们的视频来的～",
        &["抖音", "微博", "B站"],
    ),
    ("可以用{CH}支付，也可以用花呗分期。", &["微信"]),
];

fn negative_pieces(kind: Negative, rng: &mut Rng) -> Vec<Piece> {
    let value = |s: String| Piece::new(s, Role::Value, false);
    let text = |s: &str| Piece::new(s, Role::Carrier, false);
    match kind {
        Negative::Topic => {
            let (t, words) = *rng.pick(TOPIC_TEMPLATES);
            let ch = *rng.pick(words);
            let (a, b) = t.split_once("{CH}").unwrap();
            vec![text(a), Piece::new(ch, Role::Channel, false), text(b)]
        }
        Negative::OrderNo => {
            let n = if rng.chance(30) {
                format!("P{}{}", rng.nonzero(), rng.digits(17))
            } else {
                let len = rng.range(16, 19);
                format!(
                    "{}{}",
                    char::from(b'2' + rng.below(8) as u8),
                    rng.digits(len - 1)
                )
            };
            let digits = n.chars().filter(char::is_ascii_digit).count();
            let mut groups = vec![4; digits / 4];
            if digits % 4 > 0 {
                groups.push(digits % 4);
            }
            let v = number(n, groups, false);
            let (a, b) = *rng.pick(&[
                ("您的订单号", "已经发货啦，请留意物流～"),
                ("订单", "的退款已经处理好了，注意查收。"),
                ("麻烦核对一下订单编号：", "，没问题的话今天就发。"),
                ("亲，订单号是", "对吧？已经帮您备注了。"),
            ]);
            vec![text(a), v, text(b)]
        }
        Negative::Courier => {
            let (company, prefix, len) = *rng.pick(&[
                ("顺丰", "SF", 13),
                ("圆通", "YT", 13),
                ("极兔", "JT", 13),
                ("中通", "75", 12),
                ("韵达", "43", 13),
                ("京东快递", "JDX", 12),
                ("EMS", "98", 11),
            ]);
            let n = format!("{prefix}{}", rng.digits(len));
            let digits = n.chars().filter(char::is_ascii_digit).count();
            let mut groups = vec![4; digits / 4];
            if digits % 4 > 0 {
                groups.push(digits % 4);
            }
            let v = number(n, groups, false);
            if rng.chance(50) {
                vec![
                    text(&format!("已经发{company}了，单号")),
                    v,
                    text("，明天应该能到。"),
                ]
            } else {
                vec![
                    text("快递单号："),
                    v,
                    text(&format!("（{company}），可以查物流了哦～")),
                ]
            }
        }
        Negative::Price => {
            let a = rng.range(59, 2999);
            let b = a * rng.range(60, 90) / 100;
            match rng.below(3) {
                0 => vec![
                    text("这款原价"),
                    value(a.to_string()),
                    text("元，现在活动价"),
                    value(b.to_string()),
                    text("元，很划算的。"),
                ],
                1 => vec![
                    text("到手价¥"),
                    value(b.to_string()),
                    text("，包邮包运费险～"),
                ],
                _ => vec![
                    text("定金"),
                    value((a / 10).to_string()),
                    text("元，尾款"),
                    value(b.to_string()),
                    text("元，月底发货。"),
                ],
            }
        }
        Negative::Date => {
            let m = rng.range(1, 12);
            let d = rng.range(1, 28);
            match rng.below(3) {
                0 => vec![
                    text("预计"),
                    value(format!("{m}月{d}日")),
                    text("发货，预售款请耐心等待。"),
                ],
                1 => vec![
                    text("活动截止到"),
                    value(format!("2025-{m:02}-{d:02}")),
                    text("，过期恢复原价。"),
                ],
                _ => vec![
                    text("我们"),
                    value(format!("2026年{m}月{d}号")),
                    text("正常营业，欢迎到店。"),
                ],
            }
        }
        Negative::Time => {
            let h = rng.range(8, 11);
            let e = rng.range(18, 22);
            match rng.below(3) {
                0 => vec![
                    text("营业时间"),
                    value(format!("{h}:{:02}-{e}:00", rng.pick(&[0, 30]))),
                    text("，节假日不休息。"),
                ],
                1 => vec![
                    text("下午"),
                    value(rng.range(2, 5).to_string()),
                    text("点前下单当天发货哦～"),
                ],
                _ => vec![
                    text("今晚"),
                    value(format!("{}:{:02}", rng.range(19, 21), rng.pick(&[0, 30]))),
                    text("直播上新，记得来看～"),
                ],
            }
        }
        Negative::Quantity => match rng.below(4) {
            0 => vec![
                text("满"),
                value(rng.range(2, 5).to_string()),
                text("件包邮哦～"),
            ],
            1 => vec![
                text("库存只剩"),
                value(rng.range(3, 99).to_string()),
                text("件了，喜欢的抓紧。"),
            ],
            2 => vec![
                text("一箱"),
                value(rng.range(6, 24).to_string()),
                text("瓶，保质期"),
                value(rng.range(6, 18).to_string()),
                text("个月。"),
            ],
            _ => vec![
                text("这瓶是"),
                value(rng.pick(&[30, 50, 100, 150, 250, 500]).to_string()),
                text("ml的，够用三个月。"),
            ],
        },
    }
}

/// A negative case, or `None` when the transform does not apply.
pub fn negative(kind: Negative, t: Transform, context: Context, rng: &mut Rng) -> Option<Case> {
    if !applies_negative(kind, t) {
        return None;
    }
    // The transforms act on the number or the topic word here.
    let mut pieces = negative_pieces(kind, rng);
    if !apply(t, &mut pieces, rng) {
        return None;
    }
    Some(assemble(&pieces, context))
}

// ---------------------------------------------------------------------------
// Running the matrix.

/// One generated message the checker got wrong.
#[derive(Clone, Debug)]
pub struct Miss {
    pub context: Context,
    pub text: String,
    /// What had to be covered (positives), as text.
    pub expected: Vec<String>,
    /// The block findings, as `category "text" start..end`.
    pub blocks: Vec<String>,
}

/// The counts of one (row, transform) cell.
#[derive(Clone, Debug, Default)]
pub struct Cell {
    pub cases: usize,
    /// Positives: blocked with the contact covered. Negatives: blocked (false blocks).
    pub hits: usize,
    /// Positives: blocked at all (whether or not the span covers the contact).
    pub blocked: usize,
    /// `[cases, hits]` per context, in the order of `Context::ALL`.
    pub by_context: [[usize; 2]; 3],
    pub misses: Vec<Miss>,
}

impl Cell {
    pub fn rate(&self) -> f64 {
        if self.cases == 0 {
            0.0
        } else {
            self.hits as f64 / self.cases as f64
        }
    }
}

/// The whole matrix: `positives[(family, transform)]`, `negatives[(kind, transform)]`.
#[derive(Clone, Debug, Default)]
pub struct Matrix {
    pub seed: u64,
    pub per_cell: usize,
    pub positives: BTreeMap<(Family, Transform), Cell>,
    pub negatives: BTreeMap<(Negative, Transform), Cell>,
}

fn block_mask(report: &Report, len: usize) -> Vec<bool> {
    let mut mask = vec![false; len];
    for f in report
        .findings
        .iter()
        .filter(|f| f.severity == Severity::Block)
    {
        for m in mask.iter_mut().take(f.end.min(len)).skip(f.start) {
            *m = true;
        }
    }
    mask
}

fn describe_blocks(report: &Report) -> Vec<String> {
    report
        .findings
        .iter()
        .filter(|f| f.severity == Severity::Block)
        .map(|f| {
            format!(
                "{} {:?} {}..{}",
                f.category.as_str(),
                f.text,
                f.start,
                f.end
            )
        })
        .collect()
}

/// Whether the report blocks and its block findings cover every non-space
/// char of the case's contact.
pub fn judge(case: &Case, report: &Report) -> (bool, bool) {
    let blocked = report.verdict == Verdict::Block;
    let chars: Vec<char> = case.text.chars().collect();
    let mask = block_mask(report, chars.len());
    let covered = case
        .cover
        .iter()
        .all(|r| r.clone().all(|i| mask[i] || chars[i].is_whitespace()));
    (blocked, blocked && covered)
}

fn draw(
    seed: u64,
    row: &str,
    t: Transform,
    index: usize,
    make: &dyn Fn(Context, &mut Rng) -> Option<Case>,
) -> Option<Case> {
    let context = Context::ALL[index % Context::ALL.len()];
    // A transform may leave a particular draw unchanged (a homophone for a
    // channel word that has none): draw again, a bounded number of times.
    (0..40).find_map(|attempt| {
        let mut rng = case_rng(seed, row, t.key(), index, attempt);
        make(context, &mut rng)
    })
}

/// Which cell of the matrix a case belongs to.
#[derive(Clone, Copy, Debug)]
pub enum CellKey {
    Positive(Family, Transform),
    Negative(Negative, Transform),
}

/// Calls `each(cell, index, case)` for the `per_cell` cases of every
/// applicable cell, positives first, in the order the matrix runs them.
pub fn for_each_case(seed: u64, per_cell: usize, mut each: impl FnMut(CellKey, usize, &Case)) {
    for family in Family::ALL {
        for t in Transform::ALL.into_iter().filter(|&t| applies(family, t)) {
            for i in 0..per_cell {
                let make = |c: Context, rng: &mut Rng| positive(family, t, c, rng);
                if let Some(case) = draw(seed, family.name(), t, i, &make) {
                    each(CellKey::Positive(family, t), i, &case);
                }
            }
        }
    }
    for kind in Negative::ALL {
        for t in Transform::ALL
            .into_iter()
            .filter(|&t| applies_negative(kind, t))
        {
            for i in 0..per_cell {
                let make = |c: Context, rng: &mut Rng| negative(kind, t, c, rng);
                if let Some(case) = draw(seed, kind.name(), t, i, &make) {
                    each(CellKey::Negative(kind, t), i, &case);
                }
            }
        }
    }
}

/// Runs `per_cell` cases in every applicable cell; keeps up to `keep_misses`
/// misses per cell.
pub fn run(checker: &Checker, seed: u64, per_cell: usize, keep_misses: usize) -> Matrix {
    let mut matrix = Matrix {
        seed,
        per_cell,
        ..Matrix::default()
    };
    for_each_case(seed, per_cell, |key, i, case| {
        let report = check(checker, case);
        let (cell, hit) = match key {
            CellKey::Positive(family, t) => {
                let (blocked, hit) = judge(case, &report);
                let cell = matrix.positives.entry((family, t)).or_default();
                cell.blocked += usize::from(blocked);
                (cell, hit)
            }
            CellKey::Negative(kind, t) => {
                let blocked = report.verdict == Verdict::Block;
                let cell = matrix.negatives.entry((kind, t)).or_default();
                cell.blocked += usize::from(blocked);
                (cell, blocked)
            }
        };
        cell.by_context[i % 3][0] += 1;
        cell.by_context[i % 3][1] += usize::from(hit);
        cell.cases += 1;
        cell.hits += usize::from(hit);
        // A positive's miss is a case it did not hit; a negative's, one it blocked.
        let missed = matches!(key, CellKey::Positive(..)) != hit;
        if missed && cell.misses.len() < keep_misses {
            cell.misses.push(miss(case, &report));
        }
    });
    matrix
}

fn check(checker: &Checker, case: &Case) -> Report {
    checker.check(&case.text, &CheckOptions::new(case.context))
}

fn miss(case: &Case, report: &Report) -> Miss {
    let chars: Vec<char> = case.text.chars().collect();
    Miss {
        context: case.context,
        text: case.text.clone(),
        expected: case
            .cover
            .iter()
            .map(|r| chars[r.clone()].iter().collect())
            .collect(),
        blocks: describe_blocks(report),
    }
}

// ---------------------------------------------------------------------------
// Reports.

fn rate_cell(cell: Option<&Cell>) -> String {
    match cell {
        None => "·".to_string(),
        Some(c) if c.cases == 0 => "·".to_string(),
        Some(c) => format!("{:.2}", c.rate()),
    }
}

fn total<'a>(cells: impl Iterator<Item = &'a Cell>) -> Cell {
    let mut t = Cell::default();
    for c in cells {
        t.cases += c.cases;
        t.hits += c.hits;
        t.blocked += c.blocked;
        for (sum, one) in t.by_context.iter_mut().zip(&c.by_context) {
            sum[0] += one[0];
            sum[1] += one[1];
        }
    }
    t
}

fn by_context(cell: &Cell) -> String {
    Context::ALL
        .iter()
        .zip(&cell.by_context)
        .map(|(c, [n, h])| format!("{} {:.3}", c.as_str(), *h as f64 / (*n).max(1) as f64))
        .collect::<Vec<_>>()
        .join(", ")
}

/// The recall table (rows transforms, columns families) and the false-block
/// table, in Markdown.
pub fn markdown(m: &Matrix) -> String {
    let mut out = String::from("## Recall\n\n");
    let _ = writeln!(
        out,
        "Recall per contact kind × disguise: the share of messages that block with the contact \
         covered by block findings (seed {:#x}, {} cases per cell, contexts welcome / auto_reply / \
         dm in turn; `·` = not applicable).\n",
        m.seed, m.per_cell
    );
    out.push_str("| transform |");
    for f in Family::ALL {
        let _ = write!(out, " {} |", f.name());
    }
    out.push_str(" all |\n|---|");
    for _ in 0..=Family::ALL.len() {
        out.push_str("---:|");
    }
    out.push('\n');
    for t in Transform::ALL {
        let _ = write!(out, "| {} |", t.name());
        for f in Family::ALL {
            let _ = write!(out, " {} |", rate_cell(m.positives.get(&(f, t))));
        }
        let row = total(m.positives.iter().filter(|(k, _)| k.1 == t).map(|(_, c)| c));
        let _ = writeln!(out, " {} |", rate_cell(Some(&row)));
    }
    out.push_str("| **all** |");
    for f in Family::ALL {
        let col = total(m.positives.iter().filter(|(k, _)| k.0 == f).map(|(_, c)| c));
        let _ = write!(out, " **{}** |", rate_cell(Some(&col)));
    }
    let all = total(m.positives.values());
    let _ = writeln!(out, " **{}** |", rate_cell(Some(&all)));
    let blocked: usize = m.positives.values().map(|c| c.blocked).sum();
    let _ = writeln!(
        out,
        "\nOverall: {} of {} positives blocked with the contact covered ({:.3}); {} blocked at all ({:.3}). \
         By context: {}.\n",
        all.hits,
        all.cases,
        all.rate(),
        blocked,
        blocked as f64 / all.cases.max(1) as f64,
        by_context(&all)
    );

    out.push_str(
        "## False blocks on negatives\n\nThe share of negatives that block (target 0: none).\n\n| transform |",
    );
    for k in Negative::ALL {
        let _ = write!(out, " {} |", k.name());
    }
    out.push_str(" all |\n|---|");
    for _ in 0..=Negative::ALL.len() {
        out.push_str("---:|");
    }
    out.push('\n');
    for t in Transform::ALL {
        if !Negative::ALL.iter().any(|&k| applies_negative(k, t)) {
            continue;
        }
        let _ = write!(out, "| {} |", t.name());
        for k in Negative::ALL {
            let _ = write!(out, " {} |", rate_cell(m.negatives.get(&(k, t))));
        }
        let row = total(m.negatives.iter().filter(|(k, _)| k.1 == t).map(|(_, c)| c));
        let _ = writeln!(out, " {} |", rate_cell(Some(&row)));
    }
    let neg = total(m.negatives.values());
    let _ = writeln!(
        out,
        "\nOverall: {} of {} negatives blocked ({:.3}). By context: {}.",
        neg.hits,
        neg.cases,
        neg.rate(),
        by_context(&neg)
    );
    out
}

/// The misses kept per cell, worst cells first.
pub fn misses_markdown(m: &Matrix) -> String {
    let mut out = String::new();
    let mut cells: Vec<_> = m
        .positives
        .iter()
        .filter(|(_, c)| !c.misses.is_empty())
        .collect();
    cells.sort_by(|a, b| a.1.rate().total_cmp(&b.1.rate()));
    for ((f, t), c) in cells {
        let _ = writeln!(
            out,
            "\n### {} × {} — {}/{} ({} blocked)\n",
            f.name(),
            t.name(),
            c.hits,
            c.cases,
            c.blocked
        );
        for miss in &c.misses {
            let _ = writeln!(
                out,
                "- [{}] `{:?}` must cover {:?}; block findings: {:?}",
                miss.context.as_str(),
                miss.text,
                miss.expected,
                miss.blocks
            );
        }
    }
    let mut negs: Vec<_> = m
        .negatives
        .iter()
        .filter(|(_, c)| !c.misses.is_empty())
        .collect();
    negs.sort_by(|a, b| b.1.rate().total_cmp(&a.1.rate()));
    for ((k, t), c) in negs {
        let _ = writeln!(
            out,
            "\n### negative {} × {} — {}/{} blocked\n",
            k.name(),
            t.name(),
            c.hits,
            c.cases
        );
        for miss in &c.misses {
            let _ = writeln!(
                out,
                "- [{}] `{:?}`; block findings: {:?}",
                miss.context.as_str(),
                miss.text,
                miss.blocks
            );
        }
    }
    out
}

// ---------------------------------------------------------------------------
// The baseline.

/// The baseline's lines: `pos<TAB>family<TAB>transform<TAB>floor%` (recall,
/// rounded down) and `neg<TAB>kind<TAB>transform<TAB>ceiling%` (false blocks,
/// rounded up).
pub fn baseline_tsv(m: &Matrix) -> String {
    let mut out = format!(
        "# The disguise matrix's floors for `cargo test --test disguise` (seed {:#x}, {} cases per cell).\n\
         # pos: recall in percent, rounded down (a cell may not fall below it).\n\
         # neg: false blocks in percent, rounded up (a cell may not rise above it).\n\
         # Regenerate after improving the engine: DMLINT_UPDATE_BASELINE=1 cargo test --test disguise\n",
        m.seed, m.per_cell
    );
    for ((f, t), c) in &m.positives {
        let _ = writeln!(
            out,
            "pos\t{}\t{}\t{}",
            f.name(),
            t.key(),
            c.hits * 100 / c.cases.max(1)
        );
    }
    for ((k, t), c) in &m.negatives {
        let _ = writeln!(
            out,
            "neg\t{}\t{}\t{}",
            k.name(),
            t.key(),
            (c.hits * 100).div_ceil(c.cases.max(1))
        );
    }
    out
}

/// Compares a run against a baseline; returns the problems found.
pub fn compare(m: &Matrix, baseline: &str) -> Vec<String> {
    let mut floors: BTreeMap<(String, String, String), usize> = BTreeMap::new();
    for line in baseline.lines() {
        if line.starts_with('#') || line.trim().is_empty() {
            continue;
        }
        let fields: Vec<&str> = line.split('\t').collect();
        if fields.len() != 4 {
            return vec![format!(
                "baseline line is not 4 tab-separated fields: {line:?}"
            )];
        }
        let Ok(p) = fields[3].parse() else {
            return vec![format!("baseline percent is not a number: {line:?}")];
        };
        floors.insert((fields[0].into(), fields[1].into(), fields[2].into()), p);
    }
    let mut problems = Vec::new();
    let mut seen = Vec::new();
    for ((f, t), c) in &m.positives {
        let key = ("pos".to_string(), f.name().to_string(), t.key().to_string());
        match floors.get(&key) {
            None => problems.push(format!(
                "{} × {}: not in the baseline (update it)",
                f.name(),
                t.key()
            )),
            Some(&floor) if c.hits * 100 < floor * c.cases => problems.push(format!(
                "{} × {}: recall {}/{} ({:.2}) fell below the baseline's {}%",
                f.name(),
                t.key(),
                c.hits,
                c.cases,
                c.rate(),
                floor
            )),
            Some(_) => {}
        }
        seen.push(key);
    }
    for ((k, t), c) in &m.negatives {
        let key = ("neg".to_string(), k.name().to_string(), t.key().to_string());
        match floors.get(&key) {
            None => problems.push(format!(
                "negative {} × {}: not in the baseline (update it)",
                k.name(),
                t.key()
            )),
            Some(&ceiling) if c.hits * 100 > ceiling * c.cases => problems.push(format!(
                "negative {} × {}: {}/{} false blocks, above the baseline's {}%",
                k.name(),
                t.key(),
                c.hits,
                c.cases,
                ceiling
            )),
            Some(_) => {}
        }
        seen.push(key);
    }
    for key in floors.keys() {
        if !seen.contains(key) {
            problems.push(format!(
                "{} {} × {}: in the baseline but no longer generated (update it)",
                key.0, key.1, key.2
            ));
        }
    }
    problems
}
