//! The function's entry point: one request in, one response out, no panics.
//!
//! | method | path | what |
//! |---|---|---|
//! | POST | `/api/hoi-dap/gui` | a question: multipart (files), urlencoded or JSON |
//! | GET | `/api/hoi-dap/gui` | back to the form on the site |
//! | GET | `/api/hoi-dap/tra-cuu?ma=HD-…` | status of a question, no personal data |

use http::{Method, StatusCode};
use lambda_http::{Body, Request, Response};
use serde_json::json;
use web::form::HONEYPOT_FIELD;
use web::{Incoming, Problem, Reply};

use crate::app::App;
use crate::question::{self, NewQuestion};
use crate::records::{self, Attachment, Contact, QuestionRecord, Status};
use crate::{emails, multipart, pages};

type Outcome = Result<Reply, Problem>;

/// Where the site shows the question form.
pub const FORM_PAGE: &str = "/hoi-dap/#gui-cau-hoi";

/// Handles one request under `/api/hoi-dap/`. Every failure, a panic included,
/// becomes a Vietnamese page or a JSON error; the English detail is logged.
pub async fn handle(app: &App, req: Request) -> Response<Body> {
    let method = req.method().clone();
    let path = req.uri().path().to_owned();
    let Some(incoming) =
        Incoming::from_request(req, crate::API_PREFIX, app.settings.trusted_proxy_hops)
    else {
        return not_found().reply(false).into_response();
    };
    let wants_json = incoming.wants_json;
    let outcome = match web::catch::catch_panic(route(app, &incoming)).await {
        Ok(o) => o,
        Err(()) => Err(Problem::internal("questions handler panicked", &path)),
    };
    let reply = outcome.unwrap_or_else(|p| p.reply(wants_json));
    // The query holds a tracking code at most: the path alone is logged.
    tracing::info!(method = %method, %path, status = reply.status.as_u16(), "questions request");
    reply.into_response()
}

fn not_found() -> Problem {
    Problem::not_found("Địa chỉ này không có trong mục Hỏi đáp.")
        .in_section("hoi-dap")
        .link("/hoi-dap/", "Về mục Hỏi đáp")
}

async fn route(app: &App, req: &Incoming) -> Outcome {
    let seg: Vec<&str> = req.segments.iter().map(String::as_str).collect();
    match (&req.method, seg.as_slice()) {
        (&Method::POST, ["gui"]) => submit(app, req).await,
        (&Method::GET, ["gui"]) => Ok(Reply::see_other(FORM_PAGE)),
        (&Method::GET, ["tra-cuu"]) => lookup(app, req).await,
        (_, ["gui"] | ["tra-cuu"]) => Err(Problem::method_not_allowed().in_section("hoi-dap")),
        _ => Err(not_found()),
    }
}

async fn lookup(app: &App, req: &Incoming) -> Outcome {
    let Some(raw) = req.query_param("ma") else {
        return Ok(pages::lookup("", None, StatusCode::OK));
    };
    let code = raw.trim().to_ascii_uppercase();
    let refuse = |status: StatusCode, error: &'static str, message: &str| -> Outcome {
        if req.wants_json {
            return Ok(Reply::json(
                status,
                json!({ "error": error, "message": message }),
            ));
        }
        Ok(pages::lookup(&raw, Some(message), status))
    };
    if !records::is_code(&code) {
        return refuse(
            StatusCode::BAD_REQUEST,
            "bad_code",
            "Mã theo dõi có dạng HD-2026-000123 (chữ HD, năm và sáu chữ số).",
        );
    }
    let found = records::get(&*app.store, &code)
        .await
        .map_err(|e| Problem::internal("reading a question's status", &e).in_section("hoi-dap"))?;
    let Some(r) = found else {
        return refuse(
            StatusCode::NOT_FOUND,
            "not_found",
            "Không tìm thấy câu hỏi với mã này. Vui lòng kiểm tra lại mã trong thư xác nhận.",
        );
    };
    if req.wants_json {
        return Ok(Reply::json(StatusCode::OK, records::public_status(&r)));
    }
    Ok(pages::status(&r, req.query_param("moi").is_some()))
}

async fn submit(app: &App, req: &Incoming) -> Outcome {
    let (fields, uploads) = multipart::read(req, app.settings.max_body_bytes)
        .await
        .map_err(|e| Problem::bad_body(&e).in_section("hoi-dap"))?;
    if fields.get(HONEYPOT_FIELD).is_some() {
        // Look like a success so the bot moves on; store nothing.
        tracing::info!("honeypot filled: question dropped");
        return Ok(if req.wants_json {
            Reply::json(StatusCode::CREATED, json!({ "status": "received" }))
        } else {
            Reply::see_other(format!("{}tra-cuu", crate::API_PREFIX))
        });
    }
    web::guard::rate_limit(
        &*app.store,
        &app.secret,
        "hoi-dap",
        req.client_ip.as_deref(),
        app.settings.rate,
    )
    .await
    .map_err(|p| p.in_section("hoi-dap"))?;
    let q = match question::parse(&fields, &uploads, &app.settings) {
        Ok(q) => q,
        Err(errors) => {
            if req.wants_json {
                let list: Vec<_> = errors
                    .iter()
                    .map(|e| json!({ "field": e.field, "message": e.message }))
                    .collect();
                return Ok(Reply::json(
                    StatusCode::UNPROCESSABLE_ENTITY,
                    json!({ "error": "invalid_fields", "errors": list }),
                ));
            }
            let action = format!("{}gui", crate::API_PREFIX);
            return Ok(pages::form_with_errors(
                &action,
                &fields,
                &errors,
                !uploads.is_empty(),
                &app.settings,
            ));
        }
    };
    let r = store_question(app, &q).await?;
    tracing::info!(code = %r.code, files = r.attachments.len(), "question stored");
    let mail = match &app.mailer {
        Some(m) => match m
            .send(&emails::receipt(app, &r.code, &r.title, &q.name, &q.email))
            .await
        {
            Ok(_) => "sent",
            Err(e) => {
                // The question is stored and the code is on the page.
                tracing::warn!(code = %r.code, error = %e, "question receipt not sent");
                "failed"
            }
        },
        None => "none",
    };
    if req.wants_json {
        return Ok(Reply::json(
            StatusCode::CREATED,
            json!({ "status": "received", "code": r.code, "receipt": mail, "lookup_url": emails::lookup_url(app, &r.code) }),
        ));
    }
    Ok(Reply::see_other(format!(
        "{}tra-cuu?ma={}&moi=1",
        crate::API_PREFIX,
        r.code
    )))
}

/// The code, the files, then the two items; files already written are
/// removed when the items cannot be.
async fn store_question(app: &App, q: &NewQuestion) -> Result<QuestionRecord, Problem> {
    let internal =
        |what: &str, e: &dyn std::fmt::Display| Problem::internal(what, e).in_section("hoi-dap");
    let now = app.now();
    let code = records::next_code(&*app.store, now)
        .await
        .map_err(|e| internal("allocating a tracking code", &e))?;
    let stem = vntext::slugify(&q.title);
    let stem: String = stem
        .chars()
        .take(40)
        .collect::<String>()
        .trim_end_matches('-')
        .to_owned();
    let stem = if stem.is_empty() {
        "tep".to_owned()
    } else {
        stem
    };
    let mut attachments = Vec::new();
    for (i, f) in q.files.iter().enumerate() {
        let key = format!("questions/pending/{code}/{}-{stem}.{}", i + 1, f.kind.ext());
        if let Err(e) = app
            .attachments
            .put(&key, f.bytes.clone(), f.kind.mime())
            .await
        {
            remove(app, &attachments).await;
            return Err(internal("storing an attachment", &e));
        }
        attachments.push(Attachment {
            key,
            ext: f.kind.ext().to_owned(),
            size: f.bytes.len() as u64,
        });
    }
    let r = QuestionRecord {
        code: code.clone(),
        title: q.title.clone(),
        text: q.text.clone(),
        field: q.field.clone(),
        province: q.province.clone(),
        display_name: q.display_name.clone(),
        asked_at: web::stamp(&now),
        status: Status::Received,
        attachments,
        page: None,
        answer_url: None,
        notified_at: None,
        version: 1,
    };
    let contact = Contact {
        name: q.name.clone(),
        email: q.email.clone(),
        phone: q.phone.clone(),
    };
    if let Err(e) = records::create(&*app.store, &r, &contact, now).await {
        remove(app, &r.attachments).await;
        return Err(internal("storing a question", &e));
    }
    Ok(r)
}

async fn remove(app: &App, list: &[Attachment]) {
    for a in list {
        if let Err(e) = app.attachments.delete(&a.key).await {
            tracing::error!(key = %a.key, error = %e, "orphan attachment left after a failed post");
        }
    }
}
