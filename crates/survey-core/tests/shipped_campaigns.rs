mod common;

use std::collections::BTreeSet;

use chrono::{DateTime, TimeZone, Utc};
use survey_core::{load_campaign, load_campaigns, Access, CampaignStatus, QuestionKind};

use common::shipped_dir;

#[test]
fn every_shipped_campaign_loads() {
    let mut loaded = Vec::new();
    for entry in std::fs::read_dir(shipped_dir()).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            let campaign =
                load_campaign(&path).unwrap_or_else(|e| panic!("{}:\n{e}", path.display()));
            assert!(
                path.join("index.md").is_file(),
                "{} needs an index.md",
                path.display()
            );
            loaded.push(campaign.id().to_string());
        }
    }
    assert!(loaded.contains(&"danh-gia-cchc-2026".to_string()));
    assert!(loaded.contains(&"hai-long-nguoi-dan-2026".to_string()));
}

#[test]
fn the_2026_evaluation_has_the_pilot_forms_for_its_two_groups() {
    let c = load_campaign(&shipped_dir().join("danh-gia-cchc-2026")).unwrap();
    assert_eq!(c.access(), Access::Invited);
    let groups: Vec<&str> = c.groups().iter().map(|g| g.id().as_str()).collect();
    assert_eq!(groups, ["cong-chuc", "dai-bieu-hdnd"]);
    assert_eq!(c.group("dai-bieu-hdnd").unwrap().name(), "Đại biểu HĐND");
    let forms: Vec<&str> = c.forms().iter().map(|f| f.id().as_str()).collect();
    assert_eq!(
        forms,
        [
            "danh-gia-dia-phuong",
            "danh-gia-bo-chu-quan",
            "gop-y-he-thong"
        ]
    );

    let for_delegates: Vec<&str> = c
        .forms_for_group("dai-bieu-hdnd")
        .iter()
        .map(|f| f.id().as_str())
        .collect();
    assert_eq!(for_delegates, ["danh-gia-dia-phuong", "gop-y-he-thong"]);
    assert_eq!(c.forms_for_group("cong-chuc").len(), 3);
    assert!(c.forms_for_group("nguoi-dan").is_empty());

    let sections: Vec<&str> = c
        .form("danh-gia-dia-phuong")
        .unwrap()
        .sections()
        .iter()
        .map(|s| s.id().as_str())
        .collect();
    for area in [
        "the-che",
        "thu-tuc-hanh-chinh",
        "to-chuc-bo-may",
        "cong-vu",
        "tai-chinh-cong",
        "chinh-phu-so",
    ] {
        assert!(sections.contains(&area), "missing the {area} section");
    }
}

#[test]
fn the_schedule_is_read_in_vietnam_time() {
    let c = load_campaign(&shipped_dir().join("danh-gia-cchc-2026")).unwrap();
    // 08:00 on 1 November in Hà Nội is 01:00 UTC.
    let opens: DateTime<Utc> = Utc.with_ymd_and_hms(2026, 11, 1, 1, 0, 0).unwrap();
    assert_eq!(c.schedule().opens_at(), opens);
    let second = chrono::Duration::seconds(1);
    assert_eq!(c.status_at(&(opens - second)), CampaignStatus::Upcoming);
    assert_eq!(c.status_at(&opens), CampaignStatus::Open);
    let closes = Utc.with_ymd_and_hms(2026, 12, 31, 10, 0, 0).unwrap();
    assert_eq!(c.status_at(&(closes - second)), CampaignStatus::Open);
    assert_eq!(c.status_at(&closes), CampaignStatus::Closed);
    assert_eq!(CampaignStatus::Closed.label_vi(), "Đã kết thúc");
}

#[test]
fn the_public_satisfaction_survey_uses_every_question_type() {
    let c = load_campaign(&shipped_dir().join("hai-long-nguoi-dan-2026")).unwrap();
    assert_eq!(c.access(), Access::Public);
    assert_eq!(c.forms_for_group("nguoi-dan").len(), 1);
    let types: BTreeSet<&str> = c
        .forms()
        .iter()
        .flat_map(|f| f.questions())
        .map(|q| q.kind().type_name())
        .collect();
    assert_eq!(types, survey_core::QUESTION_TYPES.into_iter().collect());
    let form = &c.forms()[0];
    assert!(form.questions().any(|q| q.show_if().is_some()));
    // SIPAS's five-point satisfaction scale, end to end.
    let QuestionKind::Matrix {
        columns, numeric, ..
    } = form.question("tiep-can").unwrap().kind()
    else {
        panic!("tiep-can is a matrix");
    };
    assert!(numeric);
    let labels: Vec<&str> = columns.iter().map(|c| c.label()).collect();
    assert_eq!(
        labels,
        [
            "Rất không hài lòng",
            "Không hài lòng",
            "Bình thường",
            "Hài lòng",
            "Rất hài lòng"
        ]
    );
}

#[test]
fn both_campaigns_together_use_every_type_rating_scale_and_matrix_style() {
    let mut seen = BTreeSet::new();
    for name in ["danh-gia-cchc-2026", "hai-long-nguoi-dan-2026"] {
        let c = load_campaign(&shipped_dir().join(name)).unwrap();
        for q in c.forms().iter().flat_map(|f| f.questions()) {
            let detail = match q.kind() {
                QuestionKind::Rating { scale, .. } => format!("rating-{}", scale.points()),
                QuestionKind::Matrix { numeric: true, .. } => "matrix-scale".into(),
                QuestionKind::Matrix { numeric: false, .. } => "matrix-options".into(),
                QuestionKind::SingleChoice { other: true, .. } => "single-other".into(),
                QuestionKind::MultipleChoice { other: true, .. } => "multiple-other".into(),
                other => other.type_name().into(),
            };
            seen.insert(detail);
        }
    }
    for wanted in [
        "rating-5",
        "rating-10",
        "matrix-scale",
        "matrix-options",
        "single-other",
        "multiple-other",
        "short_text",
        "long_text",
        "number",
        "date",
    ] {
        assert!(
            seen.contains(wanted),
            "no {wanted} question in the shipped campaigns"
        );
    }
}

#[test]
fn load_campaigns_reads_every_folder_and_skips_index_files() {
    let all = load_campaigns(&shipped_dir()).unwrap();
    let ids: Vec<&str> = all.iter().map(|c| c.id().as_str()).collect();
    assert!(ids.windows(2).all(|w| w[0] < w[1]), "sorted: {ids:?}");
    assert!(ids.contains(&"danh-gia-cchc-2026") && ids.contains(&"hai-long-nguoi-dan-2026"));

    let (tmp, dir) = common::write_campaign(&[("campaign.yaml", "id: thu-nghiem\n")]);
    std::fs::write(tmp.path().join("_index.md"), "---\ntitle: x\n---\n").unwrap();
    let errs = load_campaigns(tmp.path()).unwrap_err();
    assert!(errs.iter().all(|e| e.file.starts_with(&dir)), "{errs}");
    assert!(errs
        .iter()
        .any(|e| e.field == "title" && e.message == "missing"));
}
