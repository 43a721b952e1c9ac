//! Why a library cannot be read or written back: each error names the file
//! and, where there is one, the line, and says what to do.

use std::fmt;

/// A library that cannot be read at all.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum LibraryError {
    #[error("{file}: cannot read: {source}")]
    Read {
        file: String,
        source: std::io::Error,
    },
    #[error("{file}: the file is empty; nothing to check")]
    Empty { file: String },
    #[error("{file}: {source}")]
    Encoding { file: String, source: DecodeError },
    #[error("{file}: {problem}")]
    Format {
        file: String,
        problem: FormatProblem,
    },
}

/// A row that could not be read and was skipped; the rest of the library is.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum RowProblem {
    #[error("{file}:{line}: no \"{key}\" string in this object; skipped")]
    NoTextInObject {
        file: String,
        line: usize,
        key: String,
    },
    #[error("{file}:{line}: not a JSON object ({error}); skipped")]
    NotAnObject {
        file: String,
        line: usize,
        error: String,
    },
    #[error("{file}: item {item}: no \"{key}\" string; skipped")]
    NoTextInItem {
        file: String,
        item: usize,
        key: String,
    },
    #[error("{file}:{line}: a broken row ({error}); skipped")]
    BrokenRow {
        file: String,
        line: usize,
        error: String,
    },
    #[error("{file}: row {row} has no column {column}; skipped")]
    NoColumn {
        file: String,
        row: usize,
        column: usize,
    },
}

/// Bytes that are no text, or not in the encoding asked for.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum DecodeError {
    #[error("unknown encoding `{label}`; try utf-8, gbk, gb18030 or utf-16le")]
    UnknownEncoding { label: String },
    #[error(
        "line {line}: not valid {encoding}; the file is in another encoding (leave out --encoding to detect it)"
    )]
    Invalid { line: usize, encoding: &'static str },
    #[error("not text in any known encoding (is it a binary file?)")]
    Binary,
}

/// Content that does not fit the file's format.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum FormatProblem {
    NotJson {
        line: usize,
        column: usize,
        message: String,
    },
    NotAnArray,
    NoRows,
    /// No column answers to the one asked for, or the header is empty.
    Column(ColumnProblem),
    NotAWorkbook(String),
    NoSheet {
        wanted: String,
        sheets: Vec<String>,
    },
    NoSheets,
    UnreadableSheet {
        sheet: String,
        message: String,
    },
    EmptySheet {
        sheet: String,
    },
}

/// Why no text column could be chosen.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum ColumnProblem {
    NoSuchColumn {
        wanted: String,
        columns: Vec<String>,
    },
    EmptyHeader,
}

impl fmt::Display for FormatProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            FormatProblem::NotJson {
                line,
                column,
                message,
            } => write!(f, "{line}:{column}: not JSON: {message}"),
            FormatProblem::NotAnArray => f.write_str(
                "expected a JSON array of messages (strings or objects with a \"text\")",
            ),
            FormatProblem::NoRows => f.write_str("no rows; nothing to check"),
            FormatProblem::Column(problem) => problem.fmt(f),
            FormatProblem::NotAWorkbook(e) => {
                write!(f, "not a readable Excel workbook ({e}); save it as .xlsx")
            }
            FormatProblem::NoSheet { wanted, sheets } => write!(
                f,
                "no sheet `{wanted}`; the sheets are: {}",
                sheets.join(", ")
            ),
            FormatProblem::NoSheets => f.write_str("the workbook has no sheets"),
            FormatProblem::UnreadableSheet { sheet, message } => {
                write!(f, "cannot read sheet `{sheet}`: {message}")
            }
            FormatProblem::EmptySheet { sheet } => {
                write!(f, "sheet `{sheet}` is empty; nothing to check")
            }
        }
    }
}

impl fmt::Display for ColumnProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ColumnProblem::NoSuchColumn { wanted, columns } => write!(
                f,
                "no column `{wanted}`; the columns are: {} (name one, or give its number or letter)",
                columns.join(", ")
            ),
            ColumnProblem::EmptyHeader => f.write_str("the header row is empty"),
        }
    }
}

/// A fixed library or a report that cannot be written.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum WriteError {
    #[error("{texts} texts for {messages} messages")]
    TextCount { texts: usize, messages: usize },
    #[error("cannot write CSV: {0}")]
    Csv(#[from] csv::Error),
    #[error("cannot write JSON: {0}")]
    Json(#[from] serde_json::Error),
    #[error("cannot write the workbook: {0}")]
    Xlsx(#[from] rust_xlsxwriter::XlsxError),
}
