//! The live participation report, counted from the store: respondents
//! (`CAMPAIGN#c`/`RESP#…`), invitation steps (`SEND#invite#…`) and
//! participation records (`PART#c`). Answers (`ANS#…`) are never read: they
//! are keyed by an HMAC of the invitation token precisely so that nobody can
//! join them to a person, and a report has no reason to try.

use std::collections::{BTreeMap, HashMap, HashSet};

use chrono::NaiveDate;
use delivery::schema::{
    campaign_pk, participation_pk, send_prefix, ATTR_DELIVERY, ATTR_MAILBOX_CONFIRMED_AT,
    ATTR_UNLISTED, RESPONDENT_PREFIX, SEND_SENT, STEP_INVITE,
};
use delivery::units::UnitMatch;
use delivery::{DeliveryState, Units};
use serde_json::Value;
use store::{Item, QueryOpts, Store, StoreError, MAX_PAGE};
use survey_core::Campaign;

use crate::model::{finish, Counts, FormColumn, Report, Row, Section, SubRow};

/// Every item of a partition under a prefix, page by page.
pub async fn query_all(store: &dyn Store, pk: &str, prefix: &str) -> Result<Vec<Item>, StoreError> {
    let mut items = Vec::new();
    let mut after = None;
    loop {
        let page = store
            .query(pk, prefix, QueryOpts::limit(MAX_PAGE).after(after))
            .await?;
        items.extend(page.items);
        match page.next {
            Some(next) => after = Some(next),
            None => return Ok(items),
        }
    }
}

fn text<'a>(item: &'a Item, name: &str) -> &'a str {
    item.get(name).and_then(Value::as_str).map_or("", str::trim)
}

/// Where a unit name lands in the report: the registry's unit (a 2021 name
/// counts under its 2025 successor) or, outside the registry, itself, last.
fn placement(units: &Units, name: &str) -> (Section, usize, String) {
    match units.resolve(name) {
        UnitMatch::Exact(u) | UnitMatch::Successor { unit: u, .. } => {
            let section = if u.kind.is_central() {
                Section::Central
            } else {
                Section::Province
            };
            (section, u.order, u.name.clone())
        }
        UnitMatch::Unknown { .. } => (Section::Other, usize::MAX, vntext::nfc(name.trim())),
    }
}

#[derive(Default)]
struct Acc {
    counts: Option<Counts>,
    subs: BTreeMap<String, Counts>,
}

/// Options of one report run.
pub struct Options<'a> {
    pub threshold: f64,
    /// Only this unit (and its sub-units).
    pub unit: Option<&'a str>,
    pub generated_on: NaiveDate,
}

pub async fn report(
    store: &dyn Store,
    campaign: &Campaign,
    units: &Units,
    opts: &Options<'_>,
) -> Result<Report, StoreError> {
    let c = campaign.id().as_str();
    let forms: Vec<FormColumn> = campaign
        .forms()
        .iter()
        .map(|f| FormColumn {
            id: f.id().to_string(),
            title: f.title().to_owned(),
        })
        .collect();
    let form_index: HashMap<&str, usize> = forms
        .iter()
        .enumerate()
        .map(|(i, f)| (f.id.as_str(), i))
        .collect();
    let nforms = forms.len();

    let respondents = query_all(store, &campaign_pk(c), RESPONDENT_PREFIX).await?;
    let invited: HashSet<String> = query_all(store, &campaign_pk(c), &send_prefix(STEP_INVITE))
        .await?
        .into_iter()
        .filter(|i| text(i, "state") == SEND_SENT)
        .filter_map(|i| {
            i.key
                .sk
                .strip_prefix(&send_prefix(STEP_INVITE))
                .map(str::to_owned)
        })
        .collect();
    let participation = query_all(store, &participation_pk(c), "FORM#").await?;

    let only = opts.unit.map(|u| placement(units, u).2);
    let mut acc: HashMap<String, (Section, usize, Acc)> = HashMap::new();
    let mut unit_of: HashMap<String, (String, String)> = HashMap::new();
    let mut bump = |unit_name: &str, sub: &str, f: &dyn Fn(&mut Counts)| {
        let (section, order, name) = placement(units, unit_name);
        if only.as_ref().is_some_and(|o| *o != name) {
            return;
        }
        let entry = acc
            .entry(name)
            .or_insert_with(|| (section, order, Acc::default()));
        f(entry.2.counts.get_or_insert_with(|| Counts::zero(nforms)));
        if !sub.is_empty() {
            let key = vntext::nfc(sub);
            f(entry
                .2
                .subs
                .entry(key)
                .or_insert_with(|| Counts::zero(nforms)));
        }
    };

    for r in &respondents {
        let Some(id) = r.key.sk.strip_prefix(RESPONDENT_PREFIX) else {
            continue;
        };
        let unit = text(r, "unit");
        let sub = text(r, "sub_unit");
        unit_of.insert(id.to_owned(), (unit.to_owned(), sub.to_owned()));
        let state = DeliveryState::parse(text(r, ATTR_DELIVERY));
        let confirmed = !text(r, ATTR_MAILBOX_CONFIRMED_AT).is_empty();
        let unlisted = r.get(ATTR_UNLISTED).and_then(Value::as_bool) == Some(true);
        let is_invited = invited.contains(id);
        let assigned: Vec<usize> = match r.get("forms").and_then(Value::as_array) {
            Some(list) => list
                .iter()
                .filter_map(Value::as_str)
                .filter_map(|f| form_index.get(f).copied())
                .collect(),
            None => campaign
                .forms_for_group(text(r, "group"))
                .iter()
                .filter_map(|f| form_index.get(f.id().as_str()).copied())
                .collect(),
        };
        bump(unit, sub, &|c: &mut Counts| {
            c.registered += u64::from(!unlisted);
            c.invited += u64::from(is_invited);
            c.delivered += u64::from(state.reached());
            c.bounced += u64::from(state == DeliveryState::Bounced);
            c.complained += u64::from(state == DeliveryState::Complained);
            c.confirmed_mailbox += u64::from(confirmed);
            for &f in &assigned {
                c.answered[f].get_or_insert(0);
            }
        });
    }
    for p in &participation {
        let Some(&f) = form_index.get(text(p, "form")) else {
            continue;
        };
        // The participation record names the respondent and the form only;
        // the unit is the respondent's.
        let respondent = text(p, "respondent");
        let Some((unit, sub)) = unit_of.get(respondent) else {
            continue;
        };
        bump(unit, sub, &|c: &mut Counts| {
            *c.answered[f].get_or_insert(0) += 1;
        });
    }

    let mut rows: Vec<(Section, usize, String, Acc)> = acc
        .into_iter()
        .map(|(name, (s, o, a))| (s, o, name, a))
        .collect();
    rows.sort_by(|a, b| {
        (a.0, a.1)
            .cmp(&(b.0, b.1))
            .then_with(|| vntext::cmp_vi(&a.2, &b.2))
    });
    let rows = rows
        .into_iter()
        .map(|(section, _, unit, a)| {
            let mut sub_units: Vec<SubRow> = a
                .subs
                .into_iter()
                .map(|(name, counts)| SubRow {
                    name,
                    counts,
                    flags: Vec::new(),
                })
                .collect();
            sub_units.sort_by(|x, y| vntext::cmp_vi(&x.name, &y.name));
            Row {
                unit,
                section,
                counts: a.counts.unwrap_or_else(|| Counts::zero(nforms)),
                sub_units,
                flags: Vec::new(),
                now_part_of: None,
            }
        })
        .collect();
    let mut report = finish(
        campaign.title().to_owned(),
        c.to_owned(),
        forms,
        true,
        rows,
        opts.threshold,
        opts.generated_on,
    );
    let s = campaign.schedule();
    report.period = Some((s.opens_at().date_naive(), s.closes_at().date_naive()));
    Ok(report)
}
