//! Smoke checks of the benchmark corpus: the same seed writes the same
//! bytes, and our flavour passes every build check with the real theme.

use std::collections::BTreeMap;
use std::path::Path;

fn tree(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut out = BTreeMap::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                stack.push(p);
            } else {
                let rel = p.strip_prefix(dir).unwrap().to_string_lossy().into_owned();
                out.insert(rel, std::fs::read(&p).unwrap());
            }
        }
    }
    out
}

fn theme() -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../theme")
}

#[test]
fn same_seed_same_files_other_seed_other_text() {
    let (a, b, c) = (
        tempfile::tempdir().unwrap(),
        tempfile::tempdir().unwrap(),
        tempfile::tempdir().unwrap(),
    );
    bench::write_all(&bench::generate(40, 7), a.path(), &theme()).unwrap();
    bench::write_all(&bench::generate(40, 7), b.path(), &theme()).unwrap();
    bench::write_all(&bench::generate(40, 8), c.path(), &theme()).unwrap();
    let (ta, tb, tc) = (tree(a.path()), tree(b.path()), tree(c.path()));
    assert_eq!(ta, tb);
    assert_ne!(ta, tc);
    for flavour in ["ours", "hugo", "eleventy"] {
        let pages = ta
            .keys()
            .filter(|k| {
                k.starts_with(&format!("{flavour}/content/"))
                    && k.ends_with(".md")
                    && !k.ends_with("_index.md")
            })
            .count();
        assert_eq!(pages, 40, "{flavour}");
    }
    for (path, bytes) in &ta {
        if path.ends_with(".md") {
            let text = std::str::from_utf8(bytes).unwrap();
            assert_eq!(vntext::nfc(text), text, "{path} is NFC");
        }
    }
}

#[test]
fn our_flavour_passes_every_check_and_builds() {
    let dir = tempfile::tempdir().unwrap();
    let corpus = bench::generate(120, 7);
    bench::write_ours(&corpus, dir.path(), &theme()).unwrap();
    let site = match site::Site::load(site::BuildOptions::new(dir.path())) {
        Ok(s) => s,
        Err(d) => panic!("the corpus fails `cchc check`:\n{d}"),
    };
    assert_eq!(site.library.pages.len(), 120);
    let out = site
        .render()
        .unwrap_or_else(|d| panic!("render failed:\n{d}"));
    // Pages, sections, taxonomy terms and the documents facets are all there.
    for p in [
        "kien-thuc/index.html",
        "van-ban/index.html",
        "hoi-dap/index.html",
        "the/index.html",
        "linh-vuc/index.html",
        "sitemap.xml",
    ] {
        assert!(out.get(p).is_some(), "{p}");
    }
    let first = &corpus.pages[0];
    assert!(out
        .get(&format!(
            "{}index.html",
            first.url().trim_start_matches('/')
        ))
        .is_some());
}
