//! A 10,000-page site: what one query downloads stays within 150 kB.

use search::{synth, SearchIndex};

const BUDGET: usize = 150 * 1000;

/// Typical and worst-case queries: the required examples, with and without
/// tones, half-typed, and long runs of the most common words (whose posting
/// lists cover nearly every page).
const QUERIES: &[&str] = &[
    "thu tuc hanh chinh",
    "thủ tục hành chính",
    "nghi dinh",
    "Nghị định",
    "dang ky",
    "đăng ký kinh doanh",
    "duong",
    "đường",
    "thu tuc hanh ch",
    "t",
    "cai cach hanh chinh nha nuoc",
    "của và các là có được trong cho",
    "dịch vụ công trực tuyến",
    "nghi dinh 61",
    "xyzzy",
];

#[test]
fn a_query_downloads_at_most_150_kb_on_a_10000_page_site() {
    let docs = synth::corpus(10_000, 600);
    let index = SearchIndex::build(&docs);
    let files = index.files();
    let total: usize = files.iter().map(|(_, b)| b.len()).sum();
    println!(
        "10,000 pages: {} keys, {} files, {:.2} MB in all",
        index.key_count(),
        files.len(),
        total as f64 / 1e6
    );
    let mut worst = 0;
    for q in QUERIES {
        let fetches = index.fetches_for_query(q);
        let bytes = index.bytes_for_query(q);
        let results = index.search(q, 0, 0).total;
        println!(
            "{:<40} {:>6} results {:>3} files {:>7} bytes",
            format!("“{q}”"),
            results,
            fetches.len(),
            bytes
        );
        assert!(bytes <= BUDGET, "“{q}” needs {bytes} bytes");
        worst = worst.max(bytes);
    }
    println!("largest: {worst} bytes of {BUDGET}");
}
