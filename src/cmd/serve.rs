//! The dev server: builds into memory, serves it on 127.0.0.1, re-renders
//! what a change touches and tells open browsers to reload. The survey function
//! runs in-process on `/api/khao-sat/*` (the same handler as in Lambda) on the
//! local store and outbox under `.cchc/`; `/_outbox/` lists the mail it sent.

use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::sync::{Arc, RwLock};
use std::time::{Duration, Instant};

use anyhow::Context;
use axum::body::Body;
use axum::extract::State;
use axum::http::{header, StatusCode, Uri};
use axum::response::{IntoResponse, Response};
use axum::routing::{any, get};
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
    root: PathBuf,
    /// `None` when the campaigns do not load; the site is still served.
    survey: Option<Arc<survey::App>>,
    /// `None` when the consultations do not load.
    opinions: Option<Arc<opinions::App>>,
    questions: Option<Arc<questions::App>>,
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

    let base_url = format!("http://127.0.0.1:{port}");
    let survey = match survey::local::open_app(&root, &base_url) {
        Ok(app) => Some(Arc::new(app)),
        Err(e) => {
            eprintln!("Surveys are off: {e}");
            None
        }
    };
    let opinions = match opinions::local::open_app(&root, &base_url) {
        Ok(app) => Some(Arc::new(app)),
        Err(e) => {
            eprintln!("Opinions are off: {e}");
            None
        }
    };
    let questions = match questions::local::open_app(&root, &base_url) {
        Ok(app) => Some(Arc::new(app)),
        Err(e) => {
            eprintln!("Questions are off: {e}");
            None
        }
    };
    let app = Router::new()
        .route("/api/khao-sat/{*rest}", any(survey_api))
        .route("/api/gop-y/{*rest}", any(opinions_api))
        .route("/api/hoi-dap/{*rest}", any(questions_api))
        .route("/_outbox/", get(outbox::index))
        .route("/_outbox/{id}", get(outbox::message))
        .route("/_livereload", get(livereload))
        .route(
            "/_livereload.js",
            get(|| async { ([(header::CONTENT_TYPE, "text/javascript")], RELOAD_JS) }),
        )
        .fallback(get(static_file))
        .with_state(AppState {
            live,
            version: rx,
            root: root.clone(),
            survey,
            opinions,
            questions,
        });
    let addr = SocketAddr::from(([127, 0, 0, 1], port));
    let listener = tokio::net::TcpListener::bind(addr)
        .await
        .with_context(|| format!("binding {addr}"))?;
    println!("Serving on http://{addr}/ (Ctrl+C to stop); sent mail at http://{addr}/_outbox/");
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
            while let Ok(p) = ev_rx.recv_timeout(Duration::from_millis(10)) {
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
    } else if let Some(bytes) = theme_asset(&state.root, &key) {
        return (
            [
                (header::CONTENT_TYPE, content_type(&key)),
                (header::CACHE_CONTROL, "no-store"),
            ],
            bytes,
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

/// `/assets/<name>` straight from theme/static when the build has no unhashed
/// copy: the survey pages link `/assets/style.css` and `/assets/survey.js`.
fn theme_asset(root: &Path, key: &str) -> Option<Vec<u8>> {
    let name = key.strip_prefix("assets/")?;
    if name.contains('/') || name.starts_with('.') {
        return None;
    }
    let sub = match name.rsplit('.').next()? {
        "css" => "css",
        "js" => "js",
        _ => return None,
    };
    std::fs::read(root.join("theme/static").join(sub).join(name)).ok()
}

/// Runs the survey function on this request: axum's request becomes the
/// `http::Request<lambda_http::Body>` Lambda would hand it, and back.
async fn survey_api(State(state): State<AppState>, req: axum::extract::Request) -> Response {
    let Some(app) = state.survey.clone() else {
        return (
            StatusCode::SERVICE_UNAVAILABLE,
            "Surveys are off: the campaigns did not load (see the terminal).",
        )
            .into_response();
    };
    let (mut parts, body) = req.into_parts();
    let bytes = match axum::body::to_bytes(body, 1 << 20).await {
        Ok(b) => b,
        Err(_) => return StatusCode::PAYLOAD_TOO_LARGE.into_response(),
    };
    // What API Gateway adds in production; the dev server only listens on loopback.
    if !parts.headers.contains_key("x-forwarded-for") {
        parts.headers.insert(
            "x-forwarded-for",
            header::HeaderValue::from_static("127.0.0.1"),
        );
    }
    let body = if bytes.is_empty() {
        lambda_http::Body::Empty
    } else {
        match String::from_utf8(bytes.to_vec()) {
            Ok(text) => lambda_http::Body::Text(text),
            Err(e) => lambda_http::Body::Binary(e.into_bytes()),
        }
    };
    let res = survey::handle(&app, axum::http::Request::from_parts(parts, body)).await;
    let (parts, body) = res.into_parts();
    let bytes = match body {
        lambda_http::Body::Text(t) => t.into_bytes(),
        lambda_http::Body::Binary(b) => b,
        _ => Vec::new(),
    };
    Response::from_parts(parts, Body::from(bytes))
}

/// axum's request as the `http::Request<lambda_http::Body>` Lambda would
/// hand a function (body up to `limit` bytes, binary kept binary), with the
/// client address API Gateway adds in production.
async fn to_lambda(
    req: axum::extract::Request,
    limit: usize,
) -> Result<axum::http::Request<lambda_http::Body>, Response> {
    let (mut parts, body) = req.into_parts();
    let bytes = axum::body::to_bytes(body, limit)
        .await
        .map_err(|_| StatusCode::PAYLOAD_TOO_LARGE.into_response())?;
    if !parts.headers.contains_key("x-forwarded-for") {
        parts.headers.insert(
            "x-forwarded-for",
            header::HeaderValue::from_static("127.0.0.1"),
        );
    }
    let body = if bytes.is_empty() {
        lambda_http::Body::Empty
    } else {
        match String::from_utf8(bytes.to_vec()) {
            Ok(text) => lambda_http::Body::Text(text),
            Err(e) => lambda_http::Body::Binary(e.into_bytes()),
        }
    };
    Ok(axum::http::Request::from_parts(parts, body))
}

fn from_lambda(res: lambda_http::Response<lambda_http::Body>) -> Response {
    let (parts, body) = res.into_parts();
    let bytes = match body {
        lambda_http::Body::Text(t) => t.into_bytes(),
        lambda_http::Body::Binary(b) => b,
        _ => Vec::new(),
    };
    Response::from_parts(parts, Body::from(bytes))
}

fn function_off(what: &str) -> Response {
    (
        StatusCode::SERVICE_UNAVAILABLE,
        format!("{what} are off: see the terminal for why."),
    )
        .into_response()
}

/// The opinions function on `/api/gop-y/*`, as in production.
async fn opinions_api(State(state): State<AppState>, req: axum::extract::Request) -> Response {
    let Some(app) = state.opinions.clone() else {
        return function_off("Opinions");
    };
    match to_lambda(req, 1 << 20).await {
        Ok(req) => from_lambda(opinions::handle(&app, req).await),
        Err(res) => res,
    }
}

/// The questions function on `/api/hoi-dap/*`: bodies up to the function's
/// own limit (three 5 MB attachments), which answers over-size with its page.
async fn questions_api(State(state): State<AppState>, req: axum::extract::Request) -> Response {
    let Some(app) = state.questions.clone() else {
        return function_off("Questions");
    };
    let limit = app.settings.max_body_bytes + (1 << 20);
    match to_lambda(req, limit).await {
        Ok(req) => from_lambda(questions::handle(&app, req).await),
        Err(res) => res,
    }
}

/// `/_outbox/`: the mail the local survey "sent", newest first, each readable
/// as HTML so a newcomer can click the invitation link.
mod outbox {
    use axum::extract::{Path as UrlPath, State};
    use axum::http::{header, StatusCode};
    use axum::response::{IntoResponse, Response};
    use mailer::OutboxMailer;
    use survey::local::LocalPaths;

    use super::AppState;

    use vntext::escape_html as esc;

    fn html(status: StatusCode, body: String) -> Response {
        (
            status,
            [
                (header::CONTENT_TYPE, "text/html; charset=utf-8"),
                (header::CACHE_CONTROL, "no-store"),
            ],
            body,
        )
            .into_response()
    }

    pub async fn index(State(state): State<AppState>) -> Response {
        let dir = LocalPaths::new(&state.root).outbox;
        let entries = match OutboxMailer::list(&dir) {
            Ok(e) => e,
            Err(e) => return html(StatusCode::INTERNAL_SERVER_ERROR, esc(&e.to_string())),
        };
        let rows: String = entries
            .iter()
            .rev()
            .map(|e| {
                format!(
                    "<tr><td>{}</td><td>{}</td><td><a href=\"/_outbox/{}\">{}</a></td></tr>\n",
                    esc(&e.sent_at),
                    esc(&e.email.to),
                    esc(&e.id),
                    esc(&e.email.subject)
                )
            })
            .collect();
        let body = format!(
            "<!DOCTYPE html>\n<html lang=\"vi\">\n<head>\n<meta charset=\"utf-8\">\n<title>Hộp thư đi (local)</title>\n<link rel=\"stylesheet\" href=\"/assets/style.css\">\n</head>\n<body>\n<main class=\"wrap\">\n<h1>Hộp thư đi (local)</h1>\n<p>Thư do khảo sát gửi khi chạy <code>cchc serve</code> / <code>cchc respondents add</code>, lưu ở <code>{}</code>.</p>\n<div class=\"table-wrap\"><table>\n<thead><tr><th scope=\"col\">Gửi lúc</th><th scope=\"col\">Người nhận</th><th scope=\"col\">Tiêu đề</th></tr></thead>\n<tbody>\n{rows}</tbody>\n</table></div>\n</main>\n</body>\n</html>\n",
            esc(&dir.display().to_string())
        );
        html(StatusCode::OK, body)
    }

    pub async fn message(State(state): State<AppState>, UrlPath(id): UrlPath<String>) -> Response {
        let dir = LocalPaths::new(&state.root).outbox;
        // Looked up among the listed entries, so `id` never becomes a path.
        match OutboxMailer::list(&dir)
            .ok()
            .and_then(|l| l.into_iter().find(|e| e.id == id))
        {
            Some(e) => html(StatusCode::OK, e.email.html),
            None => html(StatusCode::NOT_FOUND, "Không có thư này.".into()),
        }
    }
}
