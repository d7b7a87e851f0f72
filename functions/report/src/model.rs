//! The participation report as data: rows per unit (sub-units nested), the
//! totals computed from those rows, and the flags a reader must see. Every
//! output format renders this one value, so they cannot disagree.

use chrono::NaiveDate;

/// Where a unit is listed: central units (ministries and agencies) first,
/// then provinces, then names outside the registry.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Section {
    Central,
    Province,
    Other,
}

impl Section {
    pub fn label_vi(self) -> &'static str {
        match self {
            Section::Central => "Bộ, cơ quan ngang bộ, cơ quan thuộc Chính phủ",
            Section::Province => "Tỉnh, thành phố trực thuộc trung ương",
            Section::Other => "Đơn vị ngoài danh mục",
        }
    }
}

/// A form column.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FormColumn {
    pub id: String,
    pub title: String,
}

/// The counts of one unit or sub-unit.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Counts {
    pub registered: u64,
    /// The invitation step was sent (SES accepted it).
    pub invited: u64,
    /// Delivered, opened or clicked.
    pub delivered: u64,
    pub bounced: u64,
    pub complained: u64,
    pub confirmed_mailbox: u64,
    /// Per form, in the report's form order; `None` where the form does not
    /// apply to the unit (nobody there is assigned it, or the source leaves it blank).
    pub answered: Vec<Option<u64>>,
}

impl Counts {
    pub fn zero(forms: usize) -> Counts {
        Counts {
            answered: vec![None; forms],
            ..Counts::default()
        }
    }

    pub fn add(&mut self, other: &Counts) {
        self.registered += other.registered;
        self.invited += other.invited;
        self.delivered += other.delivered;
        self.bounced += other.bounced;
        self.complained += other.complained;
        self.confirmed_mailbox += other.confirmed_mailbox;
        for (a, b) in self.answered.iter_mut().zip(&other.answered) {
            if let Some(b) = b {
                *a = Some(a.unwrap_or(0) + b);
            }
        }
    }

    /// answered / registered for one form; `None` when the form does not
    /// apply or nobody is registered.
    pub fn rate(&self, form: usize) -> Option<f64> {
        let answered = self.answered.get(form).copied().flatten()?;
        (self.registered > 0).then(|| answered as f64 / self.registered as f64)
    }
}

/// Something the reader must notice about a row. Rows are never hidden.
#[derive(Debug, Clone, PartialEq)]
pub enum Flag {
    /// More answers than registered people: the source data is wrong
    /// (answers counted under the wrong unit, or registrations missing).
    Impossible {
        form: usize,
        answered: u64,
        registered: u64,
    },
    /// The answer rate of the main form (the first that applies) is under the threshold.
    BelowThreshold { form: usize, rate: f64 },
    /// Nobody registered: the unit took no part.
    NoneRegistered,
}

#[derive(Debug, Clone, PartialEq)]
pub struct SubRow {
    pub name: String,
    pub counts: Counts,
    pub flags: Vec<Flag>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    pub unit: String,
    pub section: Section,
    /// The unit's own row counts everyone in it, sub-units included.
    pub counts: Counts,
    pub sub_units: Vec<SubRow>,
    pub flags: Vec<Flag>,
    /// The 2025 unit a 2021 name is now part of, when it differs.
    pub now_part_of: Option<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Report {
    pub title: String,
    pub campaign: String,
    pub forms: Vec<FormColumn>,
    /// Whether delivery columns (invited … confirmed) have data; a published
    /// tally has only registrations and answers.
    pub has_delivery: bool,
    pub rows: Vec<Row>,
    /// Sums of the unit rows, computed here, never copied from a source.
    pub totals: Counts,
    /// Answer rate under which a unit is highlighted (0.3 = 30%).
    pub threshold: f64,
    pub generated_on: NaiveDate,
    /// The campaign's dates, when known.
    pub period: Option<(NaiveDate, NaiveDate)>,
    pub notes: Vec<String>,
}

/// Fills in flags and totals. Sources build rows with counts only.
pub fn finish(
    title: String,
    campaign: String,
    forms: Vec<FormColumn>,
    has_delivery: bool,
    mut rows: Vec<Row>,
    threshold: f64,
    generated_on: NaiveDate,
) -> Report {
    let mut totals = Counts::zero(forms.len());
    for row in &mut rows {
        row.flags = flags_of(&row.counts, threshold);
        for sub in &mut row.sub_units {
            sub.flags = flags_of(&sub.counts, threshold);
        }
        totals.add(&row.counts);
    }
    Report {
        title,
        campaign,
        forms,
        has_delivery,
        rows,
        totals,
        threshold,
        generated_on,
        period: None,
        notes: Vec::new(),
    }
}

fn flags_of(c: &Counts, threshold: f64) -> Vec<Flag> {
    let mut flags = Vec::new();
    if c.registered == 0 {
        flags.push(Flag::NoneRegistered);
    }
    for (form, answered) in c.answered.iter().enumerate() {
        if let Some(a) = *answered {
            if a > c.registered {
                flags.push(Flag::Impossible {
                    form,
                    answered: a,
                    registered: c.registered,
                });
            }
        }
    }
    let main = (0..c.answered.len()).find_map(|f| c.rate(f).map(|r| (f, r)));
    if let Some((form, rate)) = main {
        if rate < threshold {
            flags.push(Flag::BelowThreshold { form, rate });
        }
    }
    flags
}

impl Report {
    /// Denominator of a total rate: registrations of the units the form applies to.
    pub fn total_rate(&self, form: usize) -> Option<f64> {
        let answered = self.totals.answered.get(form).copied().flatten()?;
        let registered: u64 = self
            .rows
            .iter()
            .filter(|r| r.counts.answered.get(form).copied().flatten().is_some())
            .map(|r| r.counts.registered)
            .sum();
        (registered > 0).then(|| answered as f64 / registered as f64)
    }

    pub fn flagged_impossible(&self) -> impl Iterator<Item = &Row> {
        self.rows
            .iter()
            .filter(|r| r.flags.iter().any(|f| matches!(f, Flag::Impossible { .. })))
    }

    /// Short form labels for dense headers: "Phiếu 1", "Phiếu 2", …
    pub fn form_label(&self, form: usize) -> String {
        format!("Phiếu {}", form + 1)
    }
}

/// Vietnamese number style: 2.429 (dot for thousands).
pub fn fmt_int(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push('.');
        }
        out.push(c);
    }
    out
}

/// Vietnamese percent: 39,1%.
pub fn fmt_rate(rate: Option<f64>) -> String {
    match rate {
        Some(r) => format!("{:.1}%", r * 100.0).replace('.', ","),
        None => "—".into(),
    }
}

/// A flag in words, for the notes column and the CSV.
pub fn flag_text(report: &Report, flag: &Flag) -> String {
    match flag {
        Flag::Impossible {
            form,
            answered,
            registered,
        } => format!(
            "Bất thường: {} có {} trả lời, nhiều hơn {} người đăng ký",
            report.form_label(*form),
            fmt_int(*answered),
            fmt_int(*registered)
        ),
        Flag::BelowThreshold { form, rate } => format!(
            "Dưới ngưỡng {}: {} đạt {}",
            fmt_rate(Some(report.threshold)),
            report.form_label(*form),
            fmt_rate(Some(*rate))
        ),
        Flag::NoneRegistered => "Không có người đăng ký".into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_in_vietnamese_style() {
        assert_eq!(fmt_int(2429), "2.429");
        assert_eq!(fmt_int(949), "949");
        assert_eq!(fmt_int(1_234_567), "1.234.567");
        assert_eq!(fmt_rate(Some(0.3914)), "39,1%");
        assert_eq!(fmt_rate(None), "—");
    }

    #[test]
    fn flags_impossible_rows_and_low_rates() {
        let c = Counts {
            registered: 20,
            answered: vec![Some(3), None, Some(44)],
            ..Counts::default()
        };
        let flags = flags_of(&c, 0.3);
        assert!(flags.contains(&Flag::Impossible {
            form: 2,
            answered: 44,
            registered: 20
        }));
        assert!(flags.contains(&Flag::BelowThreshold {
            form: 0,
            rate: 0.15
        }));
        assert_eq!(flags_of(&Counts::zero(3), 0.3), vec![Flag::NoneRegistered]);
    }
}
