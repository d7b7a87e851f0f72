//! `cchc report` as the survey team runs it: the 2021 pilot tally, a live
//! campaign on the local store, a coordinator sheet, and the errors.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use store::{Condition, Item, Key, SqliteStore, Store};

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn cchc(args: &[&str], root: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_cchc"))
        .arg("--root")
        .arg(root)
        .args(args)
        .output()
        .expect("cchc runs")
}

fn stdout(o: &Output) -> String {
    assert!(
        o.status.success(),
        "cchc failed: {}",
        String::from_utf8_lossy(&o.stderr)
    );
    String::from_utf8(o.stdout.clone()).unwrap()
}

#[test]
fn pilot_tally_as_csv_and_html_files() {
    let dir = tempfile::tempdir().unwrap();
    let csv_path = dir.path().join("pilot.csv");
    let tally = repo().join("data/pilot-2021-participation.csv");
    let o = cchc(
        &[
            "report",
            "participation",
            "thi-diem-2021",
            "--tally",
            tally.to_str().unwrap(),
            "--format",
            "csv",
            "--out",
            csv_path.to_str().unwrap(),
        ],
        &repo(),
    );
    stdout(&o);
    let csv = fs::read_to_string(&csv_path).unwrap();
    assert!(csv.starts_with('\u{feff}'));
    assert_eq!(csv.lines().count(), 1 + 82 + 1);
    let total = csv.lines().last().unwrap();
    assert!(total.starts_with(",Tổng cộng,,2429,949,"), "{total}");
    assert!(
        total.contains(",356,") && total.contains(",1085,"),
        "{total}"
    );

    let html_path = dir.path().join("nested/pilot.html");
    let o = cchc(
        &[
            "report",
            "participation",
            "thi-diem-2021",
            "--tally",
            tally.to_str().unwrap(),
            "--format",
            "html",
            "--out",
            html_path.to_str().unwrap(),
            "--note",
            "Bảng gốc in 1.089; cộng các dòng được 1.085.",
        ],
        &repo(),
    );
    stdout(&o);
    let html = fs::read_to_string(&html_path).unwrap();
    assert!(html.contains("<html lang=\"vi\">") && html.contains("Bảng gốc in 1.089"));

    let one = stdout(&cchc(
        &[
            "report",
            "participation",
            "thi-diem-2021",
            "--tally",
            tally.to_str().unwrap(),
            "--unit",
            "bộ nội vụ",
        ],
        &repo(),
    ));
    assert!(
        one.contains("Bộ Nội vụ") && one.contains("!! bất thường"),
        "{one}"
    );
    assert!(!one.contains("Hà Nội"));
}

/// A project with the shipped campaigns and a local store holding a few respondents.
async fn live_project() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let src = repo().join("content/khao-sat");
    for e in walkdir::WalkDir::new(&src) {
        let e = e.unwrap();
        let dest = dir
            .path()
            .join("content/khao-sat")
            .join(e.path().strip_prefix(&src).unwrap());
        if e.file_type().is_dir() {
            fs::create_dir_all(&dest).unwrap();
        } else {
            fs::copy(e.path(), &dest).unwrap();
        }
    }
    fs::create_dir_all(dir.path().join(".cchc")).unwrap();
    let store = SqliteStore::open(dir.path().join(".cchc/store.sqlite")).unwrap();
    let c = "danh-gia-cchc-2026";
    for (id, unit, state, answered) in [
        ("r1", "Bộ Tư pháp", "delivered", true),
        ("r2", "Bộ Tư pháp", "bounced", false),
        ("r3", "Đà Nẵng", "opened", true),
    ] {
        let item = Item::new(Key::new(format!("CAMPAIGN#{c}"), format!("RESP#{id}")))
            .with("name", format!("Người {id}"))
            .with("email", format!("{id}@example.gov.vn"))
            .with("unit", unit)
            .with("group", "cong-chuc")
            .with("delivery", state)
            .with("delivery_at", "2026-11-03T02:00:00Z")
            .with("delivery_detail", "Permanent/General — 5.1.1")
            .with("version", 2);
        store.put(item, Condition::None).await.unwrap();
        let step = Item::new(Key::new(
            format!("CAMPAIGN#{c}"),
            format!("SEND#invite#{id}"),
        ))
        .with("state", "sent");
        store.put(step, Condition::None).await.unwrap();
        if answered {
            let part = Item::new(Key::new(
                format!("PART#{c}"),
                format!("FORM#danh-gia-dia-phuong#RESP#{id}"),
            ))
            .with("respondent", id)
            .with("form", "danh-gia-dia-phuong")
            .with("unit", unit);
            store.put(part, Condition::None).await.unwrap();
        }
    }
    dir
}

#[tokio::test]
async fn live_campaign_report_and_coordinator_sheet_from_the_local_store() {
    let dir = live_project().await;
    let table = stdout(&cchc(
        &["report", "participation", "danh-gia-cchc-2026"],
        dir.path(),
    ));
    let tu_phap = table.lines().find(|l| l.starts_with("Bộ Tư pháp")).unwrap();
    // registered, invited, reached, bounced, complained, confirmed, answered form 1, rate.
    let cells: Vec<&str> = tu_phap.split_whitespace().collect();
    assert_eq!(
        &cells[3..12],
        ["2", "2", "1", "1", "0", "0", "1", "50,0%", "0"],
        "{tu_phap}"
    );
    assert!(table.lines().any(|l| l.starts_with("TỔNG CỘNG")));

    let sheet_path = dir.path().join("tu-phap.csv");
    let o = cchc(
        &[
            "report",
            "coordinator-sheet",
            "danh-gia-cchc-2026",
            "--unit",
            "Bộ Tư pháp",
            "--out",
            sheet_path.to_str().unwrap(),
        ],
        dir.path(),
    );
    stdout(&o);
    let sheet = fs::read_to_string(&sheet_path).unwrap();
    let lines: Vec<&str> = sheet.lines().collect();
    assert_eq!(lines.len(), 2, "{sheet}");
    assert!(lines[1].starts_with("Người r2,r2@example.gov.vn,Bộ Tư pháp,,Địa chỉ không nhận thư,"));
    assert!(lines[1].contains("03/11/2026"));
}

#[test]
fn unknown_campaign_and_missing_store_are_errors() {
    let o = cchc(&["report", "participation", "khong-co"], &repo());
    assert!(!o.status.success());
    assert!(String::from_utf8_lossy(&o.stderr).contains("no campaign \"khong-co\""));
    let empty = tempfile::tempdir().unwrap();
    fs::create_dir_all(empty.path().join("content/khao-sat")).unwrap();
    let o = cchc(&["report", "participation", "khong-co"], empty.path());
    assert!(!o.status.success());
    let o = cchc(
        &[
            "report",
            "participation",
            "x",
            "--tally",
            "/nonexistent.csv",
        ],
        empty.path(),
    );
    assert!(!o.status.success());
    assert!(String::from_utf8_lossy(&o.stderr).contains("/nonexistent.csv"));
}

/// `cchc report results … --format csv` lists every question of the form but
/// free text, each matrix row on its own, with the hidden counts empty.
#[tokio::test]
async fn results_csv_lists_every_question_and_matrix_row_of_the_form() {
    let dir = live_project().await;
    let key = delivery::ResultsKey::generate();
    fs::write(dir.path().join(".cchc/results-key"), key.to_hex()).unwrap();
    let store = SqliteStore::open(dir.path().join(".cchc/store.sqlite")).unwrap();
    let form = "danh-gia-dia-phuong";
    for (i, unit) in ["Bộ Tư pháp", "Đà Nẵng", "Đà Nẵng"].iter().enumerate() {
        let pk = format!("ANS#cli-{i}");
        let meta = delivery::AnswerMeta {
            unit: (*unit).to_owned(),
            group: "cong-chuc".to_owned(),
            updated_at: "2026-11-05T10:00:00+07:00".to_owned(),
            submitted_at: Some("2026-11-05T10:00:00+07:00".to_owned()),
        };
        let item = Item::new(Key::new(pk.clone(), "ANS"))
            .with("status", "submitted")
            .with(
                "answers",
                format!("{{\"answers\":{{}},\"form\":\"{form}\"}}"),
            )
            .with("sealed", key.seal(&meta, &pk))
            .with_gsi1(Key::new(
                format!("RESULTS#danh-gia-cchc-2026#{form}"),
                format!("d{i}"),
            ));
        store.put(item, Condition::None).await.unwrap();
    }
    drop(store);
    let o = cchc(
        &[
            "report",
            "results",
            "danh-gia-cchc-2026",
            "--form",
            form,
            "--format",
            "csv",
        ],
        dir.path(),
    );
    let text = stdout(&o);
    assert!(
        text.starts_with("unit,group,question,row,option,count\n"),
        "{text}"
    );
    let mut r = csv::Reader::from_reader(text.as_bytes());
    let rows: Vec<Vec<String>> = r
        .records()
        .map(|x| x.unwrap().iter().map(str::to_owned).collect())
        .collect();
    let mut listed: Vec<(String, String)> =
        rows.iter().map(|r| (r[2].clone(), r[3].clone())).collect();
    listed.dedup();
    // What the form asks, read from its YAML as an editor wrote it.
    let yaml: serde_yaml_ng::Value = serde_yaml_ng::from_str(
        &fs::read_to_string(
            repo().join("content/khao-sat/danh-gia-cchc-2026/danh-gia-dia-phuong.yaml"),
        )
        .unwrap(),
    )
    .unwrap();
    let mut expected = Vec::new();
    let sections = yaml["sections"].as_sequence().cloned().unwrap_or_default();
    let top = yaml["questions"].as_sequence().cloned().unwrap_or_default();
    let questions = sections
        .iter()
        .flat_map(|s| s["questions"].as_sequence().cloned().unwrap_or_default())
        .chain(top);
    for q in questions {
        let id = q["id"].as_str().unwrap().to_owned();
        match q["type"].as_str().unwrap() {
            "short_text" | "long_text" | "date" => {}
            "matrix" => {
                for row in q["rows"].as_sequence().unwrap() {
                    let rid = row["id"].as_str().or(row.as_str()).unwrap().to_owned();
                    expected.push((id.clone(), rid));
                }
            }
            _ => expected.push((id, String::new())),
        }
    }
    assert!(
        expected.iter().any(|(_, row)| !row.is_empty()),
        "matrix rows expected"
    );
    assert_eq!(listed, expected);
    // Three people in two units: every option count is hidden (left empty);
    // only the answered counts, known anyway, are shown.
    for r in &rows {
        if r[4] != "Số người trả lời" {
            assert_eq!(r[5], "", "{r:?}");
        }
    }
    assert!(String::from_utf8_lossy(&o.stderr).contains("ô ẩn"));
}
