//! `cchc`: the CCHC Portal's one command for editors and the survey team.

mod cli;
mod cmd;

use clap::Parser;

fn main() -> std::process::ExitCode {
    let cli = cli::Cli::parse();
    match cmd::run(cli) {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("lỗi: {e:#}");
            std::process::ExitCode::FAILURE
        }
    }
}
