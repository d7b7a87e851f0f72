//! `cchc opinions export`, `cchc questions pull` and `cchc questions notify`
//! on a copy of the shipped site with its local store (.cchc/), run as an
//! editor would run them, with the submissions made through the functions'
//! own handlers. No contact detail may reach the pulled pages or the build.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use lambda_http::http;

const OPEN: &str = "du-thao-quy-che-khao-sat-su-hai-long";
const EMAIL: &str = "vu.thi.lan@example.vn";
const PHONE: &str = "0987 654 321";

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn cchc(args: &[&str], root: &Path) -> Output {
    let out = Command::new(env!("CARGO_BIN_EXE_cchc"))
        .arg("--root")
        .arg(root)
        .args(args)
        .output()
        .expect("cchc runs");
    assert!(
        out.status.success(),
        "cchc {args:?} failed:\n{}\n{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    out
}

fn site_copy() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("tempdir");
    for entry in walkdir::WalkDir::new(repo()) {
        let e = entry.expect("walk");
        let rel = e.path().strip_prefix(repo()).expect("under repo");
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
            fs::create_dir_all(&dest).expect("mkdir");
        } else {
            fs::copy(e.path(), &dest).expect("copy");
        }
    }
    dir
}

fn grep(dir: &Path, needle: &str) -> Vec<PathBuf> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .flatten()
        .filter(|e| e.file_type().is_file())
        .filter(|e| {
            fs::read(e.path())
                .is_ok_and(|b| b.windows(needle.len()).any(|w| w == needle.as_bytes()))
        })
        .map(|e| e.path().to_path_buf())
        .collect()
}

#[tokio::test]
async fn opinions_export_in_every_format() {
    let site = site_copy();
    let app = opinions::local::open_app(site.path(), "http://127.0.0.1:8000").expect("local app");
    let c = app.consultation(OPEN).expect("open consultation").clone();
    for (part, text) in [
        ("dieu-6", "Đề nghị nêu rõ thời hạn gửi thư nhắc."),
        ("toan-bo", "Ủng hộ dự thảo."),
    ] {
        let o = opinions::opinion::NewOpinion {
            name: "Vũ Thị Lan".into(),
            email: Some(EMAIL.into()),
            province: "Thái Nguyên".into(),
            part: part.into(),
            text: text.into(),
        };
        opinions::records::save(&*app.store, &c, &o, app.now())
            .await
            .expect("save");
    }
    drop(app);
    let md = cchc(&["opinions", "export", OPEN, "--format", "md"], site.path());
    let md = String::from_utf8_lossy(&md.stdout).into_owned();
    assert!(md.contains("**2 ý kiến**"), "{md}");
    let whole = md.find("Ủng hộ dự thảo.").expect("whole-draft row");
    let art6 = md.find("thư nhắc").expect("article 6 row");
    assert!(whole < art6, "grouped in reading order:\n{md}");
    let csv = cchc(&["opinions", "export", OPEN], site.path());
    assert_eq!(String::from_utf8_lossy(&csv.stdout).lines().count(), 3);
    let xlsx = site.path().join("y-kien.xlsx");
    cchc(
        &[
            "opinions",
            "export",
            OPEN,
            "--format",
            "xlsx",
            "--out",
            &xlsx.to_string_lossy(),
        ],
        site.path(),
    );
    assert!(fs::read(&xlsx).expect("xlsx written").starts_with(b"PK"));
    assert!(!md.contains(EMAIL) && !String::from_utf8_lossy(&csv.stdout).contains(EMAIL));
    // The stub, published as tong-hop.md, passes the site's checks.
    fs::write(
        site.path()
            .join("content/gop-y")
            .join(OPEN)
            .join("tong-hop.md"),
        &md,
    )
    .expect("write stub");
    cchc(&["check"], site.path());
}

#[tokio::test]
async fn questions_pull_build_notify_once() {
    let site = site_copy();
    let app = questions::local::open_app(site.path(), "http://127.0.0.1:8000").expect("local app");
    let pdf = b"%PDF-1.4\n%%EOF\n".to_vec();
    let body = questions::multipart::encode(
        "b0undary",
        &[
            ("ho_ten", "Vũ Thị Lan"),
            ("email", EMAIL),
            ("dien_thoai", PHONE),
            ("tinh", "Thái Nguyên"),
            ("linh_vuc", "Chính phủ điện tử, chính phủ số"),
            ("tieu_de", "Nộp hồ sơ trực tuyến có cần bản giấy không"),
            (
                "noi_dung",
                "Khi nộp hồ sơ trực tuyến, tôi có phải nộp thêm bản giấy không?",
            ),
            ("dong_y", "co"),
        ],
        &[("tep", "giay-to.pdf", "application/pdf", &pdf)],
    );
    let req = http::Request::builder()
        .method("POST")
        .uri("http://127.0.0.1:8000/api/hoi-dap/gui")
        .header("content-type", "multipart/form-data; boundary=b0undary")
        .header("x-forwarded-for", "127.0.0.1")
        .body(lambda_http::Body::Binary(body))
        .expect("request");
    let res = questions::handle(&app, req).await;
    assert_eq!(res.status(), 303);
    drop(app);

    let out = cchc(&["questions", "pull"], site.path());
    let out = String::from_utf8_lossy(&out.stdout).into_owned();
    assert!(out.contains("1 câu hỏi mới"), "{out}");
    let page = site
        .path()
        .join("content/hoi-dap/nop-ho-so-truc-tuyen-co-can-ban-giay-khong/index.md");
    let md = fs::read_to_string(&page).expect("pulled page");
    assert!(md.contains("draft: true"));
    cchc(&["check", "--drafts"], site.path());

    let notify = ["questions", "notify", "--base-url", "https://cchc.test"];
    cchc(&["build"], site.path());
    let out = cchc(&notify, site.path());
    assert!(String::from_utf8_lossy(&out.stdout).contains("Đã gửi 0 thư báo"));

    fs::write(
        &page,
        md.replace("draft: true", "draft: false").replace(
            questions::markdown::ANSWER_PLACEHOLDER,
            "Chào chị. Hồ sơ nộp trực tuyến đầy đủ thì không phải nộp thêm bản giấy.",
        ),
    )
    .expect("answer");
    cchc(&["build"], site.path());
    let out = cchc(&notify, site.path());
    let text = String::from_utf8_lossy(&out.stdout).into_owned();
    assert!(text.contains("Đã gửi 1 thư báo"), "{text}");
    assert!(text.contains("https://cchc.test/hoi-dap/nop-ho-so-truc-tuyen-co-can-ban-giay-khong/"));
    let out = cchc(&notify, site.path());
    assert!(String::from_utf8_lossy(&out.stdout).contains("Đã gửi 0 thư báo"));
    let sent = mailer::OutboxMailer::list(&site.path().join(".cchc/outbox")).expect("outbox");
    let to_asker: Vec<_> = sent.iter().filter(|e| e.email.to == EMAIL).collect();
    assert_eq!(to_asker.len(), 2, "the receipt and one notice");

    for needle in [EMAIL, PHONE, "0987654321"] {
        for dir in ["content", "public"] {
            let hits = grep(&site.path().join(dir), needle);
            assert!(hits.is_empty(), "{needle} found in {dir}/: {hits:?}");
        }
    }
}
