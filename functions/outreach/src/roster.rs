//! The respondents of a campaign as the sender and the reports read them.

use delivery::schema::{self, RESPONDENT_PREFIX};
use delivery::DeliveryState;
use serde_json::Value;
use store::{QueryOpts, Store, StoreError};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Respondent {
    pub id: String,
    pub name: String,
    pub email: String,
    pub unit: String,
    pub sub_unit: Option<String>,
    pub group: String,
    pub forms: Option<Vec<String>>,
    pub delivery: DeliveryState,
    pub mailbox_confirmed: bool,
}

impl Respondent {
    fn from_item(item: &store::Item) -> Option<Respondent> {
        let text = |n: &str| item.get(n).and_then(Value::as_str).map(str::to_owned);
        Some(Respondent {
            id: item.key.sk.strip_prefix(RESPONDENT_PREFIX)?.to_owned(),
            name: text("name").unwrap_or_default(),
            email: text("email")?,
            unit: text("unit").unwrap_or_default(),
            sub_unit: text("sub_unit"),
            group: text("group").unwrap_or_default(),
            forms: item.get("forms").and_then(Value::as_array).map(|a| {
                a.iter()
                    .filter_map(|v| v.as_str().map(str::to_owned))
                    .collect()
            }),
            delivery: DeliveryState::parse(&text(schema::ATTR_DELIVERY).unwrap_or_default()),
            mailbox_confirmed: text(schema::ATTR_MAILBOX_CONFIRMED_AT).is_some(),
        })
    }
}

/// Every respondent of a campaign, page by page.
pub async fn load(store: &dyn Store, campaign: &str) -> Result<Vec<Respondent>, StoreError> {
    let pk = schema::campaign_pk(campaign);
    let mut out = Vec::new();
    let mut after = None;
    loop {
        let page = store
            .query(&pk, RESPONDENT_PREFIX, QueryOpts::default().after(after))
            .await?;
        out.extend(page.items.iter().filter_map(Respondent::from_item));
        match page.next {
            Some(c) => after = Some(c),
            None => return Ok(out),
        }
    }
}

/// Whether the address is on the suppression list (bounced or complained
/// before, in any campaign).
pub async fn suppressed(store: &dyn Store, email: &str) -> Result<Option<String>, StoreError> {
    Ok(store.get(&schema::suppression_key(email)).await?.map(|i| {
        i.get("reason")
            .and_then(Value::as_str)
            .unwrap_or("suppressed")
            .to_owned()
    }))
}

/// Forms each respondent has submitted, from the participation records.
pub async fn submitted(
    store: &dyn Store,
    campaign: &str,
) -> Result<std::collections::HashMap<String, Vec<String>>, StoreError> {
    let pk = schema::participation_pk(campaign);
    let mut out: std::collections::HashMap<String, Vec<String>> = Default::default();
    let mut after = None;
    loop {
        let page = store
            .query(&pk, "FORM#", QueryOpts::default().after(after))
            .await?;
        for item in &page.items {
            let text = |n: &str| item.get(n).and_then(Value::as_str).map(str::to_owned);
            if let (Some(r), Some(f)) = (text("respondent"), text("form")) {
                out.entry(r).or_default().push(f);
            }
        }
        match page.next {
            Some(c) => after = Some(c),
            None => return Ok(out),
        }
    }
}
