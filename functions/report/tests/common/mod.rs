//! A seeded campaign for the store-backed report, a store wrapper that
//! records every key it is asked for, and the [`store_report_suite!`].

#![allow(dead_code)]

use std::path::PathBuf;
use std::sync::{Arc, Mutex};

use async_trait::async_trait;
use delivery::schema::{participation_pk, respondent_key, send_key};
use report::Campaign;
use serde_json::{Map, Value};
use store::{Condition, Item, Key, Page, QueryOpts, Store, StoreError, Write};

pub const CAMPAIGN: &str = "danh-gia-cchc-2026";
pub const DIA_PHUONG: &str = "danh-gia-dia-phuong";
pub const BO_CHU_QUAN: &str = "danh-gia-bo-chu-quan";
pub const GOP_Y: &str = "gop-y-he-thong";

pub fn campaign() -> Campaign {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../content/khao-sat");
    let all = survey_core::load_campaigns(&dir).expect("shipped campaigns load");
    all.into_iter()
        .find(|c| c.id().as_str() == CAMPAIGN)
        .expect("danh-gia-cchc-2026")
}

pub struct Person {
    pub id: &'static str,
    pub unit: &'static str,
    pub sub_unit: &'static str,
    pub group: &'static str,
    pub forms: Option<&'static [&'static str]>,
    pub delivery: &'static str,
    pub delivery_at: &'static str,
    pub detail: &'static str,
    pub confirmed: bool,
    /// State of SEND#invite (None: no step yet).
    pub invite: Option<&'static str>,
    pub answered: &'static [&'static str],
}

const P: Person = Person {
    id: "",
    unit: "",
    sub_unit: "",
    group: "cong-chuc",
    forms: None,
    delivery: "",
    delivery_at: "",
    detail: "",
    confirmed: false,
    invite: Some("sent"),
    answered: &[],
};

/// Bộ Nội vụ: 5 (3 in one department), Hà Nội: 3, "Hà Giang" (a 2021
/// name, now Tuyên Quang): 1, a unit outside the registry: 1.
pub fn people() -> Vec<Person> {
    vec![
        Person {
            id: "noivu-1",
            unit: "Bộ Nội vụ",
            sub_unit: "Vụ Cải cách hành chính",
            delivery: "clicked",
            confirmed: true,
            answered: &[DIA_PHUONG, GOP_Y],
            ..P
        },
        Person {
            id: "noivu-2",
            unit: "Bộ Nội vụ",
            sub_unit: "Vụ Cải cách hành chính",
            delivery: "bounced",
            delivery_at: "2026-11-01T18:30:05.669Z",
            detail: "Permanent/General — 5.1.1 — smtp; 550 5.1.1 User unknown",
            ..P
        },
        Person {
            id: "noivu-3",
            unit: "Bộ Nội vụ",
            sub_unit: "Vụ Cải cách hành chính",
            delivery: "delivered",
            answered: &[DIA_PHUONG],
            ..P
        },
        Person {
            id: "noivu-4",
            unit: "bộ nội  vụ",
            sub_unit: "",
            delivery: "complained",
            delivery_at: "2026-11-02T08:15:30Z",
            detail: "complaint: abuse",
            ..P
        },
        Person {
            id: "noivu-5",
            unit: "Bộ Nội vụ",
            sub_unit: "",
            delivery: "sent",
            invite: Some("sending"),
            ..P
        },
        Person {
            id: "hanoi-1",
            unit: "Hà Nội",
            group: "dai-bieu-hdnd",
            delivery: "opened",
            confirmed: true,
            answered: &[DIA_PHUONG, GOP_Y],
            ..P
        },
        Person {
            id: "hanoi-2",
            unit: "Hà Nội",
            forms: Some(&[GOP_Y]),
            delivery: "delivered",
            confirmed: true,
            answered: &[GOP_Y],
            ..P
        },
        Person {
            id: "hanoi-3",
            unit: "Hà Nội",
            delivery: "soft_bounce",
            invite: Some("failed"),
            ..P
        },
        Person {
            id: "hagiang-1",
            unit: "Hà Giang",
            delivery: "delivered",
            answered: &[DIA_PHUONG, BO_CHU_QUAN, GOP_Y],
            ..P
        },
        Person {
            id: "lang-1",
            unit: "Ban Quản lý Lăng Chủ tịch Hồ Chí Minh",
            delivery: "",
            invite: None,
            ..P
        },
    ]
}

pub async fn seed(store: &dyn Store) {
    for p in people() {
        let mut item = Item::new(respondent_key(CAMPAIGN, p.id))
            .with("name", format!("Người {}", p.id))
            .with("email", format!("{}@example.gov.vn", p.id))
            .with("unit", p.unit)
            .with("group", p.group)
            .with("version", 3);
        if !p.sub_unit.is_empty() {
            item = item.with("sub_unit", p.sub_unit);
        }
        if let Some(forms) = p.forms {
            item = item.with("forms", forms.to_vec());
        }
        if !p.delivery.is_empty() {
            item = item
                .with("delivery", p.delivery)
                .with("delivery_at", p.delivery_at)
                .with("delivery_detail", p.detail);
        }
        if p.confirmed {
            item = item.with("mailbox_confirmed_at", "2026-10-25T09:00:00+07:00");
        }
        store.put(item, Condition::None).await.unwrap();
        if let Some(state) = p.invite {
            let step = Item::new(send_key(CAMPAIGN, "invite", p.id))
                .with("state", state)
                .with("attempt", 1);
            store.put(step, Condition::None).await.unwrap();
        }
        for form in p.answered {
            let part = Item::new(Key::new(
                participation_pk(CAMPAIGN),
                format!("FORM#{form}#RESP#{}", p.id),
            ))
            .with("respondent", p.id)
            .with("form", *form)
            .with("unit", p.unit)
            .with("group", p.group)
            .with("submitted_at", "2026-11-05T10:00:00+07:00");
            store.put(part, Condition::None).await.unwrap();
        }
    }
    // A reminder step and an answer record: neither may be counted or read.
    store
        .put(
            Item::new(send_key(CAMPAIGN, "remind-20261110", "noivu-2")).with("state", "sent"),
            Condition::None,
        )
        .await
        .unwrap();
    store
        .put(
            Item::new(Key::new("ANS#0f3c9a", format!("FORM#{DIA_PHUONG}")))
                .with("answers", "{\"q1\":\"rat-tot\"}"),
            Condition::None,
        )
        .await
        .unwrap();
}

/// Delegates to a store and records the partition of every read.
pub struct Spy {
    pub inner: Arc<dyn Store>,
    pub read: Mutex<Vec<String>>,
}

impl Spy {
    pub fn new(inner: Arc<dyn Store>) -> Spy {
        Spy {
            inner,
            read: Mutex::new(Vec::new()),
        }
    }

    fn saw(&self, pk: &str) {
        self.read.lock().unwrap().push(pk.to_owned());
    }

    pub fn partitions(&self) -> Vec<String> {
        self.read.lock().unwrap().clone()
    }
}

#[async_trait]
impl Store for Spy {
    async fn get(&self, key: &Key) -> Result<Option<Item>, StoreError> {
        self.saw(&key.pk);
        self.inner.get(key).await
    }
    async fn put(&self, item: Item, cond: Condition) -> Result<(), StoreError> {
        self.inner.put(item, cond).await
    }
    async fn update(
        &self,
        key: &Key,
        set: Map<String, Value>,
        cond: Condition,
    ) -> Result<Item, StoreError> {
        self.inner.update(key, set, cond).await
    }
    async fn increment(
        &self,
        key: &Key,
        attr: &str,
        by: i64,
        exp: Option<i64>,
    ) -> Result<i64, StoreError> {
        self.inner.increment(key, attr, by, exp).await
    }
    async fn delete(&self, key: &Key, cond: Condition) -> Result<(), StoreError> {
        self.inner.delete(key, cond).await
    }
    async fn query(&self, pk: &str, sk_prefix: &str, opts: QueryOpts) -> Result<Page, StoreError> {
        self.saw(pk);
        self.inner.query(pk, sk_prefix, opts).await
    }
    async fn query_gsi1(
        &self,
        pk: &str,
        sk_prefix: &str,
        opts: QueryOpts,
    ) -> Result<Page, StoreError> {
        self.saw(pk);
        self.inner.query_gsi1(pk, sk_prefix, opts).await
    }
    async fn transact(&self, writes: Vec<Write>) -> Result<(), StoreError> {
        self.inner.transact(writes).await
    }
}

/// The store-backed cases, run on a fresh store from `$fresh(case).await`.
#[macro_export]
macro_rules! store_report_suite {
    ($fresh:ident) => {
        mod store_report_cases {
            use super::common::*;
            use chrono::NaiveDate;
            use report::participation::{report as build, Options};
            use report::{sheet, Counts, Flag, Section, Units};

            fn opts(unit: Option<&str>) -> Options<'_> {
                Options {
                    threshold: 0.5,
                    unit,
                    generated_on: NaiveDate::from_ymd_opt(2026, 11, 20).unwrap(),
                }
            }

            fn counts(
                registered: u64,
                invited: u64,
                delivered: u64,
                bounced: u64,
                complained: u64,
                confirmed: u64,
                answered: [Option<u64>; 3],
            ) -> Counts {
                Counts {
                    registered,
                    invited,
                    delivered,
                    bounced,
                    complained,
                    confirmed_mailbox: confirmed,
                    answered: answered.to_vec(),
                }
            }

            #[tokio::test]
            async fn every_column_of_every_row_and_the_totals() {
                let store = super::$fresh("report-rows").await;
                seed(store.as_ref()).await;
                let spy = Spy::new(store.clone());
                let r = build(&spy, &campaign(), &Units::official(), &opts(None)).await.unwrap();
                let names: Vec<(&str, Section)> =
                    r.rows.iter().map(|x| (x.unit.as_str(), x.section)).collect();
                assert_eq!(
                    names,
                    vec![
                        ("Bộ Nội vụ", Section::Central),
                        ("Hà Nội", Section::Province),
                        ("Tuyên Quang", Section::Province),
                        ("Ban Quản lý Lăng Chủ tịch Hồ Chí Minh", Section::Other),
                    ]
                );
                // Forms in campaign order: dia-phuong, bo-chu-quan, gop-y.
                let ids: Vec<&str> = r.forms.iter().map(|f| f.id.as_str()).collect();
                assert_eq!(ids, vec![DIA_PHUONG, BO_CHU_QUAN, GOP_Y]);

                let noi_vu = &r.rows[0];
                assert_eq!(noi_vu.counts, counts(5, 4, 2, 1, 1, 1, [Some(2), Some(0), Some(1)]));
                assert_eq!(noi_vu.sub_units.len(), 1);
                assert_eq!(noi_vu.sub_units[0].name, "Vụ Cải cách hành chính");
                assert_eq!(
                    noi_vu.sub_units[0].counts,
                    counts(3, 3, 2, 1, 0, 1, [Some(2), Some(0), Some(1)])
                );
                // dai-bieu-hdnd has no ministry form; hanoi-2 only has the feedback form.
                let ha_noi = &r.rows[1];
                assert_eq!(ha_noi.counts, counts(3, 2, 2, 0, 0, 2, [Some(1), Some(0), Some(2)]));
                assert!(ha_noi.sub_units.is_empty());
                let tuyen_quang = &r.rows[2];
                assert_eq!(tuyen_quang.counts, counts(1, 1, 1, 0, 0, 0, [Some(1), Some(1), Some(1)]));
                let lang = &r.rows[3];
                assert_eq!(lang.counts, counts(1, 0, 0, 0, 0, 0, [Some(0), Some(0), Some(0)]));

                assert_eq!(r.totals, counts(10, 7, 5, 1, 1, 3, [Some(4), Some(1), Some(4)]));
                assert!(r.has_delivery);
                assert_eq!(
                    r.period,
                    Some((
                        NaiveDate::from_ymd_opt(2026, 11, 1).unwrap(),
                        NaiveDate::from_ymd_opt(2026, 12, 31).unwrap()
                    ))
                );
                // 2 of 5 answered the main form at Bộ Nội vụ: under 50%.
                assert!(noi_vu.flags.contains(&Flag::BelowThreshold { form: 0, rate: 0.4 }));
                assert!(ha_noi.flags.contains(&Flag::BelowThreshold { form: 0, rate: 1.0 / 3.0 }));
                assert!(!tuyen_quang.flags.iter().any(|f| matches!(f, Flag::BelowThreshold { .. })));

                // Counting never touched an answer record.
                let read = spy.partitions();
                assert!(!read.is_empty());
                assert!(read.iter().all(|pk| !pk.starts_with("ANS#")), "{read:?}");
                assert!(read.iter().all(|pk| pk == "CAMPAIGN#danh-gia-cchc-2026" || pk == "PART#danh-gia-cchc-2026"), "{read:?}");
            }

            #[tokio::test]
            async fn one_unit_only() {
                let store = super::$fresh("report-unit").await;
                seed(store.as_ref()).await;
                let r = build(store.as_ref(), &campaign(), &Units::official(), &opts(Some("bộ nội vụ")))
                    .await
                    .unwrap();
                assert_eq!(r.rows.len(), 1);
                assert_eq!(r.rows[0].unit, "Bộ Nội vụ");
                assert_eq!(r.totals, r.rows[0].counts);
                // A 2021 name selects its 2025 unit.
                let r = build(store.as_ref(), &campaign(), &Units::official(), &opts(Some("Hà Giang")))
                    .await
                    .unwrap();
                assert_eq!(r.rows.len(), 1);
                assert_eq!(r.rows[0].unit, "Tuyên Quang");
            }

            #[tokio::test]
            async fn coordinator_sheet_lists_bounced_and_complained_with_reason_and_date() {
                let store = super::$fresh("report-sheet").await;
                seed(store.as_ref()).await;
                let rows = sheet::rows(store.as_ref(), CAMPAIGN, &Units::official(), "Bộ Nội vụ")
                    .await
                    .unwrap();
                let got: Vec<(&str, &str, &str)> = rows
                    .iter()
                    .map(|r| (r.email.as_str(), r.state.label_vi(), r.date.as_str()))
                    .collect();
                assert_eq!(
                    got,
                    vec![
                        ("noivu-4@example.gov.vn", "Bị đánh dấu thư rác", "02/11/2026"),
                        // 18:30 UTC on 1 November is 2 November in Vietnam.
                        ("noivu-2@example.gov.vn", "Địa chỉ không nhận thư", "02/11/2026"),
                    ]
                );
                let csv = String::from_utf8(sheet::to_csv(&rows).unwrap()).unwrap();
                assert!(csv.starts_with("\u{feff}Họ và tên,Thư điện tử,"));
                assert!(csv.contains("550 5.1.1 User unknown"));
                assert!(csv.contains("Vụ Cải cách hành chính"));
                assert!(sheet::rows(store.as_ref(), CAMPAIGN, &Units::official(), "Hà Nội")
                    .await
                    .unwrap()
                    .is_empty());
            }

            #[tokio::test]
            async fn html_of_a_live_report_shows_delivery_columns() {
                let store = super::$fresh("report-html").await;
                seed(store.as_ref()).await;
                let r = build(store.as_ref(), &campaign(), &Units::official(), &opts(None)).await.unwrap();
                let page = report::html::render(&r);
                assert!(page.contains("Thư bị trả lại"));
                assert!(page.contains("từ ngày 01 tháng 11 năm 2026 đến ngày 31 tháng 12 năm 2026"));
                assert!(page.contains("Vụ Cải cách hành chính"));
            }
        }
    };
}
