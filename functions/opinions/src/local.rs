//! The opinions function on a developer's machine: the store, outbox and
//! secret the survey uses under `<project>/.cchc/`, and the consultations of
//! `<project>/content/gop-y/`. `cchc serve` and `cchc opinions` share it.

use std::path::Path;
use std::sync::Arc;

use mailer::OutboxMailer;
use store::SqliteStore;
use web::SystemClock;

use crate::app::App;

/// Sender of local mail; it never leaves the outbox folder.
pub const LOCAL_FROM: &str = "Góp ý dự thảo <gop-y@cchc.local>";

pub fn open_app(root: &Path, base_url: &str) -> Result<App, String> {
    let dir = root.join(".cchc");
    std::fs::create_dir_all(&dir).map_err(|e| format!("creating {}: {e}", dir.display()))?;
    let consultations = crate::consultations::load(&root.join("content").join("gop-y"))?;
    let store = SqliteStore::open(dir.join("store.sqlite")).map_err(|e| e.to_string())?;
    let mailer = OutboxMailer::new(dir.join("outbox"), LOCAL_FROM);
    let secret = web::local::local_secret(&dir.join("secret"))?;
    Ok(App::new(
        consultations,
        Arc::new(store),
        Some(Arc::new(mailer)),
        Arc::new(SystemClock),
        secret,
        base_url,
    ))
}
