//! A multipart/form-data body (the no-JS form with files) into its text
//! fields and its files. The size of each file is checked afterwards, so an
//! over-size file gets its own message instead of a parse error.

use std::convert::Infallible;

use bytes::Bytes;
use web::{BodyError, Fields, Incoming};

/// One file as sent; `name` is what the person's computer called it (only
/// shown back to them, never used as a path).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Upload {
    pub field: String,
    pub name: String,
    pub bytes: Vec<u8>,
}

/// Text fields and files of the body; a urlencoded or JSON body (scripts)
/// gives fields and no files.
pub async fn read(req: &Incoming, max_bytes: usize) -> Result<(Fields, Vec<Upload>), BodyError> {
    if req.body.len() > max_bytes {
        return Err(BodyError::TooLarge);
    }
    if req.media_type() != "multipart/form-data" {
        return Fields::read(req, max_bytes).map(|f| (f, Vec::new()));
    }
    let boundary = multer::parse_boundary(&req.content_type)
        .map_err(|e| BodyError::Malformed(format!("multipart boundary: {e}")))?;
    let body = Bytes::from(req.body.clone());
    let stream = futures_util::stream::once(async move { Ok::<Bytes, Infallible>(body) });
    let mut mp = multer::Multipart::new(stream, boundary);
    let mut fields = Fields::default();
    let mut uploads = Vec::new();
    while let Some(field) = mp
        .next_field()
        .await
        .map_err(|e| BodyError::Malformed(format!("multipart: {e}")))?
    {
        let name = field.name().unwrap_or_default().to_owned();
        let file_name = field.file_name().map(str::to_owned);
        let data = field
            .bytes()
            .await
            .map_err(|e| BodyError::Malformed(format!("multipart field {name}: {e}")))?;
        match file_name {
            // A file input left empty still sends a part with an empty name.
            Some(f) if f.is_empty() && data.is_empty() => {}
            Some(f) => uploads.push(Upload {
                field: name,
                name: vntext::nfc(&f),
                bytes: data.to_vec(),
            }),
            None => fields.push(name, String::from_utf8_lossy(&data).into_owned()),
        }
    }
    Ok((fields, uploads))
}

/// Builds a multipart body, for tests and scripts: text fields, then files
/// as (field, file name, content type, bytes).
pub fn encode(
    boundary: &str,
    fields: &[(&str, &str)],
    files: &[(&str, &str, &str, &[u8])],
) -> Vec<u8> {
    let mut out = Vec::new();
    for (k, v) in fields {
        out.extend_from_slice(
            format!("--{boundary}\r\nContent-Disposition: form-data; name=\"{k}\"\r\n\r\n{v}\r\n")
                .as_bytes(),
        );
    }
    for (k, name, ct, bytes) in files {
        out.extend_from_slice(
            format!(
                "--{boundary}\r\nContent-Disposition: form-data; name=\"{k}\"; filename=\"{name}\"\r\nContent-Type: {ct}\r\n\r\n"
            )
            .as_bytes(),
        );
        out.extend_from_slice(bytes);
        out.extend_from_slice(b"\r\n");
    }
    out.extend_from_slice(format!("--{boundary}--\r\n").as_bytes());
    out
}
