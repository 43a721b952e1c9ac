//! `dmlint check`: the engine without a window (DESIGN.md section 5).
//!
//! Exit status: 0 when every message passes or only warns, 1 when some message
//! blocks, 2 on a usage or input error (named with its file and line).

use std::fmt::Write as _;
use std::io::{self, IsTerminal, Read, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::ValueEnum;

pub mod rules;
use serde::Serialize;

use std::sync::atomic::AtomicBool;

use dmlint::library::{
    Checked, InputFormat as LibraryFormat, Library, Message, ReadOptions, check_all, report,
    write_atomically,
};
use dmlint::rewrite::{CardPhrases, Rewrite};
use dmlint::{CheckOptions, Checker, Context, Finding, Report, Severity, Verdict};

#[derive(clap::Args, Debug)]
pub struct CheckArgs {
    /// Where the messages will be sent; a jsonl line's own "context" wins.
    #[arg(long, value_enum, default_value_t = ContextArg::Dm)]
    context: ContextArg,
    /// Industry profile (general, legal, offline_service, beauty, ecommerce, medical).
    #[arg(long, default_value = "general")]
    profile: String,
    /// Extra rule packs: a JSON file or a folder of them, layered over the
    /// built-in rules and your folder's (`dmlint rules --path`).
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
    /// The text column of a CSV or Excel file (header, number or letter), or a JSON key.
    #[arg(long, value_name = "NAME")]
    column: Option<String>,
    /// The Excel sheet (default: the first).
    #[arg(long, value_name = "NAME")]
    sheet: Option<String>,
    /// The input's encoding (utf-8, gbk, gb18030, utf-16le…) instead of detecting it.
    #[arg(long, value_name = "LABEL")]
    encoding: Option<String>,
    /// Also write a report: CSV that opens in Excel, or JSON if FILE ends in .json.
    #[arg(long, value_name = "FILE")]
    report: Option<PathBuf>,
    /// Write the library back fixed (blocking messages rewritten), same format.
    #[arg(long, value_name = "FILE")]
    write_fixed: Option<PathBuf>,
    /// Allow --write-fixed to replace the input file.
    #[arg(long)]
    overwrite: bool,
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
    /// By extension (.jsonl, .json, .csv, .tsv, .xlsx); text splits into lines or blank-line blocks.
    Auto,
    /// The whole input is one message.
    Text,
    /// One message per non-empty line.
    Lines,
    /// Messages separated by blank lines.
    Blocks,
    /// One JSON object per line: {"id", "text", "context"}.
    Jsonl,
    /// A JSON array of strings or of objects with a "text".
    Json,
    /// A header row; the text column by --column, by its name, or the longest.
    Csv,
    /// An Excel workbook; --sheet and --column choose.
    Xlsx,
}

impl From<InputFormat> for LibraryFormat {
    fn from(f: InputFormat) -> LibraryFormat {
        match f {
            InputFormat::Auto => LibraryFormat::Auto,
            InputFormat::Text => LibraryFormat::Text,
            InputFormat::Lines => LibraryFormat::Lines,
            InputFormat::Blocks => LibraryFormat::Blocks,
            InputFormat::Jsonl => LibraryFormat::Jsonl,
            InputFormat::Json => LibraryFormat::Json,
            InputFormat::Csv => LibraryFormat::Csv,
            InputFormat::Xlsx => LibraryFormat::Xlsx,
        }
    }
}

/// Why a command stopped: printed on stderr, exit status 2.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum CliError {
    #[error(transparent)]
    Library(#[from] dmlint::library::LibraryError),
    #[error("<stdin>: cannot read: {0}")]
    Stdin(io::Error),
    #[error(transparent)]
    Packs(#[from] dmlint::rules::PackError),
    #[error(transparent)]
    Rules(#[from] dmlint::RuleError),
    #[error(transparent)]
    Profile(#[from] dmlint::rules::UnknownProfile),
    #[error("--write-fixed takes exactly one input file")]
    FixedNeedsOneInput,
    #[error(
        "{}: refusing to overwrite the input; write to another file (e.g. {}) or add --overwrite",
        path.display(),
        instead.display()
    )]
    WouldOverwriteInput { path: PathBuf, instead: PathBuf },
    #[error("{}: {source}", path.display())]
    Format {
        path: PathBuf,
        source: dmlint::library::WriteError,
    },
    #[error("{}: cannot write{what}: {source}", path.display())]
    Write {
        path: PathBuf,
        /// What was written, if not the named file itself: " the report".
        what: &'static str,
        source: io::Error,
    },
    #[error("{}: cannot create: {source}", path.display())]
    CreateFolder { path: PathBuf, source: io::Error },
    #[error("{}: already exists; export into an empty folder", path.display())]
    Exists { path: PathBuf },
    #[error("cannot write the output: {0}")]
    Output(io::Error),
    #[error("the rule packs have problems:\n{0}")]
    BrokenPacks(dmlint::RuleError),
    #[error("this system has no home folder for your rule packs; use --rules")]
    NoRulesFolder,
    #[error(
        "say what to do: `dmlint rules list`, `dmlint rules check FILE`, `dmlint rules export DIR` or `dmlint rules --path`"
    )]
    NoRulesCommand,
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
        Ok(Outcome {
            input_problems: true,
            ..
        }) => ExitCode::from(2),
        Ok(outcome) => ExitCode::from(u8::from(outcome.blocked)),
        Err(e) => {
            eprintln!("dmlint: {e}");
            ExitCode::from(2)
        }
    }
}

/// What a run found: whether anything blocks, and whether some input could
/// not be read (exit status 2 after the rest was checked).
struct Outcome {
    blocked: bool,
    input_problems: bool,
}

fn check(args: &CheckArgs) -> Result<Outcome, CliError> {
    let checker = load_checker(args.rules.as_deref())?;
    let profile = checker.book().profiles().resolve(&args.profile)?;
    let files = if args.files.is_empty() {
        vec!["-".to_string()]
    } else {
        args.files.clone()
    };
    if args.write_fixed.is_some() && files.len() != 1 {
        return Err(CliError::FixedNeedsOneInput);
    }
    let read = ReadOptions {
        format: args.input_format.into(),
        column: args.column.clone(),
        sheet: args.sheet.clone(),
        encoding: args.encoding.clone(),
    };
    let mut libraries = Vec::new();
    let mut input_problems = false;
    for file in &files {
        let library = read_library(file, &read)?;
        for problem in &library.problems {
            eprintln!("dmlint: {problem}");
            input_problems = true;
        }
        libraries.push(library);
    }
    let base = CheckOptions::new(args.context.into())
        .with_profile(profile)
        .with_allowlist(&args.allow);
    let cards = CardPhrases {
        zh: args.card_zh.clone(),
        en: args.card_en.clone(),
    };
    let messages: Vec<Message> = libraries
        .iter()
        .flat_map(|l| l.messages.iter().cloned())
        .collect();
    let checked = check_with_progress(&checker, &messages, &base, &cards);

    let stdout = io::stdout();
    let colour = args.format == Format::Text
        && stdout.is_terminal()
        && std::env::var_os("NO_COLOR").is_none();
    let mut out = io::BufWriter::new(stdout.lock());
    let text = TextStyle {
        checker: &checker,
        profile,
        colour,
    };
    let written =
        write_output(&mut out, args.format, &messages, &checked, &text).and_then(|()| out.flush());
    if let Err(e) = written {
        stdout_error(e)?;
    }
    if let Some(path) = &args.report {
        let bytes = if path
            .extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("json"))
        {
            report::json(&messages, &checked)
        } else {
            report::csv(&messages, &checked)
        };
        let bytes = bytes.map_err(|source| CliError::Format {
            path: path.clone(),
            source,
        })?;
        write_atomically(path, &bytes).map_err(|source| CliError::Write {
            path: path.clone(),
            what: " the report",
            source,
        })?;
    }
    if let Some(path) = &args.write_fixed {
        write_fixed(&libraries[0], &files[0], path, &checked, args.overwrite)?;
    }
    let count = |v: Verdict| checked.iter().filter(|c| c.report.verdict == v).count();
    eprintln!(
        "{} messages: {} block, {} warn, {} pass",
        messages.len(),
        count(Verdict::Block),
        count(Verdict::Warn),
        count(Verdict::Pass)
    );
    Ok(Outcome {
        blocked: count(Verdict::Block) > 0,
        input_problems,
    })
}

fn read_library(file: &str, read: &ReadOptions) -> Result<Library, CliError> {
    if file == "-" {
        let mut bytes = Vec::new();
        io::stdin()
            .read_to_end(&mut bytes)
            .map_err(CliError::Stdin)?;
        // A piped message is one message unless a format says otherwise.
        let read = ReadOptions {
            format: match read.format {
                LibraryFormat::Auto => LibraryFormat::Text,
                other => other,
            },
            ..read.clone()
        };
        return Ok(Library::from_bytes("<stdin>", &bytes, &read)?);
    }
    Ok(Library::read(Path::new(file), read)?)
}

/// Checks on every core; a progress bar on a terminal for long runs.
fn check_with_progress(
    checker: &Checker,
    messages: &[Message],
    base: &CheckOptions,
    cards: &CardPhrases,
) -> Vec<Checked> {
    let bar = (io::stderr().is_terminal() && messages.len() >= 2000).then(|| {
        let bar = indicatif::ProgressBar::new(messages.len() as u64);
        bar.set_style(
            indicatif::ProgressStyle::with_template("{bar:40} {pos}/{len} messages, {eta} left")
                .expect("a valid template"),
        );
        bar
    });
    let never = AtomicBool::new(false);
    let progress = |done: usize| {
        if let Some(bar) = &bar {
            bar.set_position(done as u64);
        }
    };
    let checked = check_all(checker, messages, base, cards, &progress, &never).unwrap_or_default();
    if let Some(bar) = bar {
        bar.finish_and_clear();
    }
    checked
}

fn write_output(
    out: &mut impl Write,
    format: Format,
    messages: &[Message],
    checked: &[Checked],
    text: &TextStyle,
) -> io::Result<()> {
    match format {
        Format::Jsonl => {
            for (m, c) in messages.iter().zip(checked) {
                serde_json::to_writer(&mut *out, &Output::new(m, &c.report, &c.rewrite))?;
                writeln!(out)?;
            }
        }
        Format::Json => {
            let all: Vec<Output> = messages
                .iter()
                .zip(checked)
                .map(|(m, c)| Output::new(m, &c.report, &c.rewrite))
                .collect();
            serde_json::to_writer_pretty(&mut *out, &all)?;
            writeln!(out)?;
        }
        Format::Text => {
            for (m, c) in messages.iter().zip(checked) {
                write!(out, "{}", render_text(m, &c.report, &c.rewrite, text))?;
            }
        }
    }
    Ok(())
}

/// The library with rewrites applied to blocking messages only, in its own
/// format, never over the input unless asked.
fn write_fixed(
    library: &Library,
    input: &str,
    path: &Path,
    checked: &[Checked],
    overwrite: bool,
) -> Result<(), CliError> {
    let same_file = std::fs::canonicalize(input)
        .ok()
        .zip(std::fs::canonicalize(path).ok())
        .is_some_and(|(a, b)| a == b);
    if same_file && !overwrite {
        return Err(CliError::WouldOverwriteInput {
            path: path.to_path_buf(),
            instead: dmlint::library::fixed_path(Path::new(input)),
        });
    }
    let texts: Vec<String> = library
        .messages
        .iter()
        .zip(checked)
        .map(|(m, c)| {
            if c.report.verdict == Verdict::Block {
                c.rewrite.text.clone()
            } else {
                m.text.clone()
            }
        })
        .collect();
    let bytes = library
        .fixed_bytes(&texts)
        .map_err(|source| CliError::Format {
            path: path.to_path_buf(),
            source,
        })?;
    write_atomically(path, &bytes).map_err(|source| CliError::Write {
        path: path.to_path_buf(),
        what: "",
        source,
    })
}

/// A closed pipe (`dmlint check … | head`) is not an error worth a message.
fn stdout_error(e: io::Error) -> Result<(), CliError> {
    if e.kind() == io::ErrorKind::BrokenPipe {
        Ok(())
    } else {
        Err(CliError::Output(e))
    }
}

/// The built-in rules, your folder's packs, then `--rules`.
fn load_checker(extra: Option<&Path>) -> Result<Checker, CliError> {
    let packs = dmlint::rules::user_packs(extra)?;
    Ok(dmlint::rules::RuleBook::with_pack_files(&packs).and_then(Checker::new)?)
}

/// How the human format reads: in colour or not, findings in the profile's
/// reading order.
struct TextStyle<'a> {
    checker: &'a Checker,
    profile: dmlint::ProfileId,
    colour: bool,
}

/// The human format: the message with its risky spans marked, then one line
/// per finding with its reason, blocks first.
fn render_text(message: &Message, report: &Report, rewrite: &Rewrite, style: &TextStyle) -> String {
    let colour = style.colour;
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
    for f in style.checker.reading_order(report, style.profile) {
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
