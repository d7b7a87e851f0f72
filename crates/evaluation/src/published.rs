//! A results table as it may be published: hidden cells carry no value, so
//! nothing downstream (CSV, XLSX, HTML, JSON) can leak one by mistake.

use std::io::Write;

use serde::Serialize;

use crate::messages::{self, Msg};
use crate::table::{CellRef, Choice, Col, Layout, Level, ResultsTable};

/// What a reader sees in a cell.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum Shown {
    Count(u32),
    /// Fewer than 5 respondents, or a population under 5.
    Primary,
    /// Hidden so that a primary cell cannot be computed back.
    Complementary,
}

impl Shown {
    pub fn count(self) -> Option<u32> {
        match self {
            Shown::Count(c) => Some(c),
            _ => None,
        }
    }

    pub fn is_hidden(self) -> bool {
        !matches!(self, Shown::Count(_))
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PublishedTable {
    pub form: String,
    pub question: String,
    pub row: Option<String>,
    pub units: Vec<String>,
    pub groups: Vec<String>,
    pub options: Vec<String>,
    pub choice: Choice,
    respondents: Vec<u32>,
    cells: Vec<Shown>,
    /// Cells fixed by the known answered counts alone (see [`crate::suppress`]).
    pub unprotectable: Vec<CellRef>,
}

impl PublishedTable {
    pub(crate) fn new(
        t: &ResultsTable,
        respondents: Vec<u32>,
        cells: Vec<Shown>,
        unprotectable: Vec<CellRef>,
    ) -> Self {
        PublishedTable {
            form: t.form.clone(),
            question: t.question.clone(),
            row: t.row.clone(),
            units: t.units.clone(),
            groups: t.groups.clone(),
            options: t.options.clone(),
            choice: t.choice,
            respondents,
            cells,
            unprotectable,
        }
    }

    pub fn layout(&self) -> Layout {
        Layout {
            units: self.units.len(),
            groups: self.groups.len(),
            options: self.options.len(),
            choice: self.choice,
        }
    }

    pub fn get(&self, c: CellRef) -> Shown {
        self.cells[self.layout().index(c)]
    }

    /// Every cell in [`Layout`] order.
    pub fn cells(&self) -> &[Shown] {
        &self.cells
    }

    /// Respondents of the form at a unit and group level (published).
    pub fn respondents(&self, unit: Level, group: Level) -> u32 {
        let u = match unit {
            Level::One(u) => u,
            Level::Total => self.units.len(),
        };
        let g = match group {
            Level::One(g) => g,
            Level::Total => self.groups.len(),
        };
        self.respondents[u * (self.groups.len() + 1) + g]
    }

    /// How many cells primary suppression hid.
    pub fn primary(&self) -> usize {
        self.cells.iter().filter(|c| **c == Shown::Primary).count()
    }

    /// How many more cells complementary suppression hid.
    pub fn complementary(&self) -> usize {
        self.cells
            .iter()
            .filter(|c| **c == Shown::Complementary)
            .count()
    }

    fn unit_name(&self, l: Level) -> &str {
        match l {
            Level::One(u) => &self.units[u],
            Level::Total => messages::TOTAL,
        }
    }

    fn group_name(&self, l: Level) -> &str {
        match l {
            Level::One(g) => &self.groups[g],
            Level::Total => messages::TOTAL,
        }
    }

    /// Rows `unit,group,question,row,option,count`, a hidden count left
    /// empty. The unit and group totals are named "Tổng"; the option
    /// "Số người trả lời" is the answered count, then come the options.
    pub fn csv_rows(&self) -> Vec<[String; 6]> {
        let l = self.layout();
        (0..l.len())
            .map(|i| {
                let c = l.cell(i);
                let option = match c.col {
                    Col::Option(o) => self.options[o].clone(),
                    Col::Answered => messages::ANSWERED.to_owned(),
                };
                [
                    self.unit_name(c.unit).to_owned(),
                    self.group_name(c.group).to_owned(),
                    self.question.clone(),
                    self.row.clone().unwrap_or_default(),
                    option,
                    self.cells[i]
                        .count()
                        .map(|n| n.to_string())
                        .unwrap_or_default(),
                ]
            })
            .collect()
    }
}

/// The CSV of `cchc report results --format csv`: ASCII header
/// `unit,group,question,row,option,count`, then every table's rows.
pub fn write_csv<W: Write>(tables: &[PublishedTable], out: W) -> Result<(), Msg> {
    let mut w = csv::Writer::from_writer(out);
    let io = |e: csv::Error| Msg::Write(e.to_string());
    w.write_record(["unit", "group", "question", "row", "option", "count"])
        .map_err(io)?;
    for t in tables {
        for r in t.csv_rows() {
            w.write_record(&r).map_err(io)?;
        }
    }
    w.flush().map_err(|e| Msg::Write(e.to_string()))
}

/// The same rows as [`write_csv`] in a workbook with Vietnamese headings, a
/// count as a number and a hidden count as an empty cell.
pub fn xlsx(tables: &[PublishedTable]) -> Result<Vec<u8>, Msg> {
    let err = |e: rust_xlsxwriter::XlsxError| Msg::Write(e.to_string());
    let mut book = rust_xlsxwriter::Workbook::new();
    let bold = rust_xlsxwriter::Format::new().set_bold();
    let sheet = book.add_worksheet();
    sheet.set_name("Kết quả").map_err(err)?;
    for (c, h) in ["Đơn vị", "Nhóm", "Câu hỏi", "Dòng", "Phương án", "Số lượt"]
        .iter()
        .enumerate()
    {
        sheet
            .write_string_with_format(0, c as u16, *h, &bold)
            .map_err(err)?;
    }
    let mut row = 1u32;
    for t in tables {
        for r in t.csv_rows() {
            for (c, v) in r.iter().enumerate().take(5) {
                sheet.write_string(row, c as u16, v).map_err(err)?;
            }
            if let Ok(n) = r[5].parse::<u32>() {
                sheet.write_number(row, 5, f64::from(n)).map_err(err)?;
            }
            row += 1;
        }
    }
    sheet.set_column_width(0, 30).map_err(err)?;
    sheet.set_column_width(4, 30).map_err(err)?;
    book.save_to_buffer().map_err(err)
}
