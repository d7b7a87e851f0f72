//! The survey team's commands end to end, as processes: importing a list
//! (with the validation report), and a send run killed with SIGKILL half-way
//! and run again: every respondent gets exactly one invitation.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

const CAMPAIGN: &str = "danh-gia-cchc-2026";

fn cchc() -> Command {
    Command::new(env!("CARGO_BIN_EXE_cchc"))
}

/// A project root holding only the shipped survey campaigns.
fn project() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("content/khao-sat");
    for entry in walkdir::WalkDir::new(&src) {
        let entry = entry.unwrap();
        let rel = entry.path().strip_prefix(&src).unwrap();
        let to = dir.path().join("content/khao-sat").join(rel);
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&to).unwrap();
        } else {
            std::fs::copy(entry.path(), &to).unwrap();
        }
    }
    dir
}

fn outbox_recipients(root: &Path) -> Vec<String> {
    let dir = root.join(".cchc/outbox");
    let Ok(entries) = std::fs::read_dir(&dir) else {
        return Vec::new();
    };
    entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .filter_map(|p| {
            let v: serde_json::Value = serde_json::from_slice(&std::fs::read(p).ok()?).ok()?;
            Some(v["to"].as_str()?.to_owned())
        })
        .collect()
}

fn write_list(root: &Path, n: usize) -> PathBuf {
    let mut csv = String::from("Họ và tên,Email,Đơn vị,Nhóm\n");
    for i in 0..n {
        csv.push_str(&format!(
            "Người số {i},nguoi{i}@hanoi.gov.vn,Hà Nội,Công chức\n"
        ));
    }
    let path = root.join("danh-sach.csv");
    std::fs::write(&path, csv).unwrap();
    path
}

#[test]
fn a_list_with_errors_imports_nothing_and_hands_back_the_rejects() {
    let p = project();
    let list = p.path().join("loi.csv");
    std::fs::write(
        &list,
        "Họ và tên,Email,Đơn vị,Nhóm\n\
         Nguyễn Văn An,an@hanoi.gov.vn,Hà Nội,Công chức\n\
         Trần Thị Bình,binh@gmial.com,Hà Nội,Công chức\n\
         Lê Văn Cường,cuong@hanoi.gov.vn,Hà Nội Mới,Công chức\n",
    )
    .unwrap();
    let out = cchc()
        .args(["--root"])
        .arg(p.path())
        .args(["respondents", "import", CAMPAIGN])
        .arg(&list)
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success());
    assert!(
        stdout.contains("3 row(s), 1 valid, 2 with errors"),
        "{stdout}"
    );
    assert!(
        stdout.contains("dòng    3 LỖI   [likely_typo] binh@gmial.com"),
        "{stdout}"
    );
    assert!(stdout.contains("[unknown_unit]"), "{stdout}");
    assert!(stderr.contains("nothing was imported"), "{stderr}");
    let rejects = std::fs::read_to_string(p.path().join("loi-loi.csv")).unwrap();
    assert_eq!(rejects.lines().count(), 3, "header and two rejected rows");

    // --skip-invalid imports the good row; the dry run of a send counts it.
    let ok = cchc()
        .arg("--root")
        .arg(p.path())
        .args(["respondents", "import", CAMPAIGN, "--skip-invalid"])
        .arg(&list)
        .output()
        .unwrap();
    assert!(
        ok.status.success(),
        "{}",
        String::from_utf8_lossy(&ok.stderr)
    );
    assert!(String::from_utf8_lossy(&ok.stdout).contains("1 new, 0 updated, 0 unchanged"));
    let dry = cchc()
        .arg("--root")
        .arg(p.path())
        .args(["invitations", "send", CAMPAIGN, "--dry-run"])
        .output()
        .unwrap();
    assert!(dry.status.success());
    assert!(String::from_utf8_lossy(&dry.stdout).contains("1 respondent(s) to mail"));
    assert!(outbox_recipients(p.path()).is_empty());
}

#[test]
fn a_send_run_killed_midway_and_rerun_invites_everyone_exactly_once() {
    let p = project();
    let n = 40;
    let list = write_list(p.path(), n);
    let import = cchc()
        .arg("--root")
        .arg(p.path())
        .args(["respondents", "import", CAMPAIGN])
        .arg(&list)
        .output()
        .unwrap();
    assert!(
        import.status.success(),
        "{}",
        String::from_utf8_lossy(&import.stderr)
    );

    let send = |extra: &[&str]| {
        let mut c = cchc();
        c.arg("--root")
            .arg(p.path())
            .args([
                "invitations",
                "send",
                CAMPAIGN,
                "--lease-secs",
                "2",
                "--concurrency",
                "4",
            ])
            .args(extra)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped());
        c
    };
    let mut child = send(&["--rate", "20"]).spawn().unwrap();
    let start = Instant::now();
    while outbox_recipients(p.path()).len() < 10 {
        assert!(
            start.elapsed() < Duration::from_secs(60),
            "the run never got going"
        );
        std::thread::sleep(Duration::from_millis(20));
    }
    child.kill().unwrap(); // SIGKILL: no chance to clean up
    child.wait().unwrap();
    let before = outbox_recipients(p.path()).len();
    assert!(before < n, "killed before the end ({before} sent)");

    // Claims of the killed run expire after their 2 s lease.
    std::thread::sleep(Duration::from_millis(2500));
    let rerun = send(&[]).output().unwrap();
    let stdout = String::from_utf8_lossy(&rerun.stdout);
    assert!(
        rerun.status.success(),
        "{stdout}\n{}",
        String::from_utf8_lossy(&rerun.stderr)
    );

    let mut got = outbox_recipients(p.path());
    got.sort();
    let mut want: Vec<String> = (0..n).map(|i| format!("nguoi{i}@hanoi.gov.vn")).collect();
    want.sort();
    assert_eq!(got, want, "everyone exactly once\n{stdout}");
}
