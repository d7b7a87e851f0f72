//! Results of one form: for every question that is not free text (single
//! and multiple choice, rating, each row of a matrix, number in ranges), how
//! the submitted answers spread over the options per unit and group, with
//! the units', groups' and grand totals. Free text and dates are never shown.
//!
//! Answers are read through the `RESULTS#{campaign}#{form}` index (no scan,
//! nothing that names a person); each record's unit and group are opened
//! with the results key. Every table then goes through
//! [`evaluation::suppress`]: a count of 1–4, or any cell about fewer than 5
//! respondents, is hidden, and so are enough other cells that no hidden one
//! can be recovered from totals, rows or the answered counts.
//!
//! In the CSV (`unit,group,question,row,option,count`), `question` and `row`
//! are the ids of the form's YAML, `option` is the label a respondent saw,
//! and a hidden count is empty.

use delivery::schema::results_pk;
use delivery::ResultsKey;
use evaluation::published::{PublishedTable, Shown};
use evaluation::suppress::{suppress, THRESHOLD};
use evaluation::table::{CellRef, Choice, Col, Level, ResultsTable};
use serde_json::Value;
use store::{QueryOpts, Store, StoreError, MAX_PAGE};
use survey_core::{Form, Question, QuestionKind};

/// The unit of an answer whose seal does not open (another results key, or
/// a public form, which asks no unit).
pub const NO_UNIT: &str = "Không rõ đơn vị";

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FormResults {
    pub form: String,
    pub submitted: usize,
    /// One per question, or per matrix row, in the form's order.
    pub tables: Vec<PublishedTable>,
    /// The heading of each table: the question's label, and the row's.
    pub headings: Vec<(String, Option<String>)>,
}

impl FormResults {
    pub fn primary(&self) -> usize {
        self.tables.iter().map(PublishedTable::primary).sum()
    }

    pub fn complementary(&self) -> usize {
        self.tables.iter().map(PublishedTable::complementary).sum()
    }
}

/// One submitted answer record, opened.
struct Record {
    unit: usize,
    group: usize,
    answers: Value,
}

pub async fn results(
    store: &dyn Store,
    campaign: &str,
    form: &Form,
    results_key: &ResultsKey,
) -> Result<FormResults, StoreError> {
    let pk = results_pk(campaign, form.id().as_str());
    let mut raw: Vec<(String, String, Value)> = Vec::new();
    let mut after = None;
    loop {
        let page = store
            .query_gsi1(&pk, "", QueryOpts::limit(MAX_PAGE).after(after))
            .await?;
        for item in &page.items {
            let meta = item
                .get("sealed")
                .and_then(Value::as_str)
                .and_then(|s| results_key.open(s, &item.key.pk));
            let (unit, group) = match meta {
                Some(m) if !m.unit.is_empty() => (m.unit, m.group),
                Some(m) => (NO_UNIT.to_owned(), m.group),
                None => (NO_UNIT.to_owned(), String::new()),
            };
            let answers = item
                .get("answers")
                .and_then(Value::as_str)
                .and_then(|s| serde_json::from_str::<Value>(s).ok())
                .map(|v| v["answers"].clone())
                .unwrap_or(Value::Null);
            raw.push((unit, group, answers));
        }
        match page.next {
            Some(c) => after = Some(c),
            None => break,
        }
    }
    if raw.is_empty() {
        return Ok(FormResults {
            form: form.title().to_owned(),
            submitted: 0,
            tables: Vec::new(),
            headings: Vec::new(),
        });
    }
    let mut units: Vec<String> = raw.iter().map(|r| r.0.clone()).collect();
    units.sort_by(|a, b| vntext::cmp_vi(a, b));
    units.dedup();
    let mut groups: Vec<String> = raw.iter().map(|r| r.1.clone()).collect();
    groups.sort();
    groups.dedup();
    let position = |list: &[String], x: &str| list.iter().position(|y| y == x).unwrap_or(0);
    let records: Vec<Record> = raw
        .into_iter()
        .map(|(u, g, answers)| Record {
            unit: position(&units, &u),
            group: position(&groups, &g),
            answers,
        })
        .collect();
    let mut respondents = vec![0u32; units.len() * groups.len()];
    for r in &records {
        respondents[r.unit * groups.len() + r.group] += 1;
    }

    let mut tables = Vec::new();
    let mut headings = Vec::new();
    for q in form.questions() {
        for column in columns(q) {
            let mut t = ResultsTable::new(
                form.id().as_str(),
                q.id().as_str(),
                column.row.as_ref().map(|(id, _)| id.clone()),
                units.clone(),
                groups.clone(),
                column.options.clone(),
                column.choice,
            );
            for (i, n) in respondents.iter().enumerate() {
                t.set_respondents(i / groups.len(), i % groups.len(), *n);
            }
            for r in &records {
                let v = &r.answers[q.id().as_str()];
                let v = match &column.row {
                    Some((row, _)) => &v[row.as_str()],
                    None => v,
                };
                let picked = (column.pick)(v);
                if !picked.is_empty() {
                    t.add_answer(r.unit, r.group, &picked);
                }
            }
            // Tables are built from counts that add up by construction.
            let published = suppress(&t).map_err(|m| StoreError::Backend(m.to_string()))?;
            tables.push(published);
            headings.push((q.label().to_owned(), column.row.map(|(_, label)| label)));
        }
    }
    Ok(FormResults {
        form: form.title().to_owned(),
        submitted: records.len(),
        tables,
        headings,
    })
}

type Pick = Box<dyn Fn(&Value) -> Vec<usize>>;

/// One results table's columns: a question's options, or a matrix row's.
struct Column {
    row: Option<(String, String)>,
    options: Vec<String>,
    choice: Choice,
    pick: Pick,
}

fn columns(q: &Question) -> Vec<Column> {
    match q.kind() {
        QuestionKind::SingleChoice { options, other }
        | QuestionKind::MultipleChoice { options, other, .. } => {
            let multiple = matches!(q.kind(), QuestionKind::MultipleChoice { .. });
            let mut labels: Vec<String> = options.iter().map(|o| o.label().to_owned()).collect();
            let ids: Vec<String> = options.iter().map(|o| o.value().to_string()).collect();
            let other_at = other.then_some(labels.len());
            if *other {
                labels.push("Khác".into());
            }
            let one = move |v: &Value| -> Option<usize> {
                match v {
                    Value::String(s) => ids.iter().position(|i| i == s),
                    Value::Object(_) => other_at,
                    _ => None,
                }
            };
            vec![Column {
                row: None,
                options: labels,
                choice: if multiple {
                    Choice::Multiple
                } else {
                    Choice::Exclusive
                },
                pick: Box::new(move |v| match v {
                    Value::Array(a) => a.iter().filter_map(&one).collect(),
                    v => one(v).into_iter().collect(),
                }),
            }]
        }
        QuestionKind::Rating { scale, .. } => vec![scale_column(None, scale.points() as usize)],
        QuestionKind::Matrix {
            rows,
            columns,
            numeric,
        } => rows
            .iter()
            .map(|row| {
                let label = Some((row.id().to_string(), row.label().to_owned()));
                if *numeric {
                    let mut c = scale_column(label, columns.len());
                    c.options = columns.iter().map(|o| o.label().to_owned()).collect();
                    c
                } else {
                    let ids: Vec<String> = columns.iter().map(|o| o.value().to_string()).collect();
                    Column {
                        row: label,
                        options: columns.iter().map(|o| o.label().to_owned()).collect(),
                        choice: Choice::Exclusive,
                        pick: Box::new(move |v| {
                            v.as_str()
                                .and_then(|s| ids.iter().position(|i| i == s))
                                .into_iter()
                                .collect()
                        }),
                    }
                }
            })
            .collect(),
        QuestionKind::Number { range, .. } => vec![number_column(range.min(), range.max())],
        QuestionKind::ShortText { .. }
        | QuestionKind::LongText { .. }
        | QuestionKind::Date { .. } => Vec::new(),
    }
}

/// Ratings 1..=n as options "1".."n".
fn scale_column(row: Option<(String, String)>, n: usize) -> Column {
    Column {
        row,
        options: (1..=n).map(|i| i.to_string()).collect(),
        choice: Choice::Exclusive,
        pick: Box::new(move |v| {
            v.as_u64()
                .map(|r| r as usize)
                .filter(|r| (1..=n).contains(r))
                .map(|r| r - 1)
                .into_iter()
                .collect()
        }),
    }
}

/// A number in five equal ranges of the question's declared bounds (or, when
/// a bound is missing, in decades): the ranges come from the form, never from
/// the answers, so their edges disclose nothing.
fn number_column(min: Option<f64>, max: Option<f64>) -> Column {
    let edges: Vec<f64> = match (min, max) {
        (Some(lo), Some(hi)) if hi > lo => {
            (0..=5).map(|i| lo + (hi - lo) * i as f64 / 5.0).collect()
        }
        _ => vec![f64::NEG_INFINITY, 0.0, 10.0, 100.0, 1000.0, f64::INFINITY],
    };
    let fmt = |x: f64| {
        if x.fract() == 0.0 {
            format!("{x:.0}")
        } else {
            format!("{x:.2}").replace('.', ",")
        }
    };
    let options: Vec<String> = edges
        .windows(2)
        .map(|w| match (w[0].is_finite(), w[1].is_finite()) {
            (false, _) => format!("dưới {}", fmt(w[1])),
            (_, false) => format!("từ {} trở lên", fmt(w[0])),
            _ => format!("từ {} đến dưới {}", fmt(w[0]), fmt(w[1])),
        })
        .collect();
    let last = edges.len() - 2;
    Column {
        row: None,
        options,
        choice: Choice::Exclusive,
        pick: Box::new(move |v| {
            let Some(x) = v.as_f64() else {
                return Vec::new();
            };
            // The top of a bounded range belongs to the last range.
            let i = edges
                .windows(2)
                .position(|w| x >= w[0] && x < w[1])
                .unwrap_or(last);
            vec![i]
        }),
    }
}

/// Plain text for a terminal: per table, a line per unit and group with the
/// answered count and each option's count, `*` where hidden.
pub fn render_table(r: &FormResults) -> String {
    let mut out = format!(
        "Kết quả phiếu “{}”: {} phiếu đã nộp. Ô có từ 1 đến {} lượt chọn, hoặc về nhóm dưới {THRESHOLD} người, được ẩn (*), cùng các ô khác đủ để không tính ngược lại được: {} ô ẩn vì nhỏ, {} ô ẩn thêm.\n",
        r.form,
        r.submitted,
        THRESHOLD - 1,
        r.primary(),
        r.complementary()
    );
    for (t, (label, row)) in r.tables.iter().zip(&r.headings) {
        match row {
            Some(row) => out.push_str(&format!("\n{label} — {row}\n")),
            None => out.push_str(&format!("\n{label}\n")),
        }
        out.push_str(&format!("  {:<44} {:>6}", "", "n"));
        for o in &t.options {
            let short: String = o.chars().take(14).collect();
            out.push_str(&format!(" {short:>14}"));
        }
        out.push('\n');
        let levels = |n: usize| (0..n).map(Level::One).chain(std::iter::once(Level::Total));
        for unit in levels(t.units.len()) {
            for group in levels(t.groups.len()) {
                let name = |l: Level, names: &[String]| match l {
                    Level::One(i) => names[i].clone(),
                    Level::Total => evaluation::messages::TOTAL.to_owned(),
                };
                let who = format!("{} / {}", name(unit, &t.units), name(group, &t.groups));
                let who: String = who.chars().take(44).collect();
                let cell = |col| match t.get(CellRef { unit, group, col }) {
                    Shown::Count(n) => n.to_string(),
                    _ => "*".to_owned(),
                };
                out.push_str(&format!("  {who:<44} {:>6}", cell(Col::Answered)));
                for o in 0..t.options.len() {
                    out.push_str(&format!(" {:>14}", cell(Col::Option(o))));
                }
                out.push('\n');
            }
        }
    }
    out
}
