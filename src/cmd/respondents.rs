//! `cchc respondents add`: invites one respondent on the local store, so a
//! developer can walk through a survey with `cchc serve`.

use std::path::Path;

use anyhow::{anyhow, Context};
use survey::local::{open_app, LocalPaths};
use survey::respondents::NewRespondent;

use crate::cli::RespondentsCommand;

pub fn run(root: &Path, command: RespondentsCommand) -> anyhow::Result<()> {
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()?;
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
            },
            &base_url,
        )),
    }
}

async fn add(
    root: &Path,
    campaign_id: &str,
    r: NewRespondent,
    base_url: &str,
) -> anyhow::Result<()> {
    let app = open_app(root, base_url).map_err(|e| anyhow!(e))?;
    let campaign = app
        .campaign(campaign_id)
        .ok_or_else(|| {
            let known: Vec<String> = app.campaigns.iter().map(|c| c.id().to_string()).collect();
            anyhow!(
                "no campaign {campaign_id:?} (campaigns: {})",
                known.join(", ")
            )
        })?
        .clone();
    if campaign.access() != survey::Access::Invited {
        return Err(anyhow!(
            "campaign {campaign_id} is public: it has no respondents to invite"
        ));
    }
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
