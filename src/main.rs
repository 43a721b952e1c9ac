//! `dmlint`: with a subcommand, the command-line checker; the desktop app
//! arrives with the app issue.

mod cli;

use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    cli::run(cli::Cli::parse())
}
