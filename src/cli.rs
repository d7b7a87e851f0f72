use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

#[derive(Debug, Parser)]
#[command(
    name = "cchc",
    version,
    about = "CCHC Portal: build and serve the site, run surveys"
)]
pub struct Cli {
    /// Project root holding site.yaml, content/ and theme/.
    #[arg(long, global = true, default_value = ".")]
    pub root: PathBuf,
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Build the site into public/.
    Build {
        /// Output folder (replaced on each build).
        #[arg(long, default_value = "public")]
        out: PathBuf,
        #[command(flatten)]
        content: ContentArgs,
        /// base_url override, e.g. for a staging host.
        #[arg(long)]
        base_url: Option<String>,
    },
    /// Run every build check without writing anything; exit 1 on any problem.
    Check {
        #[command(flatten)]
        content: ContentArgs,
    },
    /// Build, serve on 127.0.0.1 with the functions mounted, and rebuild on change.
    Serve {
        #[arg(long, short, default_value_t = 8000)]
        port: u16,
        #[command(flatten)]
        content: ContentArgs,
    },
    /// Manage survey respondents on the local store (.cchc/).
    Respondents {
        #[command(subcommand)]
        command: RespondentsCommand,
    },
}

#[derive(Debug, Subcommand)]
pub enum RespondentsCommand {
    /// Invite one respondent: store them and write the invitation with their
    /// personal link into .cchc/outbox/.
    Add {
        /// Campaign id, e.g. danh-gia-cchc-2026.
        campaign: String,
        #[arg(long)]
        name: String,
        #[arg(long)]
        email: String,
        /// Ministry, province or agency they answer for.
        #[arg(long)]
        unit: String,
        #[arg(long)]
        sub_unit: Option<String>,
        /// Respondent group id from campaign.yaml, e.g. cong-chuc.
        #[arg(long)]
        group: String,
        /// Address the link points at: the dev server by default.
        #[arg(long, default_value = "http://127.0.0.1:8000")]
        base_url: String,
    },
}

#[derive(Debug, Clone, Args)]
pub struct ContentArgs {
    /// Include pages marked draft: true.
    #[arg(long)]
    pub drafts: bool,
    /// Include pages dated in the future.
    #[arg(long)]
    pub future: bool,
}
