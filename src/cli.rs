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
    /// Upload a built site to S3 (changed files only) and invalidate its changed pages on CloudFront.
    Publish(PublishArgs),
    /// Mail rounds of an invited campaign: invitations and reminders.
    Invitations {
        #[command(subcommand)]
        command: crate::cmd::invitations::InvitationsCommand,
    },
    /// Before a campaign opens: check every respondent's mailbox receives our mail.
    MailboxCheck {
        #[command(subcommand)]
        command: crate::cmd::invitations::MailboxCheckCommand,
    },
    /// Manage survey respondents (local store .cchc/, or --aws).
    Respondents {
        #[command(subcommand)]
        command: RespondentsCommand,
    },
    /// Opinions on consultation drafts: export them for the acceptance table.
    Opinions {
        #[command(subcommand)]
        command: crate::cmd::opinions::OpinionsCommand,
    },
    /// Questions for the Q&A: pull new ones into draft pages, tell askers once answered.
    Questions {
        #[command(subcommand)]
        command: crate::cmd::questions::QuestionsCommand,
    },
    /// Participation reports and coordinator sheets (local store, --aws, or a --tally CSV).
    Report {
        #[command(subcommand)]
        command: crate::cmd::report::ReportCommand,
    },
    /// Chỉ số CCHC (PAR Index): tính và công bố xếp hạng bộ, tỉnh của một năm.
    Index {
        #[command(subcommand)]
        command: crate::cmd::index::IndexCommand,
    },
}

#[derive(Debug, Subcommand)]
pub enum RespondentsCommand {
    /// Import a respondent list (.csv or .xlsx; columns: họ và tên, email,
    /// đơn vị, đơn vị trực thuộc, nhóm, phiếu, and "email cũ" to correct an
    /// address that bounced). Every row is checked first;
    /// a list with errors imports nothing unless --skip-invalid.
    Import {
        /// Campaign id, e.g. danh-gia-cchc-2026.
        campaign: String,
        file: PathBuf,
        /// Import the good rows and write the rejected ones to --rejects.
        #[arg(long)]
        skip_invalid: bool,
        /// Where rejected rows go, with the reason (default: FILE-loi.csv).
        #[arg(long)]
        rejects: Option<PathBuf>,
        /// Check and report only.
        #[arg(long)]
        dry_run: bool,
        /// Units registry (default: the shipped data/units-2025.csv).
        #[arg(long)]
        units: Option<PathBuf>,
        #[command(flatten)]
        backend: crate::cmd::backend::Backend,
    },
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

#[derive(Debug, Clone, Args)]
pub struct PublishArgs {
    /// The site bucket (stack output SiteBucketName).
    #[arg(long)]
    pub bucket: String,
    /// The CloudFront distribution id (stack output DistributionId).
    #[arg(long)]
    pub distribution: String,
    /// The built site.
    #[arg(long, default_value = "public")]
    pub dir: PathBuf,
    /// Also delete from the bucket what the site no longer has.
    #[arg(long)]
    pub delete: bool,
    /// Show what would be uploaded, deleted and invalidated; change nothing.
    #[arg(long)]
    pub dry_run: bool,
    /// Above this many changed page URLs, invalidate `/*` instead: the first
    /// 1,000 paths a month are free, each further one is billed, a wildcard
    /// counts as one.
    #[arg(long, default_value_t = 1000)]
    pub max_paths: usize,
}
