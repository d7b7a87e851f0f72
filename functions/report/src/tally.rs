//! A published participation table (the 2021 pilot's, `data/pilot-2021-participation.csv`)
//! loaded as synthetic participation: per unit, how many registered and how
//! many answered each of the three forms. Rows keep the table's own unit
//! names and order; a blank cell means the form did not apply (ministries
//! had no ministry-evaluation form) and stays blank, not zero.

use std::path::Path;

use chrono::NaiveDate;
use delivery::schema::{participation_key, respondent_key, ATTR_UNLISTED};
use delivery::units::UnitMatch;
use delivery::Units;
use serde::Deserialize;
use store::{Condition, Item, Store, StoreError, Write};

use crate::model::{finish, Counts, FormColumn, Report, Row, Section};

/// The tally's three answer columns, in order, and the forms they counted.
/// The 2026 campaign's forms continue them under these ids.
pub const TALLY_FORMS: [(&str, &str, &str); 3] = [
    (
        "answered_local_form",
        "danh-gia-dia-phuong",
        "Đánh giá công tác cải cách hành chính của bộ, ngành, địa phương",
    ),
    (
        "answered_ministry_form",
        "danh-gia-bo-chu-quan",
        "Đánh giá bộ quản lý ngành, lĩnh vực (công chức địa phương)",
    ),
    (
        "answered_feedback_form",
        "gop-y-he-thong",
        "Góp ý về hệ thống khảo sát trực tuyến",
    ),
];

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TallyRow {
    pub section: Section,
    pub unit: String,
    pub registered: u64,
    pub answered: [Option<u64>; 3],
}

#[derive(Debug, thiserror::Error)]
pub enum TallyError {
    #[error("{0}: {1}")]
    Read(String, String),
    #[error("{file}, line {line}: {detail}")]
    Bad {
        file: String,
        line: usize,
        detail: String,
    },
}

#[derive(Deserialize)]
struct Raw {
    group: String,
    unit: String,
    registered: String,
    answered_local_form: String,
    answered_ministry_form: String,
    answered_feedback_form: String,
}

pub fn load(path: &Path) -> Result<Vec<TallyRow>, TallyError> {
    let name = path.display().to_string();
    let text =
        std::fs::read_to_string(path).map_err(|e| TallyError::Read(name.clone(), e.to_string()))?;
    parse(&name, &text)
}

pub fn parse(file: &str, text: &str) -> Result<Vec<TallyRow>, TallyError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut rows = Vec::new();
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    for (i, raw) in reader.deserialize::<Raw>().enumerate() {
        let line = i + 2;
        let bad = |detail: String| TallyError::Bad {
            file: file.to_owned(),
            line,
            detail,
        };
        let raw = raw.map_err(|e| bad(e.to_string()))?;
        let section = match raw.group.trim() {
            "ministry" | "agency" => Section::Central,
            "province" => Section::Province,
            other => {
                return Err(bad(format!(
                    "group {other:?} is not ministry, agency or province"
                )))
            }
        };
        let number = |s: &str, col: &str| -> Result<Option<u64>, TallyError> {
            let s = s.trim();
            if s.is_empty() {
                return Ok(None);
            }
            s.parse()
                .map(Some)
                .map_err(|_| bad(format!("{col} {s:?} is not a whole number")))
        };
        let unit = vntext::nfc(raw.unit.trim());
        if unit.is_empty() {
            return Err(bad("empty unit".into()));
        }
        rows.push(TallyRow {
            section,
            unit,
            registered: number(&raw.registered, "registered")?
                .ok_or_else(|| bad("registered is blank".into()))?,
            answered: [
                number(&raw.answered_local_form, TALLY_FORMS[0].0)?,
                number(&raw.answered_ministry_form, TALLY_FORMS[1].0)?,
                number(&raw.answered_feedback_form, TALLY_FORMS[2].0)?,
            ],
        });
    }
    Ok(rows)
}

/// The rows of one unit, matched case-insensitively and whatever the Unicode form.
pub fn only_unit(rows: Vec<TallyRow>, unit: &str) -> Vec<TallyRow> {
    let key = |s: &str| {
        vntext::nfc(s)
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
            .to_lowercase()
    };
    let wanted = key(unit);
    rows.into_iter()
        .filter(|r| key(&r.unit) == wanted)
        .collect()
}

pub fn forms() -> Vec<FormColumn> {
    TALLY_FORMS
        .iter()
        .map(|(_, id, title)| FormColumn {
            id: (*id).into(),
            title: (*title).into(),
        })
        .collect()
}

/// The report of a tally: rows in the tally's order (central units, then
/// provinces), each 2021 unit annotated with the 2025 unit it became part of.
pub fn report(
    title: &str,
    campaign: &str,
    rows: &[TallyRow],
    threshold: f64,
    generated_on: NaiveDate,
) -> Report {
    let units = Units::official();
    let mut ordered: Vec<&TallyRow> = rows.iter().collect();
    // Stable: keeps the tally's own order within each section.
    ordered.sort_by_key(|r| r.section);
    let rows = ordered
        .into_iter()
        .map(|r| Row {
            unit: r.unit.clone(),
            section: r.section,
            counts: Counts {
                registered: r.registered,
                answered: r.answered.to_vec(),
                ..Counts::default()
            },
            sub_units: Vec::new(),
            flags: Vec::new(),
            now_part_of: match units.resolve(&r.unit) {
                UnitMatch::Successor { unit, .. } => Some(unit.name.clone()),
                _ => None,
            },
        })
        .collect();
    let mut report = finish(
        title.into(),
        campaign.into(),
        forms(),
        false,
        rows,
        threshold,
        generated_on,
    );
    report.notes.push(
        "Bảng tổng hợp đã công bố chỉ có số người đăng ký và số phiếu trả lời; \
         không có số liệu gửi thư, thư bị trả lại hay xác nhận hộp thư."
            .into(),
    );
    report
}

/// Writes a tally into a store as the records a live campaign would have:
/// one respondent per registration and one participation record per answer.
/// Answers beyond the registrations (an impossible row) get respondent ids
/// of their own, so the store-backed report sees exactly what the table says.
pub async fn seed_store(
    store: &dyn Store,
    campaign: &str,
    rows: &[TallyRow],
) -> Result<(), StoreError> {
    let mut writes = Vec::new();
    for (u, row) in rows.iter().enumerate() {
        let most = row
            .answered
            .iter()
            .map(|a| a.unwrap_or(0))
            .fold(row.registered, u64::max);
        for i in 0..most {
            let id = format!("tally-{u:03}-{i:04}");
            let mut item = Item::new(respondent_key(campaign, &id))
                .with("name", format!("Người tham gia {}", i + 1))
                .with("email", format!("{id}@tally.invalid"))
                .with("unit", row.unit.as_str())
                .with("group", "cong-chuc")
                .with(
                    "forms",
                    TALLY_FORMS
                        .iter()
                        .zip(&row.answered)
                        .filter(|(_, a)| a.is_some())
                        .map(|((_, id, _), _)| *id)
                        .collect::<Vec<_>>(),
                )
                .with("version", 0);
            if i >= row.registered {
                // The table counts more answers than registrations; these
                // people answered without being on the list.
                item = item.with(ATTR_UNLISTED, true);
            }
            writes.push(Write::put(item, Condition::None));
            flush(store, &mut writes, false).await?;
        }
        for (f, answered) in row.answered.iter().enumerate() {
            let form = TALLY_FORMS[f].1;
            for i in 0..answered.unwrap_or(0) {
                let id = format!("tally-{u:03}-{i:04}");
                let item = Item::new(participation_key(campaign, form, &id))
                    .with("respondent", id.as_str())
                    .with("form", form);
                writes.push(Write::put(item, Condition::None));
                flush(store, &mut writes, false).await?;
            }
        }
    }
    flush(store, &mut writes, true).await
}

async fn flush(store: &dyn Store, writes: &mut Vec<Write>, all: bool) -> Result<(), StoreError> {
    if writes.len() >= 25 || (all && !writes.is_empty()) {
        store.transact(std::mem::take(writes)).await?;
    }
    Ok(())
}
