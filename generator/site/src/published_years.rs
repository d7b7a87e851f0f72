//! The published PAR Index and SIPAS years the build found under
//! `data/chi-so-cchc/<year>/` (written by `cchc index publish`); the pages
//! are rendered by `par_index.rs`. The model is apart from the renderer so
//! that the site's model (`site.rs`) can hold it without importing pages.

use std::path::Path;

use content::{Diagnostic, Diagnostics};
use evaluation::release::{Published, PublishedSipas};

/// One published year as read from the data folder, with its downloads.
pub struct PublishedYear {
    pub year: i32,
    pub index: Option<Published>,
    pub sipas: Option<PublishedSipas>,
    /// (file name, bytes) of the CSV and XLSX files beside the JSON.
    pub downloads: Vec<(String, Vec<u8>)>,
}

/// Reads every `data/chi-so-cchc/<year>/` folder under the site root.
pub fn load(root: &Path) -> Result<Vec<PublishedYear>, Diagnostics> {
    let dir = root.join(evaluation::release::DATA_DIR);
    let Ok(entries) = std::fs::read_dir(&dir) else {
        return Ok(Vec::new());
    };
    let mut years = Vec::new();
    let mut diags = Diagnostics::default();
    let mut folders: Vec<_> = entries.flatten().map(|e| e.path()).collect();
    folders.sort();
    for folder in folders.into_iter().filter(|p| p.is_dir()) {
        let rel = folder.strip_prefix(root).unwrap_or(&folder).to_path_buf();
        let Some(year) = folder
            .file_name()
            .and_then(|n| n.to_str())
            .and_then(|n| n.parse::<i32>().ok())
        else {
            diags.push(Diagnostic::new(
                &rel,
                0,
                "tên thư mục phải là một năm, ví dụ 2020".to_owned(),
            ));
            continue;
        };
        match evaluation::release::read_year(&folder) {
            Ok(read) => years.push(PublishedYear {
                year,
                index: read.index,
                sipas: read.sipas,
                downloads: read.downloads,
            }),
            Err(e) => diags.push(Diagnostic::new(&rel, 0, e.to_string())),
        }
    }
    diags.into_result(years)
}
