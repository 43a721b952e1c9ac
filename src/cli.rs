//! `dmlint check`: the engine without a window (DESIGN.md section 5).
//!
//! Exit status: 0 when every message passes or only warns, 1 when some message
//! blocks, 2 on a usage or input error (named with its file and line).

use std::fmt::Write as _;
use std::io::{self, IsTerminal, Read, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};
use serde::Serialize;

use dmlint::rewrite::{CardPhrases, Rewrite, rewrite};
use dmlint::rules::{RuleBook, RuleSource};
use dmlint::{CheckOptions, Checker, Context, Finding, Report, Severity, Verdict};

#[derive(Parser, Debug)]
#[command(
    name = "dmlint",
    version,
    about = "Checks Xiaohongshu merchant messages for 导流 risks"
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Check messages and report every risky token.
    Check(CheckArgs),
    /// Open the app with a text file in the editor (the draft it replaces stays undoable).
    Open {
        /// A UTF-8 text file.
        file: PathBuf,
    },
}

#[derive(clap::Args, Debug)]
pub struct CheckArgs {
    /// Where the messages will be sent; a jsonl line's own "context" wins.
    #[arg(long, value_enum, default_value_t = ContextArg::Dm)]
    context: ContextArg,
    /// Industry profile (general, legal, offline_service, ecommerce).
    #[arg(long, default_value = "general")]
    profile: String,
    /// Extra rule packs: a JSON file or a folder of them, added to the built-in rules.
    #[arg(long, value_name = "DIR_OR_FILE")]
    rules: Option<PathBuf>,
    /// Your own card phrasing for Chinese messages (default: the context's).
    #[arg(long, value_name = "TEXT")]
    card_zh: Option<String>,
    /// Your own card phrasing for English messages (default: the context's).
    #[arg(long, value_name = "TEXT")]
    card_en: Option<String>,
    /// The shop's own words (brand, shop name, 小红书号): never flagged. Repeatable.
    #[arg(long = "allow", value_name = "WORD")]
    allow: Vec<String>,
    #[arg(long, value_enum, default_value_t = Format::Text)]
    format: Format,
    #[arg(long, value_enum, default_value_t = InputFormat::Auto)]
    input_format: InputFormat,
    /// Files to check; `-` or nothing reads standard input.
    files: Vec<String>,
}

#[derive(Clone, Copy, Debug, ValueEnum)]
enum ContextArg {
    Welcome,
    AutoReply,
    Dm,
}

impl From<ContextArg> for Context {
    fn from(c: ContextArg) -> Context {
        match c {
            ContextArg::Welcome => Context::Welcome,
            ContextArg::AutoReply => Context::AutoReply,
            ContextArg::Dm => Context::Dm,
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
enum Format {
    Text,
    Json,
    Jsonl,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
enum InputFormat {
    /// By file extension: .jsonl, .csv, .tsv; anything else is one message.
    Auto,
    /// The whole input is one message.
    Text,
    /// One message per non-empty line.
    Lines,
    /// One JSON object per line: {"id", "text", "context"}.
    Jsonl,
    /// A header row with a `text` column (and optional `id`, `context`).
    Csv,
}

/// A usage or input error: printed on stderr, exit status 2.
#[derive(Debug)]
pub struct InputError(String);

impl std::fmt::Display for InputError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// One message to check.
struct Message {
    id: String,
    text: String,
    context: Option<Context>,
}

/// One line of `--format jsonl` output.
#[derive(Serialize)]
struct Output<'a> {
    id: &'a str,
    verdict: Verdict,
    findings: Vec<OutputFinding<'a>>,
    rewrite: &'a str,
}

#[derive(Serialize)]
struct OutputFinding<'a> {
    rule: &'a str,
    category: &'a str,
    severity: Severity,
    start: usize,
    end: usize,
    text: &'a str,
    normalized: &'a str,
    message: &'a str,
}

impl<'a> Output<'a> {
    fn new(message: &'a Message, report: &'a Report, rewrite: &'a Rewrite) -> Output<'a> {
        Output {
            id: &message.id,
            verdict: report.verdict,
            findings: report
                .findings
                .iter()
                .map(|f| OutputFinding {
                    rule: &f.rule,
                    category: f.category.as_str(),
                    severity: f.severity,
                    start: f.start,
                    end: f.end,
                    text: &f.text,
                    normalized: &f.normalized,
                    message: &f.message,
                })
                .collect(),
            rewrite: &rewrite.text,
        }
    }
}

/// Runs `dmlint check`.
pub fn run(args: &CheckArgs) -> ExitCode {
    match check(args) {
        Ok(blocked) => ExitCode::from(u8::from(blocked)),
        Err(e) => {
            eprintln!("dmlint: {e}");
            ExitCode::from(2)
        }
    }
}

fn check(args: &CheckArgs) -> Result<bool, InputError> {
    let checker = load_checker(args.rules.as_deref())?;
    if !checker.book().profiles.profiles.contains_key(&args.profile) {
        let names: Vec<&str> = checker
            .book()
            .profiles
            .profiles
            .keys()
            .map(String::as_str)
            .collect();
        return Err(InputError(format!(
            "unknown profile `{}`; choose one of: {}",
            args.profile,
            names.join(", ")
        )));
    }
    let mut messages = Vec::new();
    let files = if args.files.is_empty() {
        vec!["-".to_string()]
    } else {
        args.files.clone()
    };
    for file in &files {
        messages.extend(read_messages(file, args.input_format)?);
    }
    let base = CheckOptions {
        context: args.context.into(),
        profile: args.profile.clone(),
        allowlist: args.allow.clone(),
    };
    let cards = CardPhrases {
        zh: args.card_zh.clone(),
        en: args.card_en.clone(),
    };
    let stdout = io::stdout();
    let colour = args.format == Format::Text
        && stdout.is_terminal()
        && std::env::var_os("NO_COLOR").is_none();
    let mut out = io::BufWriter::new(stdout.lock());
    let mut blocked = false;
    let mut all = Vec::new();
    for message in &messages {
        let options = CheckOptions {
            context: message.context.unwrap_or(base.context),
            ..base.clone()
        };
        let report = checker.check(&message.text, &options);
        let rewrite = rewrite(&checker, &message.text, &report, &options, &cards);
        blocked |= report.verdict == Verdict::Block;
        let written = match args.format {
            Format::Jsonl => serde_json::to_string(&Output::new(message, &report, &rewrite))
                .map(|line| writeln!(out, "{line}")),
            Format::Text => Ok(write!(
                out,
                "{}",
                render_text(message, &report, &rewrite, colour)
            )),
            Format::Json => {
                all.push(
                    serde_json::to_value(Output::new(message, &report, &rewrite))
                        .expect("serialisable"),
                );
                Ok(Ok(()))
            }
        };
        if let Ok(Err(e)) = written {
            return stdout_error(e).map(|_| blocked);
        }
    }
    if args.format == Format::Json {
        let text = serde_json::to_string_pretty(&all).expect("serialisable");
        if let Err(e) = writeln!(out, "{text}") {
            return stdout_error(e).map(|_| blocked);
        }
    }
    if let Err(e) = out.flush() {
        return stdout_error(e).map(|_| blocked);
    }
    Ok(blocked)
}

/// A closed pipe (`dmlint check … | head`) is not an error worth a message.
fn stdout_error(e: io::Error) -> Result<(), InputError> {
    if e.kind() == io::ErrorKind::BrokenPipe {
        Ok(())
    } else {
        Err(InputError(format!("cannot write the output: {e}")))
    }
}

fn load_checker(extra: Option<&Path>) -> Result<Checker, InputError> {
    let Some(path) = extra else {
        return Checker::builtin().map_err(|e| InputError(e.to_string()));
    };
    let files: Vec<PathBuf> = if path.is_dir() {
        let entries = std::fs::read_dir(path)
            .map_err(|e| InputError(format!("{}: cannot read the folder: {e}", path.display())))?;
        let mut files: Vec<PathBuf> = entries
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|x| x == "json"))
            .collect();
        files.sort();
        files
    } else {
        vec![path.to_path_buf()]
    };
    let mut texts = Vec::new();
    for file in &files {
        let text = std::fs::read_to_string(file).map_err(|e| {
            InputError(format!(
                "{}: cannot read the rule pack: {e}",
                file.display()
            ))
        })?;
        texts.push((file.display().to_string(), text));
    }
    let mut sources: Vec<RuleSource> = dmlint::rules::BUILTIN_PACKS
        .iter()
        .map(|&(file, text)| RuleSource { file, text })
        .collect();
    sources.extend(texts.iter().map(|(file, text)| RuleSource { file, text }));
    let cues = RuleSource {
        file: "rules/cues.json",
        text: include_str!("../rules/cues.json"),
    };
    let profiles = RuleSource {
        file: "rules/profiles.json",
        text: include_str!("../rules/profiles.json"),
    };
    RuleBook::load(&sources, cues, profiles)
        .map(Checker::new)
        .map_err(|e| InputError(e.to_string()))
}

fn read_messages(file: &str, format: InputFormat) -> Result<Vec<Message>, InputError> {
    let (name, bytes) = if file == "-" {
        let mut bytes = Vec::new();
        io::stdin()
            .read_to_end(&mut bytes)
            .map_err(|e| InputError(format!("<stdin>: cannot read: {e}")))?;
        ("<stdin>".to_string(), bytes)
    } else {
        let bytes =
            std::fs::read(file).map_err(|e| InputError(format!("{file}: cannot read: {e}")))?;
        (file.to_string(), bytes)
    };
    let text = decode_utf8(&name, &bytes)?;
    let format = match format {
        InputFormat::Auto => {
            let lower = name.to_lowercase();
            if lower.ends_with(".jsonl") || lower.ends_with(".ndjson") {
                InputFormat::Jsonl
            } else if lower.ends_with(".csv") || lower.ends_with(".tsv") {
                InputFormat::Csv
            } else {
                InputFormat::Text
            }
        }
        other => other,
    };
    match format {
        InputFormat::Text | InputFormat::Auto => Ok(vec![Message {
            id: name,
            text: text.to_string(),
            context: None,
        }]),
        InputFormat::Lines => Ok(text
            .lines()
            .enumerate()
            .filter(|(_, line)| !line.trim().is_empty())
            .map(|(i, line)| Message {
                id: format!("{name}:{}", i + 1),
                text: line.to_string(),
                context: None,
            })
            .collect()),
        InputFormat::Jsonl => read_jsonl(&name, text),
        InputFormat::Csv => read_csv(&name, text),
    }
}

/// Decodes UTF-8 (a leading BOM is dropped); invalid bytes are reported by line.
fn decode_utf8<'a>(name: &str, bytes: &'a [u8]) -> Result<&'a str, InputError> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    std::str::from_utf8(bytes).map_err(|e| {
        let good = e.valid_up_to();
        let line = bytes[..good].iter().filter(|&&b| b == b'\n').count() + 1;
        InputError(format!(
            "{name}:{line}: not valid UTF-8 (byte {}); save the file as UTF-8 and try again",
            good + 1
        ))
    })
}

#[derive(serde::Deserialize)]
struct JsonlLine {
    id: Option<serde_json::Value>,
    text: String,
    context: Option<String>,
}

fn parse_context(
    name: &str,
    line: usize,
    context: Option<&str>,
) -> Result<Option<Context>, InputError> {
    match context {
        None | Some("") => Ok(None),
        Some(c) => Context::parse(c).map(Some).ok_or_else(|| {
            InputError(format!(
                "{name}:{line}: unknown context `{c}`; use welcome, auto_reply or dm"
            ))
        }),
    }
}

fn read_jsonl(name: &str, text: &str) -> Result<Vec<Message>, InputError> {
    let mut messages = Vec::new();
    for (i, line) in text.lines().enumerate() {
        let n = i + 1;
        if line.trim().is_empty() {
            continue;
        }
        let parsed: JsonlLine = serde_json::from_str(line).map_err(|e| {
            InputError(format!(
                "{name}:{n}: not a JSON object with a \"text\" string: {e}"
            ))
        })?;
        let id = match parsed.id {
            Some(serde_json::Value::String(s)) => s,
            Some(other) => other.to_string(),
            None => format!("{name}:{n}"),
        };
        messages.push(Message {
            id,
            text: parsed.text,
            context: parse_context(name, n, parsed.context.as_deref())?,
        });
    }
    Ok(messages)
}

fn read_csv(name: &str, text: &str) -> Result<Vec<Message>, InputError> {
    let delimiter = if name.to_lowercase().ends_with(".tsv") {
        b'\t'
    } else {
        b','
    };
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .flexible(true)
        .from_reader(text.as_bytes());
    let headers = reader
        .headers()
        .map_err(|e| InputError(format!("{name}:1: cannot read the header row: {e}")))?
        .clone();
    let column = |wanted: &str| {
        headers
            .iter()
            .position(|h| h.trim().eq_ignore_ascii_case(wanted))
    };
    let text_column = column("text").ok_or_else(|| {
        InputError(format!(
            "{name}:1: no `text` column in the header ({}); name the message column `text`",
            headers.iter().collect::<Vec<_>>().join(", ")
        ))
    })?;
    let (id_column, context_column) = (column("id"), column("context"));
    let mut messages = Vec::new();
    for record in reader.records() {
        let record = record.map_err(|e| {
            let line = e.position().map_or(0, |p| p.line());
            InputError(format!("{name}:{line}: malformed CSV row: {e}"))
        })?;
        let line = record.position().map_or(0, |p| p.line()) as usize;
        let Some(text) = record.get(text_column) else {
            return Err(InputError(format!(
                "{name}:{line}: the row has no `text` field"
            )));
        };
        messages.push(Message {
            id: id_column
                .and_then(|c| record.get(c))
                .filter(|s| !s.is_empty())
                .map_or_else(|| format!("{name}:{line}"), str::to_string),
            text: text.to_string(),
            context: parse_context(name, line, context_column.and_then(|c| record.get(c)))?,
        });
    }
    Ok(messages)
}

/// The human format: the message with its risky spans marked, then one line
/// per finding with its reason.
fn render_text(message: &Message, report: &Report, rewrite: &Rewrite, colour: bool) -> String {
    let mut out = String::new();
    let verdict = match report.verdict {
        Verdict::Block => "BLOCK — will be judged 导流",
        Verdict::Warn => "WARN — may be flagged by screening",
        Verdict::Pass => "PASS",
    };
    let _ = writeln!(
        out,
        "{}: {verdict} ({} block, {} warn, {} info)",
        message.id,
        report.count(Severity::Block),
        report.count(Severity::Warn),
        report.count(Severity::Info)
    );
    let chars: Vec<char> = message.text.chars().collect();
    let mut marked = String::from("  ");
    let mut at = 0;
    for f in &report.findings {
        marked.extend(&chars[at..f.start]);
        let token: String = chars[f.start..f.end].iter().collect();
        marked.push_str(&mark(&token, f, colour));
        at = f.end;
    }
    marked.extend(&chars[at..]);
    let _ = writeln!(out, "{}", marked.trim_end().replace('\n', "\n  "));
    for f in &report.findings {
        let normalized = if f.normalized != f.text.to_lowercase() {
            format!(" → {}", f.normalized)
        } else {
            String::new()
        };
        let _ = writeln!(
            out,
            "  {:>5} {:<13} {}-{} {}{}: {}",
            f.severity.as_str(),
            f.category.as_str(),
            f.start,
            f.end,
            f.text.replace('\n', "⏎"),
            normalized,
            f.message
        );
    }
    if rewrite.changed() {
        let _ = writeln!(
            out,
            "  rewrite: {}",
            rewrite.text.trim_end().replace('\n', "\n           ")
        );
    }
    for s in &rewrite.suggestions {
        let label = match report.language {
            dmlint::Language::Chinese => &s.label.zh,
            dmlint::Language::English => &s.label.en,
        };
        let replacement = if s.replacement.is_empty() {
            "∅".to_string()
        } else {
            s.replacement.clone()
        };
        let _ = writeln!(out, "  suggest: {} → {} ({label})", s.original, replacement);
    }
    out.push('\n');
    out
}

fn mark(token: &str, f: &Finding, colour: bool) -> String {
    if !colour {
        let (open, close) = match f.severity {
            Severity::Block => ("[!", "]"),
            Severity::Warn => ("[?", "]"),
            Severity::Info => ("[", "]"),
        };
        return format!("{open}{token}{close}");
    }
    let code = match f.severity {
        Severity::Block => "1;4;31",
        Severity::Warn => "4;33",
        Severity::Info => "4;34",
    };
    format!("\x1b[{code}m{token}\x1b[0m")
}
