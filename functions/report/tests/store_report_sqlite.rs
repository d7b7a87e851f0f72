//! The store-backed report on the local store, plus the pilot tally written
//! into a store as synthetic records and counted back.

mod common;

use std::path::PathBuf;
use std::sync::Arc;

use chrono::NaiveDate;
use report::participation::{report as build, Options};
use report::{tally, Units};
use store::{SqliteStore, Store};

async fn fresh(_case: &'static str) -> Arc<dyn Store> {
    Arc::new(SqliteStore::in_memory().expect("in-memory SQLite store"))
}

store_report_suite!(fresh);

/// 2,429 respondents and 2,390 participation records, counted back from the
/// store: the same sums, with 2021 units merged into their 2025 successors.
#[tokio::test]
async fn the_pilot_tally_as_store_records_counts_back_the_same() {
    let store = SqliteStore::in_memory().unwrap();
    let path =
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../data/pilot-2021-participation.csv");
    let rows = tally::load(&path).unwrap();
    tally::seed_store(&store, common::CAMPAIGN, &rows)
        .await
        .unwrap();
    let opts = Options {
        threshold: 0.3,
        unit: None,
        generated_on: NaiveDate::from_ymd_opt(2021, 12, 15).unwrap(),
    };
    let r = build(&store, &common::campaign(), &Units::official(), &opts)
        .await
        .unwrap();
    assert_eq!(r.totals.registered, 2_429);
    assert_eq!(r.totals.answered, vec![Some(949), Some(356), Some(1_085)]);
    // 2021 names merge into their 2025 units; names the registry does not
    // know (spelt differently in the table) stay as rows of their own, last.
    let units = Units::official();
    let unknown: Vec<&str> = rows
        .iter()
        .filter(|t| {
            t.registered > 0
                && matches!(
                    units.resolve(&t.unit),
                    delivery::units::UnitMatch::Unknown { .. }
                )
        })
        .map(|t| t.unit.as_str())
        .collect();
    let other: Vec<&str> = r
        .rows
        .iter()
        .filter(|x| x.section == report::Section::Other)
        .map(|x| x.unit.as_str())
        .collect();
    assert_eq!(other.len(), unknown.len(), "{other:?} vs {unknown:?}");
    let tq = r.rows.iter().find(|x| x.unit == "Tuyên Quang").unwrap();
    // Tuyên Quang (33 registered) absorbed Hà Giang (37).
    assert_eq!(tq.counts.registered, 33 + 37);
    assert_eq!(tq.counts.answered[0], Some(13 + 24));
}
