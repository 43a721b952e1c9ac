//! `dmlint`: with no arguments, the desktop app; with a subcommand
//! (`dmlint check …`), the command-line checker.

mod app;
mod cli;

use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    let cli = cli::Cli::parse();
    let file = match cli.command {
        Some(cli::Command::Check(args)) => return cli::run(&args),
        Some(cli::Command::Open { file }) => Some(file),
        Some(cli::Command::Rules(args)) => return cli::rules::run(&args),
        None => None,
    };
    match app::run(file) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("dmlint: cannot open the window: {e}");
            eprintln!("dmlint: `dmlint check FILE` checks messages without a window");
            ExitCode::from(2)
        }
    }
}
