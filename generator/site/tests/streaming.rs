//! `cchc build` streams files to disk as they are rendered; the result must
//! be exactly the in-memory output (what `cchc serve` serves).

use std::path::Path;

use chrono::{DateTime, FixedOffset};
use site::{BuildOptions, OutFile, Output, Site};

#[test]
fn streamed_build_writes_exactly_the_in_memory_output() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let mut opts = BuildOptions::new(&root);
    opts.now =
        Some(DateTime::<FixedOffset>::parse_from_rfc3339("2026-11-15T09:00:00+07:00").unwrap());
    let site = Site::load(opts).unwrap_or_else(|d| panic!("{d}"));
    let memory = site.render().unwrap_or_else(|d| panic!("{d}"));

    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("public");
    std::fs::create_dir_all(dir.join("stale")).unwrap();
    std::fs::write(dir.join("stale/index.html"), "old").unwrap();
    let streamed = site
        .render_to(Output::to_dir(&dir).unwrap())
        .unwrap_or_else(|d| panic!("{d}"));
    assert_eq!(streamed.file_count(), memory.files.len());
    assert_eq!(streamed.html_count(), memory.html_count());
    assert!(
        dir.join("stale/index.html").exists(),
        "the old output stays until the build is done"
    );
    streamed.finish(&dir).unwrap();

    assert!(
        !dir.join("stale").exists(),
        "a removed page does not linger"
    );
    let mut on_disk = 0;
    for e in walkdir::WalkDir::new(&dir) {
        let e = e.unwrap();
        if e.file_type().is_file() {
            on_disk += 1;
        }
    }
    assert_eq!(on_disk, memory.files.len());
    for (path, f) in &memory.files {
        let want = match f {
            OutFile::Bytes(b) => b.clone(),
            OutFile::Copy(p) => std::fs::read(p).unwrap(),
        };
        assert_eq!(std::fs::read(dir.join(path)).unwrap(), want, "{path}");
    }
    let leftovers: Vec<_> = std::fs::read_dir(tmp.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(
        leftovers,
        vec![std::ffi::OsString::from("public")],
        "no temporary folder left"
    );
}

#[test]
fn a_dropped_streaming_output_removes_what_it_wrote() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("public");
    let mut out = Output::to_dir(&dir).unwrap();
    out.add("a/index.html", "x");
    drop(out);
    assert_eq!(std::fs::read_dir(tmp.path()).unwrap().count(), 0);
}
