//! Every question type with valid and invalid answers, and the exact
//! Vietnamese message for each rule.

mod common;

use chrono::NaiveDate;
use survey_core::{Answer, Cell, Choice, Form, Number};

use common::{errors_of, form, raw};

fn e(field: &str, message: &str) -> (String, String) {
    (field.to_owned(), message.to_owned())
}

fn single_choice() -> Form {
    form(
        r#"      - id: chon-mot
        type: single_choice
        label: "Nơi làm thủ tục"
        required: true
        options:
          - value: tinh
            label: "Cấp tỉnh"
          - value: xa
            label: "Cấp xã"
        other: true
"#,
    )
}

#[test]
fn single_choice_accepts_one_offered_option() {
    let a = single_choice()
        .parse_submission(&raw(&[("q_chon-mot", "xa")]))
        .unwrap();
    assert_eq!(
        a.get("chon-mot"),
        Some(&Answer::Choice(Choice::Option("xa".parse_id())))
    );
}

#[test]
fn single_choice_is_required_when_required() {
    let f = single_choice();
    let expected = vec![e(
        "q_chon-mot",
        "Vui lòng chọn một phương án cho câu “Nơi làm thủ tục”",
    )];
    assert_eq!(errors_of(f.parse_submission(&raw(&[]))), expected);
    // A blank value, as a script might send, is no answer either.
    assert_eq!(
        errors_of(f.parse_submission(&raw(&[("q_chon-mot", "  ")]))),
        expected
    );
}

#[test]
fn single_choice_rejects_unknown_and_repeated_values() {
    let f = single_choice();
    assert_eq!(
        errors_of(f.parse_submission(&raw(&[("q_chon-mot", "huyen")]))),
        vec![e(
            "q_chon-mot",
            "Vui lòng chọn một trong các phương án đã cho"
        )]
    );
    assert_eq!(
        errors_of(f.parse_submission(&raw(&[("q_chon-mot", "tinh"), ("q_chon-mot", "xa")]))),
        vec![e("q_chon-mot", "Chỉ được chọn một phương án")]
    );
}

#[test]
fn single_choice_other_needs_its_text() {
    let f = single_choice();
    let a = f
        .parse_submission(&raw(&[
            ("q_chon-mot", "_other"),
            ("q_chon-mot_other", "  Bưu điện  "),
        ]))
        .unwrap();
    assert_eq!(
        a.get("chon-mot"),
        Some(&Answer::Choice(Choice::Other {
            other: "Bưu điện".into()
        }))
    );
    assert_eq!(
        errors_of(f.parse_submission(&raw(&[("q_chon-mot", "_other")]))),
        vec![e(
            "q_chon-mot_other",
            "Vui lòng ghi rõ nội dung phương án “Khác”"
        )]
    );
    assert_eq!(
        errors_of(f.parse_submission(&raw(&[
            ("q_chon-mot", "_other"),
            ("q_chon-mot_other", &"x".repeat(201))
        ]))),
        vec![e(
            "q_chon-mot_other",
            "Câu trả lời không được dài quá 200 ký tự"
        )]
    );
    // Text typed into "Khác" and then abandoned for a listed option is dropped.
    let a = f
        .parse_submission(&raw(&[
            ("q_chon-mot", "tinh"),
            ("q_chon-mot_other", "nhầm"),
        ]))
        .unwrap();
    assert_eq!(
        a.get("chon-mot"),
        Some(&Answer::Choice(Choice::Option("tinh".parse_id())))
    );
}

#[test]
fn other_is_only_a_value_where_the_question_offers_it() {
    let f = form(
        "      - id: co-khong\n        type: single_choice\n        label: \"Có?\"\n        options:\n          - value: co\n            label: \"Có\"\n",
    );
    assert_eq!(
        errors_of(f.parse_submission(&raw(&[("q_co-khong", "_other"), ("q_co-khong_other", "x")]))),
        vec![e(
            "q_co-khong",
            "Vui lòng chọn một trong các phương án đã cho"
        )]
    );
}

fn multiple_choice() -> Form {
    form(
        r#"      - id: kenh
        type: multiple_choice
        label: "Kênh phản ánh"
        required: true
        min: 2
        max: 3
        other: true
        options:
          - value: hom-thu
            label: "Hòm thư"
          - value: duong-day-nong
            label: "Đường dây nóng"
          - value: cong-dvc
            label: "Cổng Dịch vụ công"
          - value: truc-tiep
            label: "Trực tiếp"
"#,
    )
}

#[test]
fn multiple_choice_keeps_the_form_order_whatever_the_posting_order() {
    let a = multiple_choice()
        .parse_submission(&raw(&[
            ("q_kenh", "_other"),
            ("q_kenh", "truc-tiep"),
            ("q_kenh", "hom-thu"),
            ("q_kenh", "hom-thu"),
            ("q_kenh_other", "Zalo"),
        ]))
        .unwrap();
    assert_eq!(
        a.get("kenh"),
        Some(&Answer::Choices(vec![
            Choice::Option("hom-thu".parse_id()),
            Choice::Option("truc-tiep".parse_id()),
            Choice::Other {
                other: "Zalo".into()
            },
        ]))
    );
}

#[test]
fn multiple_choice_rules() {
    let f = multiple_choice();
    assert_eq!(
        errors_of(f.parse_submission(&raw(&[]))),
        vec![e(
            "q_kenh",
            "Vui lòng chọn ít nhất một phương án cho câu “Kênh phản ánh”"
        )]
    );
    assert_eq!(
        errors_of(f.parse_submission(&raw(&[("q_kenh", "hom-thu")]))),
        vec![e("q_kenh", "Vui lòng chọn ít nhất 2 phương án")]
    );
    let four = [
        ("q_kenh", "hom-thu"),
        ("q_kenh", "duong-day-nong"),
        ("q_kenh", "cong-dvc"),
        ("q_kenh", "truc-tiep"),
    ];
    assert_eq!(
        errors_of(f.parse_submission(&raw(&four))),
        vec![e("q_kenh", "Chỉ được chọn tối đa 3 phương án")]
    );
    assert_eq!(
        errors_of(f.parse_submission(&raw(&[
            ("q_kenh", "hom-thu"),
            ("q_kenh", "fax"),
            ("q_kenh", "thu")
        ]))),
        vec![e("q_kenh", "Vui lòng chọn một trong các phương án đã cho")]
    );
    assert_eq!(
        errors_of(f.parse_submission(&raw(&[("q_kenh", "hom-thu"), ("q_kenh", "_other")]))),
        vec![e(
            "q_kenh_other",
            "Vui lòng ghi rõ nội dung phương án “Khác”"
        )]
    );
}

#[test]
fn rating_accepts_points_of_its_scale_only() {
    let f = form(
        r#"      - id: diem
        type: rating
        label: "Mức độ hài lòng"
        required: true
        scale: 5
        min_label: "Rất không hài lòng"
        max_label: "Rất hài lòng"
      - id: diem-10
        type: rating
        label: "Điểm"
        scale: 10
        min_label: "Thấp"
        max_label: "Cao"
"#,
    );
    let a = f
        .parse_submission(&raw(&[("q_diem", "5"), ("q_diem-10", "10")]))
        .unwrap();
    assert_eq!(a.get("diem"), Some(&Answer::Rating(5)));
    assert_eq!(a.get("diem-10"), Some(&Answer::Rating(10)));
    for bad in ["0", "6", "4.5", "năm"] {
        assert_eq!(
            errors_of(f.parse_submission(&raw(&[("q_diem", bad)]))),
            vec![e("q_diem", "Vui lòng chọn một trong các phương án đã cho")],
            "{bad}"
        );
    }
    assert_eq!(
        errors_of(f.parse_submission(&raw(&[("q_diem-10", "11")]))),
        vec![
            e(
                "q_diem",
                "Vui lòng chọn một phương án cho câu “Mức độ hài lòng”"
            ),
            e("q_diem-10", "Vui lòng chọn một trong các phương án đã cho"),
        ]
    );
}

fn matrices() -> Form {
    form(
        r#"      - id: tiep-can
        type: matrix
        label: "Tiếp cận dịch vụ"
        required: true
        rows:
          - id: de-tim
            label: "Dễ tìm"
          - id: cho-ngoi
            label: "Đủ chỗ ngồi"
        scale: 5
        labels: ["Rất không hài lòng", "Không hài lòng", "Bình thường", "Hài lòng", "Rất hài lòng"]
      - id: cong-vu
        type: matrix
        label: "Công vụ"
        rows:
          - id: tuyen-dung
            label: "Tuyển dụng"
          - id: bo-nhiem
            label: "Bổ nhiệm"
        options:
          - value: cong-khai
            label: "Công khai"
          - value: chua
            label: "Chưa công khai"
"#,
    )
}

#[test]
fn matrix_answers_are_per_row() {
    let a = matrices()
        .parse_submission(&raw(&[
            ("q_tiep-can__de-tim", "4"),
            ("q_tiep-can__cho-ngoi", "2"),
            ("q_cong-vu__bo-nhiem", "chua"),
        ]))
        .unwrap();
    let Some(Answer::Matrix(cells)) = a.get("tiep-can") else {
        panic!()
    };
    assert_eq!(cells.get("de-tim"), Some(&Cell::Scale(4)));
    assert_eq!(cells.get("cho-ngoi"), Some(&Cell::Scale(2)));
    let Some(Answer::Matrix(cells)) = a.get("cong-vu") else {
        panic!()
    };
    assert_eq!(
        cells.len(),
        1,
        "an optional matrix keeps only the rows answered"
    );
    assert_eq!(
        cells.get("bo-nhiem"),
        Some(&Cell::Option("chua".parse_id()))
    );
}

#[test]
fn matrix_rules_name_the_row() {
    let f = matrices();
    assert_eq!(
        errors_of(f.parse_submission(&raw(&[
            ("q_tiep-can__de-tim", "4"),
            ("q_cong-vu__tuyen-dung", "3")
        ]))),
        vec![
            e(
                "q_tiep-can__cho-ngoi",
                "Vui lòng chọn một phương án cho dòng “Đủ chỗ ngồi”"
            ),
            e(
                "q_cong-vu__tuyen-dung",
                "Vui lòng chọn một trong các phương án đã cho"
            ),
        ]
    );
    assert_eq!(
        errors_of(f.parse_submission(&raw(&[
            ("q_tiep-can__de-tim", "6"),
            ("q_tiep-can__cho-ngoi", "1")
        ]))),
        vec![e(
            "q_tiep-can__de-tim",
            "Vui lòng chọn một trong các phương án đã cho"
        )]
    );
    let errs = f
        .parse_submission(&raw(&[("q_tiep-can__de-tim", "1")]))
        .unwrap_err();
    assert_eq!(errs[0].question, "tiep-can");
    assert_eq!(errs[0].label, "Tiếp cận dịch vụ");
    assert_eq!(errs[0].anchor(), "#q_tiep-can__cho-ngoi");
}

fn texts() -> Form {
    form(
        r#"      - id: ngan
        type: short_text
        label: "Tên thủ tục"
        required: true
        max_length: 10
      - id: dai
        type: long_text
        label: "Góp ý"
        max_length: 500
      - id: mac-dinh
        type: short_text
        label: "Mặc định"
"#,
    )
}

#[test]
fn text_is_normalised_and_trimmed() {
    let a = texts()
        .parse_submission(&raw(&[
            ("q_ngan", "  Nghi\u{0323} \u{0111}i\u{0323}nh! "),
            ("q_dai", "Dòng một\r\nDòng hai"),
        ]))
        .unwrap();
    assert_eq!(a.get("ngan"), Some(&Answer::Text("Nghị định!".into())));
    assert_eq!(
        a.get("dai"),
        Some(&Answer::Text("Dòng một\nDòng hai".into()))
    );
    assert_eq!(a.get("mac-dinh"), None);
}

#[test]
fn text_length_is_counted_in_characters_after_nfc() {
    let f = texts();
    // Ten characters composed, twelve code points as typed: accepted.
    let decomposed = "Nghi\u{0323} \u{0111}i\u{0323}nh!";
    assert_eq!(decomposed.chars().count(), 12);
    assert!(f.parse_submission(&raw(&[("q_ngan", decomposed)])).is_ok());
    assert_eq!(
        errors_of(f.parse_submission(&raw(&[("q_ngan", "Nghị định!!")]))),
        vec![e("q_ngan", "Câu trả lời không được dài quá 10 ký tự")]
    );
    assert_eq!(
        errors_of(f.parse_submission(&raw(&[("q_ngan", "x"), ("q_dai", &"ồ".repeat(501))]))),
        vec![e("q_dai", "Câu trả lời không được dài quá 500 ký tự")]
    );
    // A browser posts a textarea's line breaks as CRLF but counts them once.
    let lines = format!("{}\r\n{}", "a".repeat(250), "b".repeat(249));
    assert!(f
        .parse_submission(&raw(&[("q_ngan", "x"), ("q_dai", &lines)]))
        .is_ok());
    assert_eq!(
        errors_of(f.parse_submission(&raw(&[("q_ngan", "x"), ("q_mac-dinh", &"y".repeat(201))]))),
        vec![e("q_mac-dinh", "Câu trả lời không được dài quá 200 ký tự")]
    );
}

#[test]
fn text_rules() {
    let f = texts();
    assert_eq!(
        errors_of(f.parse_submission(&raw(&[("q_dai", "có góp ý")]))),
        vec![e("q_ngan", "Vui lòng trả lời câu “Tên thủ tục”")]
    );
    assert_eq!(
        errors_of(f.parse_submission(&raw(&[("q_ngan", "a"), ("q_ngan", "b")]))),
        vec![e("q_ngan", "Chỉ được nhập một câu trả lời")]
    );
    // A short answer cannot hold a line break, whatever a script sends.
    let a = f.parse_submission(&raw(&[("q_ngan", "a\nb")])).unwrap();
    assert_eq!(a.get("ngan"), Some(&Answer::Text("a b".into())));
}

fn numbers() -> Form {
    form(
        r#"      - id: so-lan
        type: number
        label: "Số lần đi lại"
        required: true
        integer: true
        min: 1
        max: 100
      - id: ty-le
        type: number
        label: "Tỷ lệ"
        min: 0
      - id: am
        type: number
        label: "Âm"
        max: -1.5
"#,
    )
}

#[test]
fn numbers_parse_either_decimal_mark() {
    let a = numbers()
        .parse_submission(&raw(&[
            ("q_so-lan", " 12 "),
            ("q_ty-le", "3,5"),
            ("q_am", "-2"),
        ]))
        .unwrap();
    assert_eq!(a.get("so-lan"), Some(&Answer::Number(Number::Integer(12))));
    assert_eq!(a.get("ty-le"), Some(&Answer::Number(Number::Decimal(3.5))));
    assert_eq!(a.get("am"), Some(&Answer::Number(Number::Integer(-2))));
    let a = numbers()
        .parse_submission(&raw(&[("q_so-lan", "100"), ("q_ty-le", "0.25")]))
        .unwrap();
    assert_eq!(a.get("ty-le"), Some(&Answer::Number(Number::Decimal(0.25))));
}

#[test]
fn number_rules() {
    let f = numbers();
    let only = |v: &str| errors_of(f.parse_submission(&raw(&[("q_so-lan", v)])));
    assert_eq!(
        only("101"),
        vec![e("q_so-lan", "Vui lòng nhập một số từ 1 đến 100")]
    );
    assert_eq!(
        only("0"),
        vec![e("q_so-lan", "Vui lòng nhập một số từ 1 đến 100")]
    );
    assert_eq!(
        only("mười"),
        vec![e("q_so-lan", "Vui lòng nhập một số nguyên, ví dụ 12")]
    );
    assert_eq!(
        only("1e2"),
        vec![e("q_so-lan", "Vui lòng nhập một số nguyên, ví dụ 12")]
    );
    assert_eq!(
        only("3,5"),
        vec![e(
            "q_so-lan",
            "Vui lòng nhập một số nguyên, không có phần thập phân"
        )]
    );
    assert_eq!(
        only(""),
        vec![e("q_so-lan", "Vui lòng trả lời câu “Số lần đi lại”")]
    );
    assert_eq!(
        errors_of(f.parse_submission(&raw(&[("q_so-lan", "1"), ("q_ty-le", "-1"), ("q_am", "0")]))),
        vec![
            e("q_ty-le", "Vui lòng nhập một số không nhỏ hơn 0"),
            e("q_am", "Vui lòng nhập một số không lớn hơn -1,5"),
        ]
    );
    assert_eq!(
        errors_of(f.parse_submission(&raw(&[("q_so-lan", "1"), ("q_ty-le", "nửa")]))),
        vec![e("q_ty-le", "Vui lòng nhập một số, ví dụ 12 hoặc 3,5")]
    );
}

fn dates() -> Form {
    form(
        r#"      - id: ngay
        type: date
        label: "Ngày nhận kết quả"
        required: true
        min: 2026-01-01
        max: 2026-12-31
      - id: tu-ngay
        type: date
        label: "Từ ngày"
        min: 2026-01-01
      - id: bat-ky
        type: date
        label: "Bất kỳ"
"#,
    )
}

#[test]
fn dates_accept_iso_and_day_month_year() {
    let a = dates()
        .parse_submission(&raw(&[
            ("q_ngay", "2026-11-15"),
            ("q_tu-ngay", "15/11/2026"),
            ("q_bat-ky", "29/02/2024"),
        ]))
        .unwrap();
    let d = NaiveDate::from_ymd_opt(2026, 11, 15).unwrap();
    assert_eq!(a.get("ngay"), Some(&Answer::Date(d)));
    assert_eq!(a.get("tu-ngay"), Some(&Answer::Date(d)));
    assert_eq!(
        a.get("bat-ky"),
        Some(&Answer::Date(NaiveDate::from_ymd_opt(2024, 2, 29).unwrap()))
    );
}

#[test]
fn date_rules() {
    let f = dates();
    let only = |v: &str| errors_of(f.parse_submission(&raw(&[("q_ngay", v)])));
    for bad in ["31/02/2026", "2026-13-01", "hôm qua", "15-11-2026"] {
        assert_eq!(
            only(bad),
            vec![e(
                "q_ngay",
                "Ngày không hợp lệ, hãy nhập theo dạng ngày/tháng/năm"
            )],
            "{bad}"
        );
    }
    assert_eq!(
        only("01/01/2027"),
        vec![e(
            "q_ngay",
            "Vui lòng nhập ngày từ 01/01/2026 đến 31/12/2026"
        )]
    );
    assert!(
        f.parse_submission(&raw(&[("q_ngay", "31/12/2026")]))
            .is_ok(),
        "bounds are inclusive"
    );
    assert_eq!(
        only(""),
        vec![e("q_ngay", "Vui lòng trả lời câu “Ngày nhận kết quả”")]
    );
    assert_eq!(
        errors_of(f.parse_submission(&raw(&[
            ("q_ngay", "01/06/2026"),
            ("q_tu-ngay", "31/12/2025")
        ]))),
        vec![e(
            "q_tu-ngay",
            "Vui lòng nhập ngày từ 01/01/2026 trở về sau"
        )]
    );
}

#[test]
fn errors_come_in_form_order_with_label_and_question() {
    let f = form(
        r#"      - id: mot
        type: short_text
        label: "Một"
        required: true
      - id: hai
        type: number
        label: "Hai"
        max: 5
"#,
    );
    let errs = f.parse_submission(&raw(&[("q_hai", "9")])).unwrap_err();
    let fields: Vec<&str> = errs.iter().map(|e| e.field.as_str()).collect();
    assert_eq!(fields, ["q_mot", "q_hai"]);
    assert_eq!(
        (errs[1].question.as_str(), errs[1].label.as_str()),
        ("hai", "Hai")
    );
    assert_eq!(errs[1].anchor(), "#q_hai");
}

#[test]
fn fields_outside_the_form_are_ignored() {
    let f = texts();
    let a = f
        .parse_submission(&raw(&[
            ("q_ngan", "x"),
            ("csrf", "abc"),
            ("_action", "submit"),
            ("q_khong-co", "1"),
        ]))
        .unwrap();
    assert_eq!(a.len(), 1);
}

#[test]
fn drafts_skip_completeness_but_not_validity() {
    let f = multiple_choice();
    // Nothing, fewer than min, and "Khác" without its text are all fine in a draft…
    assert!(f.parse_draft(&raw(&[])).unwrap().is_empty());
    let d = f
        .parse_draft(&raw(&[("q_kenh", "hom-thu"), ("q_kenh", "_other")]))
        .unwrap();
    assert_eq!(
        d.get("kenh"),
        Some(&Answer::Choices(vec![
            Choice::Option("hom-thu".parse_id()),
            Choice::Other {
                other: String::new()
            }
        ]))
    );
    // …but a value that could never be valid is still refused.
    let four = [
        ("q_kenh", "hom-thu"),
        ("q_kenh", "duong-day-nong"),
        ("q_kenh", "cong-dvc"),
        ("q_kenh", "truc-tiep"),
    ];
    assert_eq!(
        errors_of(f.parse_draft(&raw(&four))),
        vec![e("q_kenh", "Chỉ được chọn tối đa 3 phương án")]
    );
    assert_eq!(
        errors_of(numbers().parse_draft(&raw(&[("q_so-lan", "200")]))),
        vec![e("q_so-lan", "Vui lòng nhập một số từ 1 đến 100")]
    );
    assert_eq!(
        errors_of(texts().parse_draft(&raw(&[("q_dai", &"a".repeat(501))]))),
        vec![e("q_dai", "Câu trả lời không được dài quá 500 ký tự")]
    );
    assert!(matrices()
        .parse_draft(&raw(&[("q_tiep-can__de-tim", "3")]))
        .is_ok());
}

/// Test shorthand for an option value known to be a valid id.
trait ParseId {
    fn parse_id(&self) -> survey_core::Id;
}

impl ParseId for str {
    fn parse_id(&self) -> survey_core::Id {
        survey_core::Id::parse(self).unwrap()
    }
}
