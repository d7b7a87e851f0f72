//! Results: how submitted answers of one form spread over the choices, in
//! total and per unit. Answers are read through the `RESULTS#{campaign}#{form}`
//! index (no scan, nothing that names a person), and every cell built from
//! fewer than [`MIN_RESPONDENTS`] respondents is suppressed, so a small unit's
//! answers cannot be read back from the table.

use std::collections::BTreeMap;

use serde_json::Value;
use store::{QueryOpts, Store, StoreError, MAX_PAGE};
use survey_core::{Form, QuestionKind};

/// Which choices (by position) an answer picked.
type Picker = Box<dyn Fn(&Value) -> Vec<usize>>;

/// The smallest group whose answers are shown.
pub const MIN_RESPONDENTS: usize = 5;

#[derive(Debug, Clone, PartialEq)]
pub struct ChoiceQuestion {
    pub label: String,
    /// Choice labels, "Khác" last when the question has it.
    pub choices: Vec<String>,
    /// `None` when suppressed (fewer than five answered it).
    pub total: Option<Vec<usize>>,
    pub total_n: usize,
    /// (unit, respondents who answered, counts or `None` when suppressed).
    pub by_unit: Vec<(String, usize, Option<Vec<usize>>)>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Results {
    pub form: String,
    pub submitted: usize,
    pub questions: Vec<ChoiceQuestion>,
}

/// Single and multiple choice and rating questions; free text is never shown.
pub async fn results(
    store: &dyn Store,
    campaign: &str,
    form: &Form,
) -> Result<Results, StoreError> {
    let pk = format!("RESULTS#{campaign}#{}", form.id());
    let mut records: Vec<(String, Value)> = Vec::new();
    let mut after = None;
    loop {
        let page = store
            .query_gsi1(&pk, "", QueryOpts::limit(MAX_PAGE).after(after))
            .await?;
        for item in &page.items {
            let unit = item
                .get("unit")
                .and_then(Value::as_str)
                .unwrap_or("")
                .to_owned();
            let answers = item
                .get("answers")
                .and_then(Value::as_str)
                .and_then(|s| serde_json::from_str::<Value>(s).ok())
                .map(|v| v["answers"].clone())
                .unwrap_or(Value::Null);
            records.push((unit, answers));
        }
        match page.next {
            Some(c) => after = Some(c),
            None => break,
        }
    }
    let mut questions = Vec::new();
    for q in form.questions() {
        let (choices, index): (Vec<String>, Picker) = match q.kind() {
            QuestionKind::SingleChoice { options, other }
            | QuestionKind::MultipleChoice { options, other, .. } => {
                let mut labels: Vec<String> =
                    options.iter().map(|o| o.label().to_owned()).collect();
                let ids: Vec<String> = options.iter().map(|o| o.value().to_string()).collect();
                let other_at = other.then_some(labels.len());
                if *other {
                    labels.push("Khác".into());
                }
                let pick = move |v: &Value| -> Option<usize> {
                    match v {
                        Value::String(s) => ids.iter().position(|i| i == s),
                        Value::Object(_) => other_at,
                        _ => None,
                    }
                };
                (
                    labels,
                    Box::new(move |v: &Value| match v {
                        Value::Array(a) => a.iter().filter_map(&pick).collect(),
                        v => pick(v).into_iter().collect(),
                    }),
                )
            }
            QuestionKind::Rating { scale, .. } => {
                let n = scale.points() as usize;
                (
                    (1..=n).map(|i| i.to_string()).collect(),
                    Box::new(move |v: &Value| {
                        v.as_u64()
                            .map(|r| r as usize)
                            .filter(|r| (1..=n).contains(r))
                            .map(|r| r - 1)
                            .into_iter()
                            .collect()
                    }),
                )
            }
            _ => continue,
        };
        let mut per_unit: BTreeMap<String, (usize, Vec<usize>)> = BTreeMap::new();
        let mut total = vec![0; choices.len()];
        let mut total_n = 0;
        for (unit, answers) in &records {
            let picked = index(&answers[q.id().as_str()]);
            if picked.is_empty() {
                continue;
            }
            total_n += 1;
            let entry = per_unit
                .entry(unit.clone())
                .or_insert_with(|| (0, vec![0; choices.len()]));
            entry.0 += 1;
            for i in picked {
                entry.1[i] += 1;
                total[i] += 1;
            }
        }
        let shown = |n: usize, counts: Vec<usize>| (n >= MIN_RESPONDENTS).then_some(counts);
        let mut by_unit: Vec<(String, usize, Option<Vec<usize>>)> = per_unit
            .into_iter()
            .map(|(u, (n, c))| (u, n, shown(n, c)))
            .collect();
        by_unit.sort_by(|a, b| vntext::cmp_vi(&a.0, &b.0));
        questions.push(ChoiceQuestion {
            label: q.label().to_owned(),
            choices,
            total: shown(total_n, total),
            total_n,
            by_unit,
        });
    }
    Ok(Results {
        form: form.title().to_owned(),
        submitted: records.len(),
        questions,
    })
}

/// Plain text for a terminal.
pub fn render_table(r: &Results) -> String {
    let mut out = format!(
        "Kết quả phiếu “{}”: {} phiếu đã nộp. Ô tổng hợp từ dưới {MIN_RESPONDENTS} người trả lời được ẩn (*).\n",
        r.form, r.submitted
    );
    for q in &r.questions {
        out.push_str(&format!("\n{}\n", q.label));
        let cell = |c: &Option<Vec<usize>>, i: usize| {
            c.as_ref().map_or("*".to_owned(), |v| v[i].to_string())
        };
        out.push_str(&format!(
            "  {:<40} {:>10}",
            "",
            format!("Tổng n={}", q.total_n)
        ));
        for (u, n, _) in &q.by_unit {
            out.push_str(&format!(" {:>18}", format!("{u} n={n}")));
        }
        out.push('\n');
        for (i, choice) in q.choices.iter().enumerate() {
            let label: String = choice.chars().take(40).collect();
            out.push_str(&format!("  {label:<40} {:>10}", cell(&q.total, i)));
            for (_, _, c) in &q.by_unit {
                out.push_str(&format!(" {:>18}", cell(c, i)));
            }
            out.push('\n');
        }
    }
    out
}
