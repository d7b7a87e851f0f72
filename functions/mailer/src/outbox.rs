//! A folder of sent mail for local runs and tests: `<timestamp>-<id>.eml` is the
//! message a mail client can open, `<timestamp>-<id>.json` the same message as
//! data, which `cchc serve` lists at `/_outbox/` and tests read links from.

use std::path::{Path, PathBuf};

use async_trait::async_trait;
use chrono::Utc;
use serde::{Deserialize, Serialize};

use crate::{eml, validate, Email, MailError, Mailer, MessageId};

#[derive(Debug, Clone)]
pub struct OutboxMailer {
    dir: PathBuf,
    from: String,
}

/// The `.json` sidecar of one message.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OutboxEntry {
    /// File stem shared by the `.eml` and the `.json`.
    pub id: String,
    pub from: String,
    pub sent_at: String,
    #[serde(flatten)]
    pub email: Email,
}

impl OutboxMailer {
    pub fn new(dir: impl Into<PathBuf>, from: impl Into<String>) -> Self {
        Self {
            dir: dir.into(),
            from: from.into(),
        }
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// Every message in the outbox, oldest first (the names start with the time).
    pub fn list(dir: &Path) -> Result<Vec<OutboxEntry>, MailError> {
        let entries = match std::fs::read_dir(dir) {
            Ok(e) => e,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
            Err(e) => return Err(io_err(dir, e)),
        };
        let mut paths: Vec<PathBuf> = entries
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|x| x == "json"))
            .collect();
        paths.sort();
        paths
            .iter()
            .map(|p| {
                let bytes = std::fs::read(p).map_err(|e| io_err(p, e))?;
                serde_json::from_slice(&bytes)
                    .map_err(|e| MailError::Backend(format!("{}: {e}", p.display())))
            })
            .collect()
    }
}

#[async_trait]
impl Mailer for OutboxMailer {
    async fn send(&self, msg: &Email) -> Result<MessageId, MailError> {
        validate(msg)?;
        let now = Utc::now();
        // Sortable, and unique even for two messages in the same microsecond.
        let id = format!(
            "{}-{}",
            now.format("%Y%m%dT%H%M%S%.6fZ"),
            &crate::random_hex()[..12]
        );
        let eml = eml::render(msg, &self.from, &id, now);
        let entry = OutboxEntry {
            id: id.clone(),
            from: self.from.clone(),
            sent_at: now.to_rfc3339(),
            email: msg.clone(),
        };
        let json = serde_json::to_vec_pretty(&entry)
            .map_err(|e| MailError::Backend(format!("serialising outbox entry: {e}")))?;
        let dir = self.dir.clone();
        tokio_free_write(&dir, &id, eml.into_bytes(), json)?;
        Ok(MessageId(id))
    }

    /// Scans the sidecars: only asked about messages whose sender died
    /// mid-send, which is rare enough for a linear scan.
    async fn find_sent(&self, name: &str, value: &str) -> Result<Option<MessageId>, MailError> {
        Ok(OutboxMailer::list(&self.dir)?
            .into_iter()
            .find(|e| e.email.tags.get(name).is_some_and(|v| v == value))
            .map(|e| MessageId(e.id)))
    }
}

/// Small files; blocking writes are fine here and keep the crate runtime-free.
fn tokio_free_write(dir: &Path, id: &str, eml: Vec<u8>, json: Vec<u8>) -> Result<(), MailError> {
    std::fs::create_dir_all(dir).map_err(|e| io_err(dir, e))?;
    let eml_path = dir.join(format!("{id}.eml"));
    std::fs::write(&eml_path, eml).map_err(|e| io_err(&eml_path, e))?;
    // The sidecar last: a listed entry always has its .eml.
    let json_path = dir.join(format!("{id}.json"));
    std::fs::write(&json_path, json).map_err(|e| io_err(&json_path, e))
}

fn io_err(path: &Path, e: std::io::Error) -> MailError {
    MailError::Backend(format!("{}: {e}", path.display()))
}
