//! The 2021 pilot's published table (data/pilot-2021-participation.csv) as
//! synthetic participation: every row reproduced, the column sums computed
//! by the report itself, impossible rows flagged and kept.
//!
//! The source printed a feedback-form total of 1,089, but its own rows sum to
//! 1,085; the report computes 1,085 and says so in its notes when asked.

use std::path::PathBuf;

use chrono::NaiveDate;
use report::{csv_out, html, table, tally, Flag, Section};

fn pilot_path() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../data/pilot-2021-participation.csv")
}

fn pilot() -> report::Report {
    let rows = tally::load(&pilot_path()).expect("pilot tally");
    tally::report(
        "Thí điểm khảo sát trực tuyến năm 2021",
        "thi-diem-2021",
        &rows,
        0.3,
        NaiveDate::from_ymd_opt(2021, 12, 15).unwrap(),
    )
}

/// The CSV read independently of the tally loader: (group, unit, registered, [answers]).
fn source_rows() -> Vec<(String, String, u64, [Option<u64>; 3])> {
    let text = std::fs::read_to_string(pilot_path()).unwrap();
    let mut r = csv::Reader::from_reader(text.as_bytes());
    r.records()
        .map(|rec| {
            let rec = rec.unwrap();
            let n = |i: usize| rec[i].trim().parse::<u64>().ok();
            (
                rec[0].to_owned(),
                rec[2].to_owned(),
                n(3).unwrap(),
                [n(4), n(5), n(6)],
            )
        })
        .collect()
}

#[test]
fn every_row_of_the_pilot_table_is_reproduced_in_order() {
    let report = pilot();
    let source = source_rows();
    assert_eq!(source.len(), 82);
    assert_eq!(report.rows.len(), 82);
    for (row, (group, unit, registered, answered)) in report.rows.iter().zip(&source) {
        assert_eq!(&row.unit, unit);
        let section = if group == "ministry" {
            Section::Central
        } else {
            Section::Province
        };
        assert_eq!(row.section, section, "{unit}");
        assert_eq!(row.counts.registered, *registered, "{unit}");
        assert_eq!(row.counts.answered, answered.to_vec(), "{unit}");
    }
    assert_eq!(report.rows[0].unit, "Bộ Công thương");
    assert_eq!(report.rows[18].unit, "Ủy ban Dân tộc");
    assert_eq!(report.rows[19].unit, "Hà Nội");
    assert_eq!(report.rows[81].unit, "Yên Bái");
    // Ministries had no ministry-evaluation form: blank, not zero.
    assert_eq!(report.rows[0].counts.answered[1], None);
}

#[test]
fn column_sums_are_computed_from_the_rows() {
    let report = pilot();
    assert_eq!(report.totals.registered, 2_429);
    assert_eq!(
        report.totals.answered,
        vec![Some(949), Some(356), Some(1_085)]
    );
    // Not the 1,089 the source printed.
    assert_ne!(report.totals.answered[2], Some(1_089));
    let by_hand: u64 = source_rows().iter().filter_map(|r| r.3[2]).sum();
    assert_eq!(by_hand, 1_085);
    // The ministry form's rate counts only the provinces it applied to.
    let province_registered: u64 = source_rows()
        .iter()
        .filter(|r| r.0 == "province")
        .map(|r| r.2)
        .sum();
    let rate = report.total_rate(1).unwrap();
    assert!((rate - 356.0 / province_registered as f64).abs() < 1e-12);
}

#[test]
fn impossible_rows_are_flagged_not_hidden() {
    let report = pilot();
    let impossible: Vec<(&str, u64, u64)> = report
        .rows
        .iter()
        .flat_map(|r| {
            r.flags.iter().filter_map(move |f| match f {
                Flag::Impossible {
                    form: 2,
                    answered,
                    registered,
                } => Some((r.unit.as_str(), *answered, *registered)),
                _ => None,
            })
        })
        .collect();
    assert_eq!(
        impossible,
        vec![
            ("Bộ Nội vụ", 44, 20),
            ("Ngân hàng Nhà nước Việt Nam", 15, 6),
            ("Hà Tĩnh", 36, 35),
        ]
    );
    // Hải Phòng answered exactly as many as registered: high, not impossible.
    let hp = report.rows.iter().find(|r| r.unit == "Hải Phòng").unwrap();
    assert!(!hp
        .flags
        .iter()
        .any(|f| matches!(f, Flag::Impossible { .. })));
}

#[test]
fn low_rates_and_empty_units_are_flagged() {
    let report = pilot();
    let flags_of = |unit: &str| {
        report
            .rows
            .iter()
            .find(|r| r.unit == unit)
            .unwrap()
            .flags
            .clone()
    };
    // Bắc Kạn: 0 of 29 answered the main form.
    assert!(flags_of("Bắc Kạn").contains(&Flag::BelowThreshold { form: 0, rate: 0.0 }));
    assert!(flags_of("Bộ Giáo dục và Đào tạo").contains(&Flag::NoneRegistered));
    // Hải Phòng, 35 of 35: not below.
    assert!(!flags_of("Hải Phòng")
        .iter()
        .any(|f| matches!(f, Flag::BelowThreshold { .. })));
}

#[test]
fn merged_2021_units_name_their_2025_successor() {
    let report = pilot();
    let part_of = |unit: &str| {
        report
            .rows
            .iter()
            .find(|r| r.unit == unit)
            .unwrap()
            .now_part_of
            .clone()
    };
    assert_eq!(
        part_of("Bộ Kế hoạch và Đầu tư").as_deref(),
        Some("Bộ Tài chính")
    );
    assert_eq!(part_of("Hà Giang").as_deref(), Some("Tuyên Quang"));
    assert_eq!(part_of("Hà Nội"), None);
}

#[test]
fn csv_has_a_bom_every_row_and_the_totals() {
    let bytes = csv_out::participation(&pilot()).unwrap();
    let text = String::from_utf8(bytes).unwrap();
    assert!(text.starts_with('\u{feff}'));
    let mut r = csv::Reader::from_reader(text.trim_start_matches('\u{feff}').as_bytes());
    let header = r.headers().unwrap().clone();
    assert_eq!(&header[1], "Đơn vị");
    let records: Vec<csv::StringRecord> = r.records().map(Result::unwrap).collect();
    assert_eq!(records.len(), 83);
    let noi_vu = records.iter().find(|r| &r[1] == "Bộ Nội vụ").unwrap();
    assert_eq!(&noi_vu[3], "20");
    assert_eq!(&noi_vu[8], "44");
    assert_eq!(&noi_vu[9], "220.0");
    assert!(noi_vu[10].contains("Bất thường"), "{:?}", &noi_vu[10]);
    let total = records.last().unwrap();
    assert_eq!(&total[1], "Tổng cộng");
    assert_eq!(
        [&total[3], &total[4], &total[6], &total[8]],
        ["2429", "949", "356", "1085"]
    );
}

#[test]
fn terminal_table_aligns_and_marks() {
    let text = table::render(&pilot());
    assert!(text.contains("ngày 15 tháng 12 năm 2021"));
    let total = text.lines().find(|l| l.starts_with("TỔNG CỘNG")).unwrap();
    for n in ["2.429", "949", "356", "1.085"] {
        assert!(total.contains(n), "{total}");
    }
    let noi_vu = text.lines().find(|l| l.starts_with("Bộ Nội vụ ")).unwrap();
    assert!(noi_vu.contains("!! bất thường"), "{noi_vu}");
    // Every data line of the table has the same width up to its marks column.
    let ha_noi = text.lines().find(|l| l.starts_with("Hà Nội ")).unwrap();
    let yen_bai = text.lines().find(|l| l.starts_with("Yên Bái ")).unwrap();
    let col = |l: &str| l.find("%").map(|i| l[..i].chars().count());
    assert_eq!(col(ha_noi), col(yen_bai));
}

#[test]
fn html_is_standalone_accessible_and_scriptless() {
    let mut report = pilot();
    report
        .notes
        .push("Bảng gốc in tổng phiếu góp ý là 1.089; cộng các dòng được 1.085.".into());
    let page = html::render(&report);
    assert!(page.starts_with("<!DOCTYPE html>\n<html lang=\"vi\">"));
    assert!(!page.to_lowercase().contains("<script"));
    assert!(!page.contains("<link"), "no external resources");
    assert!(page.contains("<caption id=\"bang-caption\">"));
    assert!(page.contains("<th scope=\"row\">Bộ Nội vụ</th>"));
    assert!(page.contains("scope=\"colgroup\""));
    assert!(page.contains("@media print"));
    assert!(page.contains("<svg") && page.contains("<title id=\"chart-title\">"));
    assert!(page.contains("Bộ Nội vụ – Phiếu 3: 220,0% (44/20)"));
    assert!(page.contains("2.429") && page.contains("1.085"));
    assert!(page.contains("1.089"));
    assert!(page.contains("ngày 15 tháng 12 năm 2021"));
    // Rows: 82 units, each a row header once in the table.
    assert_eq!(
        page.matches("<tr><th scope=\"row\">").count()
            + page
                .matches("<tr class=\"impossible\"><th scope=\"row\">")
                .count()
            + page
                .matches("<tr class=\"below\"><th scope=\"row\">")
                .count(),
        82 + 1
    );
}
