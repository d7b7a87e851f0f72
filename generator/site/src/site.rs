use std::collections::HashMap;
use std::path::{Path, PathBuf};

use chrono::{DateTime, FixedOffset};
use content::{checks, Diagnostic, Diagnostics, Library, LoadOptions};
use tera::Tera;

use crate::assets::Assets;
use crate::bodies::{self, Body};
use crate::config::Config;
use crate::summary::Summary;
use crate::templates;

#[derive(Debug, Clone)]
pub struct BuildOptions {
    /// Project root holding `site.yaml`, `content/` and `theme/`.
    pub root: PathBuf,
    pub drafts: bool,
    pub future: bool,
    /// The build's "now", injectable so tests can fix consultation states.
    pub now: Option<DateTime<FixedOffset>>,
    /// Overrides `base_url` (the dev server serves on localhost).
    pub base_url: Option<String>,
}

impl BuildOptions {
    pub fn new(root: impl Into<PathBuf>) -> Self {
        BuildOptions {
            root: root.into(),
            drafts: false,
            future: false,
            now: None,
            base_url: None,
        }
    }
}

/// A loaded, checked site, ready to render.
pub struct Site {
    pub opts: BuildOptions,
    pub config: Config,
    pub library: Library,
    pub bodies: Vec<Body>,
    pub summaries: Vec<Summary>,
    /// Document number → pages that list it in `related`, so a relation
    /// written on one side shows on both pages.
    pub cited_by: HashMap<String, Vec<usize>>,
    /// Survey campaigns from `content/khao-sat/*/campaign.yaml`.
    pub campaigns: Vec<survey_core::Campaign>,
    /// Published PAR Index and SIPAS years from `data/chi-so-cchc/`.
    pub published: Vec<crate::published_years::PublishedYear>,
    pub tera: Tera,
    pub assets: Assets,
    pub now: DateTime<FixedOffset>,
}

/// What a file change touched, so the dev server re-renders only that.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Change {
    /// Only this page's own HTML changed (its listing data did not).
    Page(String),
    /// Everything must be re-rendered.
    All,
}

impl Site {
    pub fn load(opts: BuildOptions) -> Result<Site, Diagnostics> {
        let root = opts.root.clone();
        let mut config = Config::load(&root).map_err(|e| one(&root.join("site.yaml"), e))?;
        if let Some(b) = &opts.base_url {
            config.base_url = b.trim_end_matches('/').to_owned();
        }
        let now = opts.now.unwrap_or_else(vntext::now_vn);
        let load = LoadOptions {
            drafts: opts.drafts,
            future: opts.future,
            today: now.date_naive(),
        };
        let library = content::load_library(&root.join("content"), &root, &load)?;
        let tera = templates::load(&root.join("theme/templates"))
            .map_err(|e| one(Path::new("theme/templates"), e))?;
        let assets = Assets::load(&root.join("theme/static"))
            .map_err(|e| one(Path::new("theme/static"), e))?;
        let mut diags = checks::check_library(&library, now.date_naive());
        let campaigns = crate::campaigns::load(&root).unwrap_or_else(|d| {
            diags.extend(d);
            Vec::new()
        });
        let published = crate::published_years::load(&root).unwrap_or_else(|d| {
            diags.extend(d);
            Vec::new()
        });
        let (bodies, body_diags) = bodies::render_all(&library);
        diags.extend(body_diags);
        let summaries = library.pages.iter().map(|p| Summary::of(p, now)).collect();
        let cited_by = cited_by(&library);
        diags.into_result(Site {
            opts,
            config,
            library,
            bodies,
            summaries,
            cited_by,
            campaigns,
            published,
            tera,
            assets,
            now,
        })
    }

    /// Re-reads one changed content file. A page whose listing data is
    /// unchanged is re-rendered alone; anything else reloads the library.
    pub fn reload_file(&mut self, file: &Path) -> Result<Change, Diagnostics> {
        let content_dir = self.opts.root.join("content");
        let idx = file
            .strip_prefix(&content_dir)
            .ok()
            .map(|rel| rel.to_string_lossy().replace('\\', "/"))
            .and_then(|src| self.library.index_of_source(&src));
        if let Some(idx) = idx {
            let load = LoadOptions {
                drafts: self.opts.drafts,
                future: self.opts.future,
                today: self.now.date_naive(),
            };
            if let Ok(Some(page)) = content::load_page(&content_dir, &self.opts.root, file, &load) {
                let summary = Summary::of(&page, self.now);
                if serde_json::to_value(&summary).ok()
                    == serde_json::to_value(&self.summaries[idx]).ok()
                    && page.source == self.library.pages[idx].source
                {
                    let (body, mut diags) = bodies::render_page(&self.library, &page);
                    diags.extend(bodies::check_anchors(
                        &self.library,
                        &self.bodies,
                        &page,
                        &body,
                    ));
                    if !diags.is_empty() {
                        return Err(diags);
                    }
                    let path = page.path.clone();
                    self.library.pages[idx] = page;
                    self.bodies[idx] = body;
                    return Ok(Change::Page(path));
                }
            }
        }
        *self = Site::load(self.opts.clone())?;
        Ok(Change::All)
    }

    /// Reloads templates and static files; content stays as loaded.
    pub fn reload_theme(&mut self) -> Result<(), Diagnostics> {
        let root = &self.opts.root;
        self.tera = templates::load(&root.join("theme/templates"))
            .map_err(|e| one(Path::new("theme/templates"), e))?;
        self.assets = Assets::load(&root.join("theme/static"))
            .map_err(|e| one(Path::new("theme/static"), e))?;
        Ok(())
    }

    pub fn summaries_of<'a>(&'a self, idxs: &'a [usize]) -> impl Iterator<Item = &'a Summary> + 'a {
        idxs.iter().map(|&i| &self.summaries[i])
    }

    pub fn section_summaries(&self, name: &str) -> Vec<Summary> {
        self.section_refs(name).into_iter().cloned().collect()
    }

    /// A section's summaries in listing order, borrowed.
    pub fn section_refs(&self, name: &str) -> Vec<&Summary> {
        self.library
            .section(name)
            .map(|s| self.summaries_of(&s.pages).collect())
            .unwrap_or_default()
    }
}

fn cited_by(lib: &Library) -> HashMap<String, Vec<usize>> {
    let mut map: HashMap<String, Vec<usize>> = HashMap::new();
    for (i, p) in lib.pages.iter().enumerate() {
        for n in &p.meta.related {
            map.entry(n.as_str().to_owned()).or_default().push(i);
        }
    }
    map
}

pub(crate) fn one(file: &Path, msg: String) -> Diagnostics {
    Diagnostics(vec![Diagnostic::new(file, 0, msg)])
}
