//! Builds the index of a synthetic site and prints what it costs:
//! `cargo run -p search --release --example index_size -- 10000`.

use std::time::Instant;

use search::{synth, SearchIndex};

/// Queries as people type them: without tones, with tones, half-typed, and
/// the worst case of several very common words.
const QUERIES: &[&str] = &[
    "thu tuc hanh chinh",
    "thủ tục hành chính",
    "nghi dinh",
    "dang ky",
    "đăng ký kinh doanh",
    "duong",
    "đường",
    "thu tuc hanh ch",
    "cai cach hanh chinh nha nuoc",
    "cua va cac la co duoc trong cho",
    "t",
    "5628",
    "dịch vụ công trực tuyến",
];

/// Process CPU time (user + system) in seconds, from /proc on Linux: the
/// build's cost independent of what else the shared machine is running.
fn cpu_seconds() -> Option<f64> {
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    let fields: Vec<&str> = stat.rsplit(')').next()?.split_whitespace().collect();
    let ticks: f64 = fields.get(11)?.parse::<f64>().ok()? + fields.get(12)?.parse::<f64>().ok()?;
    Some(ticks / 100.0)
}

fn main() {
    let n: usize = std::env::args()
        .nth(1)
        .map(|a| a.parse().expect("number of pages"))
        .unwrap_or(10_000);
    let words: usize = std::env::args()
        .nth(2)
        .map(|a| a.parse().expect("words per page"))
        .unwrap_or(600);
    let t = Instant::now();
    let docs = synth::corpus(n, words);
    let text: usize = docs
        .iter()
        .map(|d| d.body.len() + d.title.len() + d.summary.len())
        .sum();
    println!(
        "corpus: {n} pages, ~{words} words each, {:.1} MB of text, generated in {:?}",
        text as f64 / 1e6,
        t.elapsed()
    );

    const RUNS: usize = 7;
    let mut times = Vec::new();
    let mut index = None;
    let cpu0 = cpu_seconds();
    for _ in 0..RUNS {
        let t = Instant::now();
        index = Some(SearchIndex::build(&docs));
        times.push(t.elapsed());
    }
    let cpu = cpu0.zip(cpu_seconds()).map(|(a, b)| (b - a) / RUNS as f64);
    times.sort();
    let index = index.expect("built");
    println!(
        "build: best {:.0} ms, median {:.0} ms wall over {RUNS} runs on {} threads; {} CPU per build",
        times[0].as_secs_f64() * 1e3,
        times[RUNS / 2].as_secs_f64() * 1e3,
        rayon::current_num_threads(),
        cpu.map_or("n/a".into(), |c| format!("{:.0} ms", c * 1e3))
    );

    let files = index.files();
    let size = |pred: &dyn Fn(&str) -> bool| -> (usize, usize) {
        files
            .iter()
            .filter(|(p, _)| pred(p))
            .fold((0, 0), |(c, s), (_, b)| (c + 1, s + b.len()))
    };
    let (sc, ss) = size(&|p| p.contains("/s/"));
    let (dc, ds) = size(&|p| p.contains("/d/"));
    let (_, ms) = size(&|p| p.ends_with("manifest.json"));
    let largest = files
        .iter()
        .filter(|(p, _)| p.contains("/s/"))
        .map(|(_, b)| b.len())
        .max()
        .unwrap_or(0);
    println!(
        "index: {} keys; {sc} shards {:.2} MB (largest {:.1} kB); {dc} doc chunks {:.2} MB; manifest {:.1} kB",
        index.key_count(),
        ss as f64 / 1e6,
        largest as f64 / 1e3,
        ds as f64 / 1e6,
        ms as f64 / 1e3
    );
    println!(
        "{:<34} {:>8} {:>6} {:>9}",
        "query", "results", "files", "bytes"
    );
    for q in QUERIES {
        let fetches = index.fetches_for_query(q);
        let bytes: usize = fetches.iter().map(|(_, b)| b).sum();
        let total = index.search(q, 0, 0).total;
        println!(
            "{:<34} {:>8} {:>6} {:>9}",
            format!("“{q}”"),
            total,
            fetches.len(),
            bytes
        );
    }
}
