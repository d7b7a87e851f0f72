//! `corpus --pages N [--seed S] --out DIR [--theme DIR]`: writes the benchmark
//! corpus of N pages into DIR/ours, DIR/hugo and DIR/eleventy (see the crate docs).

use std::path::PathBuf;
use std::process::ExitCode;

fn main() -> ExitCode {
    let mut pages = 1000usize;
    let mut seed = 7u64;
    let mut out: Option<PathBuf> = None;
    let mut theme = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../theme");
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        let mut val = || args.next().unwrap_or_default();
        match a.as_str() {
            "--pages" => pages = val().parse().unwrap_or(0),
            "--seed" => seed = val().parse().unwrap_or(0),
            "--out" => out = Some(val().into()),
            "--theme" => theme = val().into(),
            _ => {
                eprintln!("usage: corpus --pages N [--seed S] --out DIR [--theme DIR]");
                return ExitCode::from(2);
            }
        }
    }
    let Some(out) = out.filter(|_| pages > 0) else {
        eprintln!("usage: corpus --pages N [--seed S] --out DIR [--theme DIR]");
        return ExitCode::from(2);
    };
    if out.exists() {
        if let Err(e) = std::fs::remove_dir_all(&out) {
            eprintln!("corpus: cannot clear {}: {e}", out.display());
            return ExitCode::FAILURE;
        }
    }
    let corpus = bench::generate(pages, seed);
    match bench::write_all(&corpus, &out, &theme) {
        Ok(()) => {
            println!("corpus: {pages} pages (seed {seed}) in {}", out.display());
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("corpus: {e}");
            ExitCode::FAILURE
        }
    }
}
