//! The benchmark messages, generated deterministically from realistic pieces;
//! shared by `benches/engine.rs` and `examples/instructions.rs`.

/// Pieces a merchant's messages are made of, by kind.
pub const CLEAN_ZH: &[&str] = &[
    "亲爱的，欢迎来到栖月美学～我们主做皮肤管理、头皮护理和美睫，",
    "所有项目都会先做一次免费的皮肤检测，再由护理师根据您的肤质推荐方案。",
    "营业时间是每天上午到晚上，周三下午会做店内消毒，可能需要稍微等一下。",
    "预约的话点击下方名片选好时间就可以，到店前半小时我们会在这里提醒您。",
];
pub const WARN_ZH: &[&str] = &[
    "这款挂毯宽60cm，挂在床头刚好，",
    "新客体验价98元，会员价¥499，",
    "我们的 signature 项目是小气泡清洁，",
    "地址是徐汇区天钥桥路580号，门口有个便利店。",
    "您的航班是MU5101，会员卡号是 8800213546。",
];
pub const BLOCK_ZH: &[&str] = &[
    "约时间加薇信：meimei_0812 哦，",
    "急单打 ①③⑧ 〇〇一三 八〇〇〇，",
    "资料包太大，你发我企鹅号，或者直接加我：３９２８１７４６５。",
    "同款拼多多更便宜，懂的都懂，",
    "注意事项视频点这个看：t.cn/A6xK9pQr。",
];
pub const MIXED_EN: &[&str] = &[
    "Welcome to Maple Realty! Let us know your budget and move-in date in this chat. ",
    "Our signature dumplings come 12 per plate for ¥38, and the soup bowl is about 500 ml. ",
    "For appointments, WhatsApp +86 186 2130 4477 or email frontdesk@smileclinic.sh.cn. ",
    "我们也说中文，欢迎私信。",
];

/// A message of about `chars` chars cycling through `pieces`.
pub fn message(pieces: &[&str], chars: usize) -> String {
    let mut out = String::new();
    let mut i = 0;
    while out.chars().count() < chars {
        out.push_str(pieces[i % pieces.len()]);
        i += 1;
    }
    out.chars().take(chars).collect()
}

pub fn kinds() -> [(&'static str, Vec<&'static str>); 4] {
    [
        ("clean_zh", CLEAN_ZH.to_vec()),
        ("warn_zh", [CLEAN_ZH, WARN_ZH].concat()),
        ("block_zh", [CLEAN_ZH, WARN_ZH, BLOCK_ZH].concat()),
        ("mixed_en", MIXED_EN.to_vec()),
    ]
}
