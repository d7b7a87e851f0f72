//! The survey on a developer's machine: everything under `<project>/.cchc/`
//! (gitignored): the SQLite store, the outbox of sent mail, and a dev secret
//! generated on first use. `cchc serve` and `cchc respondents` share it.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use mailer::OutboxMailer;
use store::SqliteStore;

use crate::app::App;
use crate::clock::SystemClock;
use crate::link_seal::LinkKey;
use crate::token::random_hex;

/// Sender address of local mail; it never leaves the outbox folder.
pub const LOCAL_FROM: &str = "Khảo sát CCHC <khao-sat@cchc.local>";

pub struct LocalPaths {
    pub dir: PathBuf,
    pub store: PathBuf,
    pub outbox: PathBuf,
    pub secret: PathBuf,
    pub link_key: PathBuf,
    /// Seals an answer's unit, group and times; a separate file so a copy of
    /// the store with the token secret still cannot read them.
    pub results_key: PathBuf,
}

impl LocalPaths {
    pub fn new(root: &Path) -> Self {
        let dir = root.join(".cchc");
        Self {
            store: dir.join("store.sqlite"),
            outbox: dir.join("outbox"),
            secret: dir.join("secret"),
            link_key: dir.join("link-key"),
            results_key: dir.join("results-key"),
            dir,
        }
    }
}

/// The survey app on the local store and outbox, with the campaigns of `<root>/content/khao-sat`.
pub fn open_app(root: &Path, base_url: &str) -> Result<App, String> {
    let paths = LocalPaths::new(root);
    std::fs::create_dir_all(&paths.dir)
        .map_err(|e| format!("creating {}: {e}", paths.dir.display()))?;
    let campaigns = crate::campaigns::load(&root.join("content").join("khao-sat"))?;
    let store = SqliteStore::open(&paths.store).map_err(|e| e.to_string())?;
    let mailer = OutboxMailer::new(&paths.outbox, LOCAL_FROM);
    let secret = local_secret(&paths.secret)?;
    let link_key = LinkKey::from_hex(&String::from_utf8_lossy(&local_key(
        &paths.link_key,
        || LinkKey::generate().to_hex(),
    )?))
    .map_err(|e| format!("{}: {e}", paths.link_key.display()))?;
    let results_key = local_results_key(&paths)?;
    let mut app = App::new(
        campaigns,
        Arc::new(store),
        Arc::new(mailer),
        Arc::new(SystemClock),
        secret,
        results_key,
        base_url,
    );
    app.link_key = Some(link_key);
    Ok(app)
}

/// Reads the local results key, creating it on first use.
pub fn local_results_key(paths: &LocalPaths) -> Result<delivery::ResultsKey, String> {
    std::fs::create_dir_all(&paths.dir)
        .map_err(|e| format!("creating {}: {e}", paths.dir.display()))?;
    let hex = local_key(&paths.results_key, || {
        delivery::ResultsKey::generate().to_hex()
    })?;
    delivery::ResultsKey::from_hex(&String::from_utf8_lossy(&hex))
        .map_err(|e| format!("{}: {e}", paths.results_key.display()))
}

/// Reads the dev secret, creating it on first use. Answers are keyed by it, so
/// it must stay the same across runs; it is never committed.
fn local_secret(path: &Path) -> Result<Vec<u8>, String> {
    local_key(path, || random_hex(32))
}

/// Reads a key file, creating it with `make` on first use.
fn local_key(path: &Path, make: impl FnOnce() -> String) -> Result<Vec<u8>, String> {
    match std::fs::read_to_string(path) {
        Ok(s) if s.trim().len() >= 32 => return Ok(s.trim().as_bytes().to_vec()),
        Ok(_) => {
            return Err(format!(
            "{} is too short; delete it to generate a new one (local answers become unreachable)",
            path.display()
        ))
        }
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
        Err(e) => return Err(format!("reading {}: {e}", path.display())),
    }
    let secret = make();
    write_private(path, &secret).map_err(|e| format!("writing {}: {e}", path.display()))?;
    Ok(secret.into_bytes())
}

#[cfg(unix)]
fn write_private(path: &Path, contents: &str) -> std::io::Result<()> {
    use std::io::Write;
    use std::os::unix::fs::OpenOptionsExt;
    let mut f = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .mode(0o600)
        .open(path)?;
    f.write_all(contents.as_bytes())
}

#[cfg(not(unix))]
fn write_private(path: &Path, contents: &str) -> std::io::Result<()> {
    std::fs::write(path, contents)
}
