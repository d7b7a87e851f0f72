//! `cchc build` and `cchc check` on the shipped site, and on copies of it with
//! one mistake each, run as an editor would run them.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn cchc(args: &[&str], root: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_cchc"))
        .arg("--root")
        .arg(root)
        .args(args)
        .output()
        .expect("cchc runs")
}

/// A copy of the shipped site (content, theme, site.yaml) in a temp folder.
fn site_copy() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for entry in walkdir::WalkDir::new(repo()) {
        let e = entry.unwrap();
        let rel = e.path().strip_prefix(repo()).unwrap();
        let top = rel
            .components()
            .next()
            .map(|c| c.as_os_str().to_string_lossy().into_owned())
            .unwrap_or_default();
        if !(top == "content" || top == "theme" || top == "site.yaml") {
            continue;
        }
        let dest = dir.path().join(rel);
        if e.file_type().is_dir() {
            fs::create_dir_all(&dest).unwrap();
        } else {
            fs::copy(e.path(), &dest).unwrap();
        }
    }
    dir
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

#[test]
fn shipped_site_builds_every_page_type_with_no_warning() {
    let dir = site_copy();
    let out = cchc(&["build", "--out", "public"], dir.path());
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        stderr(&out).trim().is_empty(),
        "build printed warnings: {}",
        stderr(&out)
    );
    let public = dir.path().join("public");
    for p in [
        "index.html",
        "kien-thuc/index.html",
        "van-ban/index.html",
        "van-ban/5628-bnv-cchc/index.html",
        "van-ban/loai/cong-van/index.html",
        "van-ban/co-quan/bo-noi-vu/index.html",
        "van-ban/nam/2021/index.html",
        "hoi-dap/index.html",
        "gop-y/index.html",
        "khao-sat/index.html",
        "tin-tuc/atom.xml",
        "linh-vuc/index.html",
        "the/index.html",
        "tim-kiem/index.html",
        "sitemap.xml",
        "robots.txt",
        "404.html",
    ] {
        assert!(public.join(p).is_file(), "{p} missing");
    }
    let count = walkdir::WalkDir::new(&public)
        .into_iter()
        .filter(|e| {
            e.as_ref()
                .is_ok_and(|e| e.path().extension().is_some_and(|x| x == "html"))
        })
        .count();
    assert!(count >= 40, "only {count} pages");
    // Every pilot record is in the documents database with its real number.
    let listing: String = ["van-ban/index.html", "van-ban/trang/2/index.html"]
        .iter()
        .filter_map(|p| fs::read_to_string(public.join(p)).ok())
        .collect();
    for n in [
        "979/QĐ-BNV",
        "862/QĐ-BNV",
        "4566/BNV-CCHC",
        "5628/BNV-CCHC",
        "7176/UBND-KSTT",
        "8987/UBND-KSTT",
        "3024/SNV-CCHC",
        "12340/UBND-KSTT",
        "76/NQ-CP",
    ] {
        assert!(listing.contains(n), "{n} not listed");
    }
}

#[test]
fn shipped_site_passes_check() {
    let out = cchc(&["check"], &repo());
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(String::from_utf8_lossy(&out.stdout).contains("no problems"));
}

fn break_file(dir: &Path, rel: &str, edit: impl Fn(&str) -> String) {
    let p = dir.join(rel);
    let text = fs::read_to_string(&p).unwrap();
    let changed = edit(&text);
    assert_ne!(text, changed, "the edit changed nothing in {rel}");
    fs::write(p, changed).unwrap();
}

fn line_of(dir: &Path, rel: &str, needle: &str) -> usize {
    fs::read_to_string(dir.join(rel))
        .unwrap()
        .lines()
        .position(|l| l.contains(needle))
        .unwrap()
        + 1
}

#[test]
fn check_fails_on_a_broken_internal_link() {
    let dir = site_copy();
    let rel = "content/tin-tuc/ra-mat-cong-thong-tin.md";
    break_file(dir.path(), rel, |t| {
        format!("{t}\nXem thêm [bài cũ](@/kien-thuc/bai-da-xoa.md).\n")
    });
    let out = cchc(&["check"], dir.path());
    assert!(!out.status.success());
    let line = line_of(dir.path(), rel, "bai-da-xoa");
    assert!(
        stderr(&out).contains(&format!(
            "{rel}:{line}: broken internal link: no page at @/kien-thuc/bai-da-xoa.md"
        )),
        "{}",
        stderr(&out)
    );
    assert!(
        !dir.path().join("public").exists(),
        "check must not write output"
    );
}

#[test]
fn check_fails_on_a_bad_document_reference() {
    let dir = site_copy();
    let rel = "content/van-ban/5628-bnv-cchc/index.md";
    break_file(dir.path(), rel, |t| {
        t.replacen("related:\n", "related:\n  - 9999/BNV-XYZ\n", 1)
    });
    let out = cchc(&["check"], dir.path());
    assert!(!out.status.success());
    let line = line_of(dir.path(), rel, "9999/BNV-XYZ");
    assert!(
        stderr(&out).contains(&format!(
            "{rel}:{line}: related: no document with number 9999/BNV-XYZ"
        )),
        "{}",
        stderr(&out)
    );
}

#[test]
fn check_fails_on_a_bad_front_matter_date() {
    let dir = site_copy();
    let rel = "content/van-ban/4566-bnv-cchc/index.md";
    break_file(dir.path(), rel, |t| {
        t.replacen("issued: 2021-09-17", "issued: 2021-09-31", 1)
    });
    let out = cchc(&["check"], dir.path());
    assert!(!out.status.success());
    let line = line_of(dir.path(), rel, "2021-09-31");
    assert!(
        stderr(&out).contains(&format!(
            "{rel}:{line}: front matter: invalid date \"2021-09-31\""
        )),
        "{}",
        stderr(&out)
    );
}
