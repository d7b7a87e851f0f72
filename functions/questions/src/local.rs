//! The questions function on a developer's machine: the store, outbox and
//! secret under `<project>/.cchc/` that the survey uses, and attachments in
//! `.cchc/attachments/`. `cchc serve` and `cchc questions` share it.

use std::path::Path;
use std::sync::Arc;

use mailer::OutboxMailer;
use store::SqliteStore;
use web::SystemClock;

use crate::app::App;
use crate::attachments::LocalAttachments;

/// Sender of local mail; it never leaves the outbox folder.
pub const LOCAL_FROM: &str = "Hỏi đáp CCHC <hoi-dap@cchc.local>";

pub fn open_app(root: &Path, base_url: &str) -> Result<App, String> {
    let dir = root.join(".cchc");
    std::fs::create_dir_all(&dir).map_err(|e| format!("creating {}: {e}", dir.display()))?;
    let store = SqliteStore::open(dir.join("store.sqlite")).map_err(|e| e.to_string())?;
    let mailer = OutboxMailer::new(dir.join("outbox"), LOCAL_FROM);
    let secret = web::local::local_secret(&dir.join("secret"))?;
    Ok(App::new(
        Arc::new(store),
        Arc::new(LocalAttachments::new(dir.join("attachments"))),
        Some(Arc::new(mailer)),
        Arc::new(SystemClock),
        secret,
        base_url,
    ))
}
