//! Routes under `/api/khao-sat/{campaign}/cong-khai/{form}`: surveys anyone may
//! answer. No invitation, so three guards instead: a honeypot field for bots,
//! one submission per browser (a random cookie, stored only as an HMAC), and a
//! per-IP rate limit (the IP stored only as an HMAC, in a counter that expires).

use http::{Method, StatusCode};
use serde_json::json;
use store::Key;
use survey_core::{Access, Campaign, CampaignStatus, Form};

use crate::answers::{self, Owner, WriteError};
use crate::app::App;
use crate::pages::errors::Failure;
use crate::pages::form::{FormPage, Notice};
use crate::pages::{self, now_string};
use crate::request::Incoming;
use crate::response::Reply;
use crate::routes::{read_answers, Outcome};
use crate::token::{hmac_hex, Token};

/// The honeypot: a text field hidden from people (CSS and aria-hidden) that
/// form-filling bots fill in.
pub const HONEYPOT_FIELD: &str = "website";
const BROWSER_COOKIE: &str = "cchc_trinh_duyet";

pub async fn route(app: &App, campaign_id: &str, rest: &[String], req: &Incoming) -> Outcome {
    let campaign = app
        .campaign(campaign_id)
        .filter(|c| c.access() == Access::Public)
        .ok_or_else(|| Failure::not_found("no public campaign with this id"))?;
    let rest: Vec<&str> = rest.iter().map(String::as_str).collect();
    let form = match rest.first() {
        Some(id) => campaign
            .form(id)
            .ok_or_else(|| Failure::not_found("no such public form"))?,
        None => return Err(Failure::not_found("public campaign without a form")),
    };
    // A browser without our cookie gets one now; the id never leaves it except
    // as an HMAC in the answers key.
    let (browser, new_cookie) = match req.cookie(BROWSER_COOKIE).and_then(Token::parse) {
        Some(t) => (t, None),
        None => {
            let t = Token::generate();
            let cookie = browser_cookie(app, campaign, &t);
            (t, Some(cookie))
        }
    };
    let cx = Ctx {
        app,
        campaign,
        form,
        browser,
    };
    let reply = match (&req.method, &rest[1..]) {
        (&Method::GET, []) => show_form(&cx, req).await,
        (&Method::POST, []) => post(&cx, req).await,
        (&Method::GET, ["cam-on"]) => thanks(&cx, req).await,
        (_, [] | ["cam-on"]) => Err(Failure::MethodNotAllowed),
        _ => Err(Failure::not_found("no such page of a public form")),
    }?;
    Ok(match new_cookie {
        Some(c) => reply.with_cookie(c),
        None => reply,
    })
}

struct Ctx<'a> {
    app: &'a App,
    campaign: &'a Campaign,
    form: &'a Form,
    browser: Token,
}

impl Ctx<'_> {
    fn form_url(&self) -> String {
        format!(
            "{}{}/cong-khai/{}",
            crate::API_PREFIX,
            self.campaign.id(),
            self.form.id()
        )
    }

    fn key(&self) -> Key {
        answers::answer_key(
            &self.app.secret,
            "browser",
            self.browser.as_str(),
            self.form.id().as_str(),
        )
    }

    async fn submitted(&self) -> Result<Option<answers::Receipt>, Failure> {
        let record = answers::load(&*self.app.store, &self.key(), &self.app.results_key)
            .await
            .map_err(|e| Failure::internal("loading public answers", &e))?;
        Ok(record
            .filter(|r| r.is_submitted())
            .map(|r| answers::receipt_of(&r)))
    }
}

/// Lives until the campaign closes, scoped to the campaign's paths.
fn browser_cookie(app: &App, campaign: &Campaign, id: &Token) -> String {
    let max_age = (campaign.schedule().closes_at().with_timezone(&chrono::Utc) - app.now())
        .num_seconds()
        .max(0);
    let secure = if app.base_url.starts_with("https://") {
        "; Secure"
    } else {
        ""
    };
    format!(
        "{BROWSER_COOKIE}={}; Path={}{}/; Max-Age={max_age}; HttpOnly; SameSite=Lax{secure}",
        id.as_str(),
        crate::API_PREFIX,
        campaign.id()
    )
}

async fn show_form(cx: &Ctx<'_>, req: &Incoming) -> Outcome {
    let submitted = cx.submitted().await?;
    let status = cx.app.status(cx.campaign);
    if req.wants_json {
        return Ok(Reply::json(
            StatusCode::OK,
            json!({ "form": cx.form.id(), "open": status == CampaignStatus::Open, "submitted": submitted.is_some(), "rules": cx.form.client_rules() }),
        ));
    }
    let action = cx.form_url();
    let page = FormPage {
        campaign: cx.campaign,
        form: cx.form,
        action: &action,
        home_url: None,
        prefill: None,
        errors: &[],
        readonly: submitted.is_some() || status != CampaignStatus::Open,
        notice: match (&submitted, status) {
            (Some(_), _) => Some(Notice::SubmittedHere),
            (None, CampaignStatus::Open) => None,
            (None, s) => Some(Notice::Locked(s)),
        },
        receipt_url: None,
        saved_at: None,
        public: true,
    };
    Ok(Reply::html(StatusCode::OK, pages::form::page(&page)))
}

async fn post(cx: &Ctx<'_>, req: &Incoming) -> Outcome {
    let status = cx.app.status(cx.campaign);
    if status != CampaignStatus::Open {
        return Err(Failure::locked(cx.campaign, status));
    }
    let raw = read_answers(cx.app, req)?;
    let thanks_url = format!("{}/cam-on", cx.form_url());
    if raw
        .first(HONEYPOT_FIELD)
        .is_some_and(|v| !v.trim().is_empty())
    {
        // Look exactly like a success so the bot moves on; store nothing.
        tracing::info!(campaign = %cx.campaign.id(), "honeypot filled: public post dropped");
        return Ok(success(req, &thanks_url, None));
    }
    rate_limit(cx, req).await?;
    let answers = match cx.form.parse_submission(&raw) {
        Ok(a) => a,
        Err(errors) => {
            if req.wants_json {
                return Ok(crate::routes::errors_json(&errors));
            }
            let action = cx.form_url();
            let page = FormPage {
                campaign: cx.campaign,
                form: cx.form,
                action: &action,
                home_url: None,
                prefill: Some((&raw).into()),
                errors: &errors,
                readonly: false,
                notice: None,
                receipt_url: None,
                saved_at: None,
                public: true,
            };
            return Ok(Reply::html(
                StatusCode::UNPROCESSABLE_ENTITY,
                pages::form::page(&page),
            ));
        }
    };
    let owner = Owner {
        campaign: cx.campaign.id().as_str(),
        form: cx.form.id().as_str(),
        unit: "",
        group: cx.form.groups().first().map_or("", |g| g.as_str()),
        results: &cx.app.results_key,
    };
    let digest = answers.digest();
    let now = now_string(cx.app.now());
    match answers::submit(
        &*cx.app.store,
        &cx.key(),
        &owner,
        &answers.canonical_json(),
        &digest,
        None,
        &now,
    )
    .await
    {
        Ok(r) => Ok(success(req, &thanks_url, Some(&r))),
        Err(WriteError::AlreadySubmitted(_)) => {
            tracing::info!(campaign = %cx.campaign.id(), "second public submission from one browser refused");
            Err(Failure::AlreadySubmitted {
                receipt_url: Some(thanks_url),
            })
        }
        Err(WriteError::Store(e)) => Err(Failure::internal("storing public answers", &e)),
    }
}

fn success(req: &Incoming, thanks_url: &str, receipt: Option<&answers::Receipt>) -> Reply {
    if req.wants_json {
        return Reply::json(
            StatusCode::OK,
            json!({ "status": "submitted", "digest": receipt.map(|r| r.digest.clone()), "thanks_url": thanks_url }),
        );
    }
    Reply::see_other(thanks_url.to_owned())
}

/// Counts posts per IP hash in a window fixed by its first post.
async fn rate_limit(cx: &Ctx<'_>, req: &Incoming) -> Result<(), Failure> {
    let Some(ip) = &req.client_ip else {
        tracing::warn!("public post without a client IP: not rate limited");
        return Ok(());
    };
    let key = Key::new(
        format!("RATE#{}", hmac_hex(&cx.app.secret, "ip", ip)),
        cx.campaign.id().as_str(),
    );
    // The TTL is real time, not the campaign clock: it only bounds the window.
    let expires = store::now_epoch() + cx.app.settings.rate_window_secs;
    let n = cx
        .app
        .store
        .increment(&key, "count", 1, Some(expires))
        .await
        .map_err(|e| Failure::internal("rate-limit counter", &e))?;
    if n > cx.app.settings.public_rate_limit {
        tracing::warn!(campaign = %cx.campaign.id(), count = n, "public post rate limit exceeded");
        return Err(Failure::TooManyRequests);
    }
    Ok(())
}

async fn thanks(cx: &Ctx<'_>, req: &Incoming) -> Outcome {
    let receipt = cx.submitted().await?;
    if req.wants_json {
        return Ok(Reply::json(
            StatusCode::OK,
            json!({ "submitted": receipt.is_some(), "digest": receipt.map(|r| r.digest) }),
        ));
    }
    Ok(Reply::html(
        StatusCode::OK,
        pages::public::thanks(cx.campaign, cx.form, receipt.as_ref()),
    ))
}
