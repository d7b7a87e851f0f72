use markdown::{render, LinkResolver, RenderOptions};

struct Fixture;

impl LinkResolver for Fixture {
    fn page_url(&self, source: &str) -> Option<String> {
        (source == "van-ban/5628-bnv-cchc/index.md").then(|| "/van-ban/5628-bnv-cchc/".to_owned())
    }
    fn document(&self, number: &str) -> Option<(String, String)> {
        (number == "5628/BNV-CCHC").then(|| {
            (
                "/van-ban/5628-bnv-cchc/".to_owned(),
                "van-ban/5628-bnv-cchc/index.md".to_owned(),
            )
        })
    }
}

fn opts(first_line: usize) -> RenderOptions {
    RenderOptions {
        legal_anchors: false,
        first_line,
    }
}

#[test]
fn source_links_and_document_numbers_resolve() {
    let r = render(
        "Xem [công văn](@/van-ban/5628-bnv-cchc/index.md#ket-qua) và [5628](vb:5628/BNV-CCHC).",
        &opts(5),
        &Fixture,
    );
    assert!(r.errors.is_empty(), "{:?}", r.errors);
    assert!(
        r.html.contains("href=\"/van-ban/5628-bnv-cchc/#ket-qua\""),
        "{}",
        r.html
    );
    assert!(
        r.html.contains("href=\"/van-ban/5628-bnv-cchc/\">5628"),
        "{}",
        r.html
    );
    assert_eq!(r.links.len(), 1);
    assert_eq!(r.links[0].anchor.as_deref(), Some("ket-qua"));
    assert_eq!(r.links[0].line, 5);
    assert_eq!(r.cited_documents, vec!["van-ban/5628-bnv-cchc/index.md"]);
}

#[test]
fn broken_links_report_their_line() {
    let body = "Dòng một.\n\nDòng ba có [liên kết hỏng](@/kien-thuc/khong-co.md).\n\n[Số sai](vb:1/XX-YY)\n";
    let r = render(body, &opts(10), &Fixture);
    assert_eq!(r.errors.len(), 2, "{:?}", r.errors);
    assert_eq!(r.errors[0].line, 12);
    assert!(r.errors[0].message.contains("@/kien-thuc/khong-co.md"));
    assert_eq!(r.errors[1].line, 14);
    assert!(r.errors[1].message.contains("1/XX-YY"));
}

#[test]
fn headings_get_unique_slug_ids_and_a_toc() {
    let r = render(
        "## Đánh giá kết quả\n\ntext\n\n### Chỉ số PAR\n\n## Đánh giá kết quả\n\n#### Nhỏ\n",
        &opts(1),
        &Fixture,
    );
    let ids: Vec<&str> = r.toc.iter().map(|h| h.id.as_str()).collect();
    assert_eq!(
        ids,
        vec!["danh-gia-ket-qua", "chi-so-par", "danh-gia-ket-qua-1"]
    );
    assert!(
        r.html
            .contains("<h2 id=\"danh-gia-ket-qua\">Đánh giá kết quả</h2>"),
        "{}",
        r.html
    );
    assert!(r.anchors.contains("nho"));
}

#[test]
fn legal_drafts_get_stable_article_and_clause_anchors() {
    let body = "## Chương I. Quy định chung\n\n### Điều 1. Phạm vi\n\n1. Khoản một.\n2. Khoản hai.\n   - ý phụ\n\n### Điều 2. Đối tượng\n\n1. Chỉ một khoản.\n";
    let r = render(
        body,
        &RenderOptions {
            legal_anchors: true,
            first_line: 1,
        },
        &Fixture,
    );
    for id in [
        "chuong-i",
        "dieu-1",
        "dieu-1-khoan-1",
        "dieu-1-khoan-2",
        "dieu-2",
        "dieu-2-khoan-1",
    ] {
        assert!(r.anchors.contains(id), "missing {id} in {:?}", r.anchors);
        assert!(
            r.html.contains(&format!("id=\"{id}\"")),
            "missing {id} in html {}",
            r.html
        );
    }
    assert!(
        !r.anchors.contains("dieu-1-khoan-3"),
        "nested list items are not clauses"
    );
}

#[test]
fn plain_text_is_collected_for_search() {
    let r = render("# Thủ tục\n\nĐăng ký **hộ kinh doanh** trực tuyến.\n\n| Cột | Giá trị |\n|---|---|\n| a | b |\n", &opts(1), &Fixture);
    assert!(r.text.contains("Thủ tục"));
    assert!(r.text.contains("hộ kinh doanh"));
    assert!(r.html.contains("class=\"table-wrap\""));
}
