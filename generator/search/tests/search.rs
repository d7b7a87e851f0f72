//! How people search: without tones, with tones, half-typed, several words.

use search::{synth, Hit, SearchIndex};

fn index() -> SearchIndex {
    SearchIndex::build(&synth::fixture())
}

fn urls(hits: &[Hit]) -> Vec<&str> {
    hits.iter().map(|h| h.url.as_str()).collect()
}

fn fixture_text(url: &str) -> String {
    let d = synth::fixture()
        .into_iter()
        .find(|d| d.url == url)
        .expect("url in fixture");
    format!("{} {} {}", d.title, d.summary, d.body).to_lowercase()
}

#[test]
fn queries_without_tones_find_accented_documents() {
    let idx = index();
    for (q, url) in [
        ("thu tuc hanh chinh", "/kien-thuc/thu-tuc-hanh-chinh-la-gi/"),
        ("nghi dinh", "/van-ban/61-2018-nd-cp/"),
        ("nghi dinh", "/van-ban/107-2021-nd-cp/"),
        ("dang ky", "/hoi-dap/dang-ky-ho-kinh-doanh/"),
        ("dang ky", "/gop-y/dang-ky-dat-dai/"),
        ("duong", "/tin-tuc/duong-day-nong/"),
        ("duong", "/tin-tuc/nang-cap-duong/"),
        ("DUONG", "/tin-tuc/duong-day-nong/"),
    ] {
        let hits = idx.query(q, 50);
        assert!(
            urls(&hits).contains(&url),
            "{q} should find {url}: {:?}",
            urls(&hits)
        );
    }
}

#[test]
fn queries_with_tones_find_the_same_documents() {
    let idx = index();
    let mut plain = urls(&idx.query("thu tuc hanh chinh", 50))
        .into_iter()
        .map(String::from)
        .collect::<Vec<_>>();
    let mut toned = urls(&idx.query("Thủ tục hành chính", 50))
        .into_iter()
        .map(String::from)
        .collect::<Vec<_>>();
    plain.sort();
    toned.sort();
    assert_eq!(plain, toned);
    // Tones typed as combining marks are the same query.
    assert_eq!(
        urls(&idx.query("Ngh\u{0069}\u{0323} \u{0111}i\u{0323}nh", 10)),
        urls(&idx.query("Nghị định", 10))
    );
}

/// Documents ordered by how many of the query's words they contain with
/// exactly the typed tones: every exact match above every folded-only one.
fn assert_exact_first(idx: &SearchIndex, q: &str) {
    let hits = idx.query(q, 50);
    let typed: Vec<String> = q.split_whitespace().map(str::to_lowercase).collect();
    let exact: Vec<usize> = hits
        .iter()
        .map(|h| {
            let text = fixture_text(&h.url);
            let words: Vec<&str> = text.split(|c: char| !c.is_alphanumeric()).collect();
            typed.iter().filter(|t| words.contains(&t.as_str())).count()
        })
        .collect();
    assert!(
        exact.first() == Some(&typed.len()),
        "{q}: top hit not exact: {exact:?}"
    );
    assert!(
        exact.iter().any(|&e| e < typed.len()),
        "{q}: no folded-only match to rank below"
    );
    assert!(
        exact.windows(2).all(|w| w[0] >= w[1]),
        "{q}: an exact match ranks below a folded one: {exact:?} {:?}",
        urls(&hits)
    );
}

#[test]
fn exact_diacritics_rank_first() {
    let idx = index();
    // "đường" (road) above "Dương" (a province), "Duong" (a name), "dưỡng".
    assert_exact_first(&idx, "đường");
    assert_exact_first(&idx, "dương");
    // "đăng ký" above "đảng … kỳ họp … đang".
    assert_exact_first(&idx, "đăng ký");
    // "Nghị định" above "nghỉ phép định kỳ" and "đề nghị … gia đình".
    assert_exact_first(&idx, "nghị định");
    assert_eq!(idx.query("đường", 1)[0].url, "/tin-tuc/nang-cap-duong/");
    assert_eq!(
        idx.query("dương", 1)[0].url,
        "/tin-tuc/binh-duong-chi-so-hai-long/"
    );
    assert_eq!(idx.query("nghỉ", 1)[0].url, "/hoi-dap/nghi-phep-dinh-ky/");
}

#[test]
fn every_word_must_match() {
    let idx = index();
    let hits = idx.query("dang ky dat dai", 50);
    assert_eq!(urls(&hits), ["/gop-y/dang-ky-dat-dai/"]);
    for h in idx.query("cai cach hanh chinh", 50) {
        let text = search::key_of(&fixture_text(&h.url));
        for w in ["cai", "cach", "hanh", "chinh"] {
            assert!(text.contains(w), "{} lacks {w}", h.url);
        }
    }
    assert!(idx.query("dang ky xyzzy", 50).is_empty());
}

#[test]
fn the_last_word_matches_as_a_prefix_while_typing() {
    let idx = index();
    let full = urls(&idx.query("thu tuc hanh chinh", 50))
        .into_iter()
        .map(String::from)
        .collect::<Vec<_>>();
    let partial = idx.query("thu tuc hanh ch", 50);
    for u in &full {
        assert!(urls(&partial).contains(&u.as_str()), "{u}");
    }
    assert!(urls(&idx.query("dang k", 50)).contains(&"/hoi-dap/dang-ky-ho-kinh-doanh/"));
    assert!(urls(&idx.query("nghi din", 50)).contains(&"/van-ban/61-2018-nd-cp/"));
    // A trailing space ends the word: "din" is then a whole (absent) word.
    assert!(idx.query("nghi din ", 50).is_empty());
    // Only the last word is a prefix.
    assert!(idx.query("ngh dinh", 50).is_empty());
}

#[test]
fn snippets_keep_tones_and_mark_matches() {
    let idx = index();
    let hit = &idx.query("dang ky ho kinh doanh", 1)[0];
    assert_eq!(hit.url, "/hoi-dap/dang-ky-ho-kinh-doanh/");
    assert!(
        hit.snippet.contains("đăng ký hộ kinh doanh"),
        "{}",
        hit.snippet
    );
    let marked: Vec<&str> = hit.marks.iter().map(|&(a, b)| &hit.snippet[a..b]).collect();
    assert!(
        marked.contains(&"đăng") && marked.contains(&"ký"),
        "{marked:?}"
    );
    assert!(hit
        .snippet_html()
        .contains("<mark>đăng</mark> <mark>ký</mark>"));
    assert_eq!(hit.section, "Hỏi đáp");
    assert_eq!(hit.date.as_deref(), Some("12/03/2024"));
    // A page without summary shows the opening of its body, cut on a word.
    let intro = &idx.query("gioi thieu", 1)[0];
    assert!(intro
        .snippet
        .starts_with("Cổng thông tin cải cách hành chính"));
    assert!(intro.snippet.ends_with('…'));
}

#[test]
fn empty_and_punctuation_queries_find_nothing() {
    let idx = index();
    assert!(idx.query("", 10).is_empty());
    assert!(idx.query(" — ? ", 10).is_empty());
    assert_eq!(idx.bytes_for_query(""), 0);
    let empty = SearchIndex::build(&[]);
    assert!(empty.query("dang ky", 10).is_empty());
    assert!(
        empty.bytes_for_query("dang ky") > 0,
        "the manifest is still fetched"
    );
    let blank = SearchIndex::build(&[search::SearchDoc {
        url: "/trong/".into(),
        ..Default::default()
    }]);
    assert!(blank.query("dang ky", 10).is_empty());
    assert_eq!(blank.files().len(), 2, "manifest and one doc chunk");
}

#[test]
fn paging_and_totals_agree() {
    let idx = index();
    let all = idx.search("thu tuc", 0, 100);
    let page2 = idx.search("thu tuc", 2, 2);
    assert_eq!(page2.total, all.total);
    assert_eq!(urls(&page2.hits), urls(&all.hits[2..4]));
}
