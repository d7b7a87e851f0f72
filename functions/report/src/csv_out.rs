//! CSV for spreadsheets: UTF-8 with a byte-order mark, which is what makes
//! Excel on Windows read Vietnamese as UTF-8 instead of the ANSI code page.

use crate::model::{flag_text, Counts, Report};

pub const BOM: &str = "\u{feff}";

#[derive(Debug, thiserror::Error)]
#[error("writing CSV: {0}")]
pub struct CsvError(String);

impl From<csv::Error> for CsvError {
    fn from(e: csv::Error) -> Self {
        CsvError(e.to_string())
    }
}

pub fn writer() -> csv::Writer<Vec<u8>> {
    csv::WriterBuilder::new().from_writer(BOM.as_bytes().to_vec())
}

pub fn finish(w: csv::Writer<Vec<u8>>) -> Result<Vec<u8>, CsvError> {
    w.into_inner().map_err(|e| CsvError(e.to_string()))
}

/// Rates as percentages with a dot and one decimal ("39.1"): a number every
/// spreadsheet locale can at least read as text, with the unit in the header.
fn pct(rate: Option<f64>) -> String {
    rate.map(|r| format!("{:.1}", r * 100.0))
        .unwrap_or_default()
}

fn opt(n: Option<u64>) -> String {
    n.map(|n| n.to_string()).unwrap_or_default()
}

pub fn participation(report: &Report) -> Result<Vec<u8>, CsvError> {
    let mut w = writer();
    let mut header = vec![
        "Nhóm".to_owned(),
        "Đơn vị".into(),
        "Đơn vị trực thuộc".into(),
        "Đăng ký".into(),
    ];
    if report.has_delivery {
        header.extend(
            [
                "Đã gửi thư mời",
                "Đã đến hộp thư",
                "Thư bị trả lại",
                "Bị đánh dấu thư rác",
                "Đã xác nhận hộp thư",
            ]
            .map(String::from),
        );
    }
    for (i, f) in report.forms.iter().enumerate() {
        header.push(format!(
            "{} – {}: số trả lời",
            report.form_label(i),
            f.title
        ));
        header.push(format!("{}: tỷ lệ trả lời (%)", report.form_label(i)));
    }
    header.push("Ghi chú".into());
    w.write_record(&header)?;

    let record =
        |group: &str, unit: &str, sub: &str, c: &Counts, rates: Vec<Option<f64>>, note: String| {
            let mut rec = vec![
                group.to_owned(),
                unit.to_owned(),
                sub.to_owned(),
                c.registered.to_string(),
            ];
            if report.has_delivery {
                rec.extend(
                    [
                        c.invited,
                        c.delivered,
                        c.bounced,
                        c.complained,
                        c.confirmed_mailbox,
                    ]
                    .map(|n| n.to_string()),
                );
            }
            for (a, r) in c.answered.iter().zip(rates) {
                rec.push(opt(*a));
                rec.push(pct(r));
            }
            rec.push(note);
            rec
        };
    for row in &report.rows {
        let rates = (0..report.forms.len())
            .map(|f| row.counts.rate(f))
            .collect();
        let mut notes: Vec<String> = row.flags.iter().map(|f| flag_text(report, f)).collect();
        if let Some(now) = &row.now_part_of {
            notes.push(format!("Nay thuộc {now}"));
        }
        w.write_record(record(
            row.section.label_vi(),
            &row.unit,
            "",
            &row.counts,
            rates,
            notes.join("; "),
        ))?;
        for sub in &row.sub_units {
            let rates = (0..report.forms.len())
                .map(|f| sub.counts.rate(f))
                .collect();
            let notes: Vec<String> = sub.flags.iter().map(|f| flag_text(report, f)).collect();
            w.write_record(record(
                row.section.label_vi(),
                &row.unit,
                &sub.name,
                &sub.counts,
                rates,
                notes.join("; "),
            ))?;
        }
    }
    let rates = (0..report.forms.len())
        .map(|f| report.total_rate(f))
        .collect();
    w.write_record(record(
        "",
        "Tổng cộng",
        "",
        &report.totals,
        rates,
        String::new(),
    ))?;
    finish(w)
}
