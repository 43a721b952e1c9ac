//! `dmlint rules`: see what is checked, validate your own packs, export the
//! built-in ones to copy from, and find the folder your packs go in.
//!
//! Exit status: 0 when all is well, 1 when a pack has problems (each printed
//! as `file:line:column: what to change`), 2 when a file cannot be read or
//! written.

use std::io;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Subcommand, ValueEnum};
use serde::Serialize;

use dmlint::rules::{Bilingual, RuleBook, RuleSource, builtin_files, locate, read_packs, user_dir};
use dmlint::{Checker, Severity};

use super::CliError;

#[derive(clap::Args, Debug)]
pub struct RulesArgs {
    /// Print the folder whose packs every check loads, and exit.
    #[arg(long)]
    path: bool,
    #[command(subcommand)]
    command: Option<RulesCommand>,
}

#[derive(Subcommand, Debug)]
enum RulesCommand {
    /// Every rule in force: severity (as the profile sets it), id, category,
    /// the file it came from and its message. Includes your folder's packs.
    List {
        /// More packs: a JSON file or a folder of them.
        #[arg(long, value_name = "DIR_OR_FILE")]
        rules: Option<PathBuf>,
        /// Industry profile (general, legal, offline_service, ecommerce, medical).
        #[arg(long, default_value = "general")]
        profile: String,
        #[arg(long, value_enum, default_value_t = ListFormat::Text)]
        format: ListFormat,
    },
    /// Validate packs over the built-in rules: every problem at once, then
    /// every example of their rules (and of the rules they change) run.
    Check {
        #[arg(required = true, value_name = "FILE")]
        files: Vec<PathBuf>,
    },
    /// Write the built-in packs, cues and profiles into a folder.
    Export {
        #[arg(value_name = "DIR")]
        dir: PathBuf,
    },
}

#[derive(Debug, Clone, Copy, ValueEnum)]
enum ListFormat {
    Text,
    Json,
}

pub fn run(args: &RulesArgs) -> ExitCode {
    let result = match (&args.command, args.path) {
        (_, true) => print_path(),
        (
            Some(RulesCommand::List {
                rules,
                profile,
                format,
            }),
            false,
        ) => list(rules.as_deref(), profile, *format),
        (Some(RulesCommand::Check { files }), false) => check(files),
        (Some(RulesCommand::Export { dir }), false) => export(dir),
        (None, false) => Err(CliError::NoRulesCommand),
    };
    match result {
        Ok(code) => code,
        Err(message) => {
            eprintln!("dmlint: {message}");
            ExitCode::from(2)
        }
    }
}

fn print_path() -> Result<ExitCode, CliError> {
    let dir = user_dir().ok_or(CliError::NoRulesFolder)?;
    println!("{}", dir.display());
    Ok(ExitCode::SUCCESS)
}

/// One rule as `rules list --format json` shows it.
#[derive(Serialize)]
struct Listed<'a> {
    id: &'a str,
    category: dmlint::Category,
    /// As the profile sets it; `off` when a pack switched the rule off.
    severity: &'a str,
    default_severity: Severity,
    /// The file that defined the rule, then the files that changed it.
    origin: &'a [String],
    message: &'a Bilingual,
}

fn list(
    extra: Option<&Path>,
    profile_name: &str,
    format: ListFormat,
) -> Result<ExitCode, CliError> {
    let packs = dmlint::rules::user_packs(extra)?;
    let book = RuleBook::with_pack_files(&packs).map_err(CliError::BrokenPacks)?;
    let profile = book.profiles().resolve(profile_name)?;
    let rows: Vec<Listed> = book
        .rules()
        .iter()
        .map(|r| (r, false))
        .chain(book.disabled().iter().map(|r| (r, true)))
        .map(|(rule, off)| Listed {
            id: &rule.id,
            category: rule.category,
            severity: if off {
                "off"
            } else {
                book.profiles()
                    .adjust(profile, &rule.id, rule.category, rule.severity)
                    .as_str()
            },
            default_severity: rule.severity,
            origin: book.origins(&rule.id),
            message: &rule.message,
        })
        .collect();
    match format {
        ListFormat::Json => {
            let json = serde_json::to_string_pretty(&rows).map_err(io::Error::from);
            println!("{}", json.map_err(CliError::Output)?);
        }
        ListFormat::Text => {
            for row in &rows {
                println!(
                    "{:>5}  {:<28} {:<12} {:<22} {}",
                    row.severity,
                    row.id,
                    row.category.as_str(),
                    row.origin.join(" + "),
                    row.message.zh
                );
            }
            eprintln!(
                "{} rules in force, {} switched off (profile {profile_name})",
                book.rules().len(),
                book.disabled().len()
            );
        }
    }
    Ok(ExitCode::SUCCESS)
}

fn check(files: &[PathBuf]) -> Result<ExitCode, CliError> {
    let mut packs = Vec::new();
    for file in files {
        packs.extend(read_packs(file)?);
    }
    let checker = match RuleBook::with_pack_files(&packs).and_then(Checker::new) {
        Ok(checker) => checker,
        Err(e) => {
            println!("{e}");
            return Ok(ExitCode::from(1));
        }
    };
    let mut problems = 0;
    for pack in &packs {
        let file = pack.path.display().to_string();
        let source = RuleSource {
            file: &file,
            text: &pack.text,
        };
        let touched = checker
            .rules()
            .iter()
            .filter(|r| checker.book().origins(&r.id).contains(&file))
            .collect::<Vec<_>>();
        let before = problems;
        for rule in &touched {
            for failure in checker.example_failures(rule) {
                problems += 1;
                println!("{}", locate(source, &rule.id, failure.describe()));
            }
        }
        if problems == before {
            println!(
                "{file}: {} rules checked, every example passes",
                touched.len()
            );
        }
    }
    Ok(ExitCode::from(u8::from(problems > 0)))
}

fn export(dir: &Path) -> Result<ExitCode, CliError> {
    std::fs::create_dir_all(dir).map_err(|source| CliError::CreateFolder {
        path: dir.to_path_buf(),
        source,
    })?;
    for (path, text) in builtin_files() {
        let name = Path::new(path)
            .file_name()
            .expect("built-in files have names");
        let target = dir.join(name);
        if target.exists() {
            return Err(CliError::Exists { path: target });
        }
        dmlint::library::write_atomically(&target, text.as_bytes()).map_err(|source| {
            CliError::Write {
                path: target.clone(),
                what: "",
                source,
            }
        })?;
        println!("{}", target.display());
    }
    Ok(ExitCode::SUCCESS)
}
