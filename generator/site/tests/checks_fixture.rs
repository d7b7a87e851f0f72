mod fixture;

use fixture::Fixture;

const NOW: &str = "2026-11-23T10:00:00+07:00";

#[test]
fn broken_internal_link_names_file_and_line() {
    let f = Fixture::new();
    f.write(
        "content/tin-tuc/a.md",
        "---\ntitle: A\ndate: 2026-01-01\n---\nDòng 5.\n\nXem [trang](@/kien-thuc/khong-co.md).\n",
    );
    let p = f.problems(NOW);
    assert!(
        p.contains(
            "content/tin-tuc/a.md:7: broken internal link: no page at @/kien-thuc/khong-co.md"
        ),
        "{p}"
    );
}

#[test]
fn broken_anchor_is_reported() {
    let f = Fixture::new();
    f.write(
        "content/tin-tuc/a.md",
        "---\ntitle: A\ndate: 2026-01-01\n---\n## Có thật\n",
    );
    f.write("content/tin-tuc/b.md", "---\ntitle: B\ndate: 2026-01-01\n---\n[ok](@/tin-tuc/a.md#co-that) [hỏng](@/tin-tuc/a.md#khong-co)\n");
    let p = f.problems(NOW);
    assert!(
        p.contains("content/tin-tuc/b.md:5: broken anchor: @/tin-tuc/a.md has no #khong-co"),
        "{p}"
    );
    assert!(!p.contains("#co-that"));
}

#[test]
fn unknown_document_reference_in_text_and_front_matter() {
    let f = Fixture::new();
    f.document("a", "1/BNV-CCHC", "related:\n  - 2/BNV-CCHC\n");
    f.write(
        "content/tin-tuc/a.md",
        "---\ntitle: A\ndate: 2026-01-01\n---\nTheo [văn bản](vb:99/XX-YY).\n",
    );
    let p = f.problems(NOW);
    assert!(
        p.contains("content/van-ban/a/index.md:10: related: no document with number 2/BNV-CCHC"),
        "{p}"
    );
    assert!(
        p.contains(
            "content/tin-tuc/a.md:5: broken document reference: no document with number 99/XX-YY"
        ),
        "{p}"
    );
}

#[test]
fn bad_front_matter_date_names_the_line() {
    let f = Fixture::new();
    f.write(
        "content/tin-tuc/a.md",
        "---\ntitle: A\ntags: [x]\ndate: 2026-02-30\n---\nx\n",
    );
    let p = f.problems(NOW);
    assert!(
        p.contains("content/tin-tuc/a.md:4: front matter: invalid date \"2026-02-30\""),
        "{p}"
    );
}

#[test]
fn unknown_front_matter_field_is_refused() {
    let f = Fixture::new();
    f.write(
        "content/tin-tuc/a.md",
        "---\ntitle: A\ndate: 2026-01-01\nisued: 2026-01-01\n---\nx\n",
    );
    let p = f.problems(NOW);
    assert!(
        p.contains("content/tin-tuc/a.md:4: front matter: unknown field `isued`"),
        "{p}"
    );
}

#[test]
fn document_metadata_checks() {
    let f = Fixture::new();
    // Bad number format.
    f.document("so-sai", "5628-BNV-CCHC", "");
    let p = f.problems(NOW);
    assert!(p.contains("content/van-ban/so-sai/index.md:3: front matter: invalid document number \"5628-BNV-CCHC\""), "{p}");

    let f = Fixture::new();
    // effective before issued; not-yet-in-force with a past date; one-sided replaced_by; replaced but in force; missing attachment.
    f.document("a", "1/QĐ-BNV", "effective: 2021-01-01\n");
    f.document("b", "2/QĐ-BNV", "replaced_by: [3/QĐ-BNV]\n");
    f.document("c", "3/QĐ-BNV", "");
    f.document("d", "4/QĐ-BNV", "attachments:\n  - file: thieu.pdf\n");
    f.write("content/van-ban/e/index.md", "---\ntitle: E\nnumber: 5/QĐ-BNV\ndoc_type: Quyết định\nissuer: Bộ Nội vụ\nissued: 2021-11-09\neffective: 2022-01-01\nstatus: chưa có hiệu lực\nsummary: x\n---\nx\n");
    let p = f.problems(NOW);
    assert!(
        p.contains(
            "content/van-ban/a/index.md:9: effective (2021-01-01) is before issued (2021-11-09)"
        ),
        "{p}"
    );
    assert!(p.contains("content/van-ban/b/index.md:9: replaced_by: 3/QĐ-BNV does not list 2/QĐ-BNV in its replaces"), "{p}");
    assert!(p.contains("content/van-ban/b/index.md:7: status: a document with replaced_by must be \"hết hiệu lực\""), "{p}");
    assert!(
        p.contains("content/van-ban/d/index.md:10: attachments: file thieu.pdf is missing"),
        "{p}"
    );
    assert!(p.contains("content/van-ban/e/index.md:8: status: \"chưa có hiệu lực\" but effective (2022-01-01) has passed"), "{p}");
}

#[test]
fn consistent_replacement_passes() {
    let f = Fixture::new();
    f.document("old", "2/QĐ-BNV", "replaced_by: [3/QĐ-BNV]\n");
    f.write(
        "content/van-ban/old/index.md",
        &std::fs::read_to_string(f.root().join("content/van-ban/old/index.md"))
            .unwrap()
            .replace("còn hiệu lực", "hết hiệu lực"),
    );
    f.document("new", "3/QĐ-BNV", "replaces: [2/QĐ-BNV]\n");
    let out = f.build(NOW);
    let old = fixture::html(&out, "van-ban/old/index.html");
    assert!(old.contains("Văn bản này đã bị thay thế"));
}

#[test]
fn consultation_with_closes_before_opens_fails() {
    let f = Fixture::new();
    f.write(
        "content/gop-y/x/index.md",
        "---\ntitle: X\nagency: BNV\nopens: 2026-02-01 08:00\ncloses: 2026-01-01 08:00\n---\nx\n",
    );
    let p = f.problems(NOW);
    assert!(
        p.contains("content/gop-y/x/index.md:5: closes must be after opens"),
        "{p}"
    );
}
