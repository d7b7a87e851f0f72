//! `cchc index compute|publish <year>`: the PAR Index (Chỉ số CCHC) of a
//! year from its folder `content/chi-so/<year>/` (the index structures
//! `bo.yaml` and `tinh.yaml`, the appraisal `tham-dinh.csv|xlsx`, the survey
//! points `khao-sat.csv`), ranked by the `evaluation` crate; `publish` writes
//! the release the site's build renders under `data/chi-so-cchc/<year>/`.

use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::{anyhow, bail, Context};
use clap::{Subcommand, ValueEnum};
use evaluation::compute::Ranking;
use evaluation::release::{self, Published};
use evaluation::year::Year;

#[derive(Debug, Subcommand)]
pub enum IndexCommand {
    /// Tính Chỉ số CCHC của một năm: điểm và hạng thẩm định, điều tra xã hội
    /// học, chỉ số và chênh lệch hạng, xếp hạng bộ và tỉnh riêng.
    Compute {
        /// Năm đánh giá, ví dụ 2020 (thư mục content/chi-so/2020/).
        year: u16,
        /// Tệp điểm thẩm định (CSV hoặc XLSX) thay cho tham-dinh.csv|xlsx của năm.
        #[arg(long)]
        appraisal: Option<PathBuf>,
        #[arg(long, value_enum, default_value_t = Format::Table)]
        format: Format,
        /// Ghi ra tệp này thay vì màn hình (bắt buộc với --format xlsx).
        #[arg(long)]
        out: Option<PathBuf>,
    },
    /// Công bố kết quả: ghi data/chi-so-cchc/<năm>/ (JSON cho trang web, CSV
    /// và XLSX để tải về); `cchc build` dựng các trang /chi-so-cchc/<năm>/.
    /// Từ chối khi một đợt khảo sát cung cấp điểm vẫn đang mở.
    Publish {
        year: u16,
        #[arg(long)]
        appraisal: Option<PathBuf>,
    },
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum Format {
    Table,
    Csv,
    Xlsx,
}

pub fn run(root: &Path, command: IndexCommand) -> anyhow::Result<()> {
    match command {
        IndexCommand::Compute {
            year,
            appraisal,
            format,
            out,
        } => {
            let (_, rankings) = compute(root, year, appraisal.as_deref())?;
            let bytes = match format {
                Format::Table => rankings
                    .iter()
                    .map(evaluation::output::table)
                    .collect::<Vec<_>>()
                    .join("\n")
                    .into_bytes(),
                Format::Csv => {
                    let mut b = Vec::new();
                    evaluation::output::write_csv(&rankings, &mut b)?;
                    b
                }
                Format::Xlsx => {
                    if out.is_none() {
                        bail!("--format xlsx cần --out TỆP.xlsx (bảng tính không in ra màn hình được)");
                    }
                    evaluation::output::xlsx(&rankings)?
                }
            };
            match out {
                Some(path) => {
                    std::fs::write(&path, bytes)
                        .with_context(|| format!("không ghi được {}", path.display()))?;
                    eprintln!("Đã ghi {}", path.display());
                }
                None => std::io::stdout().write_all(&bytes)?,
            }
            Ok(())
        }
        IndexCommand::Publish { year, appraisal } => publish(root, year, appraisal.as_deref()),
    }
}

fn year_dir(root: &Path, year: u16) -> PathBuf {
    root.join("content").join("chi-so").join(year.to_string())
}

fn compute(
    root: &Path,
    year: u16,
    appraisal: Option<&Path>,
) -> anyhow::Result<(Year, Vec<Ranking>)> {
    let dir = year_dir(root, year);
    let y = Year::load(&dir).map_err(|p| anyhow!("{p}"))?;
    let rankings = y
        .compute_from_files(appraisal)
        .map_err(|p| anyhow!("{p}"))?;
    Ok((y, rankings))
}

fn publish(root: &Path, year: u16, appraisal: Option<&Path>) -> anyhow::Result<()> {
    let (y, rankings) = compute(root, year, appraisal)?;
    refuse_open_campaigns(root, &y)?;
    let indexes: Vec<_> = y.indexes.iter().collect();
    let a = y.appraisal(appraisal).map_err(|p| anyhow!("{p}"))?;
    let published = Published::of(year, &rankings, &indexes, &a);
    let folder = root.join(release::DATA_DIR).join(year.to_string());
    let written = release::write_year(&folder, &published, &rankings)?;
    println!(
        "Đã công bố Chỉ số CCHC năm {year}: {} tệp trong {}",
        written.len(),
        folder.display()
    );
    for r in &rankings {
        println!("  {}: {} đơn vị", r.kind.label(), r.units.len());
    }
    println!("Chạy `cchc build` để dựng các trang /chi-so-cchc/{year}/.");
    Ok(())
}

/// Nothing is published while a campaign whose forms feed the index can
/// still take answers: the figures would change after the release.
fn refuse_open_campaigns(root: &Path, y: &Year) -> anyhow::Result<()> {
    let forms: Vec<&str> = y
        .indexes
        .iter()
        .flat_map(|i| i.survey_subs())
        .filter_map(|s| s.survey().map(|l| l.form.as_str()))
        .collect();
    let dir = root.join("content").join("khao-sat");
    if !dir.is_dir() {
        return Ok(());
    }
    let campaigns = survey_core::load_campaigns(&dir).map_err(|e| anyhow!("{e}"))?;
    let now = chrono::Utc::now();
    for c in campaigns {
        let feeds = c.forms().iter().any(|f| forms.contains(&f.id().as_str()));
        if feeds && now < c.schedule().closes_at() {
            bail!(
                "đợt khảo sát “{}” chưa kết thúc (đóng lúc {}): chưa công bố được Chỉ số CCHC năm {}",
                c.title(),
                vntext::format_datetime(c.schedule().closes_at()),
                y.indexes.first().map_or(0, |i| i.year())
            );
        }
    }
    Ok(())
}
