//! `cchc publish` against S3 and CloudFront served by moto: only changed files
//! are uploaded, with their content types and cache headers, and only changed
//! pages are invalidated.
//!
//! Needs the moto endpoint, from the repository root (fails, never skips, without it):
//!     export CCHC_DYNAMODB_ENDPOINT=$(scripts/moto.sh start)

use std::fs;
use std::path::Path;
use std::process::{Command, Output};

use aws_env::Credentials;
use aws_sdk_cloudfront::types::{
    DefaultCacheBehavior, DistributionConfig, Origin, Origins, S3OriginConfig, ViewerProtocolPolicy,
};

fn endpoint() -> String {
    std::env::var("CCHC_DYNAMODB_ENDPOINT")
        .ok()
        .filter(|u| !u.is_empty())
        .expect(
            "CCHC_DYNAMODB_ENDPOINT is not set. The publish tests need a local moto server: run \
             `export CCHC_DYNAMODB_ENDPOINT=$(scripts/moto.sh start)` in the repository root.",
        )
}

struct Moto {
    url: String,
    s3: aws_sdk_s3::Client,
    cf: aws_sdk_cloudfront::Client,
}

async fn moto() -> Moto {
    let url = endpoint();
    let sdk = aws_env::fixed(
        "ap-southeast-1",
        Credentials::new("test", "test", None, None, "cchc-local"),
    );
    let s3 = aws_sdk_s3::config::Builder::from(&sdk)
        .endpoint_url(&url)
        .force_path_style(true)
        .build();
    let cf = aws_sdk_cloudfront::config::Builder::from(&sdk)
        .endpoint_url(&url)
        .build();
    Moto {
        url,
        s3: aws_sdk_s3::Client::from_conf(s3),
        cf: aws_sdk_cloudfront::Client::from_conf(cf),
    }
}

fn unique() -> String {
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap_or_default()
        .as_nanos();
    format!("{nanos:x}")
}

async fn bucket_and_distribution(m: &Moto) -> (String, String) {
    let bucket = format!("cchc-site-{}", unique());
    m.s3.create_bucket()
        .bucket(&bucket)
        .create_bucket_configuration(
            aws_sdk_s3::types::CreateBucketConfiguration::builder()
                .location_constraint(aws_sdk_s3::types::BucketLocationConstraint::ApSoutheast1)
                .build(),
        )
        .send()
        .await
        .expect("CreateBucket on moto");
    let origin = Origin::builder()
        .id("site")
        .domain_name(format!("{bucket}.s3.ap-southeast-1.amazonaws.com"))
        .s3_origin_config(S3OriginConfig::builder().origin_access_identity("").build())
        .build()
        .unwrap();
    let config = DistributionConfig::builder()
        .caller_reference(unique())
        .comment("cchc publish test")
        .enabled(true)
        .origins(
            Origins::builder()
                .quantity(1)
                .items(origin)
                .build()
                .unwrap(),
        )
        .default_cache_behavior(
            DefaultCacheBehavior::builder()
                .target_origin_id("site")
                .viewer_protocol_policy(ViewerProtocolPolicy::RedirectToHttps)
                .build()
                .unwrap(),
        )
        .build()
        .unwrap();
    let out =
        m.cf.create_distribution()
            .distribution_config(config)
            .send()
            .await
            .expect("CreateDistribution on moto");
    let id = out.distribution().expect("distribution").id().to_string();
    (bucket, id)
}

fn write(dir: &Path, rel: &str, body: &str) {
    let path = dir.join(rel);
    fs::create_dir_all(path.parent().unwrap()).unwrap();
    fs::write(path, body).unwrap();
}

/// A small built site with one file of each kind the portal publishes.
fn site() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    write(d, "index.html", "<!doctype html><title>Trang chủ</title>");
    write(
        d,
        "404.html",
        "<!doctype html><title>Không tìm thấy</title>",
    );
    write(
        d,
        "kien-thuc/cai-cach/index.html",
        "<!doctype html><title>Cải cách</title>",
    );
    write(d, "assets/style.4b957b7a.css", "body{margin:0}");
    write(d, "assets/survey.js", "console.log('khảo sát')");
    write(d, "tim-kiem/chi-muc/manifest.json", "{\"shards\":1}");
    write(d, "tin-tuc/atom.xml", "<feed/>");
    write(d, "van-ban/a/tom-tat.pdf", "%PDF-1.4 not really");
    dir
}

fn publish(m: &Moto, dir: &Path, bucket: &str, dist: &str, extra: &[&str]) -> String {
    let out: Output = Command::new(env!("CARGO_BIN_EXE_cchc"))
        .args([
            "publish",
            "--bucket",
            bucket,
            "--distribution",
            dist,
            "--dir",
        ])
        .arg(dir)
        .args(extra)
        .env("CCHC_S3_ENDPOINT", &m.url)
        .env("CCHC_CLOUDFRONT_ENDPOINT", &m.url)
        .env("AWS_ACCESS_KEY_ID", "test")
        .env("AWS_SECRET_ACCESS_KEY", "test")
        .env("AWS_REGION", "ap-southeast-1")
        .env_remove("AWS_PROFILE")
        .output()
        .expect("cchc runs");
    let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
    assert!(
        out.status.success(),
        "cchc publish failed:\n{stdout}\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    stdout
}

fn uploaded(stdout: &str) -> Vec<String> {
    let mut keys: Vec<String> = stdout
        .lines()
        .filter_map(|l| l.strip_prefix("upload "))
        .map(|l| l.split(' ').next().unwrap_or_default().to_string())
        .collect();
    keys.sort();
    keys
}

/// Paths of each invalidation made on the distribution (in no particular order).
async fn invalidations(m: &Moto, dist: &str) -> Vec<Vec<String>> {
    let list =
        m.cf.list_invalidations()
            .distribution_id(dist)
            .send()
            .await
            .expect("ListInvalidations");
    let ids: Vec<String> = list
        .invalidation_list()
        .map(|l| l.items().iter().map(|i| i.id().to_string()).collect())
        .unwrap_or_default();
    let mut out = Vec::new();
    for id in ids {
        let inv =
            m.cf.get_invalidation()
                .distribution_id(dist)
                .id(&id)
                .send()
                .await
                .expect("GetInvalidation");
        let mut paths: Vec<String> = inv
            .invalidation()
            .and_then(|i| i.invalidation_batch())
            .and_then(|b| b.paths())
            .map(|p| p.items().to_vec())
            .unwrap_or_default();
        paths.sort();
        out.push(paths);
    }
    out
}

async fn head(m: &Moto, bucket: &str, key: &str) -> (String, String) {
    let h =
        m.s3.head_object()
            .bucket(bucket)
            .key(key)
            .send()
            .await
            .unwrap_or_else(|e| panic!("HeadObject {key}: {e:?}"));
    (
        h.content_type().unwrap_or_default().to_string(),
        h.cache_control().unwrap_or_default().to_string(),
    )
}

async fn exists(m: &Moto, bucket: &str, key: &str) -> bool {
    m.s3.head_object()
        .bucket(bucket)
        .key(key)
        .send()
        .await
        .is_ok()
}

#[tokio::test]
async fn publishes_only_changes_with_the_right_headers_and_invalidations() {
    let m = moto().await;
    let (bucket, dist) = bucket_and_distribution(&m).await;
    let dir = site();

    // First publish: everything, and every page invalidated under both its URLs.
    let out = publish(&m, dir.path(), &bucket, &dist, &[]);
    assert_eq!(uploaded(&out).len(), 8, "{out}");
    assert_eq!(
        invalidations(&m, &dist).await,
        [vec![
            "/",
            "/404.html",
            "/index.html",
            "/kien-thuc/cai-cach/",
            "/kien-thuc/cai-cach/index.html"
        ]]
    );
    for (key, ty, cache) in [
        (
            "index.html",
            "text/html; charset=utf-8",
            "public, max-age=300, must-revalidate",
        ),
        (
            "kien-thuc/cai-cach/index.html",
            "text/html; charset=utf-8",
            "public, max-age=300, must-revalidate",
        ),
        (
            "assets/style.4b957b7a.css",
            "text/css; charset=utf-8",
            "public, max-age=31536000, immutable",
        ),
        (
            "assets/survey.js",
            "text/javascript; charset=utf-8",
            "public, max-age=300",
        ),
        (
            "tim-kiem/chi-muc/manifest.json",
            "application/json; charset=utf-8",
            "public, max-age=300",
        ),
        (
            "tin-tuc/atom.xml",
            "application/atom+xml; charset=utf-8",
            "public, max-age=300",
        ),
        (
            "van-ban/a/tom-tat.pdf",
            "application/pdf",
            "public, max-age=3600",
        ),
    ] {
        assert_eq!(
            head(&m, &bucket, key).await,
            (ty.to_string(), cache.to_string()),
            "{key}"
        );
    }

    // Second publish of the same site: nothing uploaded, nothing invalidated.
    let out = publish(&m, dir.path(), &bucket, &dist, &[]);
    assert!(uploaded(&out).is_empty(), "{out}");
    assert!(out.contains("0 to upload, 8 unchanged"), "{out}");
    assert_eq!(invalidations(&m, &dist).await.len(), 1);

    // One page changes: only it is uploaded and invalidated.
    write(
        dir.path(),
        "kien-thuc/cai-cach/index.html",
        "<!doctype html><title>Cải cách 2</title>",
    );
    let out = publish(&m, dir.path(), &bucket, &dist, &[]);
    assert_eq!(uploaded(&out), ["kien-thuc/cai-cach/index.html"], "{out}");
    let all = invalidations(&m, &dist).await;
    assert_eq!(all.len(), 2);
    assert!(
        all.contains(&vec![
            "/kien-thuc/cai-cach/".to_string(),
            "/kien-thuc/cai-cach/index.html".to_string()
        ]),
        "{all:?}"
    );

    // A dry run reports the change and makes none.
    write(
        dir.path(),
        "index.html",
        "<!doctype html><title>Trang chủ mới</title>",
    );
    let out = publish(&m, dir.path(), &bucket, &dist, &["--dry-run"]);
    assert_eq!(uploaded(&out), ["index.html"], "{out}");
    assert!(out.contains("dry run"), "{out}");
    assert_eq!(invalidations(&m, &dist).await.len(), 2);
    let body =
        m.s3.get_object()
            .bucket(&bucket)
            .key("index.html")
            .send()
            .await
            .unwrap()
            .body
            .collect()
            .await
            .unwrap()
            .into_bytes();
    assert!(String::from_utf8_lossy(&body).contains("Trang chủ</title>"));
}

#[tokio::test]
async fn delete_removes_what_the_site_dropped_but_keeps_assets_cached_pages_use() {
    let m = moto().await;
    let (bucket, dist) = bucket_and_distribution(&m).await;
    let dir = site();
    publish(&m, dir.path(), &bucket, &dist, &["--delete"]);

    // A new stylesheet replaces the old one, and a page is removed.
    fs::remove_file(dir.path().join("assets/style.4b957b7a.css")).unwrap();
    write(dir.path(), "assets/style.0badc0de.css", "body{margin:1px}");
    fs::remove_dir_all(dir.path().join("kien-thuc")).unwrap();

    // Without --delete nothing goes.
    let out = publish(&m, dir.path(), &bucket, &dist, &["--dry-run"]);
    assert!(!out.contains("delete "), "{out}");

    let out = publish(&m, dir.path(), &bucket, &dist, &["--delete"]);
    assert_eq!(uploaded(&out), ["assets/style.0badc0de.css"], "{out}");
    assert!(!exists(&m, &bucket, "kien-thuc/cai-cach/index.html").await);
    // Pages cached before this publish may still ask for the old stylesheet.
    assert!(
        exists(&m, &bucket, "assets/style.4b957b7a.css").await,
        "{out}"
    );
    assert!(exists(&m, &bucket, "_deploy/manifest.json").await);
    let all = invalidations(&m, &dist).await;
    assert_eq!(all.len(), 2, "{all:?}");
    assert!(
        all.contains(&vec![
            "/kien-thuc/cai-cach/".to_string(),
            "/kien-thuc/cai-cach/index.html".to_string()
        ]),
        "{all:?}"
    );

    // One publish later no page can still use it.
    publish(&m, dir.path(), &bucket, &dist, &["--delete"]);
    assert!(!exists(&m, &bucket, "assets/style.4b957b7a.css").await);
    assert!(exists(&m, &bucket, "assets/style.0badc0de.css").await);
}

#[test]
fn a_folder_that_is_not_a_built_site_is_refused_in_plain_words() {
    let dir = tempfile::tempdir().unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_cchc"))
        .args(["publish", "--bucket", "b", "--distribution", "D", "--dir"])
        .arg(dir.path())
        .output()
        .expect("cchc runs");
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("has no index.html: build the site first"),
        "{err}"
    );
    assert!(!err.contains("panicked"), "{err}");
}
