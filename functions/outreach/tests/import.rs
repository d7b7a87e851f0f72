//! The import validation report on a list with every kind of bad row, the
//! rejects file, XLSX input, and idempotent re-import.

mod common;

use common::Harness;
use delivery::{schema, Units};
use outreach::import::{self, Validation};
use outreach::sheet::{self, Sheet};
use store::{Condition, Item};

const LIST: &str = "\
Họ và tên,Email,Đơn vị,Đơn vị trực thuộc,Nhóm,Phiếu
Nguyễn Văn An,an.nguyen@hanoi.gov.vn,Hà Nội,Sở Nội vụ,Công chức,
Trần Thị Bình,binh.tran@hanoi,Hà Nội,,Công chức,
Lê Văn Cường,AN.NGUYEN@hanoi.gov.vn,Hà Nội,,Công chức,
Phạm Thị Dung,dung.pham@gmial.com,Hà Nội,,Công chức,
Hoàng Văn Em,em.hoang@hanoi.gov.vn,Sở Thú Sao Hỏa,,Công chức,
Vũ Thị Giang,giang.vu@moj.gov.vn,Bo Tu phap,,Công chức,
Đỗ Văn Hải,hai.do@hanoi.gov.vn,Hà Nội,,Công chức,
,khuyet.ten@hanoi.gov.vn,Hà Nội,,Công chức,
Bùi Thị Lan,lan.bui@hanoi.gov.vn,Hà Nội,,Thanh niên,
Ngô Văn Minh,minh.ngo@hanoi.gov.vn,Hà Nội,,Công chức,Phiếu không có
Đặng Thị Ngọc,ngoc.dang@hagiang.gov.vn,Hà Giang,,Đại biểu HĐND,danh-gia-dia-phuong
";

async fn seed_suppressed(h: &Harness) {
    h.app
        .store
        .put(
            Item::new(schema::suppression_key("hai.do@hanoi.gov.vn"))
                .with("reason", "bounced")
                .with("detail", "Permanent/General: 550 5.1.1 user unknown"),
            Condition::None,
        )
        .await
        .expect("seed suppression");
}

fn codes(v: &Validation) -> Vec<(usize, &'static str)> {
    v.issues
        .iter()
        .map(|i| (i.line, i.problem.code()))
        .collect()
}

async fn check_report(h: &Harness, sheet: &Sheet) -> Validation {
    let v = import::validate(sheet, &h.campaign(), &Units::official(), &*h.app.store)
        .await
        .expect("validate");
    assert_eq!(v.total, 11);
    assert_eq!(
        codes(&v),
        vec![
            (3, "bad_email"),
            (4, "duplicate"),
            (5, "likely_typo"),
            (6, "unknown_unit"),
            (7, "unknown_unit"),
            (8, "suppressed"),
            (9, "missing_name"),
            (10, "unknown_group"),
            (11, "unknown_form"),
            (12, "merged_unit"),
        ]
    );
    let msg = |line: usize| {
        v.issues
            .iter()
            .find(|i| i.line == line)
            .map(|i| i.problem.message_vi())
            .unwrap_or_default()
    };
    assert!(msg(4).contains("dòng 2"), "{}", msg(4));
    assert!(msg(5).contains("dung.pham@gmail.com"), "{}", msg(5));
    assert!(msg(7).contains("Bộ Tư pháp"), "{}", msg(7));
    assert!(msg(12).contains("Tuyên Quang"), "{}", msg(12));
    assert!(v.has_errors());
    assert_eq!(v.rejected_lines(), vec![3, 4, 5, 6, 7, 8, 9, 10, 11]);
    let kept: Vec<usize> = v.rows.iter().map(|r| r.line).collect();
    assert_eq!(kept, vec![2, 12], "only the good rows and the warned one");
    let ngoc = &v.rows[1].respondent;
    assert_eq!(ngoc.unit, "Tuyên Quang");
    assert_eq!(ngoc.group, "dai-bieu-hdnd");
    assert_eq!(
        ngoc.forms.as_deref(),
        Some(&["danh-gia-dia-phuong".to_owned()][..])
    );
    assert_eq!(v.rows[0].respondent.sub_unit.as_deref(), Some("Sở Nội vụ"));
    v
}

#[tokio::test]
async fn reports_every_kind_of_bad_row_and_writes_the_rejects() {
    let h = Harness::local();
    seed_suppressed(&h).await;
    let v = check_report(&h, &sheet::parse_csv(LIST.as_bytes()).unwrap()).await;

    let rejects = String::from_utf8(import::write_rejects(&v).unwrap()).unwrap();
    let rejects = rejects.trim_start_matches('\u{feff}');
    let lines: Vec<&str> = rejects.lines().collect();
    assert_eq!(
        lines[0],
        "Họ và tên,Email,Đơn vị,Đơn vị trực thuộc,Nhóm,Phiếu,Dòng,Lý do"
    );
    assert_eq!(lines.len(), 1 + 9);
    assert!(
        lines[1].starts_with("Trần Thị Bình,binh.tran@hanoi,"),
        "{}",
        lines[1]
    );
    assert!(rejects.contains("gõ nhầm"));
    assert!(
        !rejects.contains("an.nguyen@hanoi.gov.vn,Hà Nội,Sở Nội vụ"),
        "good rows stay out"
    );

    // Nothing was stored by validating.
    assert!(outreach::roster::load(&*h.app.store, common::CAMPAIGN)
        .await
        .unwrap()
        .is_empty());
}

#[tokio::test]
async fn reads_the_same_list_from_an_xlsx_workbook() {
    let h = Harness::local();
    seed_suppressed(&h).await;
    let csv = sheet::parse_csv(LIST.as_bytes()).unwrap();
    let mut book = rust_xlsxwriter::Workbook::new();
    let ws = book.add_worksheet();
    for (c, head) in csv.headers.iter().enumerate() {
        ws.write_string(0, c as u16, head).unwrap();
    }
    for (r, (_, cells)) in csv.rows.iter().enumerate() {
        for (c, cell) in cells.iter().enumerate() {
            if !cell.is_empty() {
                ws.write_string(r as u32 + 1, c as u16, cell).unwrap();
            }
        }
    }
    let path = h.dir.path().join("danh-sach.xlsx");
    book.save(&path).unwrap();
    let xlsx = sheet::read(&path).expect("xlsx reads");
    assert_eq!(xlsx.headers, csv.headers);
    check_report(&h, &xlsx).await;
}

#[tokio::test]
async fn re_importing_updates_instead_of_duplicating() {
    let h = Harness::local();
    let campaign = h.campaign();
    let good = "Họ và tên,Email,Đơn vị,Nhóm\n\
                Nguyễn Văn An,an.nguyen@hanoi.gov.vn,Hà Nội,Công chức\n\
                Trần Thị Bình,binh.tran@moha.gov.vn,Bộ Nội vụ,Công chức\n";
    let read = |text: &str| sheet::parse_csv(text.as_bytes()).unwrap();
    let units = Units::official();
    let v = import::validate(&read(good), &campaign, &units, &*h.app.store)
        .await
        .unwrap();
    assert!(!v.has_errors());
    let first = import::apply(&h.app, &campaign, &v.rows, "t1")
        .await
        .unwrap();
    assert_eq!((first.created, first.updated, first.unchanged), (2, 0, 0));
    let again = import::apply(&h.app, &campaign, &v.rows, "t2")
        .await
        .unwrap();
    assert_eq!((again.created, again.updated, again.unchanged), (0, 0, 2));

    // The coordinator corrects An's unit and capitalises the address: same person.
    let fixed = good.replace(
        "an.nguyen@hanoi.gov.vn,Hà Nội",
        "An.Nguyen@HANOI.gov.vn,Huế",
    );
    let v = import::validate(&read(&fixed), &campaign, &units, &*h.app.store)
        .await
        .unwrap();
    let third = import::apply(&h.app, &campaign, &v.rows, "t3")
        .await
        .unwrap();
    assert_eq!((third.created, third.updated, third.unchanged), (0, 1, 1));
    let people = outreach::roster::load(&*h.app.store, common::CAMPAIGN)
        .await
        .unwrap();
    assert_eq!(people.len(), 2);
    let an = people
        .iter()
        .find(|p| p.email == "an.nguyen@hanoi.gov.vn")
        .unwrap();
    assert_eq!(an.unit, "Huế");
}

#[tokio::test]
async fn a_corrected_address_keeps_the_person_and_their_link_and_is_invited_again() {
    let h = Harness::local();
    let campaign = h.campaign();
    let units = Units::official();
    let read = |text: &str| sheet::parse_csv(text.as_bytes()).unwrap();
    let first = "Họ và tên,Email,Đơn vị,Nhóm\nNguyễn Văn An,an.nguyen@hanoi.gov.vm,Hà Nội,Công chức\nTrần Bình,binh@hanoi.gov.vn,Hà Nội,Công chức\n";
    // The typo is caught, but suppose the coordinator insisted (--skip-invalid is
    // not needed for this: the row is the one being corrected later).
    let v = import::validate(&read(first), &campaign, &units, &*h.app.store)
        .await
        .unwrap();
    assert_eq!(codes(&v), vec![(2, "likely_typo")]);
    let mut rows = v.rows.clone();
    rows.insert(
        0,
        import::ValidRow {
            line: 2,
            respondent: survey::respondents::NewRespondent {
                name: "Nguyễn Văn An".into(),
                email: "an.nguyen@hanoi.gov.vm".into(),
                unit: "Hà Nội".into(),
                sub_unit: None,
                group: "cong-chuc".into(),
                forms: None,
            },
            previous_email: None,
        },
    );
    import::apply(&h.app, &campaign, &rows, "t1").await.unwrap();
    let opts = outreach::RunOptions::default();
    outreach::run(&h.app, &campaign, &outreach::Round::Invite, &opts)
        .await
        .unwrap();
    let old_mail = h.mail_to("an.nguyen@hanoi.gov.vm").await;
    assert_eq!(old_mail.len(), 1);
    // The mail bounced.
    let people = outreach::roster::load(&*h.app.store, common::CAMPAIGN)
        .await
        .unwrap();
    let an = people
        .iter()
        .find(|p| p.email.starts_with("an."))
        .unwrap()
        .clone();
    let mut set = serde_json::Map::new();
    set.insert(schema::ATTR_DELIVERY.into(), "bounced".into());
    h.app
        .store
        .update(
            &schema::respondent_key(common::CAMPAIGN, &an.id),
            set,
            Condition::Exists,
        )
        .await
        .unwrap();

    // The coordinator sends the fixed row with the old address beside it.
    let fixed = "Họ và tên,Email,Email cũ,Đơn vị,Nhóm\nNguyễn Văn An,an.nguyen@hanoi.gov.vn,an.nguyen@hanoi.gov.vm,Hà Nội,Công chức\n";
    let v = import::validate(&read(fixed), &campaign, &units, &*h.app.store)
        .await
        .unwrap();
    assert!(!v.has_errors(), "{:?}", v.issues);
    let a = import::apply(&h.app, &campaign, &v.rows, "t2")
        .await
        .unwrap();
    assert_eq!((a.readdressed, a.created), (1, 0));
    let people = outreach::roster::load(&*h.app.store, common::CAMPAIGN)
        .await
        .unwrap();
    assert_eq!(people.len(), 2, "the same person, not a new one");
    let moved = people.iter().find(|p| p.id == an.id).unwrap();
    assert_eq!(moved.email, "an.nguyen@hanoi.gov.vn");
    assert_eq!(moved.delivery, delivery::DeliveryState::None);

    let s = outreach::run(&h.app, &campaign, &outreach::Round::Invite, &opts)
        .await
        .unwrap();
    assert_eq!((s.sent, s.already_sent), (1, 1));
    let new_mail = h.mail_to("an.nguyen@hanoi.gov.vn").await;
    assert_eq!(new_mail.len(), 1);
    let prefix = format!("https://cchc.test/api/khao-sat/{}/moi/", common::CAMPAIGN);
    assert_eq!(
        common::find_link(&new_mail[0].1, &prefix),
        common::find_link(&old_mail[0].1, &prefix),
        "the same personal link, so nothing saved is lost"
    );
}

/// An SES event for the old address that the events function read before the
/// move must not land after it: the move bumps the version its compare-and-set
/// is on, so the corrected address does not start out marked bounced.
#[tokio::test]
async fn a_bounce_read_before_the_move_cannot_overwrite_the_corrected_address() {
    let h = Harness::local();
    let campaign = h.campaign();
    let units = Units::official();
    let list = "Họ và tên,Email,Đơn vị,Nhóm\nTrần Bình,binh@hanoi.gov.vn,Hà Nội,Công chức\n";
    let v = import::validate(
        &sheet::parse_csv(list.as_bytes()).unwrap(),
        &campaign,
        &units,
        &*h.app.store,
    )
    .await
    .unwrap();
    import::apply(&h.app, &campaign, &v.rows, "t1")
        .await
        .unwrap();
    let id = outreach::roster::load(&*h.app.store, common::CAMPAIGN)
        .await
        .unwrap()[0]
        .id
        .clone();
    let key = schema::respondent_key(common::CAMPAIGN, &id);

    // The events function's read: the version it will compare against.
    h.app
        .store
        .increment(&key, store::VERSION_ATTR, 0, None)
        .await
        .unwrap();
    let seen = h
        .app
        .store
        .get(&key)
        .await
        .unwrap()
        .unwrap()
        .version()
        .unwrap();

    let old = delivery::EmailAddress::parse("binh@hanoi.gov.vn").unwrap();
    let new = delivery::EmailAddress::parse("binh.tran@hanoi.gov.vn").unwrap();
    assert!(
        import::readdress(&*h.app.store, common::CAMPAIGN, &old, &new, "t2")
            .await
            .unwrap()
    );

    // Its write, as ses-events makes it (apply.rs), now fails and is re-read.
    let mut set = serde_json::Map::new();
    set.insert(schema::ATTR_DELIVERY.into(), "bounced".into());
    set.insert(store::VERSION_ATTR.into(), (seen + 1).into());
    let late = h
        .app
        .store
        .update(&key, set, Condition::VersionIs(seen))
        .await;
    assert!(
        late.as_ref().is_err_and(|e| e.is_condition_failure()),
        "{late:?}"
    );
    let moved = outreach::roster::load(&*h.app.store, common::CAMPAIGN)
        .await
        .unwrap();
    assert_eq!(moved[0].email, "binh.tran@hanoi.gov.vn");
    assert_eq!(moved[0].delivery, delivery::DeliveryState::None);
}
