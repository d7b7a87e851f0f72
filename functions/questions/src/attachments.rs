//! Where attachments live: a local folder (`.cchc/attachments/`) on a
//! developer's machine and in tests, an S3 bucket with server-side encryption
//! in production. Keys are ours (`questions/pending/{code}/{n}-{name}.{ext}`),
//! never a file name a person sent.

use std::path::{Component, Path, PathBuf};

use async_trait::async_trait;
use aws_env::SdkConfig;
use aws_sdk_s3::primitives::ByteStream;
use aws_sdk_s3::types::ServerSideEncryption;
use aws_sdk_s3::Client;

/// Why an attachment could not be stored or read. For operators, in English.
#[derive(Debug, thiserror::Error)]
pub enum AttachError {
    #[error("attachment {0} not found")]
    NotFound(String),
    #[error("invalid attachment key {0:?}")]
    InvalidKey(String),
    #[error("attachment storage: {0}")]
    Backend(String),
}

#[async_trait]
pub trait Attachments: Send + Sync {
    async fn put(&self, key: &str, bytes: Vec<u8>, content_type: &str) -> Result<(), AttachError>;
    async fn get(&self, key: &str) -> Result<Vec<u8>, AttachError>;
    async fn delete(&self, key: &str) -> Result<(), AttachError>;
}

/// Keys are relative paths of plain segments: no `..`, no absolute paths.
fn check_key(key: &str) -> Result<(), AttachError> {
    let ok = !key.is_empty()
        && !key.starts_with('/')
        && Path::new(key)
            .components()
            .all(|c| matches!(c, Component::Normal(_)))
        && !key.contains('\\');
    if ok {
        Ok(())
    } else {
        Err(AttachError::InvalidKey(key.to_owned()))
    }
}

/// A folder on disk.
#[derive(Debug, Clone)]
pub struct LocalAttachments {
    dir: PathBuf,
}

impl LocalAttachments {
    pub fn new(dir: impl Into<PathBuf>) -> Self {
        Self { dir: dir.into() }
    }

    fn path(&self, key: &str) -> Result<PathBuf, AttachError> {
        check_key(key)?;
        Ok(self.dir.join(key))
    }
}

fn io(path: &Path, e: std::io::Error) -> AttachError {
    AttachError::Backend(format!("{}: {e}", path.display()))
}

#[async_trait]
impl Attachments for LocalAttachments {
    async fn put(&self, key: &str, bytes: Vec<u8>, _content_type: &str) -> Result<(), AttachError> {
        let path = self.path(key)?;
        if let Some(parent) = path.parent() {
            tokio::fs::create_dir_all(parent)
                .await
                .map_err(|e| io(parent, e))?;
        }
        tokio::fs::write(&path, bytes)
            .await
            .map_err(|e| io(&path, e))
    }

    async fn get(&self, key: &str) -> Result<Vec<u8>, AttachError> {
        let path = self.path(key)?;
        match tokio::fs::read(&path).await {
            Ok(b) => Ok(b),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                Err(AttachError::NotFound(key.to_owned()))
            }
            Err(e) => Err(io(&path, e)),
        }
    }

    async fn delete(&self, key: &str) -> Result<(), AttachError> {
        let path = self.path(key)?;
        match tokio::fs::remove_file(&path).await {
            Ok(()) => Ok(()),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(()),
            Err(e) => Err(io(&path, e)),
        }
    }
}

/// An S3 bucket; every object is written with SSE (AES-256) whatever the
/// bucket's default, so a misconfigured bucket never holds plain copies.
#[derive(Debug, Clone)]
pub struct S3Attachments {
    client: Client,
    bucket: String,
}

impl S3Attachments {
    pub fn new(client: Client, bucket: impl Into<String>) -> Self {
        Self {
            client,
            bucket: bucket.into(),
        }
    }

    /// From a loaded SDK config; `endpoint_url` points at a local S3 (moto),
    /// which needs path-style addressing.
    pub fn from_sdk_config(
        config: &SdkConfig,
        bucket: impl Into<String>,
        endpoint_url: Option<&str>,
    ) -> Self {
        let mut builder = aws_sdk_s3::config::Builder::from(config);
        if let Some(url) = endpoint_url {
            builder = builder.endpoint_url(url).force_path_style(true);
        }
        Self::new(Client::from_conf(builder.build()), bucket)
    }

    pub fn client(&self) -> &Client {
        &self.client
    }

    pub fn bucket(&self) -> &str {
        &self.bucket
    }

    fn err(&self, op: &str, e: impl std::error::Error) -> AttachError {
        AttachError::Backend(format!(
            "S3 {op} on bucket {}: {}",
            self.bucket,
            aws_sdk_s3::error::DisplayErrorContext(e)
        ))
    }
}

#[async_trait]
impl Attachments for S3Attachments {
    async fn put(&self, key: &str, bytes: Vec<u8>, content_type: &str) -> Result<(), AttachError> {
        check_key(key)?;
        self.client
            .put_object()
            .bucket(&self.bucket)
            .key(key)
            .content_type(content_type)
            .server_side_encryption(ServerSideEncryption::Aes256)
            .body(ByteStream::from(bytes))
            .send()
            .await
            .map_err(|e| self.err("PutObject", e))?;
        Ok(())
    }

    async fn get(&self, key: &str) -> Result<Vec<u8>, AttachError> {
        check_key(key)?;
        let out = match self
            .client
            .get_object()
            .bucket(&self.bucket)
            .key(key)
            .send()
            .await
        {
            Ok(o) => o,
            Err(e) if e.as_service_error().is_some_and(|s| s.is_no_such_key()) => {
                return Err(AttachError::NotFound(key.to_owned()))
            }
            Err(e) => return Err(self.err("GetObject", e)),
        };
        let data = out
            .body
            .collect()
            .await
            .map_err(|e| AttachError::Backend(format!("S3 GetObject body of {key}: {e}")))?;
        Ok(data.into_bytes().to_vec())
    }

    async fn delete(&self, key: &str) -> Result<(), AttachError> {
        check_key(key)?;
        self.client
            .delete_object()
            .bucket(&self.bucket)
            .key(key)
            .send()
            .await
            .map_err(|e| self.err("DeleteObject", e))?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_cannot_leave_the_folder() {
        for bad in ["", "/etc/passwd", "../x", "a/../../x", "a\\b"] {
            assert!(check_key(bad).is_err(), "{bad}");
        }
        assert!(check_key("questions/pending/HD-2026-000001/1-don.pdf").is_ok());
    }

    #[tokio::test]
    async fn local_folder_round_trip() {
        let dir = tempfile::tempdir().expect("tempdir");
        let a = LocalAttachments::new(dir.path());
        a.put(
            "questions/pending/HD/1.pdf",
            b"%PDF-1.4".to_vec(),
            "application/pdf",
        )
        .await
        .expect("put");
        assert_eq!(
            a.get("questions/pending/HD/1.pdf").await.expect("get"),
            b"%PDF-1.4"
        );
        a.delete("questions/pending/HD/1.pdf")
            .await
            .expect("delete");
        assert!(matches!(
            a.get("questions/pending/HD/1.pdf").await,
            Err(AttachError::NotFound(_))
        ));
    }
}
