//! `cchc opinions export`: every opinion on a consultation, grouped by the
//! part of the draft it concerns, as CSV, XLSX or the markdown stub of the
//! acceptance table editors fill and publish as `tong-hop.md`.

use std::path::{Path, PathBuf};

use anyhow::{anyhow, Context};
use clap::{Subcommand, ValueEnum};

#[derive(Debug, Subcommand)]
pub enum OpinionsCommand {
    /// Export the opinions on one consultation (no email addresses in any format).
    Export {
        /// Consultation slug, e.g. du-thao-quy-che-khao-sat-su-hai-long.
        consultation: String,
        #[arg(long, value_enum, default_value_t = Format::Csv)]
        format: Format,
        /// Output file; default: CSV and markdown to standard output, XLSX to <consultation>.xlsx.
        #[arg(long)]
        out: Option<PathBuf>,
        /// Read the production table (CCHC_TABLE, as the Lambda does) instead of .cchc/.
        #[arg(long)]
        aws: bool,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    Csv,
    Xlsx,
    Md,
}

pub fn run(root: &Path, command: OpinionsCommand) -> anyhow::Result<()> {
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()?;
    match command {
        OpinionsCommand::Export {
            consultation,
            format,
            out,
            aws,
        } => rt.block_on(export(root, &consultation, format, out, aws)),
    }
}

async fn export(
    root: &Path,
    slug: &str,
    format: Format,
    out: Option<PathBuf>,
    aws: bool,
) -> anyhow::Result<()> {
    // Nothing here hashes an address: the key only has to exist.
    let app = if aws {
        let list = opinions::consultations::load(&root.join("content").join("gop-y"))
            .map_err(|e| anyhow!(e))?;
        opinions::env::app_from_env(list, b"cchc-cli".to_vec(), "")
            .await
            .map_err(|e| anyhow!(e))?
    } else {
        opinions::local::open_app(root, "").map_err(|e| anyhow!(e))?
    };
    let c = app.consultation(slug).ok_or_else(|| {
        let known: Vec<&str> = app.consultations.iter().map(|c| c.slug.as_str()).collect();
        anyhow!(
            "no consultation {slug:?} (consultations: {})",
            known.join(", ")
        )
    })?;
    let list = opinions::records::list(&*app.store, slug)
        .await
        .with_context(|| format!("reading the opinions on {slug}"))?;
    let rows = opinions::export::rows(c, &list);
    let today = opinions::export::today(&app);
    let bytes = match format {
        Format::Csv => opinions::export::csv(&rows).into_bytes(),
        Format::Md => opinions::export::markdown(c, &rows, &today).into_bytes(),
        Format::Xlsx => opinions::export::xlsx(c, &rows).context("writing the workbook")?,
    };
    let out =
        out.or_else(|| (format == Format::Xlsx).then(|| PathBuf::from(format!("{slug}.xlsx"))));
    match out {
        Some(path) => {
            std::fs::write(&path, bytes).with_context(|| format!("writing {}", path.display()))?;
            eprintln!(
                "{} opinions on {slug} written to {}",
                rows.len(),
                path.display()
            );
            if format == Format::Md {
                eprintln!(
                    "Fill in the two last columns, then publish it as content/gop-y/{slug}/tong-hop.md and run `cchc check`."
                );
            }
        }
        None => {
            use std::io::Write;
            std::io::stdout().write_all(&bytes)?;
        }
    }
    Ok(())
}
