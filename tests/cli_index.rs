//! `cchc index compute|publish` as the survey team runs them, on the made-up
//! 2020 fixture (tests/fixtures/chi-so-2020/): Khánh Hòa comes out 20th on
//! appraisal, 57th on the survey and 48th overall, the published page says
//! the same, a thin sample is flagged, and an open campaign blocks publishing.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn fixture() -> PathBuf {
    repo().join("tests/fixtures/chi-so-2020")
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

/// A copy of the fixture (its `theme` link followed), so publishing and
/// building never write into the repository.
fn copy_dir(from: &Path, to: &Path) {
    fs::create_dir_all(to).unwrap();
    for e in fs::read_dir(from).unwrap() {
        let e = e.unwrap();
        let path = e.path();
        let target = to.join(e.file_name());
        if fs::metadata(&path).unwrap().is_dir() {
            copy_dir(&path, &target);
        } else {
            fs::copy(&path, &target).unwrap();
        }
    }
}

fn csv_rows(text: &str) -> Vec<Vec<String>> {
    let mut r = csv::Reader::from_reader(text.as_bytes());
    r.records()
        .map(|x| x.unwrap().iter().map(str::to_owned).collect())
        .collect()
}

#[test]
fn khanh_hoa_2020_is_20th_57th_and_48th_with_a_gap_of_37() {
    let o = cchc(&["index", "compute", "2020", "--format", "csv"], &fixture());
    let text = stdout(&o);
    assert!(text.starts_with(
        "kind,unit,slug,appraisal,appraisal_rank,survey,survey_rank,index,index_rank,gap,sample,status\n"
    ));
    let rows = csv_rows(&text);
    let kh = rows
        .iter()
        .find(|r| r[2] == "khanh-hoa")
        .expect("Khánh Hòa");
    assert_eq!(kh[0], "tinh");
    assert_eq!(kh[1], "Khánh Hòa");
    assert_eq!(
        (&kh[4][..], &kh[6][..], &kh[8][..], &kh[9][..]),
        ("20", "57", "48", "37")
    );
    // The index is the sum of its two parts, as published to two decimals.
    let p = |s: &str| (s.parse::<f64>().unwrap() * 100.0).round() as i64;
    assert_eq!(p(&kh[3]) + p(&kh[5]), p(&kh[7]));
    // Provinces and ministries are ranked apart: 63 provinces, ranks 1..=63.
    let mut ranks: Vec<u32> = rows
        .iter()
        .filter(|r| r[0] == "tinh")
        .map(|r| r[8].parse().unwrap())
        .collect();
    ranks.sort();
    assert_eq!(ranks, (1..=63).collect::<Vec<_>>());
    let ministries: Vec<_> = rows.iter().filter(|r| r[0] == "bo").collect();
    assert_eq!(ministries.len(), 17);
}

#[test]
fn a_unit_with_too_few_respondents_is_flagged_not_scored() {
    let text = stdout(&cchc(
        &["index", "compute", "2020", "--format", "csv"],
        &fixture(),
    ));
    let rows = csv_rows(&text);
    let thin = rows.iter().find(|r| r[1] == "Ủy ban Dân tộc").unwrap();
    assert_eq!(thin[11], "insufficient_sample");
    assert_eq!(
        (&thin[5][..], &thin[6][..], &thin[7][..], &thin[8][..]),
        ("", "", "", "")
    );
    assert_eq!(thin[10], "12");
    // It takes no index rank from anyone: the 16 others are ranked 1..=16.
    let mut ranks: Vec<u32> = rows
        .iter()
        .filter(|r| r[0] == "bo" && !r[8].is_empty())
        .map(|r| r[8].parse().unwrap())
        .collect();
    ranks.sort();
    assert_eq!(ranks, (1..=16).collect::<Vec<_>>());
    let table = stdout(&cchc(&["index", "compute", "2020"], &fixture()));
    assert!(
        table.contains("chưa đủ mẫu: 12 phiếu, cần ít nhất 30"),
        "{table}"
    );
}

#[test]
fn publishing_and_building_shows_the_same_ranks_on_the_unit_page() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("site");
    copy_dir(&fixture(), &root);
    stdout(&cchc(&["index", "publish", "2020"], &root));
    let out = root.join("public");
    stdout(&cchc(&["build", "--out", out.to_str().unwrap()], &root));

    let ranking = fs::read_to_string(out.join("chi-so-cchc/2020/index.html")).unwrap();
    assert!(ranking.contains("href=\"/chi-so-cchc/2020/khanh-hoa/\""));
    let page = fs::read_to_string(out.join("chi-so-cchc/2020/khanh-hoa/index.html")).unwrap();
    for shown in [
        "73,23 điểm, hạng 48",
        "49,59 / 61,50 điểm, hạng 20",
        "23,64 / 38,50 điểm, hạng 57",
        "thấp hơn hạng thẩm định (20) 37 bậc",
        "role=\"img\"",
    ] {
        assert!(page.contains(shown), "{shown} not on the page");
    }
    // The downloads are the figures the CLI computes.
    let csv = fs::read_to_string(out.join("chi-so-cchc/2020/bang-xep-hang-tinh.csv")).unwrap();
    let kh = csv_rows(&csv)
        .into_iter()
        .find(|r| r[2] == "khanh-hoa")
        .unwrap();
    assert_eq!((&kh[4][..], &kh[6][..], &kh[8][..]), ("20", "57", "48"));
    assert!(out
        .join("chi-so-cchc/2020/bang-xep-hang-tinh.xlsx")
        .is_file());
}

/// Replaces a campaign's schedule in a copied campaign.yaml.
fn reschedule(campaign_yaml: &Path, opens: &str, closes: &str) {
    let text = fs::read_to_string(campaign_yaml).unwrap();
    let text: String = text
        .lines()
        .map(|l| {
            if l.starts_with("opens_at:") {
                format!("opens_at: \"{opens}\"")
            } else if l.starts_with("closes_at:") {
                format!("closes_at: \"{closes}\"")
            } else {
                l.to_owned()
            }
        })
        .collect::<Vec<_>>()
        .join("\n");
    fs::write(campaign_yaml, text + "\n").unwrap();
}

#[test]
fn nothing_is_published_while_a_feeding_campaign_is_open() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("site");
    copy_dir(&fixture(), &root);
    let campaign = root.join("content/khao-sat/danh-gia-cchc-2026");
    copy_dir(
        &repo().join("content/khao-sat/danh-gia-cchc-2026"),
        &campaign,
    );
    reschedule(
        &campaign.join("campaign.yaml"),
        "2026-01-01 08:00",
        "2099-12-31 17:00",
    );
    let o = cchc(&["index", "publish", "2020"], &root);
    assert!(!o.status.success());
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("chưa kết thúc"), "{err}");
    assert!(!root.join("data/chi-so-cchc/2020").exists());

    reschedule(
        &campaign.join("campaign.yaml"),
        "1999-01-01 08:00",
        "2000-01-01 17:00",
    );
    stdout(&cchc(&["index", "publish", "2020"], &root));
    assert!(root.join("data/chi-so-cchc/2020/ket-qua.json").is_file());
}

#[test]
fn the_fixture_figures_never_reach_the_real_site() {
    // The real content has no made-up year, and nothing under data/ is published.
    assert!(!repo().join("content/chi-so/2020").exists());
    assert!(!repo().join("data/chi-so-cchc/2020").exists());
    let o = cchc(&["index", "compute", "2020"], &repo());
    assert!(!o.status.success());
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.starts_with("lỗi: "), "{err}");
    assert!(err.contains("không có bo.yaml hay tinh.yaml"), "{err}");
}

#[test]
fn a_broken_appraisal_file_is_reported_by_line_and_nothing_is_computed() {
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("tham-dinh.csv");
    fs::write(
        &bad,
        "don_vi,tieu_chi,diem\nKhanh Hoa,1.1.1,99\nTỉnh Khánh Hoà,9.9.9,1\nKhánh Hoa Xa,1.1.1,1\n",
    )
    .unwrap();
    let o = cchc(
        &[
            "index",
            "compute",
            "2020",
            "--appraisal",
            bad.to_str().unwrap(),
        ],
        &fixture(),
    );
    assert!(!o.status.success());
    assert!(o.stdout.is_empty());
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("tham-dinh.csv:2:"), "{err}");
    assert!(err.contains("tham-dinh.csv:3:"), "{err}");
    assert!(err.contains("tham-dinh.csv:4:"), "{err}");
}
