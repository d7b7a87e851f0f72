//! The results report aggregates submitted answers through the index and
//! hides every cell built from fewer than five respondents.

use std::path::PathBuf;

use report::results::{results, MIN_RESPONDENTS};
use store::{Condition, Item, Key, SqliteStore, Store};

fn campaign() -> survey_core::Campaign {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../content/khao-sat");
    survey::campaigns::load(&dir)
        .unwrap()
        .into_iter()
        .find(|c| c.id().as_str() == "danh-gia-cchc-2026")
        .unwrap()
}

async fn submit(
    store: &dyn Store,
    n: usize,
    unit: &str,
    qid: &str,
    value: serde_json::Value,
    form: &str,
) {
    let answers = serde_json::json!({"answers": {qid: value}, "campaign": "danh-gia-cchc-2026", "form": form});
    let digest = format!("{unit}-{n}");
    store
        .put(
            Item::new(Key::new(format!("ANS#{digest}"), format!("FORM#{form}")))
                .with("unit", unit)
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
    let r = results(&store, "danh-gia-cchc-2026", form).await.unwrap();
    assert_eq!(r.submitted, 9);
    let res = r
        .questions
        .iter()
        .find(|x| x.label == form.question(&q).unwrap().label())
        .unwrap();
    assert_eq!(res.total_n, 9);
    let total = res.total.as_ref().unwrap();
    assert_eq!((total[0], total[1]), (7, 2));
    let hanoi = res.by_unit.iter().find(|u| u.0 == "Hà Nội").unwrap();
    assert_eq!(hanoi.1, 6);
    assert_eq!(hanoi.2.as_ref().map(|c| (c[0], c[1])), Some((4, 2)));
    let hue = res.by_unit.iter().find(|u| u.0 == "Huế").unwrap();
    assert_eq!(
        (hue.1, hue.2.clone()),
        (3, None),
        "fewer than {MIN_RESPONDENTS}: hidden"
    );
    let text = report::results::render_table(&r);
    assert!(text.contains("Huế n=3"));
}
