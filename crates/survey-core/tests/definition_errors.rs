//! Each mistake an editor can make in a campaign folder is reported with
//! the file and the field path to fix.

mod common;

use survey_core::{load_campaign, DefinitionError, QuestionKind};

use common::{form_yaml, write_campaign, CAMPAIGN_YAML};

const CHOICE: &str = r#"      - id: co-khong
        type: single_choice
        label: "Có hay không?"
        options:
          - value: co
            label: "Có"
          - value: khong
            label: "Không"
"#;

fn errors(files: &[(&str, &str)]) -> Vec<DefinitionError> {
    let (_tmp, dir) = write_campaign(files);
    load_campaign(&dir)
        .expect_err("the fixture should be rejected")
        .0
}

fn form_errors(questions: &str) -> Vec<DefinitionError> {
    errors(&[
        ("campaign.yaml", CAMPAIGN_YAML),
        ("phieu.yaml", &form_yaml(questions)),
    ])
}

/// Asserts one error names `file` (its last component), `field`, and says `message`.
#[track_caller]
fn assert_has(errors: &[DefinitionError], file: &str, field: &str, message: &str) {
    let found = errors.iter().any(|e| {
        e.file.file_name().and_then(|n| n.to_str()) == Some(file)
            && e.field == field
            && e.message.contains(message)
    });
    assert!(
        found,
        "no error {file}: {field}: …{message}… among:\n{}",
        errors
            .iter()
            .map(|e| e.to_string())
            .collect::<Vec<_>>()
            .join("\n")
    );
}

#[test]
fn unknown_question_type_names_file_section_and_question() {
    let form = format!(
        "{}  - id: phan-2\n    title: \"Phần 2\"\n    questions:\n{}{}",
        form_yaml(CHOICE),
        CHOICE.replace("co-khong", "cau-2"),
        "      - id: muc-do\n        type: slider\n        label: \"Mức độ\"\n"
    );
    let (_tmp, dir) = write_campaign(&[("campaign.yaml", CAMPAIGN_YAML), ("phieu.yaml", &form)]);
    let errs = load_campaign(&dir).unwrap_err();
    assert_eq!(errs.len(), 1, "{errs}");
    let e = &errs.0[0];
    assert_eq!(e.file, dir.join("phieu.yaml"));
    assert_eq!(e.field, "sections[1].questions[1].type");
    assert!(
        e.message.starts_with("unknown question type \"slider\""),
        "{}",
        e.message
    );
    assert_eq!(
        e.to_string(),
        format!(
            "{}: sections[1].questions[1].type: {}",
            dir.join("phieu.yaml").display(),
            e.message
        )
    );
}

#[test]
fn duplicate_question_ids_across_sections() {
    let form = format!(
        "{}  - id: phan-2\n    title: \"Phần 2\"\n    questions:\n{CHOICE}",
        form_yaml(CHOICE)
    );
    let errs = errors(&[("campaign.yaml", CAMPAIGN_YAML), ("phieu.yaml", &form)]);
    assert_has(
        &errs,
        "phieu.yaml",
        "sections[1].questions[0].id",
        "duplicate question id \"co-khong\" (first used at sections[0].questions[0])",
    );
}

#[test]
fn duplicate_section_ids() {
    let form = format!(
        "{}  - id: phan-1\n    title: \"Lặp\"\n    questions:\n{}",
        form_yaml(CHOICE),
        CHOICE.replace("co-khong", "khac")
    );
    let errs = errors(&[("campaign.yaml", CAMPAIGN_YAML), ("phieu.yaml", &form)]);
    assert_has(
        &errs,
        "phieu.yaml",
        "sections[1].id",
        "duplicate section id \"phan-1\"",
    );
}

#[test]
fn duplicate_form_ids_in_the_campaign() {
    let campaign = CAMPAIGN_YAML.replace("  - phieu\n", "  - phieu\n  - phieu\n");
    let errs = errors(&[
        ("campaign.yaml", &campaign),
        ("phieu.yaml", &form_yaml(CHOICE)),
    ]);
    assert_has(
        &errs,
        "campaign.yaml",
        "forms[1]",
        "duplicate form id \"phieu\"",
    );
}

#[test]
fn duplicate_option_values() {
    let errs = form_errors(&CHOICE.replace("value: khong", "value: co"));
    assert_has(
        &errs,
        "phieu.yaml",
        "sections[0].questions[0].options[1].value",
        "duplicate option value \"co\"",
    );
}

#[test]
fn duplicate_matrix_rows_and_groups() {
    let matrix = r#"      - id: bang
        type: matrix
        label: "Bảng"
        rows:
          - id: a
            label: "A"
          - id: a
            label: "A lặp"
        options:
          - value: co
            label: "Có"
"#;
    assert_has(
        &form_errors(matrix),
        "phieu.yaml",
        "sections[0].questions[0].rows[1].id",
        "duplicate row id \"a\"",
    );
    let campaign = CAMPAIGN_YAML.replace("  - id: dai-bieu-hdnd", "  - id: cong-chuc");
    let errs = errors(&[
        ("campaign.yaml", &campaign),
        ("phieu.yaml", &form_yaml(CHOICE)),
    ]);
    assert_has(
        &errs,
        "campaign.yaml",
        "groups[1].id",
        "duplicate group id \"cong-chuc\"",
    );
}

#[test]
fn show_if_on_a_later_question() {
    let q = format!(
        "{}{}",
        r#"      - id: ly-do
        type: short_text
        label: "Lý do"
        show_if:
          question: co-khong
          equals: co
"#,
        CHOICE
    );
    assert_has(
        &form_errors(&q),
        "phieu.yaml",
        "sections[0].questions[0].show_if.question",
        "question \"co-khong\" does not come before this one",
    );
}

#[test]
fn show_if_on_itself_is_not_earlier() {
    let q = CHOICE.replace(
        "        options:",
        "        show_if:\n          question: co-khong\n          equals: co\n        options:",
    );
    assert_has(
        &form_errors(&q),
        "phieu.yaml",
        "sections[0].questions[0].show_if.question",
        "does not come before this one",
    );
}

#[test]
fn show_if_on_an_unknown_question() {
    let q = format!(
        "{CHOICE}{}",
        "      - id: ly-do\n        type: short_text\n        label: \"Lý do\"\n        show_if:\n          question: khong-co\n          equals: co\n"
    );
    assert_has(
        &form_errors(&q),
        "phieu.yaml",
        "sections[0].questions[1].show_if.question",
        "unknown question \"khong-co\"",
    );
}

#[test]
fn show_if_on_a_value_the_question_does_not_offer() {
    let q = format!(
        "{CHOICE}{}",
        "      - id: ly-do\n        type: short_text\n        label: \"Lý do\"\n        show_if:\n          question: co-khong\n          any_of: [co, co-the]\n"
    );
    assert_has(
        &form_errors(&q),
        "phieu.yaml",
        "sections[0].questions[1].show_if.any_of[1]",
        "\"co-the\" is not an option of question \"co-khong\" (options: co, khong)",
    );
    let q = q.replace("any_of: [co, co-the]", "equals: chac-chan");
    assert_has(
        &form_errors(&q),
        "phieu.yaml",
        "sections[0].questions[1].show_if.equals",
        "\"chac-chan\" is not an option",
    );
}

#[test]
fn show_if_needs_a_choice_question() {
    let q = "      - id: ten\n        type: short_text\n        label: \"Tên\"\n      - id: ly-do\n        type: short_text\n        label: \"Lý do\"\n        show_if:\n          question: ten\n          equals: a\n";
    assert_has(
        &form_errors(q),
        "phieu.yaml",
        "sections[0].questions[1].show_if.question",
        "question \"ten\" is a short_text; show_if needs a single_choice, multiple_choice or rating question",
    );
}

#[test]
fn closes_at_must_be_after_opens_at() {
    let campaign = CAMPAIGN_YAML.replace("2026-12-31 17:00", "2026-11-01 08:00");
    let errs = errors(&[
        ("campaign.yaml", &campaign),
        ("phieu.yaml", &form_yaml(CHOICE)),
    ]);
    assert_has(
        &errs,
        "campaign.yaml",
        "closes_at",
        "closes_at (2026-11-01 08:00) must be after opens_at (2026-11-01 08:00)",
    );
}

#[test]
fn dates_must_be_written_as_the_docs_say() {
    let campaign = CAMPAIGN_YAML.replace("\"2026-11-01 08:00\"", "\"01/11/2026\"");
    let errs = errors(&[
        ("campaign.yaml", &campaign),
        ("phieu.yaml", &form_yaml(CHOICE)),
    ]);
    assert_has(
        &errs,
        "campaign.yaml",
        "opens_at",
        "\"01/11/2026\" is not a date and time; write \"YYYY-MM-DD HH:MM\"",
    );
}

#[test]
fn access_must_be_invited_or_public() {
    let campaign = CAMPAIGN_YAML.replace("access: invited", "access: everyone");
    let errs = errors(&[
        ("campaign.yaml", &campaign),
        ("phieu.yaml", &form_yaml(CHOICE)),
    ]);
    assert_has(
        &errs,
        "campaign.yaml",
        "access",
        "must be \"invited\" or \"public\", not \"everyone\"",
    );
}

#[test]
fn form_for_an_unknown_group() {
    let form = form_yaml(CHOICE).replace("groups: [cong-chuc]", "groups: [cong-chuc, nguoi-dan]");
    let errs = errors(&[("campaign.yaml", CAMPAIGN_YAML), ("phieu.yaml", &form)]);
    assert_has(
        &errs,
        "phieu.yaml",
        "groups[1]",
        "unknown group \"nguoi-dan\" (campaign.yaml defines: cong-chuc, dai-bieu-hdnd)",
    );
}

#[test]
fn listed_form_without_a_file() {
    let campaign = CAMPAIGN_YAML.replace("  - phieu\n", "  - phieu\n  - phieu-thieu\n");
    let errs = errors(&[
        ("campaign.yaml", &campaign),
        ("phieu.yaml", &form_yaml(CHOICE)),
    ]);
    assert_has(
        &errs,
        "campaign.yaml",
        "forms[1]",
        "form \"phieu-thieu\" has no file phieu-thieu.yaml",
    );
}

#[test]
fn form_file_not_listed_or_misnamed() {
    let errs = errors(&[
        ("campaign.yaml", CAMPAIGN_YAML),
        (
            "phieu.yaml",
            &form_yaml(CHOICE).replace("id: phieu\n", "id: phieu-khac\n"),
        ),
        ("nhap.yaml", &form_yaml(CHOICE)),
    ]);
    assert_has(
        &errs,
        "phieu.yaml",
        "id",
        "form id \"phieu-khac\" does not match its file name phieu.yaml",
    );
    assert_has(
        &errs,
        "nhap.yaml",
        "",
        "this form is not listed under forms in campaign.yaml",
    );
}

#[test]
fn campaign_id_must_match_its_folder() {
    let campaign = CAMPAIGN_YAML.replace("id: thu-nghiem", "id: ten-khac");
    let errs = errors(&[
        ("campaign.yaml", &campaign),
        ("phieu.yaml", &form_yaml(CHOICE)),
    ]);
    assert_has(
        &errs,
        "campaign.yaml",
        "id",
        "campaign id \"ten-khac\" does not match its folder name \"thu-nghiem\"",
    );
}

#[test]
fn min_greater_than_max() {
    let multiple = CHOICE.replace("single_choice", "multiple_choice").replace(
        "        options:",
        "        min: 2\n        max: 1\n        options:",
    );
    assert_has(
        &form_errors(&multiple),
        "phieu.yaml",
        "sections[0].questions[0].min",
        "min (2) is greater than max (1)",
    );

    let number = "      - id: so\n        type: number\n        label: \"Số\"\n        min: 10\n        max: 1.5\n";
    assert_has(
        &form_errors(number),
        "phieu.yaml",
        "sections[0].questions[0].min",
        "min (10) is greater than max (1,5)",
    );

    let date = "      - id: ngay\n        type: date\n        label: \"Ngày\"\n        min: 2026-12-01\n        max: 2026-11-01\n";
    assert_has(
        &form_errors(date),
        "phieu.yaml",
        "sections[0].questions[0].min",
        "min (2026-12-01) is after max (2026-11-01)",
    );
}

#[test]
fn max_beyond_the_choices_offered() {
    let multiple = CHOICE
        .replace("single_choice", "multiple_choice")
        .replace("        options:", "        max: 3\n        options:");
    assert_has(
        &form_errors(&multiple),
        "phieu.yaml",
        "sections[0].questions[0].max",
        "max (3) is more than the 2 choices offered",
    );
    // "Khác" counts as a choice.
    let with_other = multiple.replace("        max: 3\n", "        max: 3\n        other: true\n");
    assert!(common::form(&with_other).question("co-khong").is_some());
}

#[test]
fn empty_options() {
    let q = "      - id: rong\n        type: single_choice\n        label: \"Rỗng\"\n        options: []\n";
    assert_has(
        &form_errors(q),
        "phieu.yaml",
        "sections[0].questions[0].options",
        "must list at least one item",
    );
    let q = "      - id: rong\n        type: multiple_choice\n        label: \"Rỗng\"\n";
    assert_has(
        &form_errors(q),
        "phieu.yaml",
        "sections[0].questions[0].options",
        "missing",
    );
}

#[test]
fn scales_are_five_or_ten_and_matrix_labels_match_them() {
    let rating = "      - id: diem\n        type: rating\n        label: \"Điểm\"\n        scale: 7\n        min_label: \"Thấp\"\n        max_label: \"Cao\"\n";
    assert_has(
        &form_errors(rating),
        "phieu.yaml",
        "sections[0].questions[0].scale",
        "must be 5 or 10",
    );
    let matrix = "      - id: bang\n        type: matrix\n        label: \"Bảng\"\n        rows:\n          - id: a\n            label: \"A\"\n        scale: 5\n        labels: [\"1\", \"2\", \"3\", \"4\"]\n";
    assert_has(
        &form_errors(matrix),
        "phieu.yaml",
        "sections[0].questions[0].labels",
        "a 5-point scale needs 5 labels, found 4",
    );
}

#[test]
fn misspelt_fields_are_not_silently_ignored() {
    let q = CHOICE.replace(
        "        options:",
        "        requried: true\n        options:",
    );
    assert_has(
        &form_errors(&q),
        "phieu.yaml",
        "sections[0].questions[0].requried",
        "unknown field",
    );
    // A field of another type is also a mistake: max_length means nothing to a choice.
    let q = CHOICE.replace(
        "        options:",
        "        max_length: 10\n        options:",
    );
    assert_has(
        &form_errors(&q),
        "phieu.yaml",
        "sections[0].questions[0].max_length",
        "unknown field",
    );
}

#[test]
fn ids_that_would_break_field_names() {
    let q = CHOICE.replace("id: co-khong", "id: co_khong");
    assert_has(
        &form_errors(&q),
        "phieu.yaml",
        "sections[0].questions[0].id",
        "\"co_khong\" is not a valid id",
    );
    let q = CHOICE.replace("id: co-khong", "id: ly-do-error");
    assert_has(
        &form_errors(&q),
        "phieu.yaml",
        "sections[0].questions[0].id",
        "may not end in \"-error\"",
    );
}

#[test]
fn missing_label_and_missing_type() {
    let q = "      - id: a\n        type: short_text\n      - id: b\n        label: \"B\"\n";
    let errs = form_errors(q);
    assert_has(
        &errs,
        "phieu.yaml",
        "sections[0].questions[0].label",
        "missing",
    );
    assert_has(
        &errs,
        "phieu.yaml",
        "sections[0].questions[1].type",
        "missing (one of: single_choice",
    );
}

#[test]
fn yaml_syntax_errors_name_the_file() {
    let errs = errors(&[
        ("campaign.yaml", CAMPAIGN_YAML),
        ("phieu.yaml", "id: phieu\ntitle: [unclosed\n"),
    ]);
    assert_has(&errs, "phieu.yaml", "", "not valid YAML");
}

#[test]
fn every_problem_is_reported_in_one_pass() {
    let campaign = CAMPAIGN_YAML
        .replace("access: invited", "access: x")
        .replace("  - phieu\n", "  - phieu\n  - khac\n");
    let form = form_yaml(&format!(
        "{}{}",
        CHOICE.replace("value: khong", "value: co"),
        "      - id: b\n        type: slider\n        label: \"B\"\n"
    ));
    let errs = errors(&[("campaign.yaml", &campaign), ("phieu.yaml", &form)]);
    assert_has(&errs, "campaign.yaml", "access", "must be");
    assert_has(&errs, "campaign.yaml", "forms[1]", "has no file");
    assert_has(
        &errs,
        "phieu.yaml",
        "sections[0].questions[0].options[1].value",
        "duplicate option value",
    );
    assert_has(
        &errs,
        "phieu.yaml",
        "sections[0].questions[1].type",
        "unknown question type \"slider\"",
    );
}

#[test]
fn text_is_nfc_normalised_on_load() {
    // "Có" and "Không" typed with combining marks, as some keyboards do.
    let decomposed = CHOICE
        .replace(
            "\"Có hay không?\"",
            "\"C\u{006F}\u{0301} hay kho\u{0302}ng?\"",
        )
        .replace("\"Có\"", "\"C\u{006F}\u{0301}\"");
    assert_ne!(decomposed, CHOICE);
    let form = common::form(&decomposed);
    let q = form.question("co-khong").unwrap();
    assert_eq!(q.label(), "Có hay không?");
    let QuestionKind::SingleChoice { options, .. } = q.kind() else {
        panic!()
    };
    assert_eq!(options.get("co").unwrap().label(), "Có");
}
