//! `cargo run --release -p site --example profile_build -- ROOT OUT`: a build
//! with the time of each phase, for profiling (bench/, BENCHMARKS.md).

use std::time::Instant;

fn main() {
    let mut args = std::env::args().skip(1);
    let root = args.next().expect("ROOT");
    let out = args.next().expect("OUT");
    let t = Instant::now();
    let site = site::Site::load(site::BuildOptions::new(&root)).unwrap_or_else(|d| panic!("{d}"));
    let load = t.elapsed();
    eprintln!("after load: {}", peak_rss());
    let out = std::path::Path::new(&out);
    let sink = site::Output::to_dir(out).expect("output folder");
    let output = site.render_to(sink).unwrap_or_else(|d| panic!("{d}"));
    let files = output.file_count();
    let render = t.elapsed() - load;
    eprintln!("after render: {}", peak_rss());
    output.finish(out).expect("write");
    let write = t.elapsed() - load - render;
    eprintln!(
        "load {:?}  render+write {:?}  finish {:?}  total {:?}  ({} files)",
        load,
        render,
        write,
        t.elapsed(),
        files
    );
}

/// The process's peak resident memory so far (Linux), to see which phase sets it.
fn peak_rss() -> String {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmHWM"))
                .map(str::to_owned)
        })
        .unwrap_or_default()
}
