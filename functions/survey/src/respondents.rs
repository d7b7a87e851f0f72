//! Respondents of an invited campaign and their personal links.
//!
//! The respondent item holds who they are (for sending and for the survey
//! team's follow-up); the token item maps SHA-256(token) back to them. The
//! token itself is returned once, to be mailed, and never stored.

use serde_json::Value;
use store::{Condition, Item, Key, Store, StoreError, Write};
use survey_core::Campaign;

use delivery::{schema, EmailAddress};

use crate::link_seal::LinkKey;
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
    /// Forms of their group they are asked to fill in; `None` for all of them.
    pub forms: Option<Vec<String>>,
}

/// What an invitation link opens.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Invitee {
    pub campaign: String,
    pub respondent: RespondentId,
    pub group: String,
    pub unit: String,
    pub forms: Option<Vec<String>>,
}

#[derive(Debug, thiserror::Error)]
pub enum RespondentError {
    #[error("{0}")]
    Invalid(String),
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// What registering a respondent did. Re-importing a list is idempotent: the
/// same address in the same campaign is the same person.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Registered {
    Created(RespondentId),
    Updated(RespondentId),
    Unchanged(RespondentId),
}

impl Registered {
    pub fn id(&self) -> &RespondentId {
        match self {
            Registered::Created(id) | Registered::Updated(id) | Registered::Unchanged(id) => id,
        }
    }
}

pub fn respondent_key(campaign: &str, id: &RespondentId) -> Key {
    delivery::schema::respondent_key(campaign, &id.0)
}

fn token_key(token: &Token) -> Key {
    Key::new(format!("TOKEN#{}", token.lookup_hash()), "TOKEN")
}

/// What authenticates a sealed link: it only opens on its own respondent.
pub fn seal_context(campaign: &str, id: &RespondentId) -> String {
    format!("{campaign}/{id}")
}

/// A respondent checked against the campaign, with a normalised address.
struct Checked {
    name: String,
    email: EmailAddress,
    unit: String,
    sub_unit: Option<String>,
    group: String,
    forms: Option<Vec<String>>,
}

fn check(campaign: &Campaign, r: &NewRespondent) -> Result<Checked, RespondentError> {
    let invalid = |m: String| Err(RespondentError::Invalid(m));
    let name = vntext::nfc(r.name.trim());
    if name.is_empty() {
        return invalid("name is empty".into());
    }
    let email = EmailAddress::parse(&r.email)
        .map_err(|_| RespondentError::Invalid(format!("{:?} is not an email address", r.email)))?;
    let unit = vntext::nfc(r.unit.trim());
    if unit.is_empty() {
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
    if let Some(forms) = &r.forms {
        for f in forms {
            if !campaign
                .form(f)
                .is_some_and(|form| form.is_for_group(&r.group))
            {
                return invalid(format!(
                    "form {f:?} is not a form of group {:?} in campaign {}",
                    r.group,
                    campaign.id()
                ));
            }
        }
    }
    Ok(Checked {
        name,
        email,
        unit,
        sub_unit: r
            .sub_unit
            .as_deref()
            .map(|s| vntext::nfc(s.trim()))
            .filter(|s| !s.is_empty()),
        group: r.group.clone(),
        forms: r.forms.clone(),
    })
}

fn opt(v: &Option<String>) -> Value {
    v.as_deref().map_or(Value::Null, Value::from)
}

fn forms_value(forms: &Option<Vec<String>>) -> Value {
    forms
        .as_ref()
        .map_or(Value::Null, |f| Value::from(f.clone()))
}

/// Stores a respondent and a fresh token for them, all or nothing. Without a
/// link key the token exists only in what the caller does with it.
pub async fn create_respondent(
    store: &dyn Store,
    campaign: &Campaign,
    r: &NewRespondent,
    now: &str,
) -> Result<(RespondentId, Token), RespondentError> {
    let c = check(campaign, r)?;
    create(store, campaign, &c, now, None).await
}

async fn create(
    store: &dyn Store,
    campaign: &Campaign,
    r: &Checked,
    now: &str,
    link_key: Option<&LinkKey>,
) -> Result<(RespondentId, Token), RespondentError> {
    let id = RespondentId(random_hex(10));
    let token = Token::generate();
    let cid = campaign.id().as_str();
    let mut respondent = Item::new(respondent_key(cid, &id))
        .with("name", r.name.as_str())
        .with("email", r.email.as_str())
        .with("unit", r.unit.as_str())
        .with("sub_unit", opt(&r.sub_unit))
        .with("group", r.group.as_str())
        .with("forms", forms_value(&r.forms))
        .with("created_at", now)
        .with("version", 1);
    if let Some(key) = link_key {
        respondent = respondent.with("link_seal", key.seal(&token, &seal_context(cid, &id)));
    }
    let token_item = Item::new(token_key(&token))
        .with("campaign", cid)
        .with("respondent", id.0.as_str())
        .with("group", r.group.as_str())
        .with("unit", r.unit.as_str())
        .with("forms", forms_value(&r.forms))
        .with("created_at", now);
    let email_item =
        Item::new(schema::email_key(cid, r.email.as_str())).with("respondent", id.0.as_str());
    store
        .transact(vec![
            Write::put(respondent, Condition::NotExists),
            Write::put(token_item, Condition::NotExists),
            Write::put(email_item, Condition::NotExists),
        ])
        .await?;
    Ok((id, token))
}

/// Creates the respondent, or updates the one with this address (name, unit,
/// sub-unit, group, forms) and keeps their link and delivery history.
/// Returns the token only when it was just created.
pub async fn register(
    store: &dyn Store,
    campaign: &Campaign,
    r: &NewRespondent,
    now: &str,
    link_key: Option<&LinkKey>,
) -> Result<(Registered, Option<Token>), RespondentError> {
    let c = check(campaign, r)?;
    let cid = campaign.id().as_str();
    let existing = store
        .get(&schema::email_key(cid, c.email.as_str()))
        .await?
        .and_then(|i| {
            i.get("respondent")
                .and_then(Value::as_str)
                .map(str::to_owned)
        });
    let Some(id) = existing else {
        return match create(store, campaign, &c, now, link_key).await {
            Ok((id, token)) => Ok((Registered::Created(id), Some(token))),
            // Another import created this address a moment ago: update that one.
            Err(RespondentError::Store(StoreError::Transaction { .. })) => {
                Box::pin(register(store, campaign, r, now, link_key)).await
            }
            Err(e) => Err(e),
        };
    };
    let id = RespondentId(id);
    let key = respondent_key(cid, &id);
    let Some(item) = store.get(&key).await? else {
        return Err(RespondentError::Invalid(format!(
            "the address index of {} points at a missing respondent {id}",
            c.email
        )));
    };
    let text = |n: &str| item.get(n).and_then(Value::as_str).map(str::to_owned);
    let forms_now: Option<Vec<String>> = item.get("forms").and_then(Value::as_array).map(|a| {
        a.iter()
            .filter_map(|v| v.as_str().map(str::to_owned))
            .collect()
    });
    let routing_changed = text("unit").as_deref() != Some(c.unit.as_str())
        || text("group").as_deref() != Some(c.group.as_str())
        || forms_now != c.forms;
    let changed = routing_changed
        || text("name").as_deref() != Some(c.name.as_str())
        || text("sub_unit") != c.sub_unit;
    if !changed {
        return Ok((Registered::Unchanged(id), None));
    }
    let mut set = serde_json::Map::new();
    set.insert("name".into(), c.name.as_str().into());
    set.insert("unit".into(), c.unit.as_str().into());
    set.insert("sub_unit".into(), opt(&c.sub_unit));
    set.insert("group".into(), c.group.as_str().into());
    set.insert("forms".into(), forms_value(&c.forms));
    set.insert("updated_at".into(), now.into());
    store.update(&key, set, Condition::Exists).await?;
    if routing_changed {
        // The token item routes answers to a unit and group; follow the change
        // when the sealed link can be opened to find it.
        let token = match (link_key, text("link_seal")) {
            (Some(k), Some(sealed)) => k.open(&sealed, &seal_context(cid, &id)),
            _ => None,
        };
        match token {
            Some(token) => {
                let mut set = serde_json::Map::new();
                set.insert("unit".into(), c.unit.as_str().into());
                set.insert("group".into(), c.group.as_str().into());
                set.insert("forms".into(), forms_value(&c.forms));
                store
                    .update(&token_key(&token), set, Condition::Exists)
                    .await?;
            }
            None => tracing::warn!(
                campaign = cid,
                respondent = %id,
                "unit or group changed but the link is not sealed: earlier answers keep the old routing"
            ),
        }
    }
    Ok((Registered::Updated(id), None))
}

/// The respondent's personal link token, opened from its seal.
pub async fn sealed_token(
    store: &dyn Store,
    campaign: &str,
    id: &RespondentId,
    link_key: &LinkKey,
) -> Result<Option<Token>, StoreError> {
    Ok(store
        .get(&respondent_key(campaign, id))
        .await?
        .and_then(|i| {
            i.get("link_seal")
                .and_then(Value::as_str)
                .map(str::to_owned)
        })
        .and_then(|s| link_key.open(&s, &seal_context(campaign, id))))
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
        forms: item.get("forms").and_then(Value::as_array).map(|a| {
            a.iter()
                .filter_map(|v| v.as_str().map(str::to_owned))
                .collect()
        }),
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
