use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use rayon::prelude::*;

/// One file of the built site.
#[derive(Debug, Clone)]
pub enum OutFile {
    Bytes(Vec<u8>),
    /// Copied from disk as is (attachments), so large files are never held in memory.
    Copy(PathBuf),
}

/// The whole built site, keyed by its path under `public/` (no leading slash).
///
/// Held in memory (`Output::default()`, what `cchc serve` and the tests use),
/// or streamed to disk as it is rendered (`Output::to_dir`, what `cchc build`
/// uses): then every file is written on the rendering thread as soon as it
/// exists and only counted, so a 10,000-page build never holds its 300 MB of
/// HTML at once (see BENCHMARKS.md).
#[derive(Debug, Default)]
pub struct Output {
    pub files: BTreeMap<String, OutFile>,
    sink: Option<Sink>,
}

/// Streaming target: a fresh folder beside the final one, renamed into place
/// by `finish` so a failed build leaves the previous output untouched.
#[derive(Debug)]
struct Sink {
    tmp: PathBuf,
    dir: PathBuf,
    written: usize,
    written_html: usize,
    error: Mutex<Option<std::io::Error>>,
}

impl Sink {
    fn put(&self, rel: &str, write: impl FnOnce(&Path) -> std::io::Result<()>) {
        let path = self.tmp.join(rel);
        let r = (|| {
            if let Some(parent) = path.parent() {
                fs::create_dir_all(parent)?;
            }
            write(&path)
        })();
        if let Err(e) = r {
            let mut slot = self.error.lock().unwrap_or_else(|e| e.into_inner());
            slot.get_or_insert(std::io::Error::new(
                e.kind(),
                format!("{}: {e}", path.display()),
            ));
        }
    }
}

impl Drop for Output {
    /// A streaming output dropped before `finish` (a failed build) removes
    /// what it wrote.
    fn drop(&mut self) {
        if let Some(s) = self.sink.take() {
            let _ = fs::remove_dir_all(&s.tmp);
        }
    }
}

impl Clone for Output {
    /// Clones the files held in memory (a streaming output has none).
    fn clone(&self) -> Self {
        Output {
            files: self.files.clone(),
            sink: None,
        }
    }
}

impl Output {
    /// An output written into `dir` while it is rendered; call `finish`.
    pub fn to_dir(dir: &Path) -> std::io::Result<Output> {
        let name = dir
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| "public".into());
        let tmp = dir.with_file_name(format!(".{name}.building-{}", std::process::id()));
        if tmp.exists() {
            fs::remove_dir_all(&tmp)?;
        }
        fs::create_dir_all(&tmp)?;
        Ok(Output {
            files: BTreeMap::new(),
            sink: Some(Sink {
                tmp,
                dir: dir.to_path_buf(),
                written: 0,
                written_html: 0,
                error: Mutex::new(None),
            }),
        })
    }

    /// Whether files go straight to disk (`to_dir`).
    pub fn is_streaming(&self) -> bool {
        self.sink.is_some()
    }

    pub fn add(&mut self, path: impl Into<String>, bytes: impl Into<Vec<u8>>) {
        let path = path.into();
        match &mut self.sink {
            Some(s) => {
                let bytes = bytes.into();
                s.put(&path, |p| fs::write(p, &bytes));
                s.written += 1;
                s.written_html += usize::from(path.ends_with(".html"));
            }
            None => {
                self.files.insert(path, OutFile::Bytes(bytes.into()));
            }
        }
    }

    /// Adds many files at once; a streaming output writes them in parallel.
    pub fn add_all(&mut self, files: Vec<(String, Vec<u8>)>) {
        match &mut self.sink {
            Some(s) => {
                let sink = &*s;
                files
                    .par_iter()
                    .for_each(|(path, text)| sink.put(path, |p| fs::write(p, text)));
                s.written += files.len();
                s.written_html += files.iter().filter(|(p, _)| p.ends_with(".html")).count();
            }
            None => {
                for (path, text) in files {
                    self.files.insert(path, OutFile::Bytes(text));
                }
            }
        }
    }

    pub fn copy(&mut self, path: impl Into<String>, from: PathBuf) {
        let path = path.into();
        match &mut self.sink {
            Some(s) => {
                s.put(&path, |p| fs::copy(&from, p).map(|_| ()));
                s.written += 1;
            }
            None => {
                self.files.insert(path, OutFile::Copy(from));
            }
        }
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
            + self.sink.as_ref().map_or(0, |s| s.written_html)
    }

    /// Every file, written or held.
    pub fn file_count(&self) -> usize {
        self.files.len() + self.sink.as_ref().map_or(0, |s| s.written)
    }

    /// A streaming output: puts the finished folder in place of the old one.
    /// An output held in memory: same as `write(dir)`.
    pub fn finish(mut self, dir: &Path) -> std::io::Result<()> {
        let Some(sink) = self.sink.take() else {
            return self.write(dir);
        };
        if let Some(e) = sink.error.into_inner().unwrap_or_else(|e| e.into_inner()) {
            let _ = fs::remove_dir_all(&sink.tmp);
            return Err(e);
        }
        if sink.dir.exists() {
            fs::remove_dir_all(&sink.dir)?;
        }
        fs::rename(&sink.tmp, &sink.dir)
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
