use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

use rayon::prelude::*;

/// One file of the built site.
#[derive(Debug, Clone)]
pub enum OutFile {
    Bytes(Vec<u8>),
    /// Copied from disk as is (attachments), so large files are never held in memory.
    Copy(PathBuf),
}

/// The whole built site, keyed by its path under `public/` (no leading slash).
#[derive(Debug, Default, Clone)]
pub struct Output {
    pub files: BTreeMap<String, OutFile>,
}

impl Output {
    pub fn add(&mut self, path: impl Into<String>, bytes: impl Into<Vec<u8>>) {
        self.files.insert(path.into(), OutFile::Bytes(bytes.into()));
    }

    pub fn copy(&mut self, path: impl Into<String>, from: PathBuf) {
        self.files.insert(path.into(), OutFile::Copy(from));
    }

    /// The output path of a URL path: `/van-ban/` → `van-ban/index.html`.
    pub fn html_path(url_path: &str) -> String {
        let p = url_path.trim_start_matches('/');
        if p.is_empty() || p.ends_with('/') {
            format!("{p}index.html")
        } else {
            p.to_owned()
        }
    }

    pub fn get(&self, path: &str) -> Option<&OutFile> {
        self.files.get(path)
    }

    pub fn html_count(&self) -> usize {
        self.files.keys().filter(|k| k.ends_with(".html")).count()
    }

    /// Writes into `dir`, replacing what was there, so a removed page does
    /// not linger in `public/`.
    pub fn write(&self, dir: &Path) -> std::io::Result<()> {
        if dir.exists() {
            fs::remove_dir_all(dir)?;
        }
        fs::create_dir_all(dir)?;
        let mut dirs: Vec<PathBuf> = self
            .files
            .keys()
            .filter_map(|k| Path::new(k).parent().map(|p| dir.join(p)))
            .collect();
        dirs.sort();
        dirs.dedup();
        for d in dirs {
            fs::create_dir_all(d)?;
        }
        self.files.par_iter().try_for_each(|(k, f)| match f {
            OutFile::Bytes(b) => fs::write(dir.join(k), b),
            OutFile::Copy(from) => fs::copy(from, dir.join(k)).map(|_| ()),
        })
    }
}
