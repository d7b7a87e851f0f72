//! The form and review HTML: GOV.UK-style error summary, labels and ARIA
//! wiring, show_if markup, escaping, and the client rules.

mod common;

use std::collections::BTreeSet;

use survey_core::render::{form_html, review_html, FormRender, Prefill, ReviewRender};
use survey_core::{load_campaign, Form, RawAnswers};

use common::{form, raw, shipped_dir};

fn sample() -> Form {
    form(
        r#"      - id: noi
        type: single_choice
        label: "Nơi làm thủ tục"
        hint: "Chọn nơi nộp hồ sơ."
        required: true
        options:
          - value: tinh
            label: "Cấp tỉnh"
          - value: xa
            label: "Cấp xã"
        other: true
      - id: ly-do
        type: long_text
        label: "Vì sao chọn cấp xã?"
        max_length: 500
        show_if:
          question: noi
          any_of: [xa, tinh]
      - id: kenh
        type: multiple_choice
        label: "Kênh"
        max: 2
        options:
          - value: a
            label: "Hòm thư"
          - value: b
            label: "Đường dây nóng"
          - value: c
            label: "Cổng"
      - id: diem
        type: rating
        label: "Điểm"
        scale: 5
        min_label: "Rất không hài lòng"
        max_label: "Rất hài lòng"
      - id: bang
        type: matrix
        label: "Công chức"
        required: true
        rows:
          - id: thai-do
            label: "Thái độ"
          - id: huong-dan
            label: "Hướng dẫn"
        scale: 5
        labels: ["Rất kém", "Kém", "Trung bình", "Tốt", "Rất tốt"]
      - id: so
        type: number
        label: "Số lần"
        integer: true
        min: 0
        max: 30
      - id: ngay
        type: date
        label: "Ngày"
        min: 2026-01-01
        max: 2026-12-31
      - id: ten
        type: short_text
        label: "Tên"
"#,
    )
}

fn plain(f: &Form) -> String {
    form_html(
        f,
        &FormRender {
            action: "/khao-sat/gui",
            ..Default::default()
        },
    )
}

/// Values of every `name="…"` attribute in `html`.
fn attr_values(html: &str, name: &str) -> Vec<String> {
    let needle = format!(" {name}=\"");
    html.match_indices(&needle)
        .map(|(i, _)| {
            let rest = &html[i + needle.len()..];
            rest[..rest.find('"').unwrap()].to_owned()
        })
        .collect()
}

/// The start tag of the element whose id is `id`.
fn tag_with_id<'a>(html: &'a str, id: &str) -> &'a str {
    let at = html
        .find(&format!(" id=\"{id}\""))
        .unwrap_or_else(|| panic!("no element with id {id}"));
    let start = html[..at].rfind('<').unwrap();
    let end = at + html[at..].find('>').unwrap();
    &html[start..=end]
}

#[test]
fn no_errors_no_summary() {
    let html = plain(&sample());
    assert!(!html.contains("error-summary"));
    assert!(!html.contains("aria-invalid"));
    assert!(
        html.starts_with("<form class=\"survey-form\" method=\"post\" action=\"/khao-sat/gui\"")
    );
    assert!(html.contains(" novalidate>"));
}

#[test]
fn error_summary_links_every_error_to_its_field() {
    let f = sample();
    let posted = raw(&[
        ("q_noi", "_other"),
        ("q_kenh", "a"),
        ("q_kenh", "b"),
        ("q_kenh", "c"),
        ("q_so", "31"),
    ]);
    let errors = f.parse_submission(&posted).unwrap_err();
    let html = form_html(
        &f,
        &FormRender {
            answers: Some(Prefill::Raw(&posted)),
            errors: &errors,
            ..Default::default()
        },
    );
    let summary = &html
        [html.find("<div class=\"error-summary\"").unwrap()..html.find("</ul>\n</div>").unwrap()];
    assert!(summary.contains("role=\"alert\""));
    assert!(summary.contains("tabindex=\"-1\""));
    assert!(summary.contains(">Có lỗi cần sửa</h2>"));
    let links = attr_values(summary, "href");
    assert_eq!(
        links,
        [
            "#q_noi_other",
            "#q_kenh",
            "#q_bang__thai-do",
            "#q_bang__huong-dan",
            "#q_so"
        ]
    );
    assert!(summary.contains("<li><a href=\"#q_so\">Vui lòng nhập một số từ 0 đến 30</a></li>"));
    // Each link lands on a focusable control.
    for link in &links {
        let tag = tag_with_id(&html, &link[1..]);
        assert!(tag.starts_with("<input"), "{link} → {tag}");
    }
}

#[test]
fn inline_errors_are_wired_with_aria() {
    let f = sample();
    let posted = raw(&[
        ("q_noi", "tinh"),
        ("q_kenh", "a"),
        ("q_kenh", "b"),
        ("q_kenh", "c"),
        ("q_so", "1,5"),
    ]);
    let errors = f.parse_submission(&posted).unwrap_err();
    let html = form_html(
        &f,
        &FormRender {
            answers: Some(Prefill::Raw(&posted)),
            errors: &errors,
            ..Default::default()
        },
    );
    // A single input: the message has an id, the input points to it and is invalid.
    assert!(html.contains(
        "<p class=\"error-message\" id=\"q_so-error\"><span class=\"visually-hidden\">Lỗi:</span> Vui lòng nhập một số nguyên, không có phần thập phân</p>"
    ));
    let input = tag_with_id(&html, "q_so");
    assert!(input.contains("aria-invalid=\"true\""), "{input}");
    assert!(input.contains("aria-describedby=\"q_so-error\""), "{input}");
    assert!(
        input.contains("value=\"1,5\""),
        "what was typed is shown again: {input}"
    );
    // A group: the fieldset points to the message, every box is invalid.
    assert!(html.contains(
        "<fieldset class=\"question-fieldset\" aria-describedby=\"q_kenh-hint q_kenh-error\">"
    ));
    for id in ["q_kenh", "q_kenh_2", "q_kenh_3"] {
        assert!(tag_with_id(&html, id).contains("aria-invalid=\"true\""));
    }
    // A matrix row: its radios point to the row's message.
    let radio = tag_with_id(&html, "q_bang__huong-dan_3");
    assert!(
        radio.contains("aria-describedby=\"q_bang__huong-dan-error\""),
        "{radio}"
    );
    assert!(html.contains("id=\"q_bang__huong-dan-error\""));
    // Questions without errors stay clean.
    assert!(!tag_with_id(&html, "q_noi").contains("aria-invalid"));
    assert!(html.contains("class=\"question question--number question--error\""));
}

#[test]
fn text_inputs_have_a_label_and_groups_a_legend() {
    let html = plain(&sample());
    assert!(html.contains(
        "<label class=\"question-label\" for=\"q_ten\"><span class=\"question-number\">Câu 8.</span> Tên</label>"
    ));
    assert!(html.contains("<label class=\"question-label\" for=\"q_ly-do\">"));
    assert!(html.contains(
        "<legend class=\"question-legend\"><span class=\"question-number\">Câu 1.</span> Nơi làm thủ tục <span class=\"question-required\">(bắt buộc)</span></legend>"
    ));
    assert_eq!(
        html.matches("<fieldset").count(),
        4,
        "choice, choices, rating and matrix"
    );
    assert_eq!(
        html.matches("(bắt buộc)").count(),
        2,
        "only noi and bang are required"
    );
    // Every label points at a control that exists.
    for target in attr_values(&html, "for") {
        let tag = tag_with_id(&html, &target);
        assert!(
            tag.starts_with("<input") || tag.starts_with("<textarea"),
            "{target}: {tag}"
        );
    }
}

#[test]
fn hints_are_described_by() {
    let html = plain(&sample());
    assert!(html.contains("<div class=\"hint\" id=\"q_noi-hint\">Chọn nơi nộp hồ sơ.</div>"));
    assert!(html.contains("<fieldset class=\"question-fieldset\" aria-describedby=\"q_noi-hint\">"));
    // A checkbox question states its limit up front.
    assert!(html.contains("<div class=\"hint\" id=\"q_kenh-hint\">Chọn tối đa 2 phương án.</div>"));
}

#[test]
fn show_if_is_data_for_scripts_and_a_note_for_everyone() {
    let html = plain(&sample());
    let wrapper = &html[html.find("data-question=\"ly-do\"").unwrap()..];
    let wrapper = &wrapper[..wrapper.find('>').unwrap()];
    assert!(wrapper.contains("data-show-if-question=\"noi\""));
    assert!(wrapper.contains("data-show-if-values=\"xa tinh\""));
    assert!(html.contains(
        "<p class=\"show-if-note\" id=\"q_ly-do-condition\">Chỉ trả lời nếu ở câu 1 đã chọn “Cấp xã” hoặc “Cấp tỉnh”.</p>"
    ));
    assert!(tag_with_id(&html, "q_ly-do").contains("aria-describedby=\"q_ly-do-condition\""));
    // Nothing is hidden without a script.
    assert!(!html.contains(" hidden"));
    assert!(!html.contains("display:none") && !html.contains("display: none"));
}

#[test]
fn choices_mark_other_and_prefill() {
    let f = sample();
    let posted = raw(&[
        ("q_noi", "_other"),
        ("q_noi_other", "Bưu điện"),
        ("q_kenh", "a"),
        ("q_kenh", "c"),
    ]);
    let html = form_html(
        &f,
        &FormRender {
            answers: Some((&posted).into()),
            ..Default::default()
        },
    );
    assert!(tag_with_id(&html, "q_noi_khac").contains("value=\"_other\" checked"));
    assert!(html.contains("<label class=\"choice-label\" for=\"q_noi_khac\">Khác (ghi rõ)</label>"));
    let other = tag_with_id(&html, "q_noi_other");
    assert!(other.contains("name=\"q_noi_other\"") && other.contains("value=\"Bưu điện\""));
    assert!(other.contains("maxlength=\"200\""));
    assert!(tag_with_id(&html, "q_kenh").contains(" checked"));
    assert!(!tag_with_id(&html, "q_kenh_2").contains(" checked"));
    assert!(tag_with_id(&html, "q_kenh_3").contains(" checked"));
    assert!(tag_with_id(&html, "q_kenh").contains("type=\"checkbox\""));
    assert!(
        !tag_with_id(&html, "q_kenh").contains("required"),
        "required on a checkbox means that box"
    );
}

#[test]
fn matrix_is_a_table_of_row_radio_groups() {
    let html = plain(&sample());
    let table =
        &html[html.find("<table class=\"matrix\">").unwrap()..html.find("</table>").unwrap()];
    assert_eq!(table.matches("<th scope=\"col\">").count(), 5);
    assert!(table.contains("<th scope=\"col\">Rất kém</th>"));
    assert!(table.contains("<th scope=\"row\">Thái độ</th>"));
    assert_eq!(
        attr_values(table, "name")
            .iter()
            .filter(|n| *n == "q_bang__thai-do")
            .count(),
        5
    );
    assert_eq!(
        attr_values(table, "name")
            .iter()
            .filter(|n| *n == "q_bang__huong-dan")
            .count(),
        5
    );
    assert!(table.contains(
        "<label class=\"visually-hidden\" for=\"q_bang__thai-do_4\">Thái độ: Tốt</label>"
    ));
    assert!(tag_with_id(table, "q_bang__thai-do_4").contains("value=\"4\""));
}

#[test]
fn rating_is_radios_between_end_labels() {
    let html = plain(&sample());
    assert!(html.contains(
        "<span class=\"rating-end rating-end--min\" aria-hidden=\"true\">Rất không hài lòng</span>"
    ));
    assert!(html.contains(
        "<span class=\"rating-end rating-end--max\" aria-hidden=\"true\">Rất hài lòng</span>"
    ));
    assert!(html.contains(
        "<label class=\"rating-label\" for=\"q_diem\">1<span class=\"visually-hidden\"> – Rất không hài lòng</span></label>"
    ));
    assert!(html.contains("<label class=\"rating-label\" for=\"q_diem_3\">3</label>"));
    let values: Vec<String> = attr_values(&html, "value")
        .into_iter()
        .filter(|v| v.len() == 1)
        .collect();
    assert!(values.windows(5).any(|w| w == ["1", "2", "3", "4", "5"]));
}

#[test]
fn limits_are_mirrored_as_attributes() {
    let html = plain(&sample());
    let textarea = tag_with_id(&html, "q_ly-do");
    assert!(textarea.starts_with("<textarea") && textarea.contains("maxlength=\"500\""));
    assert!(
        html.contains("data-question=\"ly-do\" data-type=\"long_text\" data-required=\"false\"")
    );
    assert!(html.contains("data-maxlength=\"500\""));
    assert!(tag_with_id(&html, "q_ten").contains("maxlength=\"200\""));
    let number = tag_with_id(&html, "q_so");
    assert!(
        number.contains("inputmode=\"numeric\"") && number.contains("pattern=\"-?[0-9]+\""),
        "{number}"
    );
    assert!(html.contains("data-min=\"0\" data-max=\"30\" data-integer=\"true\""));
    let date = tag_with_id(&html, "q_ngay");
    assert!(
        date.contains("type=\"date\"")
            && date.contains("min=\"2026-01-01\"")
            && date.contains("max=\"2026-12-31\"")
    );
    assert!(html.contains("data-type=\"multiple_choice\" data-required=\"false\" data-max=\"2\""));
    assert!(html.contains("data-scale=\"5\""));
}

#[test]
fn dates_typed_the_vietnamese_way_refill_as_iso() {
    let f = sample();
    let posted = raw(&[("q_ngay", "15/11/2026")]);
    let html = form_html(
        &f,
        &FormRender {
            answers: Some((&posted).into()),
            ..Default::default()
        },
    );
    assert!(tag_with_id(&html, "q_ngay").contains("value=\"2026-11-15\""));
    let posted = raw(&[("q_ngay", "hôm qua")]);
    let html = form_html(
        &f,
        &FormRender {
            answers: Some((&posted).into()),
            ..Default::default()
        },
    );
    assert!(
        !tag_with_id(&html, "q_ngay").contains("value="),
        "a date input may only hold a date"
    );
}

#[test]
fn everything_is_escaped() {
    let f = form(
        r#"      - id: x
        type: single_choice
        label: "<script>alert('nhãn')</script> & \"trích\""
        hint: "<b>gợi ý</b>"
        options:
          - value: a
            label: "A \"quote\" <i>"
      - id: t
        type: long_text
        label: "T"
"#,
    );
    let posted = raw(&[("q_t", "</textarea><script>x()</script>")]);
    let html = form_html(
        &f,
        &FormRender {
            answers: Some((&posted).into()),
            hidden: &[("csrf", "\"><script>")],
            submit_label: "Gửi <ngay>",
            ..Default::default()
        },
    );
    assert!(!html.contains("<script>"));
    assert!(!html.contains("<b>") && !html.contains("<i>"));
    assert!(
        html.contains("&lt;script&gt;alert(&#39;nhãn&#39;)&lt;/script&gt; &amp; &quot;trích&quot;")
    );
    assert!(html.contains("A &quot;quote&quot; &lt;i&gt;"));
    assert!(html.contains("&lt;/textarea&gt;&lt;script&gt;x()&lt;/script&gt;</textarea>"));
    assert!(
        html.contains("<input type=\"hidden\" name=\"csrf\" value=\"&quot;&gt;&lt;script&gt;\">")
    );
    assert!(html.contains(">Gửi &lt;ngay&gt;</button>"));
}

#[test]
fn markdown_intros_are_rendered_without_raw_html() {
    let (_tmp, dir) = common::write_campaign(&[
        ("campaign.yaml", common::CAMPAIGN_YAML),
        (
            "phieu.yaml",
            &common::form_yaml("      - id: t\n        type: short_text\n        label: \"T\"\n")
                .replace(
                    "title: \"Phiếu\"\n",
                    "title: \"Phiếu\"\nintro: \"Xin **cảm ơn**. <img src=x onerror=alert(1)>\"\n",
                ),
        ),
    ]);
    let c = load_campaign(&dir).unwrap();
    let html = plain(&c.forms()[0]);
    assert!(html.contains("<div class=\"form-intro\">\n<p>Xin <strong>cảm ơn</strong>. &lt;img src=x onerror=alert(1)&gt;</p>"));
}

#[test]
fn buttons_and_hidden_fields() {
    let f = sample();
    let html = form_html(
        &f,
        &FormRender {
            hidden: &[("csrf", "abc")],
            draft_label: Some("Lưu nháp"),
            ..Default::default()
        },
    );
    assert!(html.contains("<input type=\"hidden\" name=\"csrf\" value=\"abc\">"));
    assert!(html.contains(
        "<button type=\"submit\" class=\"button\" name=\"_action\" value=\"submit\">Gửi phiếu khảo sát</button>"
    ));
    assert!(html.contains(
        "<button type=\"submit\" class=\"button button--secondary\" name=\"_action\" value=\"draft\">Lưu nháp</button>"
    ));
    assert!(!plain(&f).contains("value=\"draft\""));
}

#[test]
fn readonly_shows_answers_with_nothing_to_post() {
    let f = sample();
    let draft = f
        .parse_draft(&raw(&[("q_noi", "xa"), ("q_ten", "Lan")]))
        .unwrap();
    let html = form_html(
        &f,
        &FormRender {
            readonly: true,
            answers: Some((&draft).into()),
            hidden: &[("csrf", "abc")],
            ..Default::default()
        },
    );
    assert!(
        !html.contains("<form") && !html.contains("<button") && !html.contains("type=\"hidden\"")
    );
    assert!(html.starts_with("<div class=\"survey-form survey-form--readonly\""));
    let controls = html.matches("<input").count() + html.matches("<textarea").count();
    assert_eq!(html.matches(" disabled").count(), controls);
    assert!(tag_with_id(&html, "q_noi_2").contains(" checked"));
    assert!(tag_with_id(&html, "q_ten").contains("value=\"Lan\""));
}

#[test]
fn review_lists_shown_questions_with_their_labels() {
    let f = sample();
    let a = f
        .parse_submission(&raw(&[
            ("q_noi", "_other"),
            ("q_noi_other", "Bưu điện <1>"),
            ("q_kenh", "c"),
            ("q_kenh", "a"),
            ("q_diem", "5"),
            ("q_bang__thai-do", "4"),
            ("q_bang__huong-dan", "1"),
            ("q_so", "3"),
            ("q_ngay", "2026-11-05"),
            ("q_ten", "Dòng một"),
        ]))
        .unwrap();
    let html = review_html(&f, &a, &ReviewRender::default());
    assert!(html.contains("<dl class=\"review-list\">"));
    assert!(html.contains("<dt class=\"review-question\"><span class=\"question-number\">Câu 1.</span> Nơi làm thủ tục</dt>"));
    assert!(html.contains("<dd class=\"review-answer\">Khác (ghi rõ): Bưu điện &lt;1&gt;</dd>"));
    assert!(html.contains("<ul class=\"review-choices\"><li>Hòm thư</li><li>Cổng</li></ul>"));
    assert!(html.contains("<dd class=\"review-answer\">5/5 (Rất hài lòng)</dd>"));
    assert!(html.contains("<li>Thái độ: Tốt</li><li>Hướng dẫn: Rất kém</li>"));
    assert!(html.contains("<dd class=\"review-answer\">05/11/2026</dd>"));
    // ly-do depends on noi being xa or tinh; with "Khác" chosen it was never shown.
    assert!(!html.contains("Vì sao chọn cấp xã?"));
    assert!(
        !html.contains("review-change"),
        "a receipt has no edit links"
    );

    let a = f
        .parse_submission(&raw(&[
            ("q_noi", "xa"),
            ("q_bang__thai-do", "4"),
            ("q_bang__huong-dan", "2"),
        ]))
        .unwrap();
    let html = review_html(
        &f,
        &a,
        &ReviewRender {
            edit_href: Some("/khao-sat/phieu"),
        },
    );
    assert!(html.contains("Vì sao chọn cấp xã?</dt>\n<dd class=\"review-answer review-answer--empty\">Không trả lời</dd>"));
    assert!(html.contains(
        "<dd class=\"review-change\"><a href=\"/khao-sat/phieu#q_ly-do\">Sửa<span class=\"visually-hidden\"> câu 2</span></a></dd>"
    ));
}

#[test]
fn review_keeps_line_breaks_and_decimal_commas() {
    let f = form(
        "      - id: g\n        type: long_text\n        label: \"Góp ý\"\n      - id: n\n        type: number\n        label: \"N\"\n",
    );
    let a = f
        .parse_submission(&raw(&[("q_g", "Một\r\n<Hai>"), ("q_n", "2.5")]))
        .unwrap();
    let html = review_html(&f, &a, &ReviewRender::default());
    assert!(html.contains("<dd class=\"review-answer\">Một<br>&lt;Hai&gt;</dd>"));
    assert!(html.contains("<dd class=\"review-answer\">2,5</dd>"));
}

#[test]
fn client_rules_carry_the_server_messages() {
    let f = sample();
    let rules: serde_json::Value = serde_json::from_str(&f.client_rules_json()).unwrap();
    assert_eq!(rules["form"], "phieu");
    assert_eq!(rules["fields"]["other_value"], "_other");
    let qs = rules["questions"].as_array().unwrap();
    assert_eq!(qs.len(), 8);
    let noi = &qs[0];
    assert_eq!(noi["field"], "q_noi");
    assert_eq!(noi["required"], true);
    assert_eq!(noi["options"], serde_json::json!(["tinh", "xa"]));
    assert_eq!(noi["other_field"], "q_noi_other");
    assert_eq!(
        qs[1]["show_if"],
        serde_json::json!({"question": "noi", "values": ["xa", "tinh"]})
    );
    assert_eq!(qs[1]["max_length"], 500);
    assert_eq!(qs[4]["rows"][1]["field"], "q_bang__huong-dan");
    assert_eq!(qs[5]["min"], 0.0);
    assert_eq!(qs[5]["integer"], true);
    assert_eq!(qs[6]["max"], "2026-12-31");
    // The message a script shows is, byte for byte, the server's.
    let server = f
        .parse_submission(&raw(&[
            ("q_bang__thai-do", "1"),
            ("q_bang__huong-dan", "1"),
        ]))
        .unwrap_err();
    assert_eq!(noi["messages"]["required"], server[0].message.as_str());
    let server = f
        .parse_submission(&raw(&[
            ("q_noi", "xa"),
            ("q_bang__thai-do", "1"),
            ("q_bang__huong-dan", "1"),
            ("q_so", "99"),
        ]))
        .unwrap_err();
    assert_eq!(
        qs[5]["messages"]["out_of_range"],
        server[0].message.as_str()
    );
    let server = f
        .parse_submission(&raw(&[("q_noi", "xa"), ("q_bang__thai-do", "1")]))
        .unwrap_err();
    assert_eq!(
        qs[4]["rows"][1]["required_message"],
        server[0].message.as_str()
    );
}

/// Every shipped form renders with unique ids, and every reference
/// (`for`, `aria-describedby`, `aria-labelledby`, summary links) resolves.
#[test]
fn shipped_forms_render_with_consistent_ids() {
    for name in ["danh-gia-cchc-2026", "hai-long-nguoi-dan-2026"] {
        let c = load_campaign(&shipped_dir().join(name)).unwrap();
        for f in c.forms() {
            let mut everything = RawAnswers::new();
            for q in f.questions() {
                everything.push(q.field(), "không hợp lệ");
            }
            let errors = f.parse_submission(&everything).unwrap_err();
            let html = form_html(
                f,
                &FormRender {
                    answers: Some((&everything).into()),
                    errors: &errors,
                    draft_label: Some("Lưu nháp"),
                    ..Default::default()
                },
            );
            let ids = attr_values(&html, "id");
            let unique: BTreeSet<&String> = ids.iter().collect();
            assert_eq!(unique.len(), ids.len(), "{}: duplicate ids", f.id());
            let mut refs: Vec<String> = attr_values(&html, "for");
            for attr in ["aria-describedby", "aria-labelledby"] {
                refs.extend(
                    attr_values(&html, attr)
                        .iter()
                        .flat_map(|v| v.split(' ').map(str::to_owned)),
                );
            }
            refs.extend(
                attr_values(&html, "href")
                    .iter()
                    .map(|h| h.trim_start_matches('#').to_owned()),
            );
            for r in refs {
                assert!(unique.contains(&r), "{}: {r} refers to nothing", f.id());
            }
            assert!(!errors.is_empty());
            assert_eq!(html.matches("<li><a href=").count(), errors.len());
        }
    }
}
