//! The results report aggregates submitted answers through the index, for
//! every question but free text, and hides what must be hidden so that
//! subtraction gives nothing back.

use std::path::PathBuf;

use delivery::{AnswerMeta, ResultsKey};
use evaluation::attack;
use evaluation::published::Shown;
use evaluation::suppress::THRESHOLD;
use evaluation::table::{CellRef, Col, Level};
use report::results::results;
use store::{Condition, Item, Key, SqliteStore, Store};

fn campaign() -> survey_core::Campaign {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../content/khao-sat");
    survey::campaigns::load(&dir)
        .unwrap()
        .into_iter()
        .find(|c| c.id().as_str() == "danh-gia-cchc-2026")
        .unwrap()
}

/// One key for every record of these tests.
fn results_key() -> &'static ResultsKey {
    static KEY: std::sync::OnceLock<ResultsKey> = std::sync::OnceLock::new();
    KEY.get_or_init(ResultsKey::generate)
}

async fn submit(
    store: &dyn Store,
    n: usize,
    unit: &str,
    qid: &str,
    value: serde_json::Value,
    form: &str,
) {
    submit_all(store, n, unit, serde_json::json!({ qid: value }), form).await
}

async fn submit_all(
    store: &dyn Store,
    n: usize,
    unit: &str,
    answers: serde_json::Value,
    form: &str,
) {
    let answers =
        serde_json::json!({"answers": answers, "campaign": "danh-gia-cchc-2026", "form": form});
    let digest = format!("{unit}-{n}");
    store
        .put(
            Item::new(Key::new(format!("ANS#{digest}"), "ANS"))
                .with(
                    "sealed",
                    results_key().seal(
                        &AnswerMeta {
                            unit: unit.to_owned(),
                            group: "cong-chuc".to_owned(),
                            updated_at: "2026-11-05T10:00:00+07:00".to_owned(),
                            submitted_at: Some("2026-11-05T10:00:00+07:00".to_owned()),
                        },
                        &format!("ANS#{digest}"),
                    ),
                )
                .with("status", "submitted")
                .with("answers", answers.to_string())
                .with_gsi1(Key::new(
                    format!("RESULTS#danh-gia-cchc-2026#{form}"),
                    digest,
                )),
            Condition::None,
        )
        .await
        .unwrap();
}

#[tokio::test]
async fn counts_choices_and_hides_units_under_five() {
    let dir = tempfile::tempdir().unwrap();
    let store = SqliteStore::open(dir.path().join("s.sqlite")).unwrap();
    let c = campaign();
    let form = c.form("danh-gia-dia-phuong").unwrap();
    let (q, first, second) = form
        .questions()
        .find_map(|q| match q.kind() {
            survey_core::QuestionKind::SingleChoice { options, .. } if options.len() >= 2 => {
                Some((
                    q.id().to_string(),
                    options.iter().next().unwrap().value().to_string(),
                    options.iter().nth(1).unwrap().value().to_string(),
                ))
            }
            _ => None,
        })
        .expect("a single-choice question");
    for i in 0..6 {
        let v = if i < 4 { &first } else { &second };
        submit(
            &store,
            i,
            "Hà Nội",
            &q,
            v.as_str().into(),
            form.id().as_str(),
        )
        .await;
    }
    for i in 0..3 {
        submit(
            &store,
            i,
            "Huế",
            &q,
            first.as_str().into(),
            form.id().as_str(),
        )
        .await;
    }
    let r = results(&store, "danh-gia-cchc-2026", form, results_key())
        .await
        .unwrap();
    assert_eq!(r.submitted, 9);
    let t = r.tables.iter().find(|t| t.question == q).unwrap();
    let cell = |unit: Level, col| {
        t.get(CellRef {
            unit,
            group: Level::Total,
            col,
        })
    };
    let unit = |name: &str| Level::One(t.units.iter().position(|u| u == name).unwrap());
    // Huế has 3 respondents: every cell about it is hidden, zeros included.
    assert!(cell(unit("Huế"), Col::Option(0)).is_hidden());
    assert!(cell(unit("Huế"), Col::Option(1)).is_hidden());
    // Hà Nội's "2" is a count of 1–4: hidden although the unit has 6.
    assert!(cell(unit("Hà Nội"), Col::Option(1)).is_hidden());
    // The old report showed the total (7, 2) beside Hà Nội (4, 2), so Huế was
    // Tổng − Hà Nội = (3, 0). Now nothing hidden comes back.
    assert!(
        attack::subtraction(t).is_empty(),
        "{:?}",
        attack::subtraction(t)
    );
    assert!(attack::linear(t).is_empty());
    assert_eq!(cell(Level::Total, Col::Answered), Shown::Count(9));
    let text = report::results::render_table(&r);
    assert!(text.contains("Huế"), "{text}");
    assert!(text.contains(" * "), "{text}");
    assert_eq!(THRESHOLD, 5);
}

/// A valid answer to any question, varied by `i`.
fn answer_for(q: &survey_core::Question, i: usize) -> Option<serde_json::Value> {
    use survey_core::QuestionKind as K;
    Some(match q.kind() {
        K::SingleChoice { options, .. } => {
            let o: Vec<_> = options.iter().collect();
            o[i % o.len()].value().to_string().into()
        }
        K::MultipleChoice { options, .. } => {
            let o: Vec<_> = options.iter().collect();
            serde_json::json!([o[i % o.len()].value().to_string()])
        }
        K::Rating { scale, .. } => (1 + i % scale.points() as usize).into(),
        K::Matrix {
            rows,
            columns,
            numeric,
        } => {
            let mut m = serde_json::Map::new();
            let c: Vec<_> = columns.iter().collect();
            for row in rows {
                let v: serde_json::Value = if *numeric {
                    (1 + i % c.len()).into()
                } else {
                    c[i % c.len()].value().to_string().into()
                };
                m.insert(row.id().to_string(), v);
            }
            serde_json::Value::Object(m)
        }
        K::Number { range, .. } => range.min().unwrap_or(0.0).max(0.0).into(),
        K::ShortText { .. } | K::LongText { .. } => "Ý kiến riêng".into(),
        K::Date { .. } => return None,
    })
}

#[tokio::test]
async fn every_question_but_free_text_has_a_table_matrix_rows_included() {
    let store = SqliteStore::in_memory().unwrap();
    let c = campaign();
    let form = c.form("danh-gia-dia-phuong").unwrap();
    for i in 0..14 {
        let answers: serde_json::Map<String, serde_json::Value> = form
            .questions()
            .filter_map(|q| answer_for(q, i).map(|v| (q.id().to_string(), v)))
            .collect();
        let unit = if i < 10 { "Khánh Hòa" } else { "Huế" };
        submit_all(
            &store,
            i,
            unit,
            serde_json::Value::Object(answers),
            form.id().as_str(),
        )
        .await;
    }
    let r = results(&store, "danh-gia-cchc-2026", form, results_key())
        .await
        .unwrap();
    let mut expected = Vec::new();
    let mut matrix_rows = 0;
    for q in form.questions() {
        use survey_core::QuestionKind as K;
        match q.kind() {
            K::Matrix { rows, .. } => {
                matrix_rows += rows.len();
                for row in rows {
                    expected.push((q.id().to_string(), Some(row.id().to_string())));
                }
            }
            K::ShortText { .. } | K::LongText { .. } | K::Date { .. } => {}
            _ => expected.push((q.id().to_string(), None)),
        }
    }
    assert!(matrix_rows > 0, "the form has matrix questions");
    let got: Vec<(String, Option<String>)> = r
        .tables
        .iter()
        .map(|t| (t.question.clone(), t.row.clone()))
        .collect();
    assert_eq!(got, expected);
    // Free text never appears, in any format.
    let mut csv = Vec::new();
    evaluation::published::write_csv(&r.tables, &mut csv).unwrap();
    let csv = String::from_utf8(csv).unwrap();
    assert!(csv.starts_with("unit,group,question,row,option,count\n"));
    assert!(!csv.contains("Ý kiến riêng"));
    assert!(!report::results::render_table(&r).contains("Ý kiến riêng"));
    for t in &r.tables {
        assert!(attack::subtraction(t).is_empty());
        assert!(attack::linear(t).is_empty());
    }
}
