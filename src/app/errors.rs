//! The Chinese of the errors the app shows: the library and the system
//! speak English, the operator reads the UI's language. Each function says
//! the same as the error's `Display`, names the same file and line, and
//! keeps the system's own words in brackets where it has its own reason.

use std::io;
use std::path::Path;

use dmlint::json_file::StoreError;
use dmlint::library::{
    ColumnProblem, DecodeError, FormatProblem, LibraryError, RowProblem, WriteError,
};

/// What went wrong, in both languages, for the status line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Said {
    pub zh: String,
    pub en: String,
}

impl Said {
    pub fn new(zh: impl Into<String>, en: impl Into<String>) -> Said {
        Said {
            zh: zh.into(),
            en: en.into(),
        }
    }

    /// A file that could not be read or written.
    pub fn io(path: &Path, e: &io::Error) -> Said {
        let path = path.display();
        Said::new(format!("{path}：{}", io_zh(e)), format!("{path}: {e}"))
    }

    pub fn library(e: &LibraryError) -> Said {
        Said::new(library_zh(e), e.to_string())
    }

    pub fn write(e: &WriteError) -> Said {
        Said::new(write_zh(e), e.to_string())
    }

    pub fn store(e: &StoreError) -> Said {
        Said::new(store_zh(e), e.to_string())
    }
}

/// A saved draft, settings or record that cannot be read or written.
pub fn store_zh(e: &StoreError) -> String {
    match e {
        StoreError::Read { path, source } => {
            format!("{}：无法读取：{}", path.display(), io_zh(source))
        }
        // serde's own words are for developers: the position is enough.
        StoreError::Parse {
            path, line, column, ..
        } => format!("{}：第 {line} 行第 {column} 列起内容损坏", path.display()),
        StoreError::Write { path, source } => {
            format!("{}：无法写入：{}", path.display(), io_zh(source))
        }
        StoreError::Encode(e) => format!("无法编码记录（{e}）"),
        other => other.to_string(),
    }
}

/// Why a file could not be read or written, in Chinese.
pub fn io_zh(e: &io::Error) -> String {
    let reason = match e.kind() {
        io::ErrorKind::NotFound => "找不到这个文件或文件夹",
        io::ErrorKind::PermissionDenied => "没有权限",
        io::ErrorKind::AlreadyExists => "文件已存在",
        io::ErrorKind::IsADirectory => "这是一个文件夹，不是文件",
        io::ErrorKind::NotADirectory => "路径中有一段不是文件夹",
        io::ErrorKind::StorageFull => "磁盘已满",
        io::ErrorKind::ReadOnlyFilesystem => "磁盘是只读的",
        io::ErrorKind::InvalidData => "内容不是有效的文本",
        io::ErrorKind::Interrupted | io::ErrorKind::TimedOut => "读写被中断，请再试一次",
        _ => return format!("系统报错（{e}）"),
    };
    reason.to_string()
}

/// A library that cannot be read, in Chinese.
pub fn library_zh(e: &LibraryError) -> String {
    match e {
        LibraryError::Read { file, source } => format!("{file}：无法读取：{}", io_zh(source)),
        LibraryError::Empty { file } => format!("{file}：文件是空的，没有可检查的内容"),
        LibraryError::Encoding { file, source } => format!("{file}：{}", decode_zh(source)),
        LibraryError::Format { file, problem } => format!("{file}：{}", format_zh(problem)),
        other => other.to_string(),
    }
}

fn decode_zh(e: &DecodeError) -> String {
    match e {
        DecodeError::UnknownEncoding { label } => {
            format!("不认识的编码“{label}”，请用 utf-8、gbk、gb18030 或 utf-16le")
        }
        DecodeError::Invalid { line, encoding } => {
            format!("第 {line} 行不是有效的 {encoding}：文件是另一种编码（不指定编码即可自动识别）")
        }
        DecodeError::Binary => "不是任何已知编码的文本（是不是二进制文件？）".to_string(),
        other => other.to_string(),
    }
}

fn format_zh(problem: &FormatProblem) -> String {
    match problem {
        FormatProblem::NotJson {
            line,
            column,
            message,
        } => format!("{line}:{column}：不是有效的 JSON（{message}）"),
        FormatProblem::NotAnArray => {
            "应当是消息组成的 JSON 数组（字符串，或带 \"text\" 的对象）".to_string()
        }
        FormatProblem::NoRows => "没有数据行，没有可检查的内容".to_string(),
        FormatProblem::Column(ColumnProblem::NoSuchColumn { wanted, columns }) => format!(
            "没有“{wanted}”这一列；现有的列是：{}（写列名，或列号、列字母）",
            columns.join("、")
        ),
        FormatProblem::Column(ColumnProblem::EmptyHeader) => "表头是空的".to_string(),
        FormatProblem::NotAWorkbook(e) => {
            format!("不是能读取的 Excel 工作簿（{e}），请另存为 .xlsx")
        }
        FormatProblem::NoSheet { wanted, sheets } => format!(
            "没有“{wanted}”这个工作表；现有的工作表是：{}",
            sheets.join("、")
        ),
        FormatProblem::NoSheets => "工作簿里没有工作表".to_string(),
        FormatProblem::UnreadableSheet { sheet, message } => {
            format!("无法读取工作表“{sheet}”（{message}）")
        }
        FormatProblem::EmptySheet { sheet } => {
            format!("工作表“{sheet}”是空的，没有可检查的内容")
        }
        other => other.to_string(),
    }
}

/// A row of a library that was skipped, in Chinese.
pub fn row_zh(problem: &RowProblem) -> String {
    match problem {
        RowProblem::NoTextInObject { file, line, key } => {
            format!("{file}:{line}：这个对象里没有“{key}”文字，已跳过")
        }
        RowProblem::NotAnObject { file, line, .. } => {
            format!("{file}:{line}：不是 JSON 对象，已跳过")
        }
        RowProblem::NoTextInItem { file, item, key } => {
            format!("{file}：第 {item} 项没有“{key}”文字，已跳过")
        }
        RowProblem::BrokenRow { file, line, .. } => {
            format!("{file}:{line}：这一行格式损坏，已跳过")
        }
        RowProblem::NoColumn { file, row, column } => {
            format!("{file}：第 {row} 行没有第 {column} 列，已跳过")
        }
        other => other.to_string(),
    }
}

/// A fixed library or report that cannot be written, in Chinese.
pub fn write_zh(e: &WriteError) -> String {
    match e {
        WriteError::TextCount { texts, messages } => {
            format!("{messages} 条消息却有 {texts} 段文字，无法对应")
        }
        WriteError::Csv(e) => format!("无法写入 CSV（{e}）"),
        WriteError::Json(e) => format!("无法写入 JSON（{e}）"),
        WriteError::Xlsx(e) => format!("无法写入工作簿（{e}）"),
        other => other.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_missing_file_is_said_in_chinese_with_its_name() {
        let e = LibraryError::Read {
            file: "话术库.csv".to_string(),
            source: io::Error::from(io::ErrorKind::NotFound),
        };
        assert_eq!(
            library_zh(&e),
            "话术库.csv：无法读取：找不到这个文件或文件夹"
        );
    }

    #[test]
    fn a_missing_column_lists_the_columns() {
        let e = LibraryError::Format {
            file: "a.csv".to_string(),
            problem: FormatProblem::Column(ColumnProblem::NoSuchColumn {
                wanted: "话术".to_string(),
                columns: vec!["序号".to_string(), "内容".to_string()],
            }),
        };
        let zh = library_zh(&e);
        assert!(zh.starts_with("a.csv：没有“话术”这一列"), "{zh}");
        assert!(zh.contains("序号、内容"), "{zh}");
    }

    #[test]
    fn a_system_error_without_a_chinese_reason_keeps_its_own_words() {
        let e = io::Error::other("disk on fire");
        assert_eq!(io_zh(&e), "系统报错（disk on fire）");
    }
}
