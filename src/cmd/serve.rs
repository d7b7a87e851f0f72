//! The dev server: builds into memory, serves it on 127.0.0.1, re-renders
//! what a change touches and tells open browsers to reload.

use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::sync::{Arc, RwLock};
use std::time::{Duration, Instant};

use anyhow::Context;
use axum::body::Body;
use axum::extract::State;
use axum::http::{header, StatusCode, Uri};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use notify::{RecursiveMode, Watcher};
use site::{Change, OutFile, Output, Site};
use tokio::sync::watch;

use crate::cli::ContentArgs;

const RELOAD_JS: &str = "(function(){var v=null;var s=new EventSource('/_livereload');s.onmessage=function(e){if(v!==null&&e.data!==v){location.reload();}v=e.data;};})();";

struct Live {
    site: Option<Site>,
    output: Output,
    /// Problems of the last rebuild, shown in the browser until fixed.
    error: Option<String>,
}

#[derive(Clone)]
struct AppState {
    live: Arc<RwLock<Live>>,
    version: watch::Receiver<u64>,
}

pub fn run(root: &Path, port: u16, args: &ContentArgs) -> anyhow::Result<()> {
    let rt = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()?;
    rt.block_on(serve(root.to_path_buf(), port, args.clone()))
}

async fn serve(root: PathBuf, port: u16, args: ContentArgs) -> anyhow::Result<()> {
    let mut opts = super::build_options(&root, &args);
    opts.base_url = Some(format!("http://127.0.0.1:{port}"));
    let started = Instant::now();
    let live = match Site::load(opts.clone()).and_then(|s| s.render().map(|o| (s, o))) {
        Ok((site, output)) => {
            println!(
                "Built {} pages in {} ms",
                output.html_count(),
                started.elapsed().as_millis()
            );
            Live {
                site: Some(site),
                output,
                error: None,
            }
        }
        Err(d) => {
            eprintln!("{d}");
            Live {
                site: None,
                output: Output::default(),
                error: Some(d.to_string()),
            }
        }
    };
    let live = Arc::new(RwLock::new(live));
    let (tx, rx) = watch::channel(0u64);
    spawn_watcher(root.clone(), opts, live.clone(), tx)?;

    let app = Router::new()
        .route("/_livereload", get(livereload))
        .route(
            "/_livereload.js",
            get(|| async { ([(header::CONTENT_TYPE, "text/javascript")], RELOAD_JS) }),
        )
        .fallback(get(static_file))
        .with_state(AppState { live, version: rx });
    let addr = SocketAddr::from(([127, 0, 0, 1], port));
    let listener = tokio::net::TcpListener::bind(addr)
        .await
        .with_context(|| format!("binding {addr}"))?;
    println!("Serving on http://{addr}/ (Ctrl+C to stop)");
    axum::serve(listener, app)
        .with_graceful_shutdown(async {
            tokio::signal::ctrl_c().await.ok();
        })
        .await?;
    Ok(())
}

fn spawn_watcher(
    root: PathBuf,
    opts: site::BuildOptions,
    live: Arc<RwLock<Live>>,
    tx: watch::Sender<u64>,
) -> anyhow::Result<()> {
    let (ev_tx, ev_rx) = std::sync::mpsc::channel::<PathBuf>();
    let mut watcher = notify::recommended_watcher(move |res: notify::Result<notify::Event>| {
        if let Ok(ev) = res {
            if matches!(ev.kind, notify::EventKind::Access(_)) {
                return;
            }
            for p in ev.paths {
                let _ = ev_tx.send(p);
            }
        }
    })?;
    for dir in ["content", "theme"] {
        watcher
            .watch(&root.join(dir), RecursiveMode::Recursive)
            .with_context(|| format!("watching {dir}/"))?;
    }
    std::thread::spawn(move || {
        let _keep = watcher;
        while let Ok(first) = ev_rx.recv() {
            // Editors save several files at once; gather the burst.
            let mut changed = vec![first];
            while let Ok(p) = ev_rx.recv_timeout(Duration::from_millis(30)) {
                changed.push(p);
            }
            changed.sort();
            changed.dedup();
            let started = Instant::now();
            let summary = rebuild(&root, &opts, &live, &changed);
            println!("{summary} in {} ms", started.elapsed().as_millis());
            tx.send_modify(|v| *v += 1);
        }
    });
    Ok(())
}

/// Applies a burst of file changes; returns what it did, for the log.
fn rebuild(
    root: &Path,
    opts: &site::BuildOptions,
    live: &RwLock<Live>,
    changed: &[PathBuf],
) -> String {
    let mut guard = live.write().unwrap_or_else(|e| e.into_inner());
    let theme = changed.iter().any(|p| p.starts_with(root.join("theme")));
    let single_md = changed.len() == 1
        && changed[0].extension().is_some_and(|e| e == "md")
        && changed[0].is_file();
    let result = match guard.site.as_mut() {
        Some(site) if !theme && single_md => site.reload_file(&changed[0]),
        Some(site) if theme => site.reload_theme().map(|_| Change::All),
        _ => Site::load(opts.clone()).map(|s| {
            guard.site = Some(s);
            Change::All
        }),
    };
    let outcome = result.and_then(|change| {
        let site = guard
            .site
            .as_ref()
            .expect("site is loaded after a successful reload");
        match change {
            Change::Page(path) => site.render_one(&path).map(|(file, html)| {
                guard.output.add(file, html);
                format!("Re-rendered {path}")
            }),
            Change::All => site.render().map(|o| {
                let n = o.html_count();
                guard.output = o;
                format!("Rebuilt {n} pages")
            }),
        }
    });
    match outcome {
        Ok(msg) => {
            guard.error = None;
            msg
        }
        Err(d) => {
            eprintln!("{d}");
            guard.error = Some(d.to_string());
            "Build failed".into()
        }
    }
}

async fn livereload(State(state): State<AppState>) -> Response {
    use tokio_stream_lite::version_stream;
    let stream = version_stream(state.version);
    Response::builder()
        .header(header::CONTENT_TYPE, "text/event-stream")
        .header(header::CACHE_CONTROL, "no-cache")
        .body(Body::from_stream(stream))
        .unwrap_or_else(|_| StatusCode::INTERNAL_SERVER_ERROR.into_response())
}

/// Server-sent events without another dependency: one `data:` line per version.
mod tokio_stream_lite {
    use std::convert::Infallible;

    use tokio::sync::watch;

    pub fn version_stream(
        rx: watch::Receiver<u64>,
    ) -> impl futures_core::Stream<Item = Result<String, Infallible>> {
        futures_util::stream::unfold((rx, true), |(mut rx, first)| async move {
            if !first && rx.changed().await.is_err() {
                return None;
            }
            let v = *rx.borrow_and_update();
            Some((Ok(format!("data: {v}\n\n")), (rx, false)))
        })
    }
}

async fn static_file(State(state): State<AppState>, uri: Uri) -> Response {
    let live = state.live.read().unwrap_or_else(|e| e.into_inner());
    if let Some(err) = &live.error {
        let body = format!(
            "<!doctype html><html lang=\"vi\"><meta charset=\"utf-8\"><title>Lỗi dựng trang</title><h1>Build failed</h1><pre>{}</pre><script src=\"/_livereload.js\"></script></html>",
            err.replace('&', "&amp;").replace('<', "&lt;")
        );
        return (
            StatusCode::INTERNAL_SERVER_ERROR,
            [(header::CONTENT_TYPE, "text/html; charset=utf-8")],
            body,
        )
            .into_response();
    }
    let path = percent_decode(uri.path());
    let key = Output::html_path(&path);
    let (key, status) = if live.output.get(&key).is_some() {
        (key, StatusCode::OK)
    } else if live
        .output
        .get(&format!("{}/index.html", key.trim_end_matches('/')))
        .is_some()
    {
        return (
            StatusCode::MOVED_PERMANENTLY,
            [(header::LOCATION, format!("{path}/"))],
        )
            .into_response();
    } else {
        ("404.html".to_owned(), StatusCode::NOT_FOUND)
    };
    let bytes = match live.output.get(&key) {
        Some(OutFile::Bytes(b)) => b.clone(),
        Some(OutFile::Copy(p)) => std::fs::read(p).unwrap_or_default(),
        None => return (StatusCode::NOT_FOUND, "404").into_response(),
    };
    let ctype = content_type(&key);
    let bytes = if ctype.starts_with("text/html") {
        inject_reload(bytes)
    } else {
        bytes
    };
    (
        status,
        [
            (header::CONTENT_TYPE, ctype),
            (header::CACHE_CONTROL, "no-store"),
        ],
        bytes,
    )
        .into_response()
}

fn inject_reload(html: Vec<u8>) -> Vec<u8> {
    let s = String::from_utf8_lossy(&html);
    match s.rfind("</body>") {
        Some(i) => format!(
            "{}<script src=\"/_livereload.js\"></script>{}",
            &s[..i],
            &s[i..]
        )
        .into_bytes(),
        None => html,
    }
}

fn percent_decode(p: &str) -> String {
    percent_encoding::percent_decode_str(p)
        .decode_utf8_lossy()
        .into_owned()
}

pub fn content_type(path: &str) -> &'static str {
    match path.rsplit('.').next().unwrap_or("") {
        "html" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" => "text/javascript; charset=utf-8",
        "json" => "application/json",
        "xml" => "application/xml; charset=utf-8",
        "txt" => "text/plain; charset=utf-8",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "ico" => "image/x-icon",
        "pdf" => "application/pdf",
        "docx" => "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "xlsx" => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "doc" => "application/msword",
        "xls" => "application/vnd.ms-excel",
        _ => "application/octet-stream",
    }
}
