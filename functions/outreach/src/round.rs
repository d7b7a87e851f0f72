//! The three kinds of mail round: who each one goes to and what it says.

use std::collections::HashMap;

use delivery::schema;
use delivery::DeliveryState;
use mailer::{Email, MailError};
use store::{Condition, Item};
use survey::emails::{self, Recipient};
use survey::respondents::{sealed_token, RespondentId};
use survey::token::{sha256_hex, Token};
use survey::App;
use survey_core::Campaign;

use crate::roster::{self, Respondent};

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Round {
    /// The personal link, once per respondent.
    Invite,
    /// A reminder round, named by its date (`remind-YYYYMMDD`).
    Remind { step: String },
    /// Before opening: proves each mailbox receives the ministry's mail.
    MailboxCheck,
}

impl Round {
    pub fn step(&self) -> String {
        match self {
            Round::Invite => schema::STEP_INVITE.to_owned(),
            Round::Remind { step } => step.clone(),
            Round::MailboxCheck => schema::STEP_CHECK.to_owned(),
        }
    }

    /// Today's reminder round, in Vietnam's calendar.
    pub fn remind_today() -> Round {
        Round::Remind {
            step: schema::reminder_step(&vntext::today_vn().format("%Y%m%d").to_string()),
        }
    }
}

/// Why a respondent is left out of a round. Shown to the survey team.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Skip {
    Suppressed(String),
    Undeliverable(DeliveryState),
    AllSubmitted,
    NotInvited,
}

impl std::fmt::Display for Skip {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Skip::Suppressed(reason) => write!(f, "on the suppression list ({reason})"),
            Skip::Undeliverable(s) => write!(f, "address {}", s.as_str()),
            Skip::AllSubmitted => f.write_str("submitted every assigned form"),
            Skip::NotInvited => f.write_str("not invited yet"),
        }
    }
}

#[derive(Debug, Clone)]
pub struct Target {
    pub respondent: Respondent,
    /// Form ids not yet submitted (reminders list them).
    pub remaining: Vec<String>,
}

/// Splits the campaign's respondents into who gets this round and who not, why.
pub async fn targets(
    app: &App,
    campaign: &Campaign,
    round: &Round,
    only_unit: Option<&str>,
) -> Result<(Vec<Target>, Vec<(Respondent, Skip)>), store::StoreError> {
    let cid = campaign.id().as_str();
    let store = &*app.store;
    let mut people = roster::load(store, cid).await?;
    if let Some(unit) = only_unit {
        let unit = vntext::nfc(unit.trim()).to_lowercase();
        people.retain(|r| r.unit.to_lowercase() == unit);
    }
    let submitted: HashMap<String, Vec<String>> = match round {
        Round::Remind { .. } => roster::submitted(store, cid).await?,
        _ => HashMap::new(),
    };
    let mut go = Vec::new();
    let mut skip = Vec::new();
    for r in people {
        if let Some(reason) = roster::suppressed(store, &r.email).await? {
            skip.push((r, Skip::Suppressed(reason)));
            continue;
        }
        if r.delivery.blocks_mail() {
            let s = r.delivery;
            skip.push((r, Skip::Undeliverable(s)));
            continue;
        }
        let assigned: Vec<String> = campaign
            .assigned_forms(&r.group, r.forms.as_deref())
            .iter()
            .map(|f| f.id().to_string())
            .collect();
        let done = submitted.get(&r.id).cloned().unwrap_or_default();
        let remaining: Vec<String> = assigned.into_iter().filter(|f| !done.contains(f)).collect();
        if let Round::Remind { .. } = round {
            if remaining.is_empty() {
                skip.push((r, Skip::AllSubmitted));
                continue;
            }
            let invited = store
                .get(&schema::send_key(cid, schema::STEP_INVITE, &r.id))
                .await?
                .is_some_and(|i| {
                    i.get("state").and_then(|v| v.as_str()) == Some(schema::SEND_SENT)
                });
            if !invited {
                skip.push((r, Skip::NotInvited));
                continue;
            }
        }
        go.push(Target {
            respondent: r,
            remaining,
        });
    }
    Ok((go, skip))
}

/// The mail of this round for one respondent, tagged so its delivery events
/// find their way back to the respondent and the attempt.
pub async fn compose(
    app: &App,
    campaign: &Campaign,
    round: &Round,
    target: &Target,
    attempt: &str,
) -> Result<Email, MailError> {
    let cid = campaign.id().as_str();
    let r = &target.respondent;
    let to = Recipient {
        name: &r.name,
        email: &r.email,
        unit: &r.unit,
        group: &r.group,
    };
    let mut email = match round {
        Round::Invite | Round::Remind { .. } => {
            let link = personal_link(app, cid, &r.id).await?;
            if let Round::Invite = round {
                emails::invitation(app, campaign, &to, &link, false)?
            } else {
                let forms: Vec<_> = target
                    .remaining
                    .iter()
                    .filter_map(|f| campaign.form(f))
                    .collect();
                emails::reminder(app, campaign, &to, &link, &forms)?
            }
        }
        Round::MailboxCheck => {
            let link = mailbox_check_link(app, campaign, &r.id).await?;
            emails::mailbox_check(app, campaign, &to, &link)?
        }
    };
    email
        .tags
        .insert(schema::TAG_RESPONDENT.to_owned(), r.id.clone());
    email.tags.insert(schema::TAG_STEP.to_owned(), round.step());
    email
        .tags
        .insert(schema::TAG_ATTEMPT.to_owned(), attempt.to_owned());
    Ok(email)
}

async fn personal_link(app: &App, campaign: &str, id: &str) -> Result<String, MailError> {
    let key = app.link_key.as_ref().ok_or_else(|| {
        MailError::Halted("no link key configured (CCHC_LINK_KEY): links cannot be sent".into())
    })?;
    let token = sealed_token(&*app.store, campaign, &RespondentId(id.to_owned()), key)
        .await
        .map_err(|e| MailError::Backend(format!("reading respondent {id}: {e}")))?
        .ok_or_else(|| {
            MailError::Rejected(format!(
                "respondent {id} has no sealed link (imported with another link key?)"
            ))
        })?;
    Ok(app.invitation_url(campaign, token.as_str()))
}

/// A fresh confirm link per attempt; any of them confirms.
async fn mailbox_check_link(app: &App, campaign: &Campaign, id: &str) -> Result<String, MailError> {
    let token = Token::generate();
    let cid = campaign.id().as_str();
    let closes = campaign.schedule().closes_at().timestamp();
    let item = Item::new(schema::check_key(&sha256_hex(token.as_str().as_bytes())))
        .with("campaign", cid)
        .with("respondent", id)
        // Kept until the campaign closes, then it has no use.
        .expiring_at(closes);
    app.store
        .put(item, Condition::NotExists)
        .await
        .map_err(|e| MailError::Backend(format!("storing mailbox check: {e}")))?;
    Ok(format!(
        "{}{}{cid}/hop-thu/{}",
        app.base_url,
        survey::API_PREFIX,
        token.as_str()
    ))
}
