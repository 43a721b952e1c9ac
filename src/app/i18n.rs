//! The UI speaks Chinese by default and English at one click; every label is
//! written in both, side by side, where it is used.

use dmlint::rules::Bilingual;
use dmlint::{Category, Context, Severity, Verdict};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub enum UiLang {
    #[default]
    Zh,
    En,
}

impl UiLang {
    /// The label in this language.
    pub fn pick<'a>(self, zh: &'a str, en: &'a str) -> &'a str {
        match self {
            UiLang::Zh => zh,
            UiLang::En => en,
        }
    }

    pub fn text(self, text: &Bilingual) -> &str {
        self.pick(&text.zh, &text.en)
    }

    /// A rule's human name in this language, or its id where it has none.
    pub fn rule(self, rule: &dmlint::rules::Rule) -> &str {
        rule.label(match self {
            UiLang::Zh => dmlint::Language::Chinese,
            UiLang::En => dmlint::Language::English,
        })
    }

    pub fn other(self) -> UiLang {
        match self {
            UiLang::Zh => UiLang::En,
            UiLang::En => UiLang::Zh,
        }
    }

    pub fn verdict(self, verdict: Verdict) -> &'static str {
        match verdict {
            Verdict::Pass => self.pick("可以发送", "OK to send"),
            Verdict::Warn => self.pick("有风险", "Risky"),
            Verdict::Block => self.pick("会被判导流", "Will be judged 导流"),
        }
    }

    pub fn severity(self, severity: Severity) -> &'static str {
        match severity {
            Severity::Block => self.pick("会被判导流", "Blocks"),
            Severity::Warn => self.pick("可能被误判", "May be flagged"),
            Severity::Info => self.pick("提示", "Info"),
        }
    }

    pub fn context(self, context: Context) -> &'static str {
        match context {
            Context::Welcome => self.pick("欢迎语", "Welcome message"),
            Context::AutoReply => self.pick("自动回复", "Auto-reply"),
            Context::Dm => self.pick("私信", "DM"),
        }
    }

    pub fn profile(self, name: &str) -> &str {
        match name {
            "general" => self.pick("通用", "General"),
            "legal" => self.pick("法律咨询", "Legal"),
            "offline_service" => self.pick("线下服务", "Offline service"),
            "beauty" => self.pick("美容美妆", "Beauty"),
            "ecommerce" => self.pick("电商", "E-commerce"),
            "medical" => self.pick("医疗机构", "Medical provider"),
            other => other,
        }
    }

    pub fn category(self, category: Category) -> &'static str {
        match category {
            Category::Wechat => self.pick("微信", "WeChat"),
            Category::Phone => self.pick("电话", "Phone"),
            Category::Qq => "QQ",
            Category::Email => self.pick("邮箱", "E-mail"),
            Category::Url => self.pick("链接", "Link"),
            Category::Platform => self.pick("其他平台", "Other platform"),
            Category::Solicitation => self.pick("引导站外", "Solicitation"),
            Category::Digits => self.pick("数字串", "Digit run"),
            Category::Alnum => self.pick("字母数字", "Letters + digits"),
            Category::Unit => self.pick("单位", "Unit"),
            Category::Size => self.pick("尺码", "Size"),
            Category::Model => self.pick("型号", "Model"),
            Category::Amount => self.pick("金额", "Amount"),
            Category::Address => self.pick("地址", "Address"),
            Category::English => self.pick("英文", "English"),
            Category::Absolute => self.pick("绝对化用语", "Absolute claim"),
            Category::Efficacy => self.pick("功效宣称", "Efficacy claim"),
        }
    }
}
