//! The editors' side, behind `cchc questions pull` and `notify`: new
//! questions become draft pages in `content/hoi-dap/` (attachments copied
//! beside them, contact details never), and once an answer is published the
//! asker is told, exactly once.

use std::path::{Path, PathBuf};

use content::{split_front_matter, FrontMatter};

use crate::app::App;
use crate::emails;
use crate::markdown::{draft_page, ANSWER_PLACEHOLDER};
use crate::records::{self, QuestionRecord, Status};

/// Why a pull or notify run stopped. For the operator, in English.
#[derive(Debug, thiserror::Error)]
pub enum EditorError {
    #[error(transparent)]
    Store(#[from] store::StoreError),
    #[error(transparent)]
    Attachment(#[from] crate::attachments::AttachError),
    #[error("{0}")]
    Io(String),
}

fn io(path: &Path, e: std::io::Error) -> EditorError {
    EditorError::Io(format!("{}: {e}", path.display()))
}

/// One question written as a draft page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pulled {
    pub code: String,
    /// `content/hoi-dap/<slug>/index.md`.
    pub page: PathBuf,
    pub files: usize,
}

/// A question's page in the content tree.
#[derive(Debug, Clone)]
struct Found {
    file: PathBuf,
    slug: String,
    draft: bool,
    body: String,
}

/// Every question page under `<content>/hoi-dap/` carrying `code`, found by
/// its front matter so a renamed file is still found.
fn find_page(content_dir: &Path, code: &str) -> Option<Found> {
    let dir = content_dir.join("hoi-dap");
    let mut candidates = Vec::new();
    for entry in std::fs::read_dir(&dir).ok()?.flatten() {
        let p = entry.path();
        if p.is_dir() && p.join("index.md").is_file() {
            candidates.push(p.join("index.md"));
        } else if p.extension().is_some_and(|e| e == "md")
            && p.file_name().is_some_and(|n| n != "_index.md")
        {
            candidates.push(p);
        }
    }
    candidates.sort();
    candidates.into_iter().find_map(|file| {
        let text = vntext::nfc(&std::fs::read_to_string(&file).ok()?).replace("\r\n", "\n");
        let (yaml, body, _) = split_front_matter(&text)?;
        let meta: FrontMatter = serde_yaml_ng::from_str(yaml).ok()?;
        if meta.code.as_deref() != Some(code) {
            return None;
        }
        let stem = if file.file_name().is_some_and(|n| n == "index.md") {
            file.parent()?.file_name()?.to_string_lossy().into_owned()
        } else {
            file.file_stem()?.to_string_lossy().into_owned()
        };
        Some(Found {
            slug: vntext::slugify(meta.slug.as_deref().unwrap_or(&stem)),
            draft: meta.draft,
            body: body.to_owned(),
            file,
        })
    })
}

/// A folder name from the title, unique among the section's pages.
fn free_slug(hoi_dap: &Path, r: &QuestionRecord) -> String {
    let full = vntext::slugify(&r.title);
    let mut base = String::new();
    for word in full.split('-') {
        if !base.is_empty() && base.len() + word.len() + 1 > 70 {
            break;
        }
        if !base.is_empty() {
            base.push('-');
        }
        base.push_str(word);
    }
    if base.is_empty() {
        base = r.code.to_ascii_lowercase();
    }
    let taken = |s: &str| hoi_dap.join(s).exists() || hoi_dap.join(format!("{s}.md")).exists();
    if !taken(&base) {
        return base;
    }
    format!("{base}-{}", r.code.to_ascii_lowercase())
}

/// Writes every received question as a draft page and marks it pulled.
/// Running it twice writes nothing new.
pub async fn pull(app: &App, content_dir: &Path) -> Result<Vec<Pulled>, EditorError> {
    let hoi_dap = content_dir.join("hoi-dap");
    let today = app
        .now()
        .with_timezone(&vntext::vn_offset())
        .format("%Y-%m-%d")
        .to_string();
    let mut out = Vec::new();
    for r in records::by_status(&*app.store, Status::Received).await? {
        // The index may lag behind a concurrent pull: re-read the item.
        let Some(r) = records::get(&*app.store, &r.code).await? else {
            continue;
        };
        if r.status != Status::Received {
            continue;
        }
        let (page, written) = match find_page(content_dir, &r.code) {
            // Written by an earlier run that could not mark it: keep it.
            Some(f) => (f.file, None),
            None => {
                let dir = hoi_dap.join(free_slug(&hoi_dap, &r));
                std::fs::create_dir_all(&dir).map_err(|e| io(&dir, e))?;
                for a in &r.attachments {
                    let bytes = app.attachments.get(&a.key).await?;
                    let target = dir.join(a.file_name());
                    std::fs::write(&target, bytes).map_err(|e| io(&target, e))?;
                }
                let file = dir.join("index.md");
                std::fs::write(&file, draft_page(&r, &today)).map_err(|e| io(&file, e))?;
                (file, Some(dir))
            }
        };
        let rel = page
            .strip_prefix(content_dir)
            .unwrap_or(&page)
            .to_string_lossy()
            .replace('\\', "/");
        let mut next = r.clone();
        next.status = Status::Pulled;
        next.page = Some(rel);
        next.version = r.version + 1;
        if !records::replace(&*app.store, &next).await? {
            // Someone else pulled it meanwhile: their page stands, not ours.
            if let Some(dir) = written {
                std::fs::remove_dir_all(&dir).map_err(|e| io(&dir, e))?;
            }
            continue;
        }
        out.push(Pulled {
            code: r.code.clone(),
            page,
            files: r.attachments.len(),
        });
    }
    Ok(out)
}

/// What a notify run did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct NotifyReport {
    /// (code, answer URL) told now.
    pub sent: Vec<(String, String)>,
    /// (code, why not yet), in Vietnamese for the editor.
    pub waiting: Vec<(String, String)>,
}

/// Tells each asker whose answer is published: the page is no longer a
/// draft, has an answer, and is built at its URL in `site_dir`. The claim is
/// a conditional write made before sending, so two runs never both send.
pub async fn notify(
    app: &App,
    content_dir: &Path,
    site_dir: &Path,
) -> Result<NotifyReport, EditorError> {
    let mut report = NotifyReport::default();
    let Some(mailer) = app.mailer.clone() else {
        return Err(EditorError::Io("no mail sender is configured".into()));
    };
    for r in records::by_status(&*app.store, Status::Pulled).await? {
        let Some(r) = records::get(&*app.store, &r.code).await? else {
            continue;
        };
        if r.status != Status::Pulled {
            continue;
        }
        let waiting = |why: &str| (r.code.clone(), why.to_owned());
        let Some(page) = find_page(content_dir, &r.code) else {
            report
                .waiting
                .push(waiting("không thấy trang có mã này trong content/hoi-dap/"));
            continue;
        };
        if page.draft {
            report
                .waiting
                .push(waiting("trang vẫn là bản nháp (draft: true)"));
            continue;
        }
        if page.body.contains(ANSWER_PLACEHOLDER) || page.body.trim().is_empty() {
            report.waiting.push(waiting("trang chưa có câu trả lời"));
            continue;
        }
        let path = format!("/hoi-dap/{}/", page.slug);
        let built = site_dir.join("hoi-dap").join(&page.slug).join("index.html");
        let published = std::fs::read_to_string(&built).is_ok_and(|html| html.contains(&r.code));
        if !published {
            report.waiting.push(waiting(
                "trang chưa được dựng (cchc build) tại địa chỉ của nó",
            ));
            continue;
        }
        let url = format!("{}{path}", app.base_url);
        let now = app.now();
        let mut claimed = r.clone();
        claimed.status = Status::Answered;
        claimed.answer_url = Some(url.clone());
        claimed.notified_at = Some(web::stamp(&now));
        claimed.version = r.version + 1;
        if !records::replace(&*app.store, &claimed).await? {
            continue; // another run claimed it and sends
        }
        let Some(contact) = records::contact(&*app.store, &r.code).await? else {
            // Contact details already expired: nothing to send, nothing to keep.
            tracing::warn!(code = %r.code, "answered question without contact details: no notice sent");
            report.waiting.push(waiting(
                "thông tin liên hệ đã hết hạn lưu, không gửi được thư",
            ));
            continue;
        };
        let msg = emails::answered(app, &r.code, &r.title, &contact.name, &contact.email, &url);
        if let Err(e) = mailer.send(&msg).await {
            // Give the claim back so the next run retries.
            let mut back = r.clone();
            back.version = claimed.version + 1;
            records::replace(&*app.store, &back).await?;
            tracing::error!(code = %r.code, error = %e, "answer notice not sent");
            report
                .waiting
                .push(waiting("gửi thư không thành công; lần chạy sau sẽ thử lại"));
            continue;
        }
        records::shorten_contact(&*app.store, &r.code, now).await?;
        report.sent.push((r.code.clone(), url));
    }
    Ok(report)
}

/// The question pages' folder, for messages.
pub fn section_dir(content_dir: &Path) -> PathBuf {
    content_dir.join("hoi-dap")
}
