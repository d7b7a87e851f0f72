//! What a publish does, decided without touching AWS: each file's headers, which
//! files to upload or delete, and which CloudFront paths to invalidate. The AWS
//! half (`super`) only carries the plan out.

use std::collections::{BTreeMap, BTreeSet};

use serde::{Deserialize, Serialize};

/// Where the manifest of the last publish lives in the bucket. It is not part of
/// the site; `--delete` never removes anything under `_deploy/`.
pub const MANIFEST_KEY: &str = "_deploy/manifest.json";

/// Pages: browsers and the edge keep them five minutes, then ask again; a publish
/// also invalidates the pages it changed.
pub const CACHE_HTML: &str = "public, max-age=300, must-revalidate";
/// Files whose name carries a hash of their content never change under that name.
pub const CACHE_IMMUTABLE: &str = "public, max-age=31536000, immutable";
/// Plain-named files that list or load others (feeds, sitemap, the search
/// manifest, the un-hashed copies of CSS/JS that the functions' pages link to):
/// as short as pages, so they never point at something older than the pages.
pub const CACHE_SHORT: &str = "public, max-age=300";
/// Documents, images and fonts: replaced rarely, an hour is fine.
pub const CACHE_MODERATE: &str = "public, max-age=3600";

/// Paths per CreateInvalidation request (CloudFront allows 3,000 in progress).
pub const INVALIDATION_BATCH: usize = 1000;

/// The headers a file is uploaded with.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Headers {
    pub content_type: String,
    pub cache_control: String,
}

/// One local file of the site.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LocalFile {
    /// Bucket key: the path under the site folder, with `/`.
    pub key: String,
    /// Hex MD5 of the content: what S3 reports as the ETag of a single PUT.
    pub md5: String,
    pub headers: Headers,
}

/// The record a publish leaves in the bucket, so the next one knows the headers
/// each file was sent with (S3 listings show only the ETag) and which
/// fingerprinted files the pages still cached at the edge may ask for.
#[derive(Debug, Default, Clone, Serialize, Deserialize)]
pub struct Manifest {
    pub files: BTreeMap<String, Headers>,
}

#[derive(Debug, Default, PartialEq, Eq)]
pub struct Plan {
    /// In upload order: fingerprinted files, then the rest, then pages, so no
    /// page is live before what it links to.
    pub upload: Vec<LocalFile>,
    pub unchanged: usize,
    pub delete: Vec<String>,
    /// Fingerprinted files no longer in the site but used by the previous
    /// publish: kept one more publish for pages still cached.
    pub kept: Vec<String>,
    pub invalidate: Vec<String>,
}

/// `name.<8 hex>.css|js|json`: what generator/site names CSS, JS and search shards.
pub fn is_fingerprinted(key: &str) -> bool {
    let name = key.rsplit('/').next().unwrap_or(key);
    let mut parts = name.rsplitn(3, '.');
    let (Some(ext), Some(hash), Some(stem)) = (parts.next(), parts.next(), parts.next()) else {
        return false;
    };
    !stem.is_empty()
        && matches!(ext, "css" | "js" | "json")
        && hash.len() == 8
        && hash
            .bytes()
            .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
}

fn extension(key: &str) -> String {
    let name = key.rsplit('/').next().unwrap_or(key);
    match name.rsplit_once('.') {
        Some((stem, ext)) if !stem.is_empty() => ext.to_ascii_lowercase(),
        _ => String::new(),
    }
}

pub fn content_type(key: &str) -> &'static str {
    match extension(key).as_str() {
        "html" | "htm" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "json" | "map" => "application/json; charset=utf-8",
        "webmanifest" => "application/manifest+json; charset=utf-8",
        "xml" if key.ends_with("atom.xml") => "application/atom+xml; charset=utf-8",
        "xml" => "application/xml; charset=utf-8",
        "txt" => "text/plain; charset=utf-8",
        "csv" => "text/csv; charset=utf-8",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "webp" => "image/webp",
        "avif" => "image/avif",
        "ico" => "image/x-icon",
        "woff2" => "font/woff2",
        "woff" => "font/woff",
        "pdf" => "application/pdf",
        "doc" => "application/msword",
        "docx" => "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "xls" => "application/vnd.ms-excel",
        "xlsx" => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "odt" => "application/vnd.oasis.opendocument.text",
        "ods" => "application/vnd.oasis.opendocument.spreadsheet",
        "zip" => "application/zip",
        "wasm" => "application/wasm",
        _ => "application/octet-stream",
    }
}

pub fn cache_control(key: &str) -> &'static str {
    if is_fingerprinted(key) {
        return CACHE_IMMUTABLE;
    }
    match extension(key).as_str() {
        "html" | "htm" => CACHE_HTML,
        "css" | "js" | "mjs" | "json" | "map" | "webmanifest" | "xml" | "txt" => CACHE_SHORT,
        _ => CACHE_MODERATE,
    }
}

pub fn headers(key: &str) -> Headers {
    Headers {
        content_type: content_type(key).into(),
        cache_control: cache_control(key).into(),
    }
}

fn is_html(key: &str) -> bool {
    matches!(extension(key).as_str(), "html" | "htm")
}

/// Compares the site with the bucket (`remote`: key → ETag without quotes) and
/// the previous manifest.
pub fn plan(
    local: Vec<LocalFile>,
    remote: &BTreeMap<String, String>,
    previous: &Manifest,
    delete: bool,
    max_paths: usize,
) -> Plan {
    let mut plan = Plan::default();
    let local_keys: BTreeSet<&str> = local.iter().map(|f| f.key.as_str()).collect();
    if delete {
        for key in remote.keys() {
            if local_keys.contains(key.as_str()) || key.starts_with("_deploy/") {
                continue;
            }
            if is_fingerprinted(key) && previous.files.contains_key(key) {
                plan.kept.push(key.clone());
            } else {
                plan.delete.push(key.clone());
            }
        }
    }
    let mut changed_html: Vec<String> =
        plan.delete.iter().filter(|k| is_html(k)).cloned().collect();
    let mut upload = Vec::new();
    for file in local {
        let same_content = remote.get(&file.key) == Some(&file.md5);
        let same_headers = previous.files.get(&file.key) == Some(&file.headers);
        if same_content && same_headers {
            plan.unchanged += 1;
        } else {
            if is_html(&file.key) {
                changed_html.push(file.key.clone());
            }
            upload.push(file);
        }
    }
    upload.sort_by_key(|f| {
        let rank = if is_fingerprinted(&f.key) {
            0
        } else if is_html(&f.key) {
            2
        } else {
            1
        };
        (rank, f.key.clone())
    });
    plan.upload = upload;
    plan.invalidate = invalidation_paths(&changed_html, max_paths);
    plan
}

/// The URLs CloudFront caches a page under: `a/b/index.html` is requested as
/// `/a/b/` (the viewer-request function rewrites it) and may be as
/// `/a/b/index.html`. Percent-encoded as CloudFront expects; `/*` when there
/// are more than `max_paths`.
pub fn invalidation_paths(html_keys: &[String], max_paths: usize) -> Vec<String> {
    const KEEP: &percent_encoding::AsciiSet = &percent_encoding::NON_ALPHANUMERIC
        .remove(b'/')
        .remove(b'-')
        .remove(b'.')
        .remove(b'_')
        .remove(b'~');
    let mut paths = BTreeSet::new();
    for key in html_keys {
        let path = format!("/{}", percent_encoding::utf8_percent_encode(key, KEEP));
        if let Some(dir) = path.strip_suffix("index.html") {
            paths.insert(dir.to_string());
        }
        paths.insert(path);
    }
    if paths.len() > max_paths {
        return vec!["/*".into()];
    }
    paths.into_iter().collect()
}

/// The paths in CreateInvalidation-sized batches.
pub fn batches(paths: &[String]) -> impl Iterator<Item = &[String]> {
    paths.chunks(INVALIDATION_BATCH)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file(key: &str, md5: &str) -> LocalFile {
        LocalFile {
            key: key.into(),
            md5: md5.into(),
            headers: headers(key),
        }
    }

    #[test]
    fn fingerprints_are_what_the_site_builder_makes() {
        assert!(is_fingerprinted("assets/style.4b957b7a.css"));
        assert!(is_fingerprinted("tim-kiem/chi-muc/s/doi.bc4bce5e.json"));
        assert!(!is_fingerprinted("assets/style.css"));
        // Eight digits in a document's name are a date, not a hash.
        assert!(!is_fingerprinted("van-ban/bao-cao.20240101.pdf"));
        assert!(!is_fingerprinted("assets/.4b957b7a.css"));
        assert!(!is_fingerprinted("assets/x.4B957B7A.css"));
    }

    #[test]
    fn headers_per_kind_of_file() {
        let h = headers("kien-thuc/a/index.html");
        assert_eq!(h.content_type, "text/html; charset=utf-8");
        assert_eq!(h.cache_control, CACHE_HTML);
        assert_eq!(cache_control("assets/survey.6ac293e3.js"), CACHE_IMMUTABLE);
        assert_eq!(
            content_type("assets/survey.js"),
            "text/javascript; charset=utf-8"
        );
        assert_eq!(cache_control("assets/survey.js"), CACHE_SHORT);
        assert_eq!(
            content_type("tin-tuc/atom.xml"),
            "application/atom+xml; charset=utf-8"
        );
        assert_eq!(
            content_type("sitemap.xml"),
            "application/xml; charset=utf-8"
        );
        assert_eq!(cache_control("van-ban/x/x.pdf"), CACHE_MODERATE);
        assert_eq!(
            content_type("van-ban/x/BANG.XLSX"),
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        );
        assert_eq!(content_type("favicon.svg"), "image/svg+xml");
        assert_eq!(content_type("LICENSE"), "application/octet-stream");
        assert_eq!(content_type(".hidden"), "application/octet-stream");
    }

    #[test]
    fn directory_pages_are_invalidated_under_both_urls() {
        let keys = vec![
            "index.html".to_string(),
            "a/b/index.html".into(),
            "404.html".into(),
            "gop-y/dự thảo/index.html".into(),
        ];
        assert_eq!(
            invalidation_paths(&keys, 100),
            [
                "/",
                "/404.html",
                "/a/b/",
                "/a/b/index.html",
                "/gop-y/d%E1%BB%B1%20th%E1%BA%A3o/",
                "/gop-y/d%E1%BB%B1%20th%E1%BA%A3o/index.html",
                "/index.html",
            ]
        );
        assert_eq!(invalidation_paths(&keys, 6), ["/*"]);
        assert!(invalidation_paths(&[], 0).is_empty());
    }

    #[test]
    fn batches_hold_at_most_a_thousand_paths() {
        let paths: Vec<String> = (0..2500).map(|i| format!("/p{i}/")).collect();
        let sizes: Vec<usize> = batches(&paths).map(<[String]>::len).collect();
        assert_eq!(sizes, [1000, 1000, 500]);
    }

    #[test]
    fn only_changed_files_are_uploaded_assets_first_pages_last() {
        let local = vec![
            file("index.html", "aa"),
            file("a/index.html", "bb"),
            file("assets/style.4b957b7a.css", "cc"),
            file("assets/style.css", "dd"),
        ];
        let previous = Manifest {
            files: local
                .iter()
                .map(|f| (f.key.clone(), f.headers.clone()))
                .collect(),
        };
        let remote: BTreeMap<String, String> = [
            ("index.html", "aa"),
            ("a/index.html", "old"),
            ("assets/style.css", "dd"),
        ]
        .into_iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect();
        let p = plan(local, &remote, &previous, false, 100);
        let keys: Vec<&str> = p.upload.iter().map(|f| f.key.as_str()).collect();
        assert_eq!(keys, ["assets/style.4b957b7a.css", "a/index.html"]);
        assert_eq!(p.unchanged, 2);
        assert_eq!(p.invalidate, ["/a/", "/a/index.html"]);
        assert!(p.delete.is_empty());
    }

    #[test]
    fn new_headers_reupload_an_unchanged_file() {
        let local = vec![file("sitemap.xml", "aa")];
        let mut previous = Manifest::default();
        previous.files.insert(
            "sitemap.xml".into(),
            Headers {
                content_type: "text/xml".into(),
                cache_control: CACHE_SHORT.into(),
            },
        );
        let remote = BTreeMap::from([("sitemap.xml".to_string(), "aa".to_string())]);
        let p = plan(local, &remote, &previous, false, 100);
        assert_eq!(p.upload.len(), 1);
        assert!(p.invalidate.is_empty());
    }

    #[test]
    fn delete_spares_the_manifest_and_assets_the_last_publish_used() {
        let local = vec![file("index.html", "aa")];
        let previous = Manifest {
            files: BTreeMap::from([
                ("index.html".to_string(), headers("index.html")),
                (
                    "assets/style.11111111.css".to_string(),
                    headers("assets/style.11111111.css"),
                ),
            ]),
        };
        let remote: BTreeMap<String, String> = [
            "index.html",
            "old/index.html",
            "assets/style.11111111.css",
            "assets/style.00000000.css",
            "_deploy/manifest.json",
        ]
        .into_iter()
        .map(|k| (k.to_string(), "aa".to_string()))
        .collect();
        let p = plan(local.clone(), &remote, &previous, true, 100);
        assert_eq!(p.delete, ["assets/style.00000000.css", "old/index.html"]);
        assert_eq!(p.kept, ["assets/style.11111111.css"]);
        assert_eq!(p.invalidate, ["/old/", "/old/index.html"]);
        let p = plan(local, &remote, &previous, false, 100);
        assert!(p.delete.is_empty() && p.kept.is_empty() && p.invalidate.is_empty());
    }
}
