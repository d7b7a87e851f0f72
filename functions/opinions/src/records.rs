//! Opinions in the store: the opinion without the email, and the email (when
//! given) in its own item that expires 12 months after the consultation
//! closes (privacy notice), written together or not at all.

use chrono::{DateTime, Duration, Utc};
use serde_json::Value;
use store::{Condition, Item, Key, QueryOpts, Store, StoreError, Write};

use crate::consultations::Consultation;
use crate::opinion::{NewOpinion, StoredOpinion};

/// How long an optional email is kept after the consultation closes.
pub const CONTACT_RETENTION_DAYS: i64 = 365;

pub fn partition(slug: &str) -> String {
    format!("OPINION#{slug}")
}

pub fn contact_partition(slug: &str) -> String {
    format!("OPINION-CONTACT#{slug}")
}

/// Stores one opinion; returns its id.
pub async fn save(
    store: &dyn Store,
    c: &Consultation,
    o: &NewOpinion,
    now: DateTime<Utc>,
) -> Result<StoredOpinion, StoreError> {
    // 40 random bits, enough to tell opinions of one consultation apart and
    // short enough to read out on the phone.
    let id = web::guard::random_hex(5);
    let submitted_at = web::stamp(&now);
    let item = Item::new(Key::new(partition(&c.slug), format!("{submitted_at}#{id}")))
        .with("id", id.as_str())
        .with("name", o.name.as_str())
        .with("province", o.province.as_str())
        .with("part", o.part.as_str())
        .with("text", o.text.as_str())
        .with("submitted_at", submitted_at.as_str());
    let mut writes = vec![Write::put(item, Condition::NotExists)];
    if let Some(email) = &o.email {
        let expires = c.closes + Duration::days(CONTACT_RETENTION_DAYS);
        writes.push(Write::put(
            Item::new(Key::new(contact_partition(&c.slug), id.as_str()))
                .with("email", email.as_str())
                .expiring_at(expires.timestamp()),
            Condition::NotExists,
        ));
    }
    store.transact(writes).await?;
    Ok(StoredOpinion {
        id,
        name: o.name.clone(),
        province: o.province.clone(),
        part: o.part.clone(),
        text: o.text.clone(),
        submitted_at,
    })
}

/// Every opinion on a consultation, oldest first.
pub async fn list(store: &dyn Store, slug: &str) -> Result<Vec<StoredOpinion>, StoreError> {
    let mut out = Vec::new();
    let mut after = None;
    loop {
        let page = store
            .query(
                &partition(slug),
                "",
                QueryOpts::limit(store::MAX_PAGE).after(after),
            )
            .await?;
        out.extend(page.items.iter().map(from_item));
        match page.next {
            Some(n) => after = Some(n),
            None => break,
        }
    }
    Ok(out)
}

fn from_item(item: &Item) -> StoredOpinion {
    let s = |k: &str| {
        item.get(k)
            .and_then(Value::as_str)
            .unwrap_or_default()
            .to_owned()
    };
    StoredOpinion {
        id: s("id"),
        name: s("name"),
        province: s("province"),
        part: s("part"),
        text: s("text"),
        submitted_at: s("submitted_at"),
    }
}
