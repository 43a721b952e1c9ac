//! `dmlint`: with no arguments, the desktop app; with a subcommand
//! (`dmlint check …`), the command-line checker. Each face is a default
//! feature (`app`, `cli`), so either can be built without the other.

#[cfg(feature = "app")]
mod app;
#[cfg(feature = "cli")]
mod cli;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

#[derive(Parser, Debug)]
#[command(
    name = "dmlint",
    version,
    about = "Checks Xiaohongshu merchant messages for 导流 risks"
)]
struct Args {
    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// Check messages and report every risky token.
    #[cfg(feature = "cli")]
    Check(Box<cli::CheckArgs>),
    /// Open the app with a file: a message in the editor (the draft it replaces
    /// stays undoable), or a CSV, Excel or JSON library in the batch view.
    #[cfg(feature = "app")]
    Open { file: PathBuf },
    /// List the rules in force, check your own packs, export the built-in ones.
    #[cfg(feature = "cli")]
    Rules(cli::rules::RulesArgs),
}

fn main() -> ExitCode {
    let file: Option<PathBuf> = match Args::parse().command {
        #[cfg(feature = "cli")]
        Some(Command::Check(args)) => return cli::run(&args),
        #[cfg(feature = "cli")]
        Some(Command::Rules(args)) => return cli::rules::run(&args),
        #[cfg(feature = "app")]
        Some(Command::Open { file }) => Some(file),
        None => None,
    };
    open_app(file)
}

#[cfg(feature = "app")]
fn open_app(file: Option<PathBuf>) -> ExitCode {
    match app::run(file) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("dmlint: cannot open the window: {e}");
            eprintln!("dmlint: `dmlint check FILE` checks messages without a window");
            ExitCode::from(2)
        }
    }
}

/// Built without the app: no arguments ask for the usage.
#[cfg(not(feature = "app"))]
fn open_app(_: Option<PathBuf>) -> ExitCode {
    let _ = <Args as clap::CommandFactory>::command().print_help();
    ExitCode::from(2)
}
