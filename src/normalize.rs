//! Normalisation with an offset map back to the original text.
//!
//! Disguises are undone here, once, so every matcher works on one canonical
//! form: NFKC (full-width, circled, parenthesised, math and keycap digits),
//! lower case, Cyrillic/Greek look-alikes, traditional forms of the key
//! characters, invisible characters and letter-spaced Latin ("W h a t s A p p").
//!
//! Every canonical char remembers the span of original chars it came from, so
//! findings are reported in the merchant's own text. One original char may
//! become several canonical chars ("⑩" → "10"); invisible chars (zero-width
//! joiners, variation selectors, the keycap combiner) are folded into the span
//! of the char before them; the spacers of letter-spaced words belong to no
//! span, and a finding around them covers them.
//!
//! Chinese numerals are *not* folded in the text — "一下" must stay a word —
//! but [`digit_value`] reads them as digits where the number finder looks.

use std::ops::Range;

use unicode_normalization::UnicodeNormalization;

/// A text in canonical form, with each canonical char's span in the original.
#[derive(Debug, Clone)]
pub struct Normalized {
    text: String,
    chars: Vec<char>,
    /// Byte offset of each canonical char in `text`, plus `text.len()` at the end.
    byte_offsets: Vec<u32>,
    /// Original char span of each canonical char: `[origin_start[i], origin_end[i])`.
    origin_start: Vec<u32>,
    origin_end: Vec<u32>,
    original_len: usize,
}

impl Normalized {
    pub fn new(original: &str) -> Self {
        let mut out = Builder::with_capacity(original.len());
        for (index, c) in original.chars().enumerate() {
            let index = index as u32;
            // Fast paths for the chars most text is made of: ASCII, CJK
            // ideographs (NFKC-stable, no case; only the traditional table
            // applies), CJK punctuation, and full-width forms (NFKC maps them
            // to ASCII by a fixed offset).
            match c {
                _ if c.is_ascii() => {
                    out.push(c.to_ascii_lowercase(), index);
                    continue;
                }
                '\u{4E00}'..='\u{9FFF}' | '\u{3400}'..='\u{4DBF}' => {
                    out.push(trad_to_simp(c).unwrap_or(c), index);
                    continue;
                }
                '\u{3001}'..='\u{3030}' => {
                    out.push(c, index);
                    continue;
                }
                '\u{FF01}'..='\u{FF5E}' => {
                    let ascii = char::from_u32(c as u32 - 0xFEE0).unwrap_or(c);
                    out.push(ascii.to_ascii_lowercase(), index);
                    continue;
                }
                _ => {}
            }
            if is_invisible(c) {
                out.absorb(index);
                continue;
            }
            match fold_special(c) {
                Some(folded) => out.push_str(folded, index),
                None => {
                    for n in std::iter::once(c).nfkc() {
                        for lower in n.to_lowercase() {
                            out.push(fold_lookalike(lower), index);
                        }
                    }
                }
            }
        }
        let original_len = original.chars().count();
        out.finish(original_len)
    }

    /// The canonical chars of each word, empty words left out: rule and cue
    /// words are matched in canonical form, like the text.
    pub fn words(words: &[String]) -> Vec<Vec<char>> {
        words
            .iter()
            .map(|w| Normalized::new(w).chars)
            .filter(|w| !w.is_empty())
            .collect()
    }

    /// The canonical text.
    pub fn text(&self) -> &str {
        &self.text
    }

    /// The canonical chars.
    pub fn chars(&self) -> &[char] {
        &self.chars
    }

    pub fn len(&self) -> usize {
        self.chars.len()
    }

    pub fn is_empty(&self) -> bool {
        self.chars.is_empty()
    }

    /// Number of chars of the original text.
    pub fn original_len(&self) -> usize {
        self.original_len
    }

    /// The canonical char index of a byte offset into [`Self::text`].
    pub fn char_index(&self, byte: usize) -> usize {
        match self.byte_offsets.binary_search(&(byte as u32)) {
            Ok(i) => i,
            Err(i) => i.saturating_sub(1),
        }
    }

    /// The byte range in [`Self::text`] of a canonical char range.
    pub fn byte_range(&self, chars: Range<usize>) -> Range<usize> {
        self.byte_offsets[chars.start] as usize..self.byte_offsets[chars.end] as usize
    }

    /// The canonical text of a canonical char range.
    pub fn slice(&self, chars: Range<usize>) -> &str {
        &self.text[self.byte_range(chars)]
    }

    /// The original char span covered by a non-empty canonical char range.
    pub fn original_span(&self, chars: Range<usize>) -> Range<usize> {
        debug_assert!(chars.start < chars.end && chars.end <= self.len());
        self.origin_start[chars.start] as usize..self.origin_end[chars.end - 1] as usize
    }
}

#[derive(Default)]
struct Builder {
    chars: Vec<char>,
    origin_start: Vec<u32>,
    origin_end: Vec<u32>,
    /// Invisible chars seen before the first visible one: they join its span.
    leading_invisible: Option<u32>,
}

impl Builder {
    /// Room for `bytes` chars: the canonical form has about as many chars as
    /// the original has bytes at most, except for rare one-to-many folds.
    fn with_capacity(bytes: usize) -> Builder {
        Builder {
            chars: Vec::with_capacity(bytes),
            origin_start: Vec::with_capacity(bytes),
            origin_end: Vec::with_capacity(bytes),
            leading_invisible: None,
        }
    }

    fn push(&mut self, c: char, index: u32) {
        let start = self.leading_invisible.take().unwrap_or(index);
        self.chars.push(c);
        self.origin_start.push(start);
        self.origin_end.push(index + 1);
    }

    fn push_str(&mut self, s: &str, index: u32) {
        for c in s.chars() {
            self.push(c, index);
        }
    }

    fn absorb(&mut self, index: u32) {
        match self.origin_end.last_mut() {
            Some(end) => *end = index + 1,
            None => {
                self.leading_invisible.get_or_insert(index);
            }
        }
    }

    fn finish(mut self, original_len: usize) -> Normalized {
        collapse_letter_spacing(&mut self);
        if let (Some(end), true) = (self.origin_end.last_mut(), original_len > 0) {
            // Trailing invisible chars were absorbed already; make the cover exact.
            *end = (*end).max(original_len as u32);
        }
        let mut text = String::with_capacity(self.chars.len() * 3);
        let mut byte_offsets = Vec::with_capacity(self.chars.len() + 1);
        for &c in &self.chars {
            byte_offsets.push(text.len() as u32);
            text.push(c);
        }
        byte_offsets.push(text.len() as u32);
        Normalized {
            text,
            chars: self.chars,
            byte_offsets,
            origin_start: self.origin_start,
            origin_end: self.origin_end,
            original_len,
        }
    }
}

/// Separators that people put between the letters of a word to hide it.
fn is_letter_spacer(c: char) -> bool {
    matches!(
        c,
        ' ' | '·' | '.' | '-' | '_' | '*' | '•' | '・' | '\u{3000}'
    )
}

fn is_latin(c: char) -> bool {
    c.is_ascii_alphabetic()
}

pub fn is_han(c: char) -> bool {
    matches!(c, '\u{4E00}'..='\u{9FFF}' | '\u{3400}'..='\u{4DBF}' | '\u{F900}'..='\u{FAFF}' | '\u{20000}'..='\u{2FA1F}')
}

/// Joins single Latin letters separated by one or two spacers — "w h a t s a p p",
/// "v x", "v·x" — a single letter spaced from a Han char ("v 信"), and Han
/// chars spaced apart ("加 我 微 信", "微*信"): Chinese puts no spaces between
/// words, so a spacer between two Han chars is a disguise or noise. Latin words
/// of two or more letters are left apart, so "i am" stays two words.
fn collapse_letter_spacing(b: &mut Builder) {
    if !b.chars.iter().any(|&c| is_letter_spacer(c)) {
        return;
    }
    let chars = &b.chars;
    let single = |i: usize| {
        is_latin(chars[i])
            && (i == 0 || !is_latin(chars[i - 1]))
            && (i + 1 >= chars.len() || !is_latin(chars[i + 1]))
    };
    let mut remove = vec![false; chars.len()];
    let mut i = 1;
    while i < chars.len() {
        if !is_letter_spacer(chars[i]) {
            i += 1;
            continue;
        }
        let run_end = (i..chars.len())
            .find(|&j| !is_letter_spacer(chars[j]))
            .unwrap_or(chars.len());
        let run_len = run_end - i;
        if run_len <= 2 && run_end < chars.len() {
            let (left, right) = (chars[i - 1], chars[run_end]);
            let right_is_single_letter =
                is_latin(right) && (run_end + 1 >= chars.len() || !is_latin(chars[run_end + 1]));
            let joins = (single(i - 1) && (right_is_single_letter || is_han(right)))
                || (is_han(left) && is_han(right));
            if joins {
                remove[i..run_end].iter_mut().for_each(|r| *r = true);
            }
        }
        i = run_end;
    }
    if !remove.contains(&true) {
        return;
    }
    // A removed spacer joins no span: a finding over the chars on both sides
    // covers it, and one that ends before it does not drag it along.
    // Compact in place: every kept char moves left over the removed ones.
    let mut write = 0;
    for (read, &gone) in remove.iter().enumerate() {
        if !gone {
            b.chars[write] = b.chars[read];
            b.origin_start[write] = b.origin_start[read];
            b.origin_end[write] = b.origin_end[read];
            write += 1;
        }
    }
    b.chars.truncate(write);
    b.origin_start.truncate(write);
    b.origin_end.truncate(write);
}

/// Chars that render as nothing: zero-width spaces and joiners, variation
/// selectors, the keycap combiner, bidi controls, tags, soft hyphens.
fn is_invisible(c: char) -> bool {
    matches!(c,
        '\u{00AD}' | '\u{180E}' | '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}'
        | '\u{2060}'..='\u{2064}' | '\u{2066}'..='\u{2069}' | '\u{FEFF}'
        | '\u{FE00}'..='\u{FE0F}' | '\u{20E3}' | '\u{E0020}'..='\u{E007F}'
        | '\u{E0100}'..='\u{E01EF}')
}

/// Folds NFKC leaves alone: dingbat and double-circled digits, the heavy plus.
fn fold_special(c: char) -> Option<&'static str> {
    const TEN: [&str; 10] = ["1", "2", "3", "4", "5", "6", "7", "8", "9", "10"];
    const ELEVEN_TO_TWENTY: [&str; 10] =
        ["11", "12", "13", "14", "15", "16", "17", "18", "19", "20"];
    let n = c as u32;
    match c {
        '\u{2776}'..='\u{277F}' => Some(TEN[(n - 0x2776) as usize]),
        '\u{2780}'..='\u{2789}' => Some(TEN[(n - 0x2780) as usize]),
        '\u{278A}'..='\u{2793}' => Some(TEN[(n - 0x278A) as usize]),
        '\u{24F5}'..='\u{24FE}' => Some(TEN[(n - 0x24F5) as usize]),
        '\u{24EB}'..='\u{24F4}' => Some(ELEVEN_TO_TWENTY[(n - 0x24EB) as usize]),
        '\u{24FF}' | '\u{1F10C}' => Some("0"),
        '\u{2795}' | '\u{FE62}' => Some("+"),
        _ => None,
    }
}

/// Cyrillic and Greek letters that look like Latin ones (lower case), and the
/// traditional forms of the characters that carry contact words.
fn fold_lookalike(c: char) -> char {
    match c {
        'а' | 'α' => 'a',
        'в' | 'β' => 'b',
        'с' | 'ϲ' => 'c',
        'ԁ' => 'd',
        'е' | 'ё' | 'ε' => 'e',
        'ɡ' => 'g',
        'һ' | 'н' => 'h',
        'і' | 'ї' | 'ι' | 'ı' => 'i',
        'ј' => 'j',
        'к' | 'κ' => 'k',
        'ӏ' => 'l',
        'м' => 'm',
        'η' => 'n',
        'о' | 'ο' | 'σ' => 'o',
        'р' | 'ρ' => 'p',
        'ԛ' => 'q',
        'ѕ' => 's',
        'т' | 'τ' => 't',
        'υ' => 'u',
        'ν' => 'v',
        'ԝ' | 'ω' => 'w',
        'х' | 'χ' => 'x',
        'у' | 'γ' => 'y',
        _ => trad_to_simp(c).unwrap_or(c),
    }
}

/// Traditional → simplified for the characters of contact, solicitation and
/// platform words (a full conversion table is not needed to match those),
/// sorted by the traditional char for binary search.
const TRADITIONAL: &[(char, char)] = &[
    ('來', '来'),
    ('係', '系'),
    ('個', '个'),
    ('們', '们'),
    ('備', '备'),
    ('價', '价'),
    ('優', '优'),
    ('動', '动'),
    ('務', '务'),
    ('區', '区'),
    ('協', '协'),
    ('參', '叁'),
    ('員', '员'),
    ('問', '问'),
    ('單', '单'),
    ('嗎', '吗'),
    ('國', '国'),
    ('圓', '圆'),
    ('圖', '图'),
    ('團', '团'),
    ('報', '报'),
    ('場', '场'),
    ('塊', '块'),
    ('媽', '妈'),
    ('學', '学'),
    ('實', '实'),
    ('寶', '宝'),
    ('對', '对'),
    ('導', '导'),
    ('層', '层'),
    ('屬', '属'),
    ('師', '师'),
    ('帳', '账'),
    ('幾', '几'),
    ('廣', '广'),
    ('後', '后'),
    ('愛', '爱'),
    ('態', '态'),
    ('應', '应'),
    ('戶', '户'),
    ('掃', '扫'),
    ('換', '换'),
    ('擊', '击'),
    ('時', '时'),
    ('書', '书'),
    ('會', '会'),
    ('東', '东'),
    ('條', '条'),
    ('業', '业'),
    ('樓', '楼'),
    ('標', '标'),
    ('樣', '样'),
    ('機', '机'),
    ('檢', '检'),
    ('歡', '欢'),
    ('氣', '气'),
    ('測', '测'),
    ('準', '准'),
    ('熱', '热'),
    ('現', '现'),
    ('療', '疗'),
    ('發', '发'),
    ('眾', '众'),
    ('碼', '码'),
    ('種', '种'),
    ('簡', '简'),
    ('簽', '签'),
    ('約', '约'),
    ('紅', '红'),
    ('紹', '绍'),
    ('結', '结'),
    ('絡', '络'),
    ('給', '给'),
    ('維', '维'),
    ('網', '网'),
    ('線', '线'),
    ('總', '总'),
    ('繫', '系'),
    ('羣', '群'),
    ('習', '习'),
    ('聯', '联'),
    ('臺', '台'),
    ('與', '与'),
    ('舖', '铺'),
    ('萬', '万'),
    ('藥', '药'),
    ('號', '号'),
    ('衛', '卫'),
    ('裏', '里'),
    ('裡', '里'),
    ('見', '见'),
    ('視', '视'),
    ('親', '亲'),
    ('覺', '觉'),
    ('訂', '订'),
    ('訊', '讯'),
    ('訪', '访'),
    ('診', '诊'),
    ('註', '注'),
    ('詢', '询'),
    ('話', '话'),
    ('該', '该'),
    ('說', '说'),
    ('課', '课'),
    ('談', '谈'),
    ('請', '请'),
    ('諮', '咨'),
    ('證', '证'),
    ('議', '议'),
    ('護', '护'),
    ('讓', '让'),
    ('豐', '丰'),
    ('貓', '猫'),
    ('貨', '货'),
    ('貳', '贰'),
    ('買', '买'),
    ('費', '费'),
    ('資', '资'),
    ('賣', '卖'),
    ('賬', '账'),
    ('購', '购'),
    ('車', '车'),
    ('載', '载'),
    ('轉', '转'),
    ('這', '这'),
    ('進', '进'),
    ('運', '运'),
    ('過', '过'),
    ('達', '达'),
    ('遞', '递'),
    ('還', '还'),
    ('郵', '邮'),
    ('醫', '医'),
    ('鋪', '铺'),
    ('錢', '钱'),
    ('鏈', '链'),
    ('長', '长'),
    ('門', '门'),
    ('開', '开'),
    ('間', '间'),
    ('關', '关'),
    ('陸', '陆'),
    ('際', '际'),
    ('電', '电'),
    ('韻', '韵'),
    ('項', '项'),
    ('預', '预'),
    ('頭', '头'),
    ('頻', '频'),
    ('題', '题'),
    ('飛', '飞'),
    ('騰', '腾'),
    ('驗', '验'),
    ('體', '体'),
    ('麵', '面'),
    ('麼', '么'),
    ('點', '点'),
];

fn trad_to_simp(c: char) -> Option<char> {
    // Most ideographs are not in the table: a bit test answers for them
    // without the binary search.
    let bit = (c as u32).wrapping_sub(IDEOGRAPHS_START) as usize;
    if bit < IDEOGRAPHS_LEN && TRADITIONAL_BITS[bit / 64] & (1 << (bit % 64)) == 0 {
        return None;
    }
    TRADITIONAL
        .binary_search_by_key(&c, |&(t, _)| t)
        .ok()
        .map(|i| TRADITIONAL[i].1)
}

/// The CJK Unified Ideographs block, where every traditional char of the
/// table lies.
const IDEOGRAPHS_START: u32 = 0x4E00;
const IDEOGRAPHS_LEN: usize = 0xA000 - 0x4E00;

/// One bit per ideograph: set for the traditional chars of [`TRADITIONAL`].
static TRADITIONAL_BITS: [u64; IDEOGRAPHS_LEN / 64] = {
    let mut bits = [0u64; IDEOGRAPHS_LEN / 64];
    let mut i = 0;
    while i < TRADITIONAL.len() {
        let bit = (TRADITIONAL[i].0 as u32 - IDEOGRAPHS_START) as usize;
        bits[bit / 64] |= 1 << (bit % 64);
        i += 1;
    }
    bits
};

/// The digit a char stands for where a number is being read: ASCII digits,
/// Chinese numerals (一 壹 幺, 两, 〇 零) and the ○ people type for zero.
pub fn digit_value(c: char) -> Option<u8> {
    Some(match c {
        '0'..='9' => c as u8 - b'0',
        '〇' | '零' | '○' => 0,
        '一' | '壹' | '幺' => 1,
        '二' | '贰' | '两' => 2,
        '三' | '叁' => 3,
        '四' | '肆' => 4,
        '五' | '伍' => 5,
        '六' | '陆' => 6,
        '七' | '柒' => 7,
        '八' | '捌' => 8,
        '九' | '玖' => 9,
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn canonical(s: &str) -> String {
        Normalized::new(s).text().to_string()
    }

    #[test]
    fn folds_width_circles_keycaps_and_math_digits() {
        assert_eq!(canonical("１３８"), "138");
        assert_eq!(canonical("①③⑧"), "138");
        assert_eq!(canonical("⑩"), "10");
        assert_eq!(canonical("❶❷"), "12");
        assert_eq!(canonical("1️⃣8️⃣"), "18");
        assert_eq!(canonical("𝟏𝟓𝟕"), "157");
        assert_eq!(canonical("⒈⒌"), "1.5.");
        assert_eq!(canonical("ＶＸ"), "vx");
    }

    #[test]
    fn folds_lookalikes_traditional_and_invisibles() {
        assert_eq!(canonical("Facebοok"), "facebook");
        assert_eq!(canonical("vх"), "vx");
        assert_eq!(canonical("微訊 聯繫"), "微讯联系");
        assert_eq!(canonical("微\u{200B}信"), "微信");
    }

    #[test]
    fn collapses_letter_spacing_only_for_single_letters() {
        assert_eq!(canonical("W h a t s A p p"), "whatsapp");
        assert_eq!(canonical("V 信"), "v信");
        assert_eq!(canonical("V·X"), "vx");
        assert_eq!(canonical("I am here"), "i am here");
        assert_eq!(canonical("加 我 微*信"), "加我微信");
        assert_eq!(canonical("欢迎 hello 光临"), "欢迎 hello 光临");
    }

    #[test]
    fn maps_back_to_original_spans() {
        let n = Normalized::new("加1️⃣8️⃣号");
        assert_eq!(n.text(), "加18号");
        assert_eq!(n.original_span(1..3), 1..7);
        let n = Normalized::new("⑩x");
        assert_eq!(n.original_span(0..2), 0..1);
        assert_eq!(n.original_span(2..3), 1..2);
        let n = Normalized::new("W h a t s");
        assert_eq!(n.original_span(0..n.len()), 0..9);
        let n = Normalized::new("加 我 微 信");
        assert_eq!(n.original_span(0..2), 0..3);
    }

    #[test]
    fn the_traditional_table_is_sorted_for_binary_search() {
        assert!(TRADITIONAL.windows(2).all(|w| w[0].0 < w[1].0));
        assert_eq!(trad_to_simp('聯'), Some('联'));
        assert_eq!(trad_to_simp('联'), None);
    }

    #[test]
    fn reads_chinese_numerals_as_digits() {
        let digits: Vec<u8> = "幺叁柒〇两".chars().filter_map(digit_value).collect();
        assert_eq!(digits, [1, 3, 7, 0, 2]);
        assert_eq!(digit_value('十'), None);
    }
}
