pub(crate) mod backend;
mod build;
mod check;
pub(crate) mod index;
pub(crate) mod invitations;
pub(crate) mod opinions;
mod publish;
pub(crate) mod questions;
pub(crate) mod report;
mod respondents;
mod serve;

use std::path::Path;

use crate::cli::{Cli, Command, ContentArgs};

pub fn run(cli: Cli) -> anyhow::Result<()> {
    match cli.command {
        Command::Build {
            out,
            content,
            base_url,
        } => build::run(&cli.root, &out, &content, base_url),
        Command::Check { content } => check::run(&cli.root, &content),
        Command::Serve { port, content } => serve::run(&cli.root, port, &content),
        Command::Respondents { command } => respondents::run(&cli.root, command),
        Command::Opinions { command } => opinions::run(&cli.root, command),
        Command::Questions { command } => questions::run(&cli.root, command),
        Command::Invitations { command } => invitations::run_invitations(&cli.root, command),
        Command::MailboxCheck { command } => invitations::run_mailbox_check(&cli.root, command),
        Command::Publish(args) => publish::run(&cli.root, &args),
        Command::Report { command } => report::run(&cli.root, command),
        Command::Index { command } => index::run(&cli.root, command),
    }
}

pub(crate) fn build_options(root: &Path, args: &ContentArgs) -> site::BuildOptions {
    let mut o = site::BuildOptions::new(root);
    o.drafts = args.drafts;
    o.future = args.future;
    o
}
