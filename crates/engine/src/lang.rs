//! Which language dominates a message: `english` warnings only make sense in
//! Chinese text, and the rewrite answers in the message's own language.

use serde::{Deserialize, Serialize};

use crate::normalize::Normalized;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Language {
    Chinese,
    English,
}

impl Language {
    /// The language of a text (see [`Self::of`]).
    pub fn detect(text: &str) -> Language {
        Language::of(&Normalized::new(text))
    }

    /// The language of a normalised text, from the counts taken while
    /// normalising, not a second pass. A Han char carries about as much as a
    /// short Latin word, so three letters weigh as much as one Han char.
    pub fn of(norm: &Normalized) -> Language {
        let (han, latin) = norm.script_counts();
        if han * 3 >= latin && han > 0 {
            Language::Chinese
        } else if latin > 0 {
            Language::English
        } else {
            Language::Chinese
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn weighs_han_against_latin_letters() {
        assert_eq!(
            Language::detect("我们的 brunch 只有周末供应"),
            Language::Chinese
        );
        assert_eq!(
            Language::detect("Welcome! 欢迎! We reply in English or 中文"),
            Language::English
        );
        assert_eq!(Language::detect("12345"), Language::Chinese);
    }
}
