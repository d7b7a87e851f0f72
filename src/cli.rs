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
