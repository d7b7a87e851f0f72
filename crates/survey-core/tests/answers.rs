//! Canonical JSON and digests: the same answers always give the same bytes.

mod common;

use survey_core::Form;

use common::{form, raw};

fn sample() -> Form {
    form(
        r#"      - id: noi
        type: single_choice
        label: "Nơi"
        options:
          - value: tinh
            label: "Tỉnh"
          - value: xa
            label: "Xã"
        other: true
      - id: kenh
        type: multiple_choice
        label: "Kênh"
        other: true
        options:
          - value: a
            label: "A"
          - value: b
            label: "B"
          - value: c
            label: "C"
      - id: diem
        type: rating
        label: "Điểm"
        scale: 5
        min_label: "Kém"
        max_label: "Tốt"
      - id: bang
        type: matrix
        label: "Bảng"
        rows:
          - id: z
            label: "Z"
          - id: a
            label: "A"
        scale: 5
        labels: ["1", "2", "3", "4", "5"]
      - id: ghi-chu
        type: long_text
        label: "Ghi chú"
      - id: so
        type: number
        label: "Số"
      - id: ngay
        type: date
        label: "Ngày"
"#,
    )
}

const POSTED: [(&str, &str); 11] = [
    ("q_noi", "_other"),
    ("q_noi_other", "Bưu điện"),
    ("q_kenh", "c"),
    ("q_kenh", "a"),
    ("q_kenh", "_other"),
    ("q_kenh_other", "Zalo"),
    ("q_diem", "4"),
    ("q_bang__z", "5"),
    ("q_bang__a", "1"),
    ("q_ghi-chu", "Hai\r\ndòng"),
    ("q_so", "2,5"),
];

fn posted() -> survey_core::RawAnswers {
    let mut r = raw(&POSTED);
    r.push("q_ngay", "15/11/2026");
    r
}

const CANONICAL: &str = concat!(
    r#"{"answers":{"bang":{"a":1,"z":5},"diem":4,"ghi-chu":"Hai\ndòng","kenh":["a","c",{"other":"Zalo"}],"#,
    r#""ngay":"2026-11-15","noi":{"other":"Bưu điện"},"so":2.5},"campaign":"thu-nghiem","form":"phieu"}"#
);

#[test]
fn canonical_json_sorts_keys_and_normalises_values() {
    let a = sample().parse_submission(&posted()).unwrap();
    assert_eq!(a.canonical_json(), CANONICAL);
    assert_eq!(serde_json::to_string(&a).unwrap(), CANONICAL);
}

#[test]
fn digest_is_the_sha256_of_the_canonical_json() {
    let a = sample().parse_submission(&posted()).unwrap();
    // Pinned, and computed outside Rust: Python's
    // hashlib.sha256(json.dumps(obj, sort_keys=True, separators=(",", ":"),
    // ensure_ascii=False).encode()) gives the same bytes and the same hash,
    // so anyone can check a receipt. A change here invalidates every receipt
    // already issued.
    assert_eq!(
        a.digest(),
        "26e8719d4a33081e4ba6ab68ff4a59f2ea9f7e307bbc9eda3cdb560f1ecb5c63"
    );
    assert_eq!(a.digest().len(), 64);
}

#[test]
fn digest_ignores_how_the_same_answers_were_posted() {
    let f = sample();
    let first = f.parse_submission(&posted()).unwrap().digest();
    let mut shuffled: Vec<(&str, &str)> = POSTED.iter().rev().copied().collect();
    shuffled.push(("q_ngay", "2026-11-15")); // ISO instead of dd/mm/yyyy
    shuffled.push(("q_kenh", "a")); // a box posted twice
    shuffled.push(("csrf", "token-that-changes")); // not an answer
    let shuffled = raw(&shuffled)
        .iter()
        .flat_map(|(k, vs)| {
            vs.iter().map(move |v| {
                // Decomposed diacritics and stray blanks, as another keyboard might send.
                let v = if k == "q_noi_other" {
                    "  Bu\u{031B}u đie\u{0323}\u{0302}n ".to_string()
                } else {
                    v.clone()
                };
                (k.to_string(), v)
            })
        })
        .collect::<Vec<_>>();
    let second = f
        .parse_submission(&survey_core::RawAnswers::from_pairs(shuffled))
        .unwrap();
    assert_eq!(second.digest(), first);
}

#[test]
fn digest_changes_with_any_answer_and_with_the_form() {
    let f = sample();
    let base = f.parse_submission(&posted()).unwrap().digest();
    let mut changed = posted();
    changed.push("q_kenh", "b");
    assert_ne!(f.parse_submission(&changed).unwrap().digest(), base);

    let other_form = form("      - id: noi\n        type: short_text\n        label: \"Nơi\"\n");
    let one = other_form
        .parse_submission(&raw(&[("q_noi", "x")]))
        .unwrap();
    let renamed = common::write_campaign(&[
        (
            "campaign.yaml",
            &common::CAMPAIGN_YAML.replace("  - phieu\n", "  - phieu-2\n"),
        ),
        (
            "phieu-2.yaml",
            &common::form_yaml(
                "      - id: noi\n        type: short_text\n        label: \"Nơi\"\n",
            )
            .replace("id: phieu\n", "id: phieu-2\n"),
        ),
    ]);
    let other = survey_core::load_campaign(&renamed.1).unwrap();
    let two = other.forms()[0]
        .parse_submission(&raw(&[("q_noi", "x")]))
        .unwrap();
    assert_ne!(
        one.digest(),
        two.digest(),
        "the same answer to another form is another submission"
    );
}

#[test]
fn answers_refill_the_form_they_came_from() {
    let f = sample();
    let a = f.parse_submission(&posted()).unwrap();
    let again = f.parse_submission(&a.to_raw()).unwrap();
    assert_eq!(again, a);
    assert_eq!(a.to_raw().get("q_kenh"), ["a", "c", "_other"]);
    assert_eq!(a.to_raw().first("q_bang__z"), Some("5"));
    assert_eq!(a.to_raw().first("q_ngay"), Some("2026-11-15"));
}

#[test]
fn a_draft_becomes_a_submission_through_the_parser() {
    let f = sample();
    let draft = f.parse_draft(&raw(&[("q_noi", "_other")])).unwrap();
    assert_eq!(
        draft.canonical_json(),
        r#"{"answers":{"noi":{"other":""}},"campaign":"thu-nghiem","form":"phieu"}"#
    );
    let errs = f.parse_submission(&draft.to_raw()).unwrap_err();
    assert_eq!(errs[0].field, "q_noi_other");
}

#[test]
fn stored_answers_are_parsed_back_through_the_rules() {
    let f = sample();
    let a = f.parse_submission(&posted()).unwrap();
    let back = f.parse_stored(&a.canonical_json()).unwrap();
    assert_eq!(back, a);
    assert_eq!(back.digest(), a.digest());

    let draft = f
        .parse_draft(&raw(&[("q_noi", "_other"), ("q_diem", "2")]))
        .unwrap();
    assert_eq!(
        f.parse_stored_draft(&draft.canonical_json()).unwrap(),
        draft
    );
    // A draft is not a submission: "Khác" without its text fails the full rules.
    assert!(matches!(
        f.parse_stored(&draft.canonical_json()),
        Err(survey_core::StoredAnswersError::Invalid(errs)) if errs[0].field == "q_noi_other"
    ));
}

#[test]
fn stored_answers_for_another_form_or_tampered_are_refused() {
    use survey_core::StoredAnswersError as E;
    let f = sample();
    let wrong = r#"{"answers":{},"campaign":"thu-nghiem","form":"khac"}"#;
    assert_eq!(
        f.parse_stored(wrong),
        Err(E::WrongForm {
            campaign: "thu-nghiem".into(),
            form: "khac".into()
        })
    );
    let unknown = r#"{"answers":{"bien-mat":"a"},"campaign":"thu-nghiem","form":"phieu"}"#;
    assert_eq!(
        f.parse_stored(unknown),
        Err(E::UnknownQuestion("bien-mat".into()))
    );
    let shape = r#"{"answers":{"kenh":"a"},"campaign":"thu-nghiem","form":"phieu"}"#;
    assert_eq!(f.parse_stored(shape), Err(E::Shape("kenh".into())));
    let out_of_scale = r#"{"answers":{"diem":9},"campaign":"thu-nghiem","form":"phieu"}"#;
    assert!(
        matches!(f.parse_stored(out_of_scale), Err(E::Invalid(errs)) if errs[0].field == "q_diem")
    );
    assert!(matches!(f.parse_stored("not json"), Err(E::Syntax(_))));
}
