//! `cchc publish`: uploads a built site to its S3 bucket and invalidates, on
//! CloudFront, only the pages that changed. The decisions are in `plan`; this
//! half reads the folder and the bucket and carries them out.
//!
//! A file is unchanged when the bucket's ETag (the MD5 of a single PUT) equals
//! the local file's MD5 and the previous publish's manifest recorded the same
//! headers. `CCHC_S3_ENDPOINT` / `CCHC_CLOUDFRONT_ENDPOINT` point at a local
//! server (moto) in tests.

mod plan;

use std::collections::BTreeMap;
use std::path::Path;

use anyhow::{bail, Context};
use aws_env::{Region, SdkConfig};
use aws_sdk_cloudfront::types::{InvalidationBatch, Paths};
use aws_sdk_s3::error::DisplayErrorContext;
use aws_sdk_s3::primitives::ByteStream;
use aws_sdk_s3::types::{Delete, ObjectIdentifier};
use futures_util::{StreamExt, TryStreamExt};
use md5::{Digest, Md5};

use crate::cli::PublishArgs;
use plan::{LocalFile, Manifest, Plan, MANIFEST_KEY};

/// Uploads at once: enough to hide S3's latency, few enough for a CI runner.
const PARALLEL_UPLOADS: usize = 16;
/// The portal's region, when neither the environment nor a profile names one.
const DEFAULT_REGION: &str = "ap-southeast-1";

pub fn run(root: &Path, opts: &PublishArgs) -> anyhow::Result<()> {
    let dir = if opts.dir.is_absolute() {
        opts.dir.clone()
    } else {
        root.join(&opts.dir)
    };
    if !dir.join("index.html").is_file() {
        bail!(
            "{} has no index.html: build the site first (`cchc build --out {}`)",
            dir.display(),
            opts.dir.display()
        );
    }
    let local = read_site(&dir)?;
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .context("starting the async runtime")?
        .block_on(publish(local, &dir, opts))
}

/// Every file under `dir` with its key, MD5 and headers.
fn read_site(dir: &Path) -> anyhow::Result<Vec<LocalFile>> {
    let mut files = Vec::new();
    for entry in walkdir::WalkDir::new(dir).follow_links(true) {
        let entry = entry.with_context(|| format!("reading {}", dir.display()))?;
        if !entry.file_type().is_file() {
            continue;
        }
        let rel = entry.path().strip_prefix(dir).unwrap_or(entry.path());
        let Some(key) = rel.to_str().map(|s| s.replace('\\', "/")) else {
            bail!("{}: file names must be UTF-8", entry.path().display());
        };
        if key.starts_with("_deploy/") {
            continue;
        }
        let bytes = std::fs::read(entry.path())
            .with_context(|| format!("reading {}", entry.path().display()))?;
        files.push(LocalFile {
            headers: plan::headers(&key),
            md5: hex(&Md5::digest(&bytes)),
            key,
        });
    }
    Ok(files)
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

async fn sdk_config() -> SdkConfig {
    let config = aws_env::load().await;
    if config.region().is_some() {
        return config;
    }
    aws_env::loader()
        .region(Region::new(DEFAULT_REGION))
        .load()
        .await
}

fn endpoint(var: &str) -> Option<String> {
    std::env::var(var).ok().filter(|v| !v.trim().is_empty())
}

async fn publish(local: Vec<LocalFile>, dir: &Path, opts: &PublishArgs) -> anyhow::Result<()> {
    let sdk = sdk_config().await;
    let mut s3 = aws_sdk_s3::config::Builder::from(&sdk);
    if let Some(url) = endpoint("CCHC_S3_ENDPOINT") {
        // A local server has no per-bucket host names.
        s3 = s3.endpoint_url(url).force_path_style(true);
    }
    let s3 = aws_sdk_s3::Client::from_conf(s3.build());
    let mut cf = aws_sdk_cloudfront::config::Builder::from(&sdk);
    if let Some(url) = endpoint("CCHC_CLOUDFRONT_ENDPOINT") {
        cf = cf.endpoint_url(url);
    }
    let cf = aws_sdk_cloudfront::Client::from_conf(cf.build());

    let bucket = opts.bucket.as_str();
    let remote = list_bucket(&s3, bucket).await?;
    let previous = read_manifest(&s3, bucket).await?;
    let manifest = Manifest {
        files: local
            .iter()
            .map(|f| (f.key.clone(), f.headers.clone()))
            .collect(),
    };
    let plan = plan::plan(local, &remote, &previous, opts.delete, opts.max_paths);
    report(&plan, opts);
    if opts.dry_run {
        println!("dry run: nothing was uploaded, deleted or invalidated");
        return Ok(());
    }

    upload(&s3, bucket, dir, &plan).await?;
    delete(&s3, bucket, &plan.delete).await?;
    // Last: a publish that failed half-way is redone from the old manifest.
    let body = serde_json::to_vec_pretty(&manifest).context("encoding the manifest")?;
    s3.put_object()
        .bucket(bucket)
        .key(MANIFEST_KEY)
        .body(ByteStream::from(body))
        .content_type("application/json; charset=utf-8")
        .cache_control("no-store")
        .send()
        .await
        .map_err(|e| aws_error(e, &format!("writing s3://{bucket}/{MANIFEST_KEY}")))?;
    invalidate(&cf, &opts.distribution, &plan.invalidate).await
}

fn report(plan: &Plan, opts: &PublishArgs) {
    for f in &plan.upload {
        println!("upload {} ({})", f.key, f.headers.cache_control);
    }
    for key in &plan.delete {
        println!("delete {key}");
    }
    for key in &plan.kept {
        println!("keep {key} (fingerprinted, used by the previous publish)");
    }
    println!(
        "{} to upload, {} unchanged, {} to delete; {} path(s) to invalidate on {}",
        plan.upload.len(),
        plan.unchanged,
        plan.delete.len(),
        plan.invalidate.len(),
        opts.distribution
    );
}

fn aws_error<E: std::error::Error + 'static>(e: E, what: &str) -> anyhow::Error {
    anyhow::anyhow!("{what}: {}", DisplayErrorContext(&e))
}

/// key → ETag (without quotes) of every object in the bucket.
async fn list_bucket(
    s3: &aws_sdk_s3::Client,
    bucket: &str,
) -> anyhow::Result<BTreeMap<String, String>> {
    let mut out = BTreeMap::new();
    let mut pages = s3.list_objects_v2().bucket(bucket).into_paginator().send();
    while let Some(page) = pages.next().await {
        let page = page.map_err(|e| {
            aws_error(
                e,
                &format!(
                    "listing s3://{bucket} (does it exist, and may these credentials list it?)"
                ),
            )
        })?;
        for object in page.contents() {
            if let (Some(key), Some(etag)) = (object.key(), object.e_tag()) {
                out.insert(key.to_string(), etag.trim_matches('"').to_string());
            }
        }
    }
    Ok(out)
}

async fn read_manifest(s3: &aws_sdk_s3::Client, bucket: &str) -> anyhow::Result<Manifest> {
    let object = match s3
        .get_object()
        .bucket(bucket)
        .key(MANIFEST_KEY)
        .send()
        .await
    {
        Ok(o) => o,
        Err(e) if e.as_service_error().is_some_and(|s| s.is_no_such_key()) => {
            return Ok(Manifest::default())
        }
        Err(e) => {
            return Err(aws_error(
                e,
                &format!("reading s3://{bucket}/{MANIFEST_KEY}"),
            ))
        }
    };
    let bytes = object
        .body
        .collect()
        .await
        .with_context(|| format!("reading s3://{bucket}/{MANIFEST_KEY}"))?
        .into_bytes();
    // An unreadable manifest only costs a full upload, never a wrong skip.
    Ok(serde_json::from_slice(&bytes).unwrap_or_default())
}

async fn upload(
    s3: &aws_sdk_s3::Client,
    bucket: &str,
    dir: &Path,
    plan: &Plan,
) -> anyhow::Result<()> {
    // Stage by stage (fingerprinted, other files, pages): a page goes live only
    // once everything it links to is there.
    let stages = plan.upload.chunk_by(|a, b| stage(&a.key) == stage(&b.key));
    for files in stages {
        futures_util::stream::iter(files)
            .map(|f| put(s3, bucket, dir, f))
            .buffer_unordered(PARALLEL_UPLOADS)
            .try_collect::<Vec<()>>()
            .await?;
    }
    Ok(())
}

fn stage(key: &str) -> u8 {
    if plan::is_fingerprinted(key) {
        0
    } else if plan::content_type(key).starts_with("text/html") {
        2
    } else {
        1
    }
}

async fn put(
    s3: &aws_sdk_s3::Client,
    bucket: &str,
    dir: &Path,
    f: &LocalFile,
) -> anyhow::Result<()> {
    let path = dir.join(&f.key);
    let bytes = tokio::fs::read(&path)
        .await
        .with_context(|| format!("reading {}", path.display()))?;
    s3.put_object()
        .bucket(bucket)
        .key(&f.key)
        .body(ByteStream::from(bytes))
        .content_type(&f.headers.content_type)
        .cache_control(&f.headers.cache_control)
        .send()
        .await
        .map_err(|e| aws_error(e, &format!("uploading s3://{bucket}/{}", f.key)))?;
    Ok(())
}

async fn delete(s3: &aws_sdk_s3::Client, bucket: &str, keys: &[String]) -> anyhow::Result<()> {
    // DeleteObjects takes at most 1,000 keys.
    for chunk in keys.chunks(1000) {
        let objects = chunk
            .iter()
            .map(|k| ObjectIdentifier::builder().key(k).build())
            .collect::<Result<Vec<_>, _>>()
            .context("building the delete request")?;
        let delete = Delete::builder()
            .set_objects(Some(objects))
            .quiet(true)
            .build()
            .context("building the delete request")?;
        let out = s3
            .delete_objects()
            .bucket(bucket)
            .delete(delete)
            .send()
            .await
            .map_err(|e| aws_error(e, &format!("deleting from s3://{bucket}")))?;
        if let Some(err) = out.errors().first() {
            bail!(
                "could not delete s3://{bucket}/{}: {}",
                err.key().unwrap_or("?"),
                err.message().unwrap_or("no reason given")
            );
        }
    }
    Ok(())
}

async fn invalidate(
    cf: &aws_sdk_cloudfront::Client,
    distribution: &str,
    paths: &[String],
) -> anyhow::Result<()> {
    if paths.is_empty() {
        println!("no page changed: nothing to invalidate");
        return Ok(());
    }
    let stamp = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap_or_default()
        .as_millis();
    for (i, batch) in plan::batches(paths).enumerate() {
        let items = Paths::builder()
            .quantity(batch.len() as i32)
            .set_items(Some(batch.to_vec()))
            .build()
            .context("building the invalidation")?;
        let request = InvalidationBatch::builder()
            .paths(items)
            .caller_reference(format!("cchc-publish-{stamp}-{i}"))
            .build()
            .context("building the invalidation")?;
        let out = cf
            .create_invalidation()
            .distribution_id(distribution)
            .invalidation_batch(request)
            .send()
            .await
            .map_err(|e| aws_error(e, &format!("invalidating on distribution {distribution}")))?;
        let id = out.invalidation().map(|i| i.id()).unwrap_or("?");
        println!("invalidation {id}: {} path(s)", batch.len());
    }
    Ok(())
}
