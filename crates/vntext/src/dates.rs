use chrono::{DateTime, Datelike, FixedOffset, NaiveDate, Timelike, Utc};

/// Vietnam keeps UTC+7 all year (no daylight saving), so a fixed offset is
/// exact for Asia/Ho_Chi_Minh and spares a time-zone database.
pub fn vn_offset() -> FixedOffset {
    FixedOffset::east_opt(7 * 3600).expect("UTC+7 is a valid offset")
}

pub fn now_vn() -> DateTime<FixedOffset> {
    Utc::now().with_timezone(&vn_offset())
}

pub fn today_vn() -> NaiveDate {
    now_vn().date_naive()
}

/// "ngày 09 tháng 11 năm 2021", the form used in Vietnamese official writing.
pub fn format_date(d: NaiveDate) -> String {
    format!(
        "ngày {:02} tháng {:02} năm {}",
        d.day(),
        d.month(),
        d.year()
    )
}

/// "09/11/2021", for dense tables.
pub fn format_date_short(d: NaiveDate) -> String {
    format!("{:02}/{:02}/{}", d.day(), d.month(), d.year())
}

/// "17 giờ 00, ngày 30 tháng 11 năm 2026" in Vietnam time.
pub fn format_datetime(t: DateTime<FixedOffset>) -> String {
    let t = t.with_timezone(&vn_offset());
    format!(
        "{:02} giờ {:02}, {}",
        t.hour(),
        t.minute(),
        format_date(t.date_naive())
    )
}

/// Parses an ISO date "2021-11-09"; also accepts the Vietnamese "09/11/2021".
pub fn parse_date(s: &str) -> Option<NaiveDate> {
    let s = s.trim();
    NaiveDate::parse_from_str(s, "%Y-%m-%d")
        .or_else(|_| NaiveDate::parse_from_str(s, "%d/%m/%Y"))
        .ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_read_the_vietnamese_way() {
        let d = NaiveDate::from_ymd_opt(2021, 11, 9).unwrap();
        assert_eq!(format_date(d), "ngày 09 tháng 11 năm 2021");
        assert_eq!(format_date_short(d), "09/11/2021");
    }

    #[test]
    fn datetime_is_shown_in_vietnam_time() {
        let utc = DateTime::parse_from_rfc3339("2026-11-30T10:00:00Z").unwrap();
        assert_eq!(format_datetime(utc), "17 giờ 00, ngày 30 tháng 11 năm 2026");
    }

    #[test]
    fn parses_both_iso_and_vietnamese_dates() {
        let d = NaiveDate::from_ymd_opt(2020, 11, 18).unwrap();
        assert_eq!(parse_date("2020-11-18"), Some(d));
        assert_eq!(parse_date("18/11/2020"), Some(d));
        assert_eq!(parse_date("2020-13-01"), None);
        assert_eq!(parse_date("31/02/2021"), None);
    }
}
