//! Reading a respondent list as coordinators keep it: CSV (comma or
//! semicolon, UTF-8 with or without BOM) or an Excel workbook's first sheet.

use std::path::Path;

use calamine::{Data, Reader};

/// A header row and the data rows, each with its 1-based line (row) number
/// as the coordinator sees it in their editor.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sheet {
    pub headers: Vec<String>,
    pub rows: Vec<(usize, Vec<String>)>,
}

#[derive(Debug, thiserror::Error)]
pub enum SheetError {
    #[error("{path}: {detail}")]
    Unreadable { path: String, detail: String },
}

pub fn read(path: &Path) -> Result<Sheet, SheetError> {
    let bad = |detail: String| SheetError::Unreadable {
        path: path.display().to_string(),
        detail,
    };
    let ext = path
        .extension()
        .and_then(|e| e.to_str())
        .unwrap_or("")
        .to_ascii_lowercase();
    match ext.as_str() {
        "xlsx" | "xlsm" | "xls" | "ods" => read_workbook(path).map_err(bad),
        _ => {
            let bytes = std::fs::read(path).map_err(|e| bad(e.to_string()))?;
            parse_csv(&bytes).map_err(bad)
        }
    }
}

pub fn parse_csv(bytes: &[u8]) -> Result<Sheet, String> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let text = std::str::from_utf8(bytes).map_err(|_| {
        "the file is not UTF-8 text; in Excel use Save As → \"CSV UTF-8 (Comma delimited)\", or import the .xlsx directly".to_owned()
    })?;
    let first = text.lines().next().unwrap_or("");
    let delimiter = if first.matches(';').count() > first.matches(',').count() {
        b';'
    } else {
        b','
    };
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .flexible(true)
        .has_headers(false)
        .from_reader(text.as_bytes());
    let mut records = Vec::new();
    for rec in reader.records() {
        let rec = rec.map_err(|e| e.to_string())?;
        // The reader's own line count skips blank lines; count from the byte offset.
        let line = rec.position().map_or(0, |p| {
            let bytes = text.as_bytes();
            let mut at = (p.byte() as usize).min(bytes.len());
            // A record's position is where the reader resumed, before any blank lines.
            while at < bytes.len() && matches!(bytes[at], b'\r' | b'\n') {
                at += 1;
            }
            bytes[..at].iter().filter(|&&b| b == b'\n').count() + 1
        });
        records.push((line, rec.iter().map(vntext::nfc).collect::<Vec<_>>()));
    }
    split_header(records)
}

fn read_workbook(path: &Path) -> Result<Sheet, String> {
    let mut book = calamine::open_workbook_auto(path).map_err(|e| e.to_string())?;
    let name = book
        .sheet_names()
        .first()
        .cloned()
        .ok_or("the workbook has no sheet")?;
    let range = book.worksheet_range(&name).map_err(|e| e.to_string())?;
    let start_row = range.start().map_or(0, |(r, _)| r as usize);
    let records = range
        .rows()
        .enumerate()
        .map(|(i, row)| {
            let cells = row.iter().map(cell_text).collect::<Vec<_>>();
            (start_row + i + 1, cells)
        })
        .collect();
    split_header(records)
}

fn cell_text(c: &Data) -> String {
    match c {
        Data::Empty => String::new(),
        Data::String(s) => vntext::nfc(s),
        Data::Float(f) if f.fract() == 0.0 && f.abs() < 1e15 => format!("{}", *f as i64),
        other => vntext::nfc(&other.to_string()),
    }
}

/// The first non-empty row is the header; fully empty rows are dropped.
fn split_header(records: Vec<(usize, Vec<String>)>) -> Result<Sheet, String> {
    let mut rows = records
        .into_iter()
        .filter(|(_, cells)| cells.iter().any(|c| !c.trim().is_empty()));
    let (_, headers) = rows.next().ok_or("the file is empty")?;
    Ok(Sheet {
        headers: headers.iter().map(|h| h.trim().to_owned()).collect(),
        rows: rows.collect(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_semicolon_csv_with_bom_and_keeps_line_numbers() {
        let s = parse_csv(
            "\u{feff}Họ và tên;Email\n\nNguyễn An;an@x.vn\n\"Trần; Bình\";b@x.vn\n".as_bytes(),
        )
        .unwrap();
        assert_eq!(s.headers, vec!["Họ và tên", "Email"]);
        assert_eq!(s.rows[0], (3, vec!["Nguyễn An".into(), "an@x.vn".into()]));
        assert_eq!(s.rows[1].1[0], "Trần; Bình");
    }

    #[test]
    fn refuses_legacy_encodings_with_advice() {
        let err = parse_csv(b"Ho ten,Email\nNguy\xe3n,a@x.vn\n").unwrap_err();
        assert!(err.contains("CSV UTF-8"), "{err}");
    }
}
