use std::collections::BTreeMap;
use std::path::Path;

use sha2::{Digest, Sha256};
use walkdir::WalkDir;

use crate::output::Output;

/// The theme's static files. CSS and JS get a content hash in their name so
/// they can be cached for a year and still change the moment they change.
#[derive(Debug, Clone, Default)]
pub struct Assets {
    /// Logical name ("style.css", "search.js") → URL ("/assets/style.1a2b3c4d.css").
    pub urls: BTreeMap<String, String>,
    files: Vec<(String, Vec<u8>)>,
}

impl Assets {
    pub fn load(static_dir: &Path) -> Result<Assets, String> {
        let mut a = Assets::default();
        if !static_dir.is_dir() {
            return Ok(a);
        }
        for entry in WalkDir::new(static_dir).sort_by_file_name() {
            let entry = entry.map_err(|e| format!("theme/static: {e}"))?;
            if !entry.file_type().is_file() {
                continue;
            }
            let rel = entry
                .path()
                .strip_prefix(static_dir)
                .unwrap_or(entry.path());
            let rel = rel.to_string_lossy().replace('\\', "/");
            let bytes = std::fs::read(entry.path())
                .map_err(|e| format!("{}: {e}", entry.path().display()))?;
            let name = rel.rsplit('/').next().unwrap_or(&rel).to_owned();
            let out = match name.rsplit_once('.') {
                Some((stem, ext)) if ext == "css" || ext == "js" => {
                    let hash = hex8(&bytes);
                    format!("assets/{stem}.{hash}.{ext}")
                }
                _ => rel.clone(),
            };
            if out.starts_with("assets/") {
                // The functions render their pages outside the build and
                // cannot know the hash: they link the plain name, cached briefly.
                a.files.push((format!("assets/{name}"), bytes.clone()));
            }
            a.urls.insert(name, format!("/{out}"));
            a.files.push((out, bytes));
        }
        Ok(a)
    }

    pub fn url(&self, name: &str) -> Option<&str> {
        self.urls.get(name).map(String::as_str)
    }

    pub fn emit(&self, out: &mut Output) {
        for (path, bytes) in &self.files {
            out.add(path.clone(), bytes.clone());
        }
    }
}

fn hex8(bytes: &[u8]) -> String {
    let d = Sha256::digest(bytes);
    d.iter().take(4).map(|b| format!("{b:02x}")).collect()
}
