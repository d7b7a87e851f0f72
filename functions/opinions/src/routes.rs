//! The function's entry point: one request in, one response out, no panics.
//!
//! | method | path | what |
//! |---|---|---|
//! | GET | `/api/gop-y/{slug}` | JSON: the consultation's state and parts; a page: back to the draft |
//! | POST | `/api/gop-y/{slug}` | an opinion (form post or JSON) |
//! | GET | `/api/gop-y/{slug}/da-gui?ma=…` | the confirmation page |

use http::{Method, StatusCode};
use lambda_http::{Body, Request, Response};
use serde_json::json;
use web::form::HONEYPOT_FIELD;
use web::{Fields, Incoming, Problem, Reply};

use crate::app::App;
use crate::consultations::{Consultation, State};
use crate::{emails, opinion, pages, records};

type Outcome = Result<Reply, Problem>;

/// Handles one request under `/api/gop-y/`. Every failure, a panic included,
/// becomes a Vietnamese page or a JSON error; the English detail is logged.
pub async fn handle(app: &App, req: Request) -> Response<Body> {
    let method = req.method().clone();
    let path = req.uri().path().to_owned();
    let Some(incoming) =
        Incoming::from_request(req, crate::API_PREFIX, app.settings.trusted_proxy_hops)
    else {
        tracing::info!(%path, "path outside the opinions API");
        return pages::unknown_consultation().reply(false).into_response();
    };
    let wants_json = incoming.wants_json;
    let outcome = match web::catch::catch_panic(route(app, &incoming)).await {
        Ok(o) => o,
        Err(()) => Err(Problem::internal("opinions handler panicked", &path)),
    };
    let reply = outcome.unwrap_or_else(|p| p.reply(wants_json));
    tracing::info!(method = %method, %path, status = reply.status.as_u16(), "opinions request");
    reply.into_response()
}

async fn route(app: &App, req: &Incoming) -> Outcome {
    let seg: Vec<&str> = req.segments.iter().map(String::as_str).collect();
    let Some(slug) = seg.first() else {
        return Err(pages::unknown_consultation());
    };
    let Some(c) = app.consultation(slug) else {
        tracing::info!(slug, "no published consultation with this slug");
        return Err(pages::unknown_consultation());
    };
    match (&req.method, &seg[1..]) {
        (&Method::POST, []) => post(app, c, req).await,
        (&Method::GET, []) => Ok(show(app, c, req)),
        (&Method::GET, ["da-gui"]) => {
            // The id is only echoed, so only a well-formed one is.
            let id = req
                .query_param("ma")
                .filter(|m| m.len() == 10 && m.bytes().all(|b| b.is_ascii_hexdigit()));
            Ok(pages::thanks(c, id.as_deref()))
        }
        (_, [] | ["da-gui"]) => Err(Problem::method_not_allowed().in_section("gop-y")),
        _ => Err(pages::unknown_consultation()),
    }
}

fn state_code(s: State) -> &'static str {
    match s {
        State::Upcoming => "upcoming",
        State::Open => "open",
        State::Closed => "closed",
    }
}

fn show(app: &App, c: &Consultation, req: &Incoming) -> Reply {
    if !req.wants_json {
        return Reply::see_other(format!("{}#gui-y-kien", c.path()));
    }
    let parts: Vec<_> = c
        .parts
        .iter()
        .map(|p| json!({ "id": p.id, "label": p.label }))
        .collect();
    Reply::json(
        StatusCode::OK,
        json!({
            "slug": c.slug,
            "title": c.title,
            "state": state_code(c.state_at(app.now())),
            "opens": web::stamp(&c.opens),
            "closes": web::stamp(&c.closes),
            "parts": parts,
        }),
    )
}

async fn post(app: &App, c: &Consultation, req: &Incoming) -> Outcome {
    let fields = Fields::read(req, app.settings.max_body_bytes)
        .map_err(|e| Problem::bad_body(&e).in_section("gop-y"))?;
    let state = c.state_at(app.now());
    if state != State::Open {
        tracing::info!(slug = %c.slug, ?state, "opinion refused outside the consultation's dates");
        return Err(pages::not_open(c, state, fields.get("noi_dung")));
    }
    let thanks = format!("{}{}/da-gui", crate::API_PREFIX, c.slug);
    if fields.get(HONEYPOT_FIELD).is_some() {
        // Look exactly like a success so the bot moves on; store nothing.
        tracing::info!(slug = %c.slug, "honeypot filled: opinion dropped");
        return Ok(if req.wants_json {
            Reply::json(StatusCode::CREATED, json!({ "status": "received" }))
        } else {
            Reply::see_other(thanks)
        });
    }
    web::guard::rate_limit(
        &*app.store,
        &app.secret,
        "gop-y",
        req.client_ip.as_deref(),
        app.settings.rate,
    )
    .await
    .map_err(|p| p.in_section("gop-y"))?;
    let new = match opinion::parse(&fields, c) {
        Ok(o) => o,
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
            let action = format!("{}{}", crate::API_PREFIX, c.slug);
            return Ok(pages::form_with_errors(c, &action, &fields, &errors));
        }
    };
    let stored = records::save(&*app.store, c, &new, app.now())
        .await
        .map_err(|e| Problem::internal("storing an opinion", &e).in_section("gop-y"))?;
    tracing::info!(slug = %c.slug, id = %stored.id, part = %stored.part, "opinion stored");
    let ack = acknowledge(app, c, &stored, new.email.as_deref()).await;
    if req.wants_json {
        return Ok(Reply::json(
            StatusCode::CREATED,
            json!({ "status": "received", "id": stored.id, "consultation": c.slug, "part": stored.part, "acknowledgement": ack }),
        ));
    }
    Ok(Reply::see_other(format!("{thanks}?ma={}", stored.id)))
}

/// Sends the acknowledgement when an email was left and a sender is
/// configured. The opinion is already stored: a mail failure is logged and
/// does not fail the request.
async fn acknowledge(
    app: &App,
    c: &Consultation,
    o: &opinion::StoredOpinion,
    email: Option<&str>,
) -> &'static str {
    let (Some(to), Some(mailer)) = (email, &app.mailer) else {
        return "none";
    };
    match mailer.send(&emails::acknowledgement(app, c, o, to)).await {
        Ok(_) => "sent",
        Err(e) => {
            tracing::warn!(slug = %c.slug, id = %o.id, error = %e, "opinion acknowledgement not sent");
            "failed"
        }
    }
}
