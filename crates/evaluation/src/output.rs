//! A ranking as a terminal table (Vietnamese headings, aligned, decimal
//! comma), as CSV (ASCII headers, decimal dot, for machines) and as XLSX
//! (Vietnamese headings, figures as numbers).
//!
//! CSV columns: `kind` (`bo`|`tinh`), `unit`, `slug`, `appraisal`,
//! `appraisal_rank`, `survey`, `survey_rank`, `index`, `index_rank`, `gap`
//! (survey rank − appraisal rank), `sample` (ratings behind the survey score),
//! `status` (`ranked`|`insufficient_sample`). A figure not published is empty.

use std::io::Write;

use rust_xlsxwriter::{Format, Workbook};

use crate::compute::{Ranking, Status, UnitResult};
use crate::messages::{self, heading, Msg};
use crate::points::Points;

fn opt_points(p: Option<Points>, vi: bool) -> String {
    p.map(|x| if vi { x.vi() } else { x.dot() })
        .unwrap_or_default()
}

fn opt<T: ToString>(x: Option<T>) -> String {
    x.map(|v| v.to_string()).unwrap_or_default()
}

fn note(r: &UnitResult, min: u32) -> String {
    match r.status {
        Status::Ranked => String::new(),
        Status::InsufficientSample => messages::insufficient_sample(r.sample, min),
    }
}

/// Rows of text cells with the Vietnamese headings first.
fn text_rows(r: &Ranking) -> Vec<Vec<String>> {
    let mut rows = vec![vec![
        heading::INDEX_RANK.to_owned(),
        heading::UNIT.to_owned(),
        heading::INDEX.to_owned(),
        heading::APPRAISAL.to_owned(),
        heading::APPRAISAL_RANK.to_owned(),
        heading::SURVEY.to_owned(),
        heading::SURVEY_RANK.to_owned(),
        heading::GAP.to_owned(),
        heading::RESPONDENTS.to_owned(),
        heading::NOTE.to_owned(),
    ]];
    for u in &r.units {
        rows.push(vec![
            opt(u.index_rank),
            u.unit.name.clone(),
            opt_points(u.index, true),
            u.appraisal.vi(),
            u.appraisal_rank.to_string(),
            opt_points(u.survey, true),
            opt(u.survey_rank),
            u.gap
                .map(|g| {
                    if g == 0 {
                        "0".to_owned()
                    } else {
                        format!("{g:+}")
                    }
                })
                .unwrap_or_default(),
            u.sample.to_string(),
            note(u, r.min_respondents),
        ]);
    }
    rows
}

/// The table printed by `cchc index compute --format table`: a title line,
/// then columns padded by characters (text left, figures right).
pub fn table(r: &Ranking) -> String {
    let rows = text_rows(r);
    let cols = rows[0].len();
    let width: Vec<usize> = (0..cols)
        .map(|c| {
            rows.iter()
                .map(|row| row[c].chars().count())
                .max()
                .unwrap_or(0)
        })
        .collect();
    let mut out = format!("{} ({})\n", r.title, r.kind.label());
    for (i, row) in rows.iter().enumerate() {
        let mut line = String::new();
        for (c, cell) in row.iter().enumerate() {
            let pad = width[c] - cell.chars().count();
            let text_col = c == 1 || c == cols - 1 || i == 0;
            if c > 0 {
                line.push_str("  ");
            }
            if text_col {
                line.push_str(cell);
                if c < cols - 1 {
                    line.push_str(&" ".repeat(pad));
                }
            } else {
                line.push_str(&" ".repeat(pad));
                line.push_str(cell);
            }
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}

/// The CSV of every ranking, ministries and provinces one after the other.
pub fn write_csv<W: Write>(rankings: &[Ranking], out: W) -> Result<(), Msg> {
    let mut w = csv::Writer::from_writer(out);
    let io = |e: csv::Error| Msg::Write(e.to_string());
    w.write_record([
        "kind",
        "unit",
        "slug",
        "appraisal",
        "appraisal_rank",
        "survey",
        "survey_rank",
        "index",
        "index_rank",
        "gap",
        "sample",
        "status",
    ])
    .map_err(io)?;
    for r in rankings {
        for u in &r.units {
            w.write_record([
                r.kind.code().to_owned(),
                u.unit.name.clone(),
                u.unit.slug.clone(),
                u.appraisal.dot(),
                u.appraisal_rank.to_string(),
                opt_points(u.survey, false),
                opt(u.survey_rank),
                opt_points(u.index, false),
                opt(u.index_rank),
                opt(u.gap),
                u.sample.to_string(),
                match u.status {
                    Status::Ranked => "ranked".to_owned(),
                    Status::InsufficientSample => "insufficient_sample".to_owned(),
                },
            ])
            .map_err(io)?;
        }
    }
    w.flush().map_err(|e| Msg::Write(e.to_string()))
}

/// An XLSX workbook, one sheet per ranking ("Bộ", "Tỉnh").
pub fn xlsx(rankings: &[Ranking]) -> Result<Vec<u8>, Msg> {
    let err = |e: rust_xlsxwriter::XlsxError| Msg::Write(e.to_string());
    let mut book = Workbook::new();
    let bold = Format::new().set_bold();
    let two = Format::new().set_num_format("0.00");
    for r in rankings {
        let sheet = book.add_worksheet();
        sheet
            .set_name(match r.kind {
                crate::units::UnitKind::Ministry => "Bộ",
                crate::units::UnitKind::Province => "Tỉnh",
            })
            .map_err(err)?;
        let rows = text_rows(r);
        for (c, h) in rows[0].iter().enumerate() {
            sheet
                .write_string_with_format(0, c as u16, h, &bold)
                .map_err(err)?;
        }
        for (i, u) in r.units.iter().enumerate() {
            let row = i as u32 + 1;
            let num =
                |s: &mut rust_xlsxwriter::Worksheet, c: u16, v: Option<f64>, f: Option<&Format>| {
                    match (v, f) {
                        (Some(x), Some(f)) => s.write_number_with_format(row, c, x, f).map(|_| ()),
                        (Some(x), None) => s.write_number(row, c, x).map(|_| ()),
                        (None, _) => Ok(()),
                    }
                };
            num(sheet, 0, u.index_rank.map(f64::from), None).map_err(err)?;
            sheet.write_string(row, 1, &u.unit.name).map_err(err)?;
            num(sheet, 2, u.index.map(Points::as_f64), Some(&two)).map_err(err)?;
            num(sheet, 3, Some(u.appraisal.as_f64()), Some(&two)).map_err(err)?;
            num(sheet, 4, Some(f64::from(u.appraisal_rank)), None).map_err(err)?;
            num(sheet, 5, u.survey.map(Points::as_f64), Some(&two)).map_err(err)?;
            num(sheet, 6, u.survey_rank.map(f64::from), None).map_err(err)?;
            num(sheet, 7, u.gap.map(|g| g as f64), None).map_err(err)?;
            num(sheet, 8, Some(f64::from(u.sample)), None).map_err(err)?;
            let n = note(u, r.min_respondents);
            if !n.is_empty() {
                sheet.write_string(row, 9, &n).map_err(err)?;
            }
        }
        sheet.set_column_width(1, 34).map_err(err)?;
        sheet.set_column_width(9, 40).map_err(err)?;
    }
    book.save_to_buffer().map_err(err)
}
