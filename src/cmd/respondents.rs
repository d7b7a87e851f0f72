//! `cchc respondents add|import`: who a campaign invites. `add` invites one
//! person at once (for trying a survey with `cchc serve`); `import` registers
//! a whole list after checking every row.

use std::path::{Path, PathBuf};

use anyhow::{anyhow, bail, Context};
use delivery::Units;
use survey::local::LocalPaths;
use survey::respondents::NewRespondent;

use super::backend::{self, Backend};
use crate::cli::RespondentsCommand;

pub fn run(root: &Path, command: RespondentsCommand) -> anyhow::Result<()> {
    let rt = backend::runtime()?;
    match command {
        RespondentsCommand::Add {
            campaign,
            name,
            email,
            unit,
            sub_unit,
            group,
            base_url,
        } => rt.block_on(add(
            root,
            &campaign,
            NewRespondent {
                name,
                email,
                unit,
                sub_unit,
                group,
                forms: None,
            },
            &base_url,
        )),
        RespondentsCommand::Import {
            campaign,
            file,
            skip_invalid,
            rejects,
            dry_run,
            units,
            backend,
        } => rt.block_on(import(
            root,
            &campaign,
            &file,
            ImportFlags {
                skip_invalid,
                rejects,
                dry_run,
                units,
            },
            &backend,
        )),
    }
}

async fn add(
    root: &Path,
    campaign_id: &str,
    r: NewRespondent,
    base_url: &str,
) -> anyhow::Result<()> {
    let app = survey::local::open_app(root, base_url).map_err(|e| anyhow!(e))?;
    let campaign = backend::invited_campaign(&app, campaign_id)?;
    let inv = survey::invitations::invite(&app, &campaign, &r)
        .await
        .with_context(|| format!("inviting {}", r.email))?;
    let paths = LocalPaths::new(root);
    println!(
        "Invited {} <{}> as respondent {}",
        r.name, r.email, inv.respondent
    );
    println!(
        "Invitation: {}",
        paths.outbox.join(format!("{}.eml", inv.message)).display()
    );
    println!("Personal link: {}", inv.link);
    println!(
        "(Run `cchc serve` and open http://127.0.0.1:8000/_outbox/ to read it in the browser.)"
    );
    Ok(())
}

struct ImportFlags {
    skip_invalid: bool,
    rejects: Option<PathBuf>,
    dry_run: bool,
    units: Option<PathBuf>,
}

async fn import(
    root: &Path,
    campaign_id: &str,
    file: &Path,
    flags: ImportFlags,
    backend: &Backend,
) -> anyhow::Result<()> {
    let app = backend::open(root, backend).await?;
    let campaign = backend::invited_campaign(&app, campaign_id)?;
    let units = match &flags.units {
        Some(p) => Units::load(p)?,
        None => Units::official(),
    };
    let sheet = outreach::sheet::read(file)?;
    let v = outreach::import::validate(&sheet, &campaign, &units, &*app.store).await?;
    let errors = v.rejected_lines().len();
    println!(
        "{}: {} row(s), {} valid, {} with errors",
        file.display(),
        v.total,
        v.rows.len(),
        errors
    );
    for i in &v.issues {
        let level = if i.problem.is_error() {
            "LỖI"
        } else {
            "lưu ý"
        };
        let email = i
            .cells
            .iter()
            .find(|c| c.contains('@'))
            .map_or("", |s| s.as_str());
        println!(
            "  dòng {:>4} {level:<5} [{}] {email}: {}",
            i.line,
            i.problem.code(),
            i.problem.message_vi()
        );
    }
    if errors > 0 {
        let path = flags.rejects.clone().unwrap_or_else(|| rejects_path(file));
        std::fs::write(&path, outreach::import::write_rejects(&v)?)
            .with_context(|| format!("writing {}", path.display()))?;
        println!(
            "Rejected rows with reasons, for the coordinator: {}",
            path.display()
        );
        if !flags.skip_invalid {
            bail!(
                "{errors} row(s) have errors: nothing was imported. Fix them, or pass --skip-invalid to import the {} valid row(s).",
                v.rows.len()
            );
        }
    }
    if flags.dry_run {
        println!("Dry run: nothing stored.");
        return Ok(());
    }
    let now = chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, true);
    let a = outreach::import::apply(&app, &campaign, &v.rows, &now).await?;
    println!(
        "Imported into {}: {} new, {} updated, {} unchanged",
        campaign.id(),
        a.created,
        a.updated,
        a.unchanged
    );
    Ok(())
}

fn rejects_path(file: &Path) -> PathBuf {
    let stem = file
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| "danh-sach".into());
    file.with_file_name(format!("{stem}-loi.csv"))
}
