//! Respondents of an invited campaign and their personal links.
//!
//! The respondent item holds who they are (for sending and for the survey
//! team's follow-up); the token item maps SHA-256(token) back to them. The
//! token itself is returned once, to be mailed, and never stored.

use serde_json::Value;
use store::{Condition, Item, Key, Store, StoreError, Write};
use survey_core::Campaign;

use crate::token::{random_hex, Token};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RespondentId(pub String);

impl std::fmt::Display for RespondentId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// Who is invited.
#[derive(Debug, Clone, Default)]
pub struct NewRespondent {
    pub name: String,
    pub email: String,
    /// The ministry, province or agency they answer for: answers are aggregated by it.
    pub unit: String,
    pub sub_unit: Option<String>,
    pub group: String,
}

/// What an invitation link opens.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Invitee {
    pub campaign: String,
    pub respondent: RespondentId,
    pub group: String,
    pub unit: String,
}

#[derive(Debug, thiserror::Error)]
pub enum RespondentError {
    #[error("{0}")]
    Invalid(String),
    #[error(transparent)]
    Store(#[from] StoreError),
}

pub fn respondent_key(campaign: &str, id: &RespondentId) -> Key {
    Key::new(format!("CAMPAIGN#{campaign}"), format!("RESP#{id}"))
}

fn token_key(token: &Token) -> Key {
    Key::new(format!("TOKEN#{}", token.lookup_hash()), "TOKEN")
}

/// Stores a respondent and a fresh token for them, both or neither.
pub async fn create_respondent(
    store: &dyn Store,
    campaign: &Campaign,
    r: &NewRespondent,
    now: &str,
) -> Result<(RespondentId, Token), RespondentError> {
    let invalid = |m: String| Err(RespondentError::Invalid(m));
    if r.name.trim().is_empty() {
        return invalid("name is empty".into());
    }
    let email = r.email.trim();
    if !email.contains('@') || email.contains(char::is_whitespace) {
        return invalid(format!("{email:?} is not an email address"));
    }
    if r.unit.trim().is_empty() {
        return invalid("unit is empty".into());
    }
    if campaign.group(&r.group).is_none() {
        let known: Vec<&str> = campaign.groups().iter().map(|g| g.id().as_str()).collect();
        return invalid(format!(
            "campaign {} has no group {:?} (groups: {})",
            campaign.id(),
            r.group,
            known.join(", ")
        ));
    }
    let id = RespondentId(random_hex(10));
    let token = Token::generate();
    let c = campaign.id().as_str();
    let respondent = Item::new(respondent_key(c, &id))
        .with("name", r.name.trim())
        .with("email", email)
        .with("unit", r.unit.trim())
        .with(
            "sub_unit",
            r.sub_unit
                .as_deref()
                .map_or(Value::Null, |s| s.trim().into()),
        )
        .with("group", r.group.as_str())
        .with("created_at", now);
    let token_item = Item::new(token_key(&token))
        .with("campaign", c)
        .with("respondent", id.0.as_str())
        .with("group", r.group.as_str())
        .with("unit", r.unit.trim())
        .with("created_at", now);
    store
        .transact(vec![
            Write::put(respondent, Condition::NotExists),
            Write::put(token_item, Condition::NotExists),
        ])
        .await?;
    Ok((id, token))
}

/// The respondent a token belongs to, if it is a live token of this campaign.
pub async fn find_invitee(
    store: &dyn Store,
    campaign: &str,
    token: &Token,
) -> Result<Option<Invitee>, StoreError> {
    let Some(item) = store.get(&token_key(token)).await? else {
        return Ok(None);
    };
    let text = |name: &str| {
        item.get(name)
            .and_then(Value::as_str)
            .unwrap_or_default()
            .to_owned()
    };
    if text("campaign") != campaign {
        return Ok(None);
    }
    Ok(Some(Invitee {
        campaign: text("campaign"),
        respondent: RespondentId(text("respondent")),
        group: text("group"),
        unit: text("unit"),
    }))
}

/// Name and email, for mail to the respondent.
pub async fn contact(
    store: &dyn Store,
    campaign: &str,
    id: &RespondentId,
) -> Result<Option<(String, String)>, StoreError> {
    Ok(store.get(&respondent_key(campaign, id)).await?.map(|item| {
        let text = |name: &str| {
            item.get(name)
                .and_then(Value::as_str)
                .unwrap_or_default()
                .to_owned()
        };
        (text("name"), text("email"))
    }))
}
