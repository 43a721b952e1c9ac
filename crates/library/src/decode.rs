//! Text encodings of exported libraries: UTF-8 with or without BOM, UTF-16
//! from "Unicode text" exports, and GBK/GB18030 from Excel on Chinese Windows.

use encoding_rs::{Encoding, GB18030, GBK, UTF_8, UTF_16BE, UTF_16LE};

use crate::DecodeError;

/// Decoded text and how it was encoded, so a fixed library is written back
/// the same way.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decoded {
    pub text: String,
    pub encoding: &'static Encoding,
    pub bom: bool,
}

/// Decodes `bytes`: a BOM decides; else valid UTF-8 is UTF-8; else UTF-16
/// if every other byte is zero; else chardetng's guess (GBK for Chinese
/// Excel). `forced` (an encoding label such as "gbk") overrides detection.
pub fn decode(bytes: &[u8], forced: Option<&str>) -> Result<Decoded, DecodeError> {
    if let Some(label) = forced {
        let encoding = Encoding::for_label(label.trim().as_bytes()).ok_or_else(|| {
            DecodeError::UnknownEncoding {
                label: label.to_string(),
            }
        })?;
        let (text, had_errors) = encoding.decode_with_bom_removal(bytes);
        if had_errors {
            let line = text
                .split('\u{FFFD}')
                .next()
                .map_or(1, |good| good.matches('\n').count() + 1);
            return Err(DecodeError::Invalid {
                line,
                encoding: encoding.name(),
            });
        }
        let bom = Encoding::for_bom(bytes).is_some();
        return Ok(Decoded {
            text: text.into_owned(),
            encoding,
            bom,
        });
    }
    if let Some((encoding, bom_length)) = Encoding::for_bom(bytes) {
        let (text, _) = encoding.decode_without_bom_handling(&bytes[bom_length..]);
        return Ok(Decoded {
            text: text.into_owned(),
            encoding,
            bom: true,
        });
    }
    if let Ok(text) = std::str::from_utf8(bytes) {
        return Ok(Decoded {
            text: text.to_string(),
            encoding: UTF_8,
            bom: false,
        });
    }
    let encoding = utf16_without_bom(bytes).unwrap_or_else(|| {
        let mut detector = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
        detector.feed(bytes, true);
        match detector.guess(Some(b"cn"), chardetng::Utf8Detection::Deny) {
            // GBK is a subset of GB18030; decoding as the superset loses nothing.
            e if e == GBK => GB18030,
            e => e,
        }
    });
    let (text, _) = encoding.decode_without_bom_handling(bytes);
    if !looks_like_text(&text) {
        return Err(DecodeError::Binary);
    }
    Ok(Decoded {
        text: text.into_owned(),
        encoding,
        bom: false,
    })
}

/// Text has next to no control chars or replacement chars; binary data
/// decoded as GB18030 is full of them.
fn looks_like_text(text: &str) -> bool {
    let total = text.chars().count().max(1);
    let odd = text
        .chars()
        .filter(|&c| c == '\u{FFFD}' || (c.is_control() && !matches!(c, '\t' | '\n' | '\r')))
        .count();
    odd * 50 <= total
}

/// UTF-16 without a BOM shows as a zero byte in every other place.
fn utf16_without_bom(bytes: &[u8]) -> Option<&'static Encoding> {
    if bytes.len() < 4 || !bytes.len().is_multiple_of(2) {
        return None;
    }
    let pairs = bytes.len() / 2;
    let zeros_at = |offset: usize| {
        bytes
            .iter()
            .skip(offset)
            .step_by(2)
            .filter(|&&b| b == 0)
            .count()
    };
    if zeros_at(1) * 10 > pairs * 3 && zeros_at(0) * 10 < pairs {
        Some(UTF_16LE)
    } else if zeros_at(0) * 10 > pairs * 3 && zeros_at(1) * 10 < pairs {
        Some(UTF_16BE)
    } else {
        None
    }
}

/// Encodes `text` back the way `decoded` came in (UTF-16 and UTF-8 with their
/// BOM if the input had one; GB18030 for GBK input).
pub fn encode(text: &str, encoding: &'static Encoding, bom: bool) -> Vec<u8> {
    if encoding == UTF_16LE || encoding == UTF_16BE {
        let little = encoding == UTF_16LE;
        let mut out = Vec::with_capacity(text.len() * 2 + 2);
        if bom {
            out.extend_from_slice(if little { &[0xFF, 0xFE] } else { &[0xFE, 0xFF] });
        }
        for unit in text.encode_utf16() {
            out.extend_from_slice(&if little {
                unit.to_le_bytes()
            } else {
                unit.to_be_bytes()
            });
        }
        return out;
    }
    let mut out = Vec::new();
    if bom && encoding == UTF_8 {
        out.extend_from_slice(b"\xEF\xBB\xBF");
    }
    let (bytes, _, _) = encoding.encode(text);
    out.extend_from_slice(&bytes);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn detects_the_encodings_excel_writes() {
        let text = "序号,内容\n1,加我微信 abc123\n";
        let (gbk, _, _) = GBK.encode(text);
        let decoded = decode(&gbk, None).unwrap();
        assert_eq!(decoded.text, text);
        assert_eq!(decoded.encoding, GB18030);

        let mut bom = b"\xEF\xBB\xBF".to_vec();
        bom.extend_from_slice(text.as_bytes());
        let decoded = decode(&bom, None).unwrap();
        assert_eq!((decoded.text.as_str(), decoded.bom), (text, true));

        let utf16 = encode(text, UTF_16LE, true);
        assert_eq!(decode(&utf16, None).unwrap().text, text);
        let bare = encode(text, UTF_16LE, false);
        assert_eq!(decode(&bare, None).unwrap().encoding, UTF_16LE);
    }

    #[test]
    fn refuses_binary_and_unknown_labels() {
        let binary: Vec<u8> = (0..2000u32).map(|i| (i * 7919 % 251) as u8).collect();
        assert_eq!(decode(&binary, None), Err(DecodeError::Binary));
        let label = "klingon".to_string();
        assert_eq!(
            decode(b"abc", Some("klingon")),
            Err(DecodeError::UnknownEncoding { label })
        );
    }
}
