//! The function's entry point: one request in, one response out, no panics.

use http::StatusCode;
use lambda_http::{Body, Request, Response};
use serde_json::json;
use survey_core::{FieldError, RawAnswers};

use crate::app::App;
use crate::pages::errors::Failure;
use crate::request::{BodyError, Incoming};
use crate::response::Reply;

pub type Outcome = Result<Reply, Failure>;

/// Handles one request under `/api/khao-sat/`. Every failure, including a
/// panic inside a handler, becomes a Vietnamese page (or JSON error); the
/// English detail goes to the log.
pub async fn handle(app: &App, req: Request) -> Response<Body> {
    let method = req.method().clone();
    let path_for_log = redact(req.uri().path());
    let Some(incoming) = Incoming::from_request(app, req) else {
        return Failure::not_found("path outside the survey API")
            .reply(false)
            .into_response();
    };
    let wants_json = incoming.wants_json;
    let outcome = match futures_catch(route(app, &incoming)).await {
        Ok(outcome) => outcome,
        Err(()) => Err(Failure::internal("handler panicked", &path_for_log)),
    };
    let reply = outcome.unwrap_or_else(|f| f.reply(wants_json));
    tracing::info!(method = %method, path = %path_for_log, status = reply.status.as_u16(), "survey request");
    reply.into_response()
}

async fn route(app: &App, req: &Incoming) -> Outcome {
    let seg: Vec<&str> = req.segments.iter().map(String::as_str).collect();
    match seg.as_slice() {
        [campaign, "moi", token, ..] => {
            crate::invited::route(app, campaign, token, &req.segments[3..], req).await
        }
        [campaign, "cong-khai", ..] => {
            crate::public::route(app, campaign, &req.segments[2..], req).await
        }
        [crate::resend::PATH] => crate::resend::route(app, req).await,
        [campaign, "hop-thu", token] => crate::mailbox::route(app, campaign, token, req).await,
        _ => Err(Failure::not_found("unknown survey route")),
    }
}

/// Runs the handler so that a panic (a bug) still answers with the error page
/// instead of dropping the connection.
async fn futures_catch<F: std::future::Future<Output = Outcome>>(fut: F) -> Result<Outcome, ()> {
    use std::panic::AssertUnwindSafe;
    use std::pin::pin;
    use std::task::Poll;
    let mut fut = pin!(fut);
    std::future::poll_fn(move |cx| {
        match std::panic::catch_unwind(AssertUnwindSafe(|| fut.as_mut().poll(cx))) {
            Ok(Poll::Ready(o)) => Poll::Ready(Ok(o)),
            Ok(Poll::Pending) => Poll::Pending,
            Err(_) => Poll::Ready(Err(())),
        }
    })
    .await
}

/// The path with the invitation token cut out, for logs.
fn redact(path: &str) -> String {
    let mut parts: Vec<&str> = path.split('/').collect();
    if let Some(i) = parts.iter().position(|p| *p == "moi" || *p == "hop-thu") {
        if i + 1 < parts.len() {
            parts[i + 1] = "…";
        }
    }
    parts.join("/")
}

/// The posted fields, or the page saying why they could not be read.
pub fn read_answers(app: &App, req: &Incoming) -> Result<RawAnswers, Failure> {
    req.answers(app.settings.max_body_bytes)
        .map_err(|e| match e {
            BodyError::TooLarge => {
                tracing::info!("survey post body over the size limit");
                Failure::TooLarge
            }
            BodyError::Unsupported(ct) => {
                tracing::info!(content_type = %ct, "survey post with an unsupported content type");
                Failure::UnsupportedType
            }
            BodyError::Malformed(detail) => {
                tracing::info!(%detail, "unreadable survey post body");
                Failure::BadRequest
            }
        })
}

/// 422 with the field errors, for scripts.
pub fn errors_json(errors: &[FieldError]) -> Reply {
    let list: Vec<_> = errors
        .iter()
        .map(|e| json!({ "field": e.field, "question": e.question, "message": e.message }))
        .collect();
    Reply::json(
        StatusCode::UNPROCESSABLE_ENTITY,
        json!({ "error": "invalid_answers", "errors": list }),
    )
}
