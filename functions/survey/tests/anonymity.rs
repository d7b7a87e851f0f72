//! The promise "a copy of the store alone links no answer to a person",
//! tried as a thief with a leaked backup would: on SQLite (the file, read
//! with SQLite) and on DynamoDB (moto, a full Scan).
//!
//! Nineteen invited officials in units of 1, 2, 4 and 12 each submit a form
//! whose free text carries a marker, so the test knows whose answer is
//! whose; the submissions are spread over five days. The attacker then tries
//! every join it can think of between the answer records and the records
//! that name people (respondents, tokens, participation, mail steps):
//!
//! - any shared value: unit, group, form, respondent id, any time at the
//!   second, minute, hour or day, any key part;
//! - key order and table order against submission order;
//! - item size, and the size of the sealed part.
//!
//! Each must leave every answer equally likely to be anyone's. The same
//! attack on the code before this change named the person behind every
//! answer of the units of 1 (the answer record carried the unit and the
//! exact `submitted_at`, the participation record the unit and the day).

mod common;

use std::collections::{BTreeMap, BTreeSet};

use common::{Harness, INVITED};
use serde_json::Value;
use survey::respondents::NewRespondent;

const FORM: &str = "gop-y-he-thong";
const UNITS: [(&str, usize); 4] = [
    ("Bộ Nội vụ", 1),
    ("Bộ Y tế", 2),
    ("Hà Nội", 4),
    ("Khánh Hòa", 12),
];

/// One record of the copy: its keys and attributes.
#[derive(Debug, Clone)]
struct Row {
    pk: String,
    sk: String,
    attrs: Value,
    gsi: Option<(String, String)>,
}

impl Row {
    fn text(&self) -> String {
        format!("{}|{}|{}|{:?}", self.pk, self.sk, self.attrs, self.gsi)
    }
}

/// Every value an attacker can join on: each string leaf, each `#` part of
/// a key, and every time cut to the minute, hour and day.
fn values(row: &Row) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    let mut push = |s: &str| {
        for part in s.split('#').chain(std::iter::once(s)) {
            if part.is_empty() {
                continue;
            }
            out.insert(part.to_owned());
            // "2026-11-15T09:00:05+07:00": the day, the hour, the minute.
            if part.len() >= 10 && part.as_bytes()[4] == b'-' && part.as_bytes()[7] == b'-' {
                for n in [10, 13, 16] {
                    if let Some(p) = part.get(..n) {
                        out.insert(p.to_owned());
                    }
                }
            }
        }
    };
    fn walk(v: &Value, push: &mut dyn FnMut(&str)) {
        match v {
            Value::String(s) => push(s),
            Value::Number(n) => push(&n.to_string()),
            Value::Array(a) => a.iter().for_each(|x| walk(x, push)),
            Value::Object(m) => m.iter().for_each(|(k, x)| {
                push(k);
                walk(x, push)
            }),
            _ => {}
        }
    }
    push(&row.pk);
    push(&row.sk);
    if let Some((p, s)) = &row.gsi {
        push(p);
        push(s);
    }
    walk(&row.attrs, &mut push);
    out
}

struct Person {
    id: String,
    unit: &'static str,
    marker: String,
}

/// Invites everyone, and has each submit once, hours apart.
async fn populate(h: &Harness) -> Vec<Person> {
    let campaign = h.campaign(INVITED).clone();
    let mut people = Vec::new();
    let mut n = 0;
    for (unit, size) in UNITS {
        for i in 0..size {
            n += 1;
            let inv = survey::invitations::invite(
                &h.app,
                &campaign,
                &NewRespondent {
                    name: format!("Nguyễn Văn {n}"),
                    email: format!("nguoi{n}@{}.gov.vn", i + 1),
                    unit: unit.into(),
                    sub_unit: None,
                    group: "cong-chuc".into(),
                    forms: None,
                },
            )
            .await
            .expect("invite");
            people.push((inv, unit));
        }
    }
    let mut out = Vec::new();
    for (k, (inv, unit)) in people.into_iter().enumerate() {
        // Seven hours and some minutes apart: the submissions span five days.
        h.clock
            .advance(chrono::Duration::minutes(7 * 60 + 1 + k as i64));
        let token = inv.link.rsplit('/').next().unwrap_or_default().to_owned();
        let marker = format!("dau-hieu-{k:02}");
        let form = format!("/api/khao-sat/{INVITED}/moi/{token}/{FORM}");
        let body = form_urlencoded::Serializer::new(String::new())
            .extend_pairs([
                ("q_cach-nhan-link", "hop-thu-den"),
                ("q_loai-hop-thu", "cong-vu"),
                ("q_thiet-bi", "may-tinh"),
                ("q_gap-su-co", "khong"),
                ("q_hai-long-he-thong", "4"),
                ("q_gop-y-cai-tien", marker.as_str()),
                ("q_de-su-dung__mo-phieu", "4"),
                ("q_de-su-dung__cau-hoi-ro-rang", "4"),
                ("q_de-su-dung__luu-nhap", "4"),
                ("q_de-su-dung__dien-thoai", "4"),
                ("q_de-su-dung__toc-do", "4"),
                ("_action", "review"),
            ])
            .finish();
        let r = h.post_form(&form, &body).await;
        assert_eq!(r.status, 303, "review of {marker}: {}", r.body);
        let review = h.get(&r.location()).await;
        let digest = review
            .body
            .split("name=\"_digest\" value=\"")
            .nth(1)
            .and_then(|s| s.split('"').next())
            .expect("digest")
            .to_owned();
        let r = h
            .post_form(&format!("{form}/nop"), &format!("_digest={digest}"))
            .await;
        assert_eq!(r.status, 303, "submit of {marker}");
        out.push(Person {
            id: inv.respondent.0.clone(),
            unit,
            marker,
        });
    }
    out
}

/// The attack on a copy of the store, in the order the copy lists it.
fn attack(copy: &[Row], people: &[Person]) {
    let answers: Vec<&Row> = copy
        .iter()
        .filter(|r| r.attrs.get("status").and_then(Value::as_str) == Some("submitted"))
        .collect();
    assert_eq!(
        answers.len(),
        people.len(),
        "every submission is in the copy"
    );
    let whose = |a: &Row| -> usize {
        let t = a.text();
        people
            .iter()
            .position(|p| t.contains(&p.marker))
            .expect("an answer carries its marker")
    };

    // What the copy says about each person: every record naming their id.
    let mut about: Vec<BTreeSet<String>> = vec![BTreeSet::new(); people.len()];
    for r in copy {
        let t = r.text();
        for (i, p) in people.iter().enumerate() {
            if t.contains(&p.id) {
                about[i].extend(values(r));
            }
        }
    }
    // A value every person shares (the campaign id, "cong-chuc" if it were
    // in the clear for all) tells them apart no better than chance; a value
    // some have and others lack is a join.
    let shared_by_all: BTreeSet<String> = about.iter().skip(1).fold(about[0].clone(), |acc, s| {
        acc.intersection(s).cloned().collect()
    });
    for a in &answers {
        let mine = whose(a);
        let v = values(a);
        for (i, p) in people.iter().enumerate() {
            let joins: Vec<&String> = v
                .intersection(&about[i])
                .filter(|x| !shared_by_all.contains(*x))
                .collect();
            assert!(
                joins.is_empty(),
                "the answer of person {mine} joins {} ({}) on {joins:?}",
                p.id,
                p.unit
            );
        }
    }

    // Key order and table order: the answers' order says nothing of who
    // submitted first. Nineteen records in submission order (or its reverse)
    // by chance: 2 in 19!, never.
    let order: Vec<usize> = answers.iter().map(|a| whose(a)).collect();
    let by_key: Vec<usize> = {
        let mut a = answers.clone();
        a.sort_by(|x, y| (&x.pk, &x.sk).cmp(&(&y.pk, &y.sk)));
        a.iter().map(|r| whose(r)).collect()
    };
    let ascending: Vec<usize> = (0..people.len()).collect();
    let descending: Vec<usize> = ascending.iter().rev().copied().collect();
    for o in [&order, &by_key] {
        assert_ne!(o, &ascending, "answers listed in submission order");
        assert_ne!(o, &descending, "answers listed in reverse submission order");
    }
    // Nor does the gsi (listed by digest), nor the key, follow the unit.
    for a in &answers {
        for (unit, _) in UNITS {
            assert!(!a.text().contains(unit), "an answer names its unit {unit}");
        }
    }

    // Size: the sealed part has one length for all; the rest of a record is
    // the answers themselves, which name nobody.
    let sealed: BTreeSet<usize> = answers
        .iter()
        .map(|a| a.attrs["sealed"].as_str().expect("sealed").len())
        .collect();
    assert_eq!(sealed.len(), 1, "sealed parts differ in length: {sealed:?}");
    let mut names: BTreeSet<String> = BTreeSet::new();
    for a in &answers {
        names.extend(a.attrs.as_object().unwrap().keys().cloned());
    }
    assert_eq!(
        names.into_iter().collect::<Vec<_>>(),
        ["answers", "digest", "sealed", "status"]
    );

    // Participation says who submitted which form, and nothing more.
    let parts: Vec<&Row> = copy.iter().filter(|r| r.pk.starts_with("PART#")).collect();
    assert_eq!(parts.len(), people.len());
    for p in parts {
        let keys: Vec<&String> = p.attrs.as_object().unwrap().keys().collect();
        assert_eq!(keys, ["form", "respondent"], "{p:?}");
    }
    // When is kept per unit and day, as counters that add up.
    let tallied: i64 = copy
        .iter()
        .filter(|r| r.pk.starts_with("TALLY#"))
        .map(|r| r.attrs["submitted"].as_i64().unwrap_or(0))
        .sum();
    assert_eq!(tallied as usize, people.len());
}

fn sqlite_copy(path: &std::path::Path) -> Vec<Row> {
    let conn = rusqlite::Connection::open(path).expect("open the copied file");
    let mut stmt = conn
        .prepare("SELECT pk, sk, attrs, gsi1pk, gsi1sk FROM items")
        .expect("the items table");
    let rows = stmt
        .query_map([], |r| {
            let gp: Option<String> = r.get(3)?;
            let gs: Option<String> = r.get(4)?;
            Ok(Row {
                pk: r.get(0)?,
                sk: r.get(1)?,
                attrs: serde_json::from_str(&r.get::<_, String>(2)?).unwrap_or(Value::Null),
                gsi: gp.zip(gs),
            })
        })
        .expect("select");
    rows.map(|r| r.expect("row")).collect()
}

#[tokio::test]
async fn a_copy_of_the_sqlite_store_links_no_answer_to_anyone() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("store.sqlite");
    let h = Harness::on_sqlite_file(&path);
    let people = populate(&h).await;
    // The thief's copy: the file, as a backup would hold it.
    let copy = dir.path().join("leaked.sqlite");
    {
        let conn = rusqlite::Connection::open(&path).unwrap();
        conn.execute("VACUUM INTO ?1", [copy.to_str().unwrap()])
            .unwrap();
    }
    attack(&sqlite_copy(&copy), &people);
    let raw = String::from_utf8_lossy(&std::fs::read(&copy).unwrap()).into_owned();
    for p in &people {
        assert!(raw.contains(&p.marker), "the copy holds the answers");
    }
    drop(h);
}

#[tokio::test]
async fn a_scan_of_the_dynamodb_table_links_no_answer_to_anyone() {
    let h = Harness::moto("anonymity").await;
    let people = populate(&h).await;
    let (client, table) = h.dynamo().expect("a DynamoDB harness");
    let mut copy = Vec::new();
    let mut start = None;
    loop {
        let page = client
            .scan()
            .table_name(&table)
            .set_exclusive_start_key(start)
            .send()
            .await
            .expect("scan");
        for item in page.items() {
            let s = |k: &str| item.get(k).and_then(|v| v.as_s().ok()).cloned();
            let attrs: BTreeMap<String, Value> = item
                .iter()
                .filter(|(k, _)| !["pk", "sk", "gsi1pk", "gsi1sk"].contains(&k.as_str()))
                .map(|(k, v)| (k.clone(), attr_json(v)))
                .collect();
            copy.push(Row {
                pk: s("pk").unwrap_or_default(),
                sk: s("sk").unwrap_or_default(),
                attrs: serde_json::to_value(attrs).unwrap(),
                gsi: s("gsi1pk").zip(s("gsi1sk")),
            });
        }
        match page.last_evaluated_key() {
            Some(k) if !k.is_empty() => start = Some(k.clone()),
            _ => break,
        }
    }
    attack(&copy, &people);
}

fn attr_json(v: &aws_sdk_dynamodb::types::AttributeValue) -> Value {
    use aws_sdk_dynamodb::types::AttributeValue as A;
    match v {
        A::S(s) => Value::String(s.clone()),
        A::N(n) => n
            .parse::<i64>()
            .map(Value::from)
            .unwrap_or_else(|_| Value::String(n.clone())),
        A::Bool(b) => Value::Bool(*b),
        A::L(l) => Value::Array(l.iter().map(attr_json).collect()),
        A::M(m) => Value::Object(m.iter().map(|(k, v)| (k.clone(), attr_json(v))).collect()),
        A::Ss(s) => Value::Array(s.iter().cloned().map(Value::String).collect()),
        _ => Value::Null,
    }
}
