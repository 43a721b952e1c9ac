//! Script libraries: the files operators keep their welcome messages,
//! auto-replies and DM templates in — text, CSV/TSV, JSON/JSONL, Excel — read
//! into messages, checked in parallel, and written back fixed in the same
//! format, with the same columns in the same order.

pub mod decode;
mod error;
pub mod report;
mod run;
mod xlsx;

use std::io::Write;
use std::path::{Path, PathBuf};

use encoding_rs::Encoding;
use serde_json::Value;

use dmlint_engine::Context;

pub use error::{ColumnProblem, DecodeError, FormatProblem, LibraryError, RowProblem, WriteError};
pub use run::{Checked, check_all};

/// How to read a file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum InputFormat {
    /// By extension; plain text is split into lines or blank-line blocks.
    #[default]
    Auto,
    /// The whole file is one message.
    Text,
    /// One message per non-empty line.
    Lines,
    /// Messages separated by blank lines.
    Blocks,
    Jsonl,
    Json,
    /// CSV, or TSV when the file ends in `.tsv`.
    Csv,
    Xlsx,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ReadOptions {
    pub format: InputFormat,
    /// The text column (CSV, Excel: header, 1-based number or letter) or key (JSON).
    pub column: Option<String>,
    /// The Excel sheet; the first by default.
    pub sheet: Option<String>,
    /// An encoding label ("gbk") instead of detection.
    pub encoding: Option<String>,
}

/// One message of a library.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Message {
    pub id: String,
    /// The 1-based line (text, JSONL) or row (CSV, Excel) it came from.
    pub location: usize,
    pub text: String,
    pub context: Option<Context>,
}

/// Where the messages sit in the file, kept to write the file back.
#[derive(Debug, Clone)]
enum Layout {
    Text,
    Lines {
        lines: Vec<String>,
        line_of: Vec<usize>,
    },
    Blocks,
    Delimited {
        delimiter: u8,
        records: Vec<Vec<String>>,
        column: usize,
    },
    Jsonl {
        lines: Vec<Option<Value>>,
        key: String,
    },
    Json {
        items: Vec<Value>,
        key: Option<String>,
    },
    Xlsx {
        sheet: String,
        rows: Vec<Vec<String>>,
        column: usize,
    },
}

#[derive(Debug, Clone)]
pub struct Library {
    /// The file name, as messages' ids and errors cite it.
    pub name: String,
    pub messages: Vec<Message>,
    /// Rows that could not be read, each with its line; they are skipped.
    pub problems: Vec<RowProblem>,
    /// The header row (CSV, Excel) and which column holds the text.
    pub columns: Vec<String>,
    pub text_column: Option<usize>,
    /// Every sheet of an Excel file, and the one read.
    pub sheets: Vec<String>,
    pub sheet: Option<String>,
    encoding: &'static Encoding,
    bom: bool,
    newline: &'static str,
    layout: Layout,
}

/// Header names that say "this column is the message".
const TEXT_HEADERS: &[&str] = &[
    "text",
    "message",
    "content",
    "reply",
    "内容",
    "消息",
    "话术",
    "回复",
    "文本",
    "欢迎语",
    "自动回复",
    "私信",
    "回复内容",
];
const ID_HEADERS: &[&str] = &["id", "编号", "序号", "no", "no."];
const CONTEXT_HEADERS: &[&str] = &["context", "场景", "类型"];

impl Library {
    pub fn read(path: &Path, options: &ReadOptions) -> Result<Library, LibraryError> {
        let bytes = std::fs::read(path).map_err(|source| LibraryError::Read {
            file: path.display().to_string(),
            source,
        })?;
        Library::from_bytes(&path.display().to_string(), &bytes, options)
    }

    /// Reads `bytes` of a file called `name` (the name picks the format under `Auto`).
    pub fn from_bytes(
        name: &str,
        bytes: &[u8],
        options: &ReadOptions,
    ) -> Result<Library, LibraryError> {
        let file = || name.to_string();
        let fail = |problem| LibraryError::Format {
            file: file(),
            problem,
        };
        if bytes.is_empty() {
            return Err(LibraryError::Empty { file: file() });
        }
        let lower = name.to_lowercase();
        let format = match options.format {
            InputFormat::Auto if lower.ends_with(".xlsx") || lower.ends_with(".xlsm") => {
                InputFormat::Xlsx
            }
            InputFormat::Auto if lower.ends_with(".csv") || lower.ends_with(".tsv") => {
                InputFormat::Csv
            }
            InputFormat::Auto if lower.ends_with(".jsonl") || lower.ends_with(".ndjson") => {
                InputFormat::Jsonl
            }
            InputFormat::Auto if lower.ends_with(".json") => InputFormat::Json,
            other => other,
        };
        if format == InputFormat::Xlsx {
            return xlsx::read(name, bytes, options);
        }
        let decoded = decode::decode(bytes, options.encoding.as_deref()).map_err(|source| {
            LibraryError::Encoding {
                file: file(),
                source,
            }
        })?;
        let newline = if decoded.text.contains("\r\n") {
            "\r\n"
        } else {
            "\n"
        };
        let mut library = Library {
            name: name.to_string(),
            messages: Vec::new(),
            problems: Vec::new(),
            columns: Vec::new(),
            text_column: None,
            sheets: Vec::new(),
            sheet: None,
            encoding: decoded.encoding,
            bom: decoded.bom,
            newline,
            layout: Layout::Text,
        };
        let text = decoded.text;
        match format {
            InputFormat::Text => library.read_text(&text),
            InputFormat::Lines => library.read_lines(&text),
            InputFormat::Blocks => library.read_blocks(&text),
            InputFormat::Auto if has_blocks(&text) => library.read_blocks(&text),
            InputFormat::Auto => library.read_lines(&text),
            InputFormat::Jsonl => library.read_jsonl(&text, options.column.as_deref()),
            InputFormat::Json => library
                .read_json(&text, options.column.as_deref())
                .map_err(fail)?,
            InputFormat::Csv => {
                let delimiter = if lower.ends_with(".tsv") || sniff_tab(&text) {
                    b'\t'
                } else {
                    b','
                };
                library
                    .read_delimited(&text, delimiter, options.column.as_deref())
                    .map_err(fail)?
            }
            InputFormat::Xlsx => unreachable!("handled above"),
        }
        Ok(library)
    }

    fn push(
        &mut self,
        id: Option<String>,
        location: usize,
        text: String,
        context: Option<Context>,
    ) {
        let id = id
            .filter(|i| !i.trim().is_empty())
            .unwrap_or_else(|| format!("{}:{location}", self.name));
        self.messages.push(Message {
            id,
            location,
            text,
            context,
        });
    }

    fn read_text(&mut self, text: &str) {
        self.push(Some(self.name.clone()), 1, text.to_string(), None);
        self.layout = Layout::Text;
    }

    fn read_lines(&mut self, text: &str) {
        let lines: Vec<String> = text.lines().map(str::to_string).collect();
        let mut line_of = Vec::new();
        for (i, line) in lines.iter().enumerate() {
            if !line.trim().is_empty() {
                line_of.push(i);
                self.push(None, i + 1, line.clone(), None);
            }
        }
        self.layout = Layout::Lines { lines, line_of };
    }

    fn read_blocks(&mut self, text: &str) {
        let mut block: Vec<&str> = Vec::new();
        let mut start = 1;
        for (line, raw) in (1..).zip(text.lines().chain(std::iter::once(""))) {
            if raw.trim().is_empty() {
                if !block.is_empty() {
                    self.push(None, start, block.join("\n"), None);
                    block.clear();
                }
            } else {
                if block.is_empty() {
                    start = line;
                }
                block.push(raw);
            }
        }
        self.layout = Layout::Blocks;
    }

    fn read_jsonl(&mut self, text: &str, key: Option<&str>) {
        let key = key.unwrap_or("text").to_string();
        let mut lines = Vec::new();
        for (i, line) in text.lines().enumerate() {
            if line.trim().is_empty() {
                lines.push(None);
                continue;
            }
            match serde_json::from_str::<Value>(line) {
                Ok(value) => match value.get(&key).and_then(Value::as_str) {
                    Some(message) => {
                        let id = value
                            .get("id")
                            .map(|v| v.as_str().map_or_else(|| v.to_string(), str::to_string));
                        let context = value
                            .get("context")
                            .and_then(Value::as_str)
                            .and_then(parse_context);
                        self.push(id, i + 1, message.to_string(), context);
                        lines.push(Some(value));
                    }
                    None => {
                        self.problems.push(RowProblem::NoTextInObject {
                            file: self.name.clone(),
                            line: i + 1,
                            key: key.to_string(),
                        });
                        lines.push(Some(value));
                    }
                },
                Err(e) => {
                    self.problems.push(RowProblem::NotAnObject {
                        file: self.name.clone(),
                        line: i + 1,
                        error: e.to_string(),
                    });
                    lines.push(Some(Value::String(line.to_string())));
                }
            }
        }
        self.layout = Layout::Jsonl { lines, key };
    }

    fn read_json(&mut self, text: &str, key: Option<&str>) -> Result<(), FormatProblem> {
        let value: Value = serde_json::from_str(text).map_err(|e| FormatProblem::NotJson {
            line: e.line(),
            column: e.column(),
            message: e.to_string(),
        })?;
        let Value::Array(items) = value else {
            return Err(FormatProblem::NotAnArray);
        };
        let key = key.unwrap_or("text").to_string();
        let strings = items.iter().all(Value::is_string);
        for (i, item) in items.iter().enumerate() {
            let text = if strings {
                item.as_str()
            } else {
                item.get(&key).and_then(Value::as_str)
            };
            match text {
                Some(text) => {
                    let id = item
                        .get("id")
                        .map(|v| v.as_str().map_or_else(|| v.to_string(), str::to_string));
                    let context = item
                        .get("context")
                        .and_then(Value::as_str)
                        .and_then(parse_context);
                    self.push(id, i + 1, text.to_string(), context);
                }
                None => self.problems.push(RowProblem::NoTextInItem {
                    file: self.name.clone(),
                    item: i + 1,
                    key: key.to_string(),
                }),
            }
        }
        self.layout = Layout::Json {
            items,
            key: (!strings).then_some(key),
        };
        Ok(())
    }

    fn read_delimited(
        &mut self,
        text: &str,
        delimiter: u8,
        column: Option<&str>,
    ) -> Result<(), FormatProblem> {
        let mut reader = csv::ReaderBuilder::new()
            .delimiter(delimiter)
            .has_headers(false)
            .flexible(true)
            .from_reader(text.as_bytes());
        let mut records = Vec::new();
        for record in reader.records() {
            match record {
                Ok(r) => records.push(r.iter().map(str::to_string).collect::<Vec<_>>()),
                Err(e) => {
                    self.problems.push(RowProblem::BrokenRow {
                        file: self.name.clone(),
                        line: e.position().map_or(0, |p| p.line() as usize),
                        error: e.to_string(),
                    });
                }
            }
        }
        let Some(header) = records.first().cloned() else {
            return Err(FormatProblem::NoRows);
        };
        let column_index =
            choose_column(&header, &records[1..], column).map_err(FormatProblem::Column)?;
        self.columns = header.clone();
        self.text_column = Some(column_index);
        let find = |names: &[&str]| {
            header
                .iter()
                .position(|h| names.contains(&h.trim().to_lowercase().as_str()))
        };
        let (id_column, context_column) = (find(ID_HEADERS), find(CONTEXT_HEADERS));
        // Rows are numbered as a spreadsheet shows them: the header is row 1.
        for (index, record) in records.iter().enumerate().skip(1) {
            let line = index + 1;
            let Some(text) = record.get(column_index) else {
                self.problems.push(RowProblem::NoColumn {
                    file: self.name.clone(),
                    row: line,
                    column: column_index + 1,
                });
                continue;
            };
            let id = id_column.and_then(|c| record.get(c)).cloned();
            let context = context_column
                .and_then(|c| record.get(c))
                .and_then(|c| parse_context(c));
            self.push(id, line, text.clone(), context);
        }
        self.layout = Layout::Delimited {
            delimiter,
            records,
            column: column_index,
        };
        Ok(())
    }

    /// The library in its own format with each message's text replaced by
    /// `texts` (in message order): same columns, same order, same encoding.
    pub fn fixed_bytes(&self, texts: &[String]) -> Result<Vec<u8>, WriteError> {
        if texts.len() != self.messages.len() {
            return Err(WriteError::TextCount {
                texts: texts.len(),
                messages: self.messages.len(),
            });
        }
        let nl = self.newline;
        let text = match &self.layout {
            Layout::Text => texts[0].clone(),
            Layout::Lines { lines, line_of } => {
                let mut lines = lines.clone();
                for (&i, text) in line_of.iter().zip(texts) {
                    lines[i] = text.replace('\n', " ");
                }
                lines.join(nl) + nl
            }
            Layout::Blocks => {
                texts
                    .iter()
                    .map(|t| t.replace('\n', nl))
                    .collect::<Vec<_>>()
                    .join(&format!("{nl}{nl}"))
                    + nl
            }
            Layout::Delimited {
                delimiter,
                records,
                column,
            } => {
                let mut writer = csv::WriterBuilder::new()
                    .delimiter(*delimiter)
                    .flexible(true)
                    .terminator(if nl == "\r\n" {
                        csv::Terminator::CRLF
                    } else {
                        csv::Terminator::Any(b'\n')
                    })
                    .from_writer(Vec::new());
                let mut fixed = texts.iter();
                for (i, record) in records.iter().enumerate() {
                    let mut record = record.clone();
                    if i > 0 && record.len() > *column {
                        record[*column] = fixed.next().cloned().unwrap_or_default();
                    }
                    writer.write_record(&record)?;
                }
                let bytes = writer
                    .into_inner()
                    .map_err(|e| csv::Error::from(e.into_error()))?;
                // Written from strings: always UTF-8.
                String::from_utf8_lossy(&bytes).into_owned()
            }
            Layout::Jsonl { lines, key } => {
                let mut fixed = texts.iter();
                let mut out = String::new();
                for line in lines {
                    match line {
                        Some(Value::Object(map)) if map.get(key).is_some_and(Value::is_string) => {
                            let mut map = map.clone();
                            map.insert(
                                key.clone(),
                                Value::String(fixed.next().cloned().unwrap_or_default()),
                            );
                            out.push_str(&Value::Object(map).to_string());
                        }
                        Some(Value::String(raw)) => out.push_str(raw),
                        Some(other) => out.push_str(&other.to_string()),
                        None => {}
                    }
                    out.push_str(nl);
                }
                out
            }
            Layout::Json { items, key } => {
                let mut fixed = texts.iter();
                let items: Vec<Value> = items
                    .iter()
                    .map(|item| match (key, item) {
                        (None, Value::String(_)) => {
                            Value::String(fixed.next().cloned().unwrap_or_default())
                        }
                        (Some(key), Value::Object(map))
                            if map.get(key).is_some_and(Value::is_string) =>
                        {
                            let mut map = map.clone();
                            map.insert(
                                key.clone(),
                                Value::String(fixed.next().cloned().unwrap_or_default()),
                            );
                            Value::Object(map)
                        }
                        _ => item.clone(),
                    })
                    .collect();
                serde_json::to_string_pretty(&items)? + nl
            }
            Layout::Xlsx {
                sheet,
                rows,
                column,
            } => return xlsx::write(sheet, rows, *column, texts),
        };
        Ok(decode::encode(&text, self.encoding, self.bom))
    }
}

/// Plain text is a list of blocks when a blank line separates messages that
/// span several lines.
fn has_blocks(text: &str) -> bool {
    let lines: Vec<&str> = text.lines().collect();
    let blank_between = lines
        .windows(3)
        .any(|w| !w[0].trim().is_empty() && w[1].trim().is_empty() && !w[2].trim().is_empty());
    let multi_line_block = text.split("\n\n").any(|block| {
        block
            .trim()
            .lines()
            .filter(|l| !l.trim().is_empty())
            .count()
            > 1
    });
    blank_between && multi_line_block
}

/// A "CSV" that Excel exported as tab-separated text.
fn sniff_tab(text: &str) -> bool {
    let header = text.lines().next().unwrap_or("");
    header.matches('\t').count() > header.matches(',').count()
}

fn parse_context(value: &str) -> Option<Context> {
    match value.trim() {
        "欢迎语" => Some(Context::Welcome),
        "自动回复" => Some(Context::AutoReply),
        "私信" => Some(Context::Dm),
        other => Context::parse(&other.to_lowercase()),
    }
}

/// The text column: as asked (header name, 1-based number or letter), else a
/// header that names it, else the column with the longest cells.
fn choose_column(
    header: &[String],
    rows: &[Vec<String>],
    wanted: Option<&str>,
) -> Result<usize, ColumnProblem> {
    if let Some(wanted) = wanted.map(str::trim) {
        let by_name = header
            .iter()
            .position(|h| h.trim().eq_ignore_ascii_case(wanted));
        let by_number = wanted
            .parse::<usize>()
            .ok()
            .filter(|&n| n >= 1 && n <= header.len())
            .map(|n| n - 1);
        let by_letter = column_letter(wanted).filter(|&i| i < header.len());
        return by_name
            .or(by_number)
            .or(by_letter)
            .ok_or_else(|| ColumnProblem::NoSuchColumn {
                wanted: wanted.to_string(),
                columns: header.to_vec(),
            });
    }
    if let Some(i) = header
        .iter()
        .position(|h| TEXT_HEADERS.contains(&h.trim().to_lowercase().as_str()))
    {
        return Ok(i);
    }
    let average = |c: usize| {
        rows.iter()
            .map(|r| r.get(c).map_or(0, |s| s.chars().count()))
            .sum::<usize>()
    };
    (0..header.len())
        .max_by_key(|&c| average(c))
        .ok_or(ColumnProblem::EmptyHeader)
}

/// "A" → 0, "AA" → 26.
fn column_letter(s: &str) -> Option<usize> {
    if s.is_empty() || s.len() > 3 || !s.chars().all(|c| c.is_ascii_alphabetic()) {
        return None;
    }
    Some(
        s.to_ascii_uppercase()
            .bytes()
            .fold(0, |n, b| n * 26 + (b - b'A' + 1) as usize)
            - 1,
    )
}

/// Writes `bytes` to a temporary file beside `path` and renames it over
/// `path`, so a disk-full or killed export never leaves a half-written file.
pub fn write_atomically(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let folder = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let mut file = tempfile::NamedTempFile::new_in(folder)?;
    file.write_all(bytes)?;
    file.as_file().sync_all()?;
    file.persist(path).map_err(|e| e.error)?;
    Ok(())
}

/// "库.csv" → "库.fixed.csv", beside the input.
pub fn fixed_path(input: &Path) -> PathBuf {
    let stem = input
        .file_stem()
        .map_or_else(|| "library".into(), |s| s.to_string_lossy().into_owned());
    let name = match input.extension() {
        Some(ext) => format!("{stem}.fixed.{}", ext.to_string_lossy()),
        None => format!("{stem}.fixed"),
    };
    input.with_file_name(name)
}
