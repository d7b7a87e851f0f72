//! `cchc report participation|coordinator-sheet`: participation per unit,
//! counted from the store (local `.cchc/` by default, DynamoDB with `--aws`)
//! or from a published tally (`--tally data/pilot-2021-participation.csv`).

use std::path::{Path, PathBuf};

use anyhow::{anyhow, bail, Context};
use clap::{Args, Subcommand, ValueEnum};
use report::participation::{self, Options};
use report::{csv_out, html, sheet, table, tally, Campaign, Units};
use store::{DynamoStore, SqliteStore, Store};
use survey::local::LocalPaths;

#[derive(Debug, Subcommand)]
pub enum ReportCommand {
    /// Participation per ministry and province: registered, invited,
    /// delivered, bounced, complained, confirmed mailbox, answered per form.
    Participation {
        /// Campaign id, e.g. danh-gia-cchc-2026 (with --tally: a label only).
        campaign: String,
        #[arg(long, value_enum, default_value_t = Format::Table)]
        format: Format,
        /// Only this unit and its sub-units.
        #[arg(long)]
        unit: Option<String>,
        /// Write here instead of standard output.
        #[arg(long)]
        out: Option<PathBuf>,
        /// Answer rate (percent) under which a unit is highlighted.
        #[arg(long, default_value_t = 30.0)]
        threshold: f64,
        /// Report a published tally (CSV with group, unit, registered,
        /// answered_local_form, answered_ministry_form, answered_feedback_form)
        /// instead of the store.
        #[arg(long)]
        tally: Option<PathBuf>,
        /// A note printed under the report (repeatable).
        #[arg(long)]
        note: Vec<String>,
        /// Title of a --tally report (a live report takes the campaign's).
        #[arg(long)]
        title: Option<String>,
        #[command(flatten)]
        source: Source,
    },
    /// Kết quả một phiếu: mọi câu hỏi không phải tự luận (lựa chọn, thang
    /// điểm, từng dòng của câu hỏi dạng bảng, số theo khoảng), theo đơn vị và
    /// nhóm. Ô có 1–4 lượt chọn hoặc về dưới 5 người bị ẩn, cùng các ô khác
    /// đủ để không tính ngược lại được bằng phép trừ.
    Results {
        campaign: String,
        #[arg(long)]
        form: String,
        /// table (màn hình), csv (unit,group,question,row,option,count) hoặc xlsx.
        #[arg(long, value_enum, default_value_t = ResultsFormat::Table)]
        format: ResultsFormat,
        #[arg(long)]
        out: Option<PathBuf>,
        #[command(flatten)]
        source: Source,
    },
    /// CSV for one unit's coordinator: addresses that bounced or were marked
    /// as spam, with the reason and the date.
    CoordinatorSheet {
        campaign: String,
        #[arg(long)]
        unit: String,
        #[arg(long)]
        out: Option<PathBuf>,
        #[command(flatten)]
        source: Source,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    Table,
    Csv,
    Html,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum ResultsFormat {
    Table,
    Csv,
    Xlsx,
}

#[derive(Debug, Clone, Args)]
pub struct Source {
    /// Read production's DynamoDB (CCHC_TABLE, AWS credentials from the
    /// environment); default: the local store in .cchc/.
    #[arg(long)]
    pub aws: bool,
}

pub fn run(root: &Path, command: ReportCommand) -> anyhow::Result<()> {
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()?;
    match command {
        ReportCommand::Participation {
            campaign,
            format,
            unit,
            out,
            threshold,
            tally: tally_file,
            note,
            title,
            source,
        } => {
            if !(0.0..=100.0).contains(&threshold) {
                bail!("--threshold is a percentage between 0 and 100, got {threshold}");
            }
            let threshold = threshold / 100.0;
            let mut rep = match tally_file {
                Some(file) => {
                    let rows = tally::load(&file)?;
                    let rows = match &unit {
                        Some(u) => tally::only_unit(rows, u),
                        None => rows,
                    };
                    if rows.is_empty() {
                        bail!(
                            "{}: no rows{}",
                            file.display(),
                            unit.map(|u| format!(" for unit {u:?}")).unwrap_or_default()
                        );
                    }
                    let title =
                        title.unwrap_or_else(|| format!("Số liệu tham gia ({})", file.display()));
                    tally::report(&title, &campaign, &rows, threshold, report::today())
                }
                None => {
                    let c = find_campaign(root, &campaign)?;
                    let store = open_store(root, source.aws, &rt)?;
                    let opts = Options {
                        threshold,
                        unit: unit.as_deref(),
                        generated_on: report::today(),
                    };
                    rt.block_on(participation::report(
                        store.as_ref(),
                        &c,
                        &Units::official(),
                        &opts,
                    ))?
                }
            };
            rep.notes.extend(note);
            let bytes = match format {
                Format::Table => table::render(&rep).into_bytes(),
                Format::Csv => csv_out::participation(&rep)?,
                Format::Html => html::render(&rep).into_bytes(),
            };
            emit(out.as_deref(), &bytes)
        }
        ReportCommand::Results {
            campaign,
            form,
            format,
            out,
            source,
        } => {
            let c = find_campaign(root, &campaign)?;
            let f = c.form(&form).ok_or_else(|| {
                let known: Vec<String> = c.forms().iter().map(|f| f.id().to_string()).collect();
                anyhow!(
                    "campaign {campaign} has no form {form:?} (forms: {})",
                    known.join(", ")
                )
            })?;
            let store = open_store(root, source.aws, &rt)?;
            let key = results_key(root, source.aws, &rt)?;
            let r = rt.block_on(report::results::results(store.as_ref(), &campaign, f, &key))?;
            let bytes = match format {
                ResultsFormat::Table => report::results::render_table(&r).into_bytes(),
                ResultsFormat::Csv => {
                    let mut b = Vec::new();
                    evaluation::published::write_csv(&r.tables, &mut b)?;
                    b
                }
                ResultsFormat::Xlsx => {
                    if out.is_none() {
                        bail!("--format xlsx cần --out TỆP.xlsx");
                    }
                    evaluation::published::xlsx(&r.tables)?
                }
            };
            eprintln!(
                "{} phiếu; {} ô ẩn vì nhỏ, {} ô ẩn thêm để không tính ngược lại được",
                r.submitted,
                r.primary(),
                r.complementary()
            );
            emit(out.as_deref(), &bytes)
        }
        ReportCommand::CoordinatorSheet {
            campaign,
            unit,
            out,
            source,
        } => {
            find_campaign(root, &campaign)?;
            let store = open_store(root, source.aws, &rt)?;
            let rows = rt.block_on(sheet::rows(
                store.as_ref(),
                &campaign,
                &Units::official(),
                &unit,
            ))?;
            eprintln!("{unit}: {} addresses to fix", rows.len());
            emit(out.as_deref(), &sheet::to_csv(&rows)?)
        }
    }
}

fn find_campaign(root: &Path, id: &str) -> anyhow::Result<Campaign> {
    let dir = root.join("content").join("khao-sat");
    let all = survey::campaigns::load(&dir).map_err(|e| anyhow!(e))?;
    let known: Vec<String> = all.iter().map(|c| c.id().to_string()).collect();
    all.into_iter()
        .find(|c| c.id().as_str() == id)
        .ok_or_else(|| {
            anyhow!(
                "no campaign {id:?} in {} (campaigns: {})",
                dir.display(),
                known.join(", ")
            )
        })
}

fn open_store(
    root: &Path,
    aws: bool,
    rt: &tokio::runtime::Runtime,
) -> anyhow::Result<Box<dyn Store>> {
    if aws {
        let table = std::env::var("CCHC_TABLE").context("--aws needs CCHC_TABLE")?;
        let endpoint = std::env::var("CCHC_DYNAMODB_ENDPOINT").ok();
        let store = rt.block_on(DynamoStore::from_env(table, endpoint.as_deref()));
        return Ok(Box::new(store));
    }
    let path = LocalPaths::new(root).store;
    if !path.exists() {
        bail!(
            "no local store at {}: import respondents first (cchc respondents import), or use --aws",
            path.display()
        );
    }
    Ok(Box::new(SqliteStore::open(&path)?))
}

/// The key that opens what reports need of an answer (its unit): locally
/// `.cchc/results-key`, on AWS `CCHC_RESULTS_KEY[_PARAM]` as the survey
/// function reads it.
fn results_key(
    root: &Path,
    aws: bool,
    rt: &tokio::runtime::Runtime,
) -> anyhow::Result<delivery::ResultsKey> {
    if aws {
        let hex = rt.block_on(async {
            let sdk = aws_env::load().await;
            lambda_config::Secrets::from_sdk_config(&sdk)
                .get("CCHC_RESULTS_KEY")
                .await
        })?;
        return delivery::ResultsKey::from_hex(&hex).map_err(|e| anyhow!("CCHC_RESULTS_KEY: {e}"));
    }
    survey::local::local_results_key(&LocalPaths::new(root)).map_err(|e| anyhow!(e))
}

fn emit(out: Option<&Path>, bytes: &[u8]) -> anyhow::Result<()> {
    match out {
        Some(path) => {
            if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
                std::fs::create_dir_all(dir)
                    .with_context(|| format!("creating {}", dir.display()))?;
            }
            std::fs::write(path, bytes).with_context(|| format!("writing {}", path.display()))?;
            eprintln!("wrote {}", path.display());
            Ok(())
        }
        None => {
            use std::io::Write;
            std::io::stdout().write_all(bytes)?;
            Ok(())
        }
    }
}
