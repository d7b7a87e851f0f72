//! Opinions of one consultation grouped by the part of the draft they concern,
//! in reading order, as CSV, XLSX or the markdown stub of the agency's
//! acceptance table ("bảng tổng hợp, tiếp thu, giải trình") that editors fill
//! in and publish as `tong-hop.md` beside the draft. No email appears in any
//! of them: exports are read from the opinion items, which hold none.

use chrono::{DateTime, Utc};
use rust_xlsxwriter::{Format, Workbook, XlsxError};

use crate::consultations::Consultation;
use crate::opinion::StoredOpinion;

/// Column headings shared by CSV and XLSX; the last two are for the agency.
pub const COLUMNS: [&str; 9] = [
    "STT",
    "Mã ý kiến",
    "Phần dự thảo",
    "Điều, khoản",
    "Họ và tên",
    "Tỉnh, thành phố",
    "Nội dung ý kiến",
    "Thời điểm gửi",
    "Tiếp thu / Giải trình",
];

/// One row of an export.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    pub n: usize,
    pub id: String,
    pub part: String,
    pub part_label: String,
    pub name: String,
    pub province: String,
    pub text: String,
    /// Vietnam time, "09:30 ngày 15/11/2026".
    pub sent: String,
}

/// Opinions by part in reading order (whole draft first, parts no longer in
/// the draft last), then by time.
pub fn rows(c: &Consultation, opinions: &[StoredOpinion]) -> Vec<Row> {
    let mut sorted: Vec<&StoredOpinion> = opinions.iter().collect();
    sorted.sort_by(|a, b| {
        (c.part_rank(&a.part), &a.part, &a.submitted_at, &a.id).cmp(&(
            c.part_rank(&b.part),
            &b.part,
            &b.submitted_at,
            &b.id,
        ))
    });
    sorted
        .into_iter()
        .enumerate()
        .map(|(i, o)| Row {
            n: i + 1,
            id: o.id.clone(),
            part: o.part.clone(),
            part_label: c
                .part_label(&o.part)
                .unwrap_or_else(|| format!("{} (không còn trong dự thảo)", o.part)),
            name: o.name.clone(),
            province: o.province.clone(),
            text: o.text.clone(),
            sent: DateTime::parse_from_rfc3339(&o.submitted_at)
                .map(|t| web::vn_time(&t.with_timezone(&Utc)))
                .unwrap_or_else(|_| o.submitted_at.clone()),
        })
        .collect()
}

fn cells(r: &Row) -> [String; 9] {
    [
        r.n.to_string(),
        r.id.clone(),
        r.part.clone(),
        r.part_label.clone(),
        r.name.clone(),
        r.province.clone(),
        r.text.clone(),
        r.sent.clone(),
        String::new(),
    ]
}

/// RFC 4180 CSV with a byte-order mark, which Excel needs to read UTF-8.
pub fn csv(rows: &[Row]) -> String {
    let mut out = String::from("\u{feff}");
    let line = |fields: &[String]| {
        fields
            .iter()
            .map(|f| {
                // A leading = + - @ would make a spreadsheet run a formula.
                let f = if f.starts_with(['=', '+', '-', '@']) {
                    format!("'{f}")
                } else {
                    f.clone()
                };
                if f.contains([',', '"', '\n', '\r']) {
                    format!("\"{}\"", f.replace('"', "\"\""))
                } else {
                    f
                }
            })
            .collect::<Vec<_>>()
            .join(",")
    };
    out.push_str(&line(&COLUMNS.map(str::to_owned)));
    out.push_str("\r\n");
    for r in rows {
        out.push_str(&line(&cells(r)));
        out.push_str("\r\n");
    }
    out
}

/// The same table as an Excel workbook, header bold and frozen, text wrapped.
pub fn xlsx(c: &Consultation, rows: &[Row]) -> Result<Vec<u8>, XlsxError> {
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    sheet.set_name("Ý kiến góp ý")?;
    let bold = Format::new().set_bold().set_text_wrap();
    let wrap = Format::new().set_text_wrap();
    let widths = [6.0, 12.0, 16.0, 28.0, 22.0, 16.0, 70.0, 20.0, 40.0];
    for (i, w) in widths.iter().enumerate() {
        sheet.set_column_width(i as u16, *w)?;
    }
    sheet.write_string_with_format(0, 0, &c.title, &bold)?;
    for (i, h) in COLUMNS.iter().enumerate() {
        sheet.write_string_with_format(1, i as u16, *h, &bold)?;
    }
    sheet.set_freeze_panes(2, 0)?;
    for (r, row) in rows.iter().enumerate() {
        let line = (r + 2) as u32;
        sheet.write_number(line, 0, row.n as f64)?;
        // Strings are written as strings, never parsed as formulas.
        for (col, v) in cells(row).iter().enumerate().skip(1) {
            sheet.write_string_with_format(line, col as u16, v, &wrap)?;
        }
    }
    book.save_to_buffer()
}

/// The date a `tong-hop.md` written now carries (Vietnam time).
pub fn today(app: &crate::App) -> String {
    app.now()
        .with_timezone(&vntext::vn_offset())
        .format("%Y-%m-%d")
        .to_string()
}

/// A markdown table cell showing `s` literally: no HTML, links or emphasis
/// from a person's text can reach the published page.
fn md_cell(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for ch in s.trim().chars() {
        match ch {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '|' => out.push_str("\\|"),
            '\\' | '`' | '*' | '_' | '[' | ']' | '#' | '~' | '!' => {
                out.push('\\');
                out.push(ch);
            }
            '\r' => {}
            '\n' => out.push_str("<br>"),
            c => out.push(c),
        }
    }
    out
}

/// `tong-hop.md`: one row per opinion in reading order, the agency's columns
/// left as "…" to fill. `today` dates the page.
pub fn markdown(c: &Consultation, rows: &[Row], today: &str) -> String {
    let opens = web::vn_time(&c.opens);
    let closes = web::vn_time(&c.closes);
    let mut out = format!(
        "---\ntitle: \"Bảng tổng hợp, tiếp thu, giải trình ý kiến góp ý {title}\"\n\
         description: \"Tổng hợp ý kiến góp ý nhận được từ {opens} đến {closes} và việc tiếp thu, giải trình của cơ quan soạn thảo.\"\n\
         date: {today}\n---\n\n\
         Từ {opens} đến {closes}, Cổng đã nhận được **{n} ý kiến** góp ý cho [dự thảo](@/{source}).\n\n\
         ## Bảng tổng hợp, tiếp thu, giải trình\n\n",
        title = c.title.replace('"', "'"),
        n = rows.len(),
        source = c.source,
    );
    if rows.is_empty() {
        out.push_str("Không có ý kiến nào.\n");
        return out;
    }
    out.push_str("| STT | Điều, khoản | Tổ chức, cá nhân | Nội dung góp ý | Tiếp thu / Giải trình | Nội dung tiếp thu, giải trình |\n|---|---|---|---|---|---|\n");
    for r in rows {
        let part = if r.part == crate::consultations::WHOLE || c.part_label(&r.part).is_none() {
            md_cell(&r.part_label)
        } else {
            format!("[{}](@/{}#{})", md_cell(&r.part_label), c.source, r.part)
        };
        out.push_str(&format!(
            "| {} | {} | {} ({}) | {} | … | … |\n",
            r.n,
            part,
            md_cell(&r.name),
            md_cell(&r.province),
            md_cell(&r.text),
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markdown_cells_cannot_carry_html_or_links() {
        let cell = md_cell("<script>x</script> | [a](http://x) *b*\nhai");
        assert_eq!(
            cell,
            "&lt;script&gt;x&lt;/script&gt; \\| \\[a\\](http://x) \\*b\\*<br>hai"
        );
    }

    #[test]
    fn csv_quotes_and_defuses_formulas() {
        let r = Row {
            n: 1,
            id: "ab".into(),
            part: "toan-bo".into(),
            part_label: "Toàn bộ dự thảo".into(),
            name: "=CMD()".into(),
            province: "Hà Nội, Việt Nam".into(),
            text: "dòng \"một\"\nhai".into(),
            sent: "x".into(),
        };
        let out = csv(&[r]);
        assert!(out.starts_with('\u{feff}'));
        assert!(out.contains(",'=CMD(),\"Hà Nội, Việt Nam\",\"dòng \"\"một\"\"\nhai\","));
    }
}
