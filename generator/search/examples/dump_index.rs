//! Writes the fixture's index and Rust's answers to the fixture queries, for
//! the JS test: `cargo run -p search --example dump_index -- OUTDIR`.
//!
//! OUTDIR gets the index files at their site paths (tim-kiem/chi-muc/…) and
//! `expected.json`: per query the total, the ranked hits (marks in code
//! points, as JS counts them) and the files JS should fetch.

use std::path::PathBuf;

use search::{synth, SearchIndex, PAGE_SIZE};
use serde_json::json;

fn main() {
    let out: PathBuf = std::env::args_os()
        .nth(1)
        .expect("usage: dump_index OUTDIR")
        .into();
    // Small shards, so the fixture spreads over many and the JS test
    // exercises shard lookup and completions that run across shards.
    let index = SearchIndex::build_with_shard_size(&synth::fixture(), 600);
    for (path, bytes) in index.files() {
        let p = out.join(&path);
        std::fs::create_dir_all(p.parent().expect("files sit in folders")).expect("mkdir");
        std::fs::write(&p, bytes).expect("write index file");
    }
    let expected: Vec<_> = synth::FIXTURE_QUERIES
        .iter()
        .map(|q| {
            let res = index.search(q, 0, PAGE_SIZE);
            let hits: Vec<_> = res
                .hits
                .iter()
                .map(|h| {
                    let cp = |byte: usize| h.snippet[..byte].chars().count();
                    let marks: Vec<_> = h.marks.iter().map(|&(a, b)| [cp(a), cp(b)]).collect();
                    json!({
                        "url": h.url,
                        "title": h.title,
                        "section": h.section,
                        "date": h.date,
                        "snippet": h.snippet,
                        "marks": marks,
                        "score": h.score,
                    })
                })
                .collect();
            let fetches: Vec<_> = index
                .fetches_for_query(q)
                .into_iter()
                .map(|(path, _)| path)
                .collect();
            json!({ "query": q, "total": res.total, "hits": hits, "fetches": fetches })
        })
        .collect();
    let text = serde_json::to_string_pretty(&expected).expect("serialises");
    std::fs::write(out.join("expected.json"), text).expect("write expected.json");
    println!(
        "wrote {} files and expected.json to {}",
        index.files().len(),
        out.display()
    );
}
