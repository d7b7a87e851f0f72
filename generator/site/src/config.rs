use std::path::Path;

use serde::{Deserialize, Serialize};

/// `site.yaml` at the project root.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Config {
    /// Where the site is published, for canonical URLs, feeds and the sitemap.
    pub base_url: String,
    pub title: String,
    pub description: String,
    /// Where the forms post: the functions are routed under this path on the
    /// same origin, so no CORS and no third-party host is involved.
    #[serde(default = "default_api_base")]
    pub api_base: String,
    #[serde(default = "default_paginate")]
    pub paginate: usize,
    /// Organisation named in the footer and the feeds.
    #[serde(default)]
    pub publisher: String,
}

fn default_api_base() -> String {
    "/api".into()
}

fn default_paginate() -> usize {
    20
}

impl Config {
    pub fn load(root: &Path) -> Result<Config, String> {
        let path = root.join("site.yaml");
        let text = std::fs::read_to_string(&path)
            .map_err(|e| format!("{}: cannot read: {e}", path.display()))?;
        let mut c: Config =
            serde_yaml_ng::from_str(&vntext::nfc(&text)).map_err(|e| format!("site.yaml: {e}"))?;
        c.base_url = c.base_url.trim_end_matches('/').to_owned();
        if c.paginate == 0 {
            return Err("site.yaml: paginate must be at least 1".into());
        }
        Ok(c)
    }
}
