//! Reading a score sheet as the survey team keeps it: CSV (comma or
//! semicolon, UTF-8 with or without BOM) or an Excel workbook's first sheet,
//! each row with the line number its editor shows.

use std::io::Cursor;
use std::path::Path;

use calamine::{Data, Reader, Xlsx};

use crate::messages::Msg;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sheet {
    /// Headers as keys: slug with underscores ("Đơn vị" → `don_vi`).
    pub headers: Vec<String>,
    pub rows: Vec<(usize, Vec<String>)>,
}

impl Sheet {
    pub fn column(&self, key: &'static str) -> Result<usize, Msg> {
        self.headers
            .iter()
            .position(|h| h == key)
            .ok_or(Msg::MissingColumn(key))
    }

    pub fn has(&self, key: &str) -> bool {
        self.headers.iter().any(|h| h == key)
    }
}

pub fn read(path: &Path) -> Result<Sheet, Msg> {
    let bytes = std::fs::read(path).map_err(|e| Msg::Unreadable(e.to_string()))?;
    let ext = path
        .extension()
        .and_then(|e| e.to_str())
        .unwrap_or("")
        .to_ascii_lowercase();
    if ext == "xlsx" {
        parse_xlsx(&bytes)
    } else {
        parse_csv(&bytes)
    }
}

pub fn parse_csv(bytes: &[u8]) -> Result<Sheet, Msg> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let text = std::str::from_utf8(bytes).map_err(|_| Msg::NotUtf8)?;
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
        let rec = rec.map_err(|e| Msg::Unreadable(e.to_string()))?;
        // The reader's own line count skips blank lines; count from the byte offset.
        let line = rec.position().map_or(0, |p| {
            let b = text.as_bytes();
            let mut at = (p.byte() as usize).min(b.len());
            while at < b.len() && matches!(b[at], b'\r' | b'\n') {
                at += 1;
            }
            b[..at].iter().filter(|&&c| c == b'\n').count() + 1
        });
        records.push((line, rec.iter().map(vntext::nfc).collect::<Vec<_>>()));
    }
    split_header(records)
}

pub fn parse_xlsx(bytes: &[u8]) -> Result<Sheet, Msg> {
    let bad = |e: String| Msg::Unreadable(e);
    let mut book: Xlsx<_> = Xlsx::new(Cursor::new(bytes)).map_err(|e| bad(e.to_string()))?;
    let name = book.sheet_names().first().cloned().ok_or(Msg::EmptyFile)?;
    let range = book
        .worksheet_range(&name)
        .map_err(|e| bad(e.to_string()))?;
    let start = range.start().map_or(0, |(r, _)| r as usize);
    let records = range
        .rows()
        .enumerate()
        .map(|(i, row)| (start + i + 1, row.iter().map(cell_text).collect::<Vec<_>>()))
        .collect();
    split_header(records)
}

fn cell_text(c: &Data) -> String {
    match c {
        Data::Empty => String::new(),
        Data::String(s) => vntext::nfc(s),
        Data::Float(f) => {
            // Two decimals is the index's precision; print no float noise.
            let s = format!("{:.6}", f);
            s.trim_end_matches('0').trim_end_matches('.').to_owned()
        }
        Data::Int(i) => i.to_string(),
        other => vntext::nfc(&other.to_string()),
    }
}

fn split_header(records: Vec<(usize, Vec<String>)>) -> Result<Sheet, Msg> {
    let mut rows = records
        .into_iter()
        .filter(|(_, cells)| cells.iter().any(|c| !c.trim().is_empty()));
    let (_, headers) = rows.next().ok_or(Msg::EmptyFile)?;
    Ok(Sheet {
        headers: headers
            .iter()
            .map(|h| vntext::slugify(h).replace('-', "_"))
            .collect(),
        rows: rows
            .map(|(l, cells)| (l, cells.into_iter().map(|c| c.trim().to_owned()).collect()))
            .collect(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_headers_become_keys_and_lines_are_kept() {
        let s =
            parse_csv("\u{feff}Đơn vị;Tiêu chí;Điểm\n\nKhánh Hòa;1.1.1;0,5\n".as_bytes()).unwrap();
        assert_eq!(s.headers, ["don_vi", "tieu_chi", "diem"]);
        assert_eq!(
            s.rows,
            vec![(3, vec!["Khánh Hòa".into(), "1.1.1".into(), "0,5".into()])]
        );
    }

    #[test]
    fn latin1_is_refused_with_advice() {
        assert_eq!(parse_csv(b"don_vi\n\xe1\n"), Err(Msg::NotUtf8));
    }
}
