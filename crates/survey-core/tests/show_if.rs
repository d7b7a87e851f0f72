//! A question hidden by its show_if is neither required nor kept.

mod common;

use survey_core::{Answer, Form};

use common::{errors_of, form, raw};

fn branching() -> Form {
    form(
        r#"      - id: tre-hen
        type: single_choice
        label: "Có trễ hẹn không?"
        required: true
        options:
          - value: co
            label: "Có"
          - value: khong
            label: "Không"
      - id: xin-loi
        type: single_choice
        label: "Có thư xin lỗi không?"
        required: true
        show_if:
          question: tre-han
          equals: co
        options:
          - value: co
            label: "Có"
          - value: khong
            label: "Không"
      - id: noi-dung-thu
        type: long_text
        label: "Nội dung thư"
        required: true
        show_if:
          question: xin-loi
          equals: co
      - id: so-ngay
        type: number
        label: "Trễ mấy ngày?"
        show_if:
          question: tre-han
          equals: co
        integer: true
        min: 1
"#
        .replace("question: tre-han", "question: tre-hen")
        .as_str(),
    )
}

#[test]
fn a_shown_question_is_required() {
    assert_eq!(
        errors_of(branching().parse_submission(&raw(&[("q_tre-hen", "co")]))),
        vec![(
            "q_xin-loi".to_string(),
            "Vui lòng chọn một phương án cho câu “Có thư xin lỗi không?”".to_string()
        )]
    );
}

#[test]
fn a_hidden_question_is_not_required_and_its_answer_is_dropped() {
    let a = branching()
        .parse_submission(&raw(&[
            ("q_tre-hen", "khong"),
            ("q_xin-loi", "co"),
            ("q_noi-dung-thu", "còn sót từ lúc chọn “Có”"),
        ]))
        .unwrap();
    assert_eq!(a.len(), 1);
    assert_eq!(a.get("xin-loi"), None);
    assert_eq!(a.get("noi-dung-thu"), None);
}

#[test]
fn a_hidden_question_is_not_checked_either() {
    // The respondent was told to skip it; an invalid leftover is no reason to refuse.
    assert!(branching()
        .parse_submission(&raw(&[("q_tre-hen", "khong"), ("q_so-ngay", "không nhớ")]))
        .is_ok());
    assert_eq!(
        errors_of(branching().parse_submission(&raw(&[
            ("q_tre-hen", "co"),
            ("q_xin-loi", "khong"),
            ("q_so-ngay", "0")
        ]))),
        vec![(
            "q_so-ngay".to_string(),
            "Vui lòng nhập một số không nhỏ hơn 1".to_string()
        )]
    );
}

#[test]
fn conditions_chain() {
    let f = branching();
    let a = f
        .parse_submission(&raw(&[
            ("q_tre-hen", "co"),
            ("q_xin-loi", "co"),
            ("q_noi-dung-thu", "Xin lỗi ông/bà"),
        ]))
        .unwrap();
    assert_eq!(
        a.get("noi-dung-thu"),
        Some(&Answer::Text("Xin lỗi ông/bà".into()))
    );
    // xin-loi is hidden, so whatever it says, noi-dung-thu is hidden too.
    let a = f
        .parse_submission(&raw(&[
            ("q_tre-hen", "khong"),
            ("q_xin-loi", "co"),
            ("q_noi-dung-thu", "x"),
        ]))
        .unwrap();
    assert_eq!(a.get("noi-dung-thu"), None);
    assert!(!f.is_shown(f.question("noi-dung-thu").unwrap(), &a));
    assert!(f.is_shown(f.question("tre-hen").unwrap(), &a));
}

#[test]
fn multiple_choice_and_rating_can_drive_a_condition() {
    let f = form(
        r#"      - id: kenh
        type: multiple_choice
        label: "Kênh"
        options:
          - value: hom-thu
            label: "Hòm thư"
          - value: duong-day-nong
            label: "Đường dây nóng"
      - id: so-goi
        type: number
        label: "Số cuộc gọi"
        required: true
        show_if:
          question: kenh
          equals: duong-day-nong
      - id: diem
        type: rating
        label: "Điểm"
        scale: 5
        min_label: "Kém"
        max_label: "Tốt"
      - id: vi-sao
        type: long_text
        label: "Vì sao chưa hài lòng?"
        required: true
        show_if:
          question: diem
          any_of: [1, 2]
"#,
    );
    assert!(f
        .parse_submission(&raw(&[("q_kenh", "hom-thu"), ("q_diem", "4")]))
        .is_ok());
    let errs = errors_of(f.parse_submission(&raw(&[
        ("q_kenh", "hom-thu"),
        ("q_kenh", "duong-day-nong"),
        ("q_diem", "2"),
    ])));
    let fields: Vec<&str> = errs.iter().map(|(f, _)| f.as_str()).collect();
    assert_eq!(fields, ["q_so-goi", "q_vi-sao"]);
}

#[test]
fn drafts_drop_hidden_answers_too() {
    let d = branching()
        .parse_draft(&raw(&[("q_tre-hen", "khong"), ("q_xin-loi", "co")]))
        .unwrap();
    assert_eq!(d.get("xin-loi"), None);
    // With the deciding answer not given yet, the dependent question waits.
    let d = branching()
        .parse_draft(&raw(&[("q_xin-loi", "co")]))
        .unwrap();
    assert!(d.is_empty());
}
