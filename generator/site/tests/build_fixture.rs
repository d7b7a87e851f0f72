mod fixture;

use fixture::{html, Fixture};

const NOW: &str = "2026-11-23T10:00:00+07:00";

fn full_fixture() -> Fixture {
    let f = Fixture::new();
    f.write(
        "content/kien-thuc/chi-so-par.md",
        "---\ntitle: Chỉ số cải cách hành chính\ndate: 2025-03-01\ncategory: Lý luận hành chính công\nfields: [Thủ tục hành chính]\ntags: [PAR Index]\n---\n## Đo lường\n\nXem [công văn](@/van-ban/5628-bnv-cchc/index.md#ket-qua) và [số](vb:5628/BNV-CCHC).\n\n## Kết luận\n\nHết.\n",
    );
    f.document("5628-bnv-cchc", "5628/BNV-CCHC", "related: [4566/BNV-CCHC]\nfields: [\"Công vụ, công chức\"]\nattachments:\n  - file: tom-tat.pdf\n    title: Tóm tắt\n");
    f.write(
        "content/van-ban/5628-bnv-cchc/tom-tat.pdf",
        "%PDF-1.4 fixture",
    );
    f.document(
        "4566-bnv-cchc",
        "4566/BNV-CCHC",
        "fields: [Thủ tục hành chính]\n",
    );
    f.write(
        "content/van-ban/5628-bnv-cchc/index.md",
        &std::fs::read_to_string(f.root().join("content/van-ban/5628-bnv-cchc/index.md"))
            .unwrap()
            .replace("Nội dung.", "## Kết quả\n\nNội dung."),
    );
    f.write(
        "content/hoi-dap/khong-nhan-duoc-thu.md",
        "---\ntitle: Không nhận được thư mời\nasker: Nguyễn Văn A\nprovince: Nghệ An\nasked: 2026-10-01\nanswered: 2026-10-05\nanswered_by: Vụ CCHC\nquestion: Tôi không nhận được thư mời khảo sát?\nrelated: [5628/BNV-CCHC]\n---\nHãy kiểm tra thư mục thư rác.\n",
    );
    for (slug, opens, closes) in [
        ("dang-mo", "2026-11-01 08:00", "2027-01-31 17:00"),
        ("da-dong", "2025-01-01 08:00", "2025-02-01 17:00"),
        ("sap-mo", "2027-03-01 08:00", "2027-04-01 17:00"),
    ] {
        f.write(
            &format!("content/gop-y/{slug}/index.md"),
            &format!("---\ntitle: Dự thảo {slug}\nagency: Bộ Nội vụ\nopens: {opens}\ncloses: {closes}\n---\n## Chương I. Quy định chung\n\n### Điều 1. Phạm vi\n\n1. Khoản một.\n2. Khoản hai.\n"),
        );
    }
    f.write("content/gop-y/da-dong/tong-hop.md", "| Điều | Ý kiến | Tiếp thu |\n|---|---|---|\n| [Điều 1](@/gop-y/da-dong/index.md#dieu-1-khoan-2) | Rõ hơn | Tiếp thu |\n");
    for i in 1..=4 {
        f.write(&format!("content/tin-tuc/tin-{i}.md"), &format!("---\ntitle: Tin số {i}\ndate: 2026-0{i}-10\ntags: [Đào tạo]\n---\nNội dung tin {i}.\n"));
    }
    f
}

#[test]
fn builds_every_page_type() {
    let f = full_fixture();
    let out = f.build(NOW);
    for path in [
        "index.html",
        "kien-thuc/index.html",
        "kien-thuc/chi-so-par/index.html",
        "van-ban/index.html",
        "van-ban/cu-nhat/index.html",
        "van-ban/5628-bnv-cchc/index.html",
        "van-ban/loai/cong-van/index.html",
        "van-ban/co-quan/bo-noi-vu/index.html",
        "van-ban/linh-vuc/cong-vu-cong-chuc/index.html",
        "van-ban/nam/2021/index.html",
        "van-ban/du-lieu.json",
        "hoi-dap/khong-nhan-duoc-thu/index.html",
        "gop-y/dang-mo/index.html",
        "tin-tuc/index.html",
        "tin-tuc/trang/2/index.html",
        "tin-tuc/atom.xml",
        "van-ban/atom.xml",
        "hoi-dap/atom.xml",
        "linh-vuc/index.html",
        "linh-vuc/thu-tuc-hanh-chinh/index.html",
        "the/dao-tao/index.html",
        "tim-kiem/index.html",
        "sitemap.xml",
        "robots.txt",
        "404.html",
    ] {
        assert!(out.get(path).is_some(), "{path} missing");
    }
    assert!(matches!(
        out.get("van-ban/5628-bnv-cchc/tom-tat.pdf"),
        Some(site::OutFile::Copy(_))
    ));
    assert!(
        out.files
            .keys()
            .any(|k| k.starts_with("assets/style.") && k.ends_with(".css")),
        "fingerprinted CSS"
    );
}

#[test]
fn document_page_shows_metadata_attachments_and_both_way_relations() {
    let out = full_fixture().build(NOW);
    let doc = html(&out, "van-ban/5628-bnv-cchc/index.html");
    assert!(doc.contains("<th scope=\"row\">Số ký hiệu</th><td>5628/BNV-CCHC</td>"));
    assert!(doc.contains("09/11/2021"));
    assert!(
        doc.contains("href=\"/van-ban/5628-bnv-cchc/tom-tat.pdf\" download>Tóm tắt</a>"),
        "{doc}"
    );
    assert!(doc.contains("Xem trực tuyến"));
    assert!(doc.contains("href=\"/van-ban/4566-bnv-cchc/\""));
    // 4566 does not list 5628, yet it shows as related because 5628 lists 4566.
    let other = html(&out, "van-ban/4566-bnv-cchc/index.html");
    assert!(other.contains("href=\"/van-ban/5628-bnv-cchc/\""));
}

#[test]
fn article_has_toc_and_resolved_links() {
    let out = full_fixture().build(NOW);
    let a = html(&out, "kien-thuc/chi-so-par/index.html");
    assert!(a.contains("<a href=\"#do-luong\">Đo lường</a>"));
    assert!(a.contains("href=\"/van-ban/5628-bnv-cchc/#ket-qua\""));
    assert!(a.contains(
        "<link rel=\"canonical\" href=\"https://example.gov.vn/kien-thuc/chi-so-par/\">"
    ));
    assert!(a.contains("property=\"og:title\" content=\"Chỉ số cải cách hành chính\""));
    assert!(a.contains("ngày 01 tháng 03 năm 2025"));
}

#[test]
fn consultation_state_follows_the_build_clock() {
    let f = full_fixture();
    let out = f.build(NOW);
    let open = html(&out, "gop-y/dang-mo/index.html");
    assert!(open.contains("Đang lấy ý kiến"));
    assert!(open.contains("action=\"/api/gop-y/dang-mo\""));
    assert!(
        open.contains("<option value=\"dieu-1-khoan-2\">Khoản 2, Điều 1</option>"),
        "{open}"
    );
    assert!(open.contains("id=\"dieu-1-khoan-1\""));
    let closed = html(&out, "gop-y/da-dong/index.html");
    assert!(closed.contains("Đã kết thúc"));
    assert!(closed.contains("Tổng hợp, tiếp thu, giải trình ý kiến"));
    assert!(!closed.contains("<form class=\"form\""));
    let upcoming = html(&out, "gop-y/sap-mo/index.html");
    assert!(upcoming.contains("Sắp mở") && !upcoming.contains("Gửi ý kiến"));
    // Two months later the open one has closed.
    let later = f.build("2027-02-01T09:00:00+07:00");
    assert!(html(&later, "gop-y/dang-mo/index.html").contains("Đã kết thúc"));
}

#[test]
fn question_page_never_shows_contact_details() {
    let out = full_fixture().build(NOW);
    let q = html(&out, "hoi-dap/khong-nhan-duoc-thu/index.html");
    assert!(q.contains("Nguyễn Văn A"));
    assert!(q.contains("Tôi không nhận được thư mời khảo sát?"));
    assert!(!q.contains('@'), "no email-like text");
}

#[test]
fn listings_paginate_and_feeds_list_newest_first() {
    let out = full_fixture().build(NOW);
    let p1 = html(&out, "tin-tuc/index.html");
    let p2 = html(&out, "tin-tuc/trang/2/index.html");
    assert!(p1.contains("Tin số 4") && p1.contains("Tin số 2") && !p1.contains("Tin số 1<"));
    assert!(p2.contains("Tin số 1") && p2.contains("rel=\"prev\""));
    let feed = html(&out, "tin-tuc/atom.xml");
    let (i4, i1) = (
        feed.find("Tin số 4").unwrap(),
        feed.find("Tin số 1").unwrap(),
    );
    assert!(i4 < i1);
    assert!(feed.contains("<id>https://example.gov.vn/tin-tuc/tin-4/</id>"));
}

#[test]
fn taxonomy_terms_sort_in_vietnamese_order() {
    let f = Fixture::new();
    for (i, field) in ["Đất đai", "Y tế", "Dân tộc", "An ninh", "Ăn uống"]
        .iter()
        .enumerate()
    {
        f.write(
            &format!("content/tin-tuc/t{i}.md"),
            &format!(
                "---\ntitle: T{i}\ndate: 2026-01-0{}\nfields: [{field}]\n---\nx\n",
                i + 1
            ),
        );
    }
    let out = f.build(NOW);
    let list = html(&out, "linh-vuc/index.html");
    let pos: Vec<usize> = ["An ninh", "Ăn uống", "Dân tộc", "Đất đai", "Y tế"]
        .iter()
        .map(|t| list.find(t).unwrap())
        .collect();
    assert!(pos.windows(2).all(|w| w[0] < w[1]), "{pos:?}");
    assert!(out.get("linh-vuc/dat-dai/index.html").is_some());
}

#[test]
fn drafts_and_future_pages_are_left_out_unless_asked() {
    let f = Fixture::new();
    f.write(
        "content/tin-tuc/nhap.md",
        "---\ntitle: Bản nháp\ndate: 2026-01-01\ndraft: true\n---\nx\n",
    );
    f.write(
        "content/tin-tuc/tuong-lai.md",
        "---\ntitle: Tương lai\ndate: 2027-01-01\n---\nx\n",
    );
    let out = f.build(NOW);
    assert!(out.get("tin-tuc/nhap/index.html").is_none());
    assert!(out.get("tin-tuc/tuong-lai/index.html").is_none());
    assert!(!html(&out, "sitemap.xml").contains("tuong-lai"));
    let mut opts = f.options(NOW);
    opts.drafts = true;
    opts.future = true;
    let out = site::Site::load(opts).unwrap().render().unwrap();
    assert!(out.get("tin-tuc/nhap/index.html").is_some());
    assert!(out.get("tin-tuc/tuong-lai/index.html").is_some());
}

#[test]
fn decomposed_input_is_stored_as_nfc() {
    let f = Fixture::new();
    // "Nghị định" typed with combining marks.
    f.write(
        "content/tin-tuc/nfc.md",
        "---\ntitle: \"Ngh\u{0069}\u{0323} \u{0111}i\u{0323}nh mới\"\ndate: 2026-01-01\n---\nx\n",
    );
    let out = f.build(NOW);
    let page = html(&out, "tin-tuc/nfc/index.html");
    assert!(page.contains("<h1>Nghị định mới</h1>"));
}
