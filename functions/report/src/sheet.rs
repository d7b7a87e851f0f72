//! The coordinator sheet: one unit's addresses that bounced or complained,
//! with the reason and date, so the unit's coordinator can correct them and
//! the list can be re-imported.

use chrono::DateTime;
use delivery::schema::{
    campaign_pk, ATTR_DELIVERY, ATTR_DELIVERY_AT, ATTR_DELIVERY_DETAIL, RESPONDENT_PREFIX,
};
use delivery::units::UnitMatch;
use delivery::{DeliveryState, Units};
use serde_json::Value;
use store::{Store, StoreError};

use crate::csv_out::{self, CsvError};
use crate::participation::query_all;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SheetRow {
    pub name: String,
    pub email: String,
    pub unit: String,
    pub sub_unit: String,
    pub state: DeliveryState,
    pub detail: String,
    /// "09/11/2026" in Vietnam time; empty when unknown.
    pub date: String,
}

fn canonical(units: &Units, name: &str) -> String {
    match units.resolve(name) {
        UnitMatch::Exact(u) | UnitMatch::Successor { unit: u, .. } => u.name.clone(),
        UnitMatch::Unknown { .. } => vntext::nfc(name.trim()).to_lowercase(),
    }
}

/// Bounced and complained respondents of `unit`, by sub-unit then name.
pub async fn rows(
    store: &dyn Store,
    campaign: &str,
    units: &Units,
    unit: &str,
) -> Result<Vec<SheetRow>, StoreError> {
    let wanted = canonical(units, unit);
    let text = |item: &store::Item, n: &str| {
        item.get(n)
            .and_then(Value::as_str)
            .unwrap_or("")
            .trim()
            .to_owned()
    };
    let mut out: Vec<SheetRow> = query_all(store, &campaign_pk(campaign), RESPONDENT_PREFIX)
        .await?
        .into_iter()
        .filter(|r| canonical(units, &text(r, "unit")) == wanted)
        .filter_map(|r| {
            let state = DeliveryState::parse(&text(&r, ATTR_DELIVERY));
            if !matches!(state, DeliveryState::Bounced | DeliveryState::Complained) {
                return None;
            }
            let date = DateTime::parse_from_rfc3339(&text(&r, ATTR_DELIVERY_AT))
                .map(|t| {
                    vntext::format_date_short(t.with_timezone(&vntext::vn_offset()).date_naive())
                })
                .unwrap_or_default();
            Some(SheetRow {
                name: text(&r, "name"),
                email: text(&r, "email"),
                unit: text(&r, "unit"),
                sub_unit: text(&r, "sub_unit"),
                state,
                detail: text(&r, ATTR_DELIVERY_DETAIL),
                date,
            })
        })
        .collect();
    out.sort_by(|a, b| {
        vntext::cmp_vi(&a.sub_unit, &b.sub_unit).then_with(|| vntext::cmp_vi(&a.name, &b.name))
    });
    Ok(out)
}

/// UTF-8 CSV with a BOM, Vietnamese headers.
pub fn to_csv(rows: &[SheetRow]) -> Result<Vec<u8>, CsvError> {
    let mut w = csv_out::writer();
    w.write_record([
        "Họ và tên",
        "Thư điện tử",
        "Đơn vị",
        "Đơn vị trực thuộc",
        "Tình trạng",
        "Lý do (máy chủ thư trả lời)",
        "Ngày",
        "Cần làm",
    ])?;
    for r in rows {
        let todo = match r.state {
            DeliveryState::Complained => {
                "Người nhận đã đánh dấu thư là thư rác: liên hệ trực tiếp, không gửi lại tự động"
            }
            _ => "Kiểm tra và sửa địa chỉ, rồi nhập lại danh sách",
        };
        w.write_record([
            r.name.as_str(),
            r.email.as_str(),
            r.unit.as_str(),
            r.sub_unit.as_str(),
            r.state.label_vi(),
            r.detail.as_str(),
            r.date.as_str(),
            todo,
        ])?;
    }
    csv_out::finish(w)
}
