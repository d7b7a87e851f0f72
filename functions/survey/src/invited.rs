//! Routes under `/api/khao-sat/{campaign}/moi/{token}`: a respondent's home,
//! their forms, drafts, review, submission and receipts.

use http::{Method, StatusCode};
use serde_json::{json, Value};
use store::Key;
use survey_core::{Access, AnswerSet, Answers, Campaign, CampaignStatus, Form, RawAnswers};

use crate::answers::{self, AnswerRecord, Owner, Participation, Receipt, WriteError};
use crate::app::App;
use crate::emails;
use crate::pages::errors::Failure;
use crate::pages::form::{FormPage, Notice};
use crate::pages::home::{FormEntry, FormState};
use crate::pages::{self, now_string};
use crate::request::Incoming;
use crate::respondents::{self, Invitee};
use crate::response::Reply;
use crate::routes::{read_answers, Outcome};
use crate::token::Token;

/// Where a respondent is, once their link checked out.
struct Ctx<'a> {
    app: &'a App,
    campaign: &'a Campaign,
    token: Token,
    invitee: Invitee,
}

impl<'a> Ctx<'a> {
    fn home_url(&self) -> String {
        format!(
            "{}{}/moi/{}",
            crate::API_PREFIX,
            self.campaign.id(),
            self.token.as_str()
        )
    }

    fn form_url(&self, form: &Form) -> String {
        format!("{}/{}", self.home_url(), form.id())
    }

    fn key(&self, form: &Form) -> Key {
        answers::answer_key(
            &self.app.secret,
            "token",
            self.token.as_str(),
            form.id().as_str(),
        )
    }

    fn owner<'b>(&'b self, form: &'b Form) -> Owner<'b> {
        Owner {
            campaign: self.campaign.id().as_str(),
            form: form.id().as_str(),
            unit: &self.invitee.unit,
            group: &self.invitee.group,
            results: &self.app.results_key,
        }
    }

    /// The form, if it exists and is one this respondent is asked to fill in.
    fn form(&self, id: &str) -> Result<&Form, Failure> {
        self.assigned()
            .into_iter()
            .find(|f| f.id().as_str() == id)
            .ok_or_else(|| Failure::not_found("form not assigned to the respondent"))
    }

    /// Their group's forms, narrowed to the list they were imported with.
    fn assigned(&self) -> Vec<&'a Form> {
        self.campaign
            .assigned_forms(&self.invitee.group, self.invitee.forms.as_deref())
    }

    async fn record(&self, form: &Form) -> Result<Option<AnswerRecord>, Failure> {
        answers::load(&*self.app.store, &self.key(form), &self.app.results_key)
            .await
            .map_err(|e| Failure::internal("loading answers", &e))
    }

    /// Refuses writes outside the opening hours.
    fn check_open(&self) -> Result<(), Failure> {
        match self.app.status(self.campaign) {
            CampaignStatus::Open => Ok(()),
            s => Err(Failure::locked(self.campaign, s)),
        }
    }

    fn already_submitted(&self, form: &Form) -> Failure {
        Failure::AlreadySubmitted {
            receipt_url: Some(format!("{}/bien-nhan", self.form_url(form))),
        }
    }
}

pub async fn route(
    app: &App,
    campaign_id: &str,
    token: &str,
    rest: &[String],
    req: &Incoming,
) -> Outcome {
    let campaign = app
        .campaign(campaign_id)
        .filter(|c| c.access() == Access::Invited)
        .ok_or_else(|| Failure::not_found("no invited campaign with this id"))?;
    let token = Token::parse(token).ok_or_else(|| Failure::not_found("malformed token"))?;
    let invitee = respondents::find_invitee(&*app.store, campaign_id, &token)
        .await
        .map_err(|e| Failure::internal("looking up token", &e))?
        .ok_or_else(|| Failure::not_found("unknown token"))?;
    let cx = Ctx {
        app,
        campaign,
        token,
        invitee,
    };
    let rest: Vec<&str> = rest.iter().map(String::as_str).collect();
    match (&req.method, rest.as_slice()) {
        (&Method::GET, []) => home(&cx, req).await,
        (&Method::GET, [form]) => show_form(&cx, cx.form(form)?, req).await,
        (&Method::POST, [form]) => post_form(&cx, cx.form(form)?, req).await,
        (&Method::POST, [form, "nop"]) => submit(&cx, cx.form(form)?, req).await,
        (&Method::GET, [form, "xem-lai"]) => review(&cx, cx.form(form)?).await,
        (&Method::GET, [form, "bien-nhan"]) => receipt(&cx, cx.form(form)?, req).await,
        (_, [] | [_] | [_, "nop"] | [_, "bien-nhan"] | [_, "xem-lai"]) => {
            Err(Failure::MethodNotAllowed)
        }
        _ => Err(Failure::not_found("no such page under an invitation link")),
    }
}

async fn home(cx: &Ctx<'_>, req: &Incoming) -> Outcome {
    let mut entries = Vec::new();
    for form in cx.assigned() {
        let state = match cx.record(form).await? {
            None => FormState::NotStarted,
            Some(r) if r.is_submitted() => FormState::Submitted(r.submitted_at.unwrap_or_default()),
            Some(r) => FormState::Draft(r.updated_at),
        };
        entries.push(FormEntry {
            form,
            state,
            url: cx.form_url(form),
        });
    }
    if req.wants_json {
        let forms: Vec<Value> = entries
            .iter()
            .map(|e| json!({ "id": e.form.id(), "title": e.form.title(), "status": e.state.code(), "url": e.url }))
            .collect();
        return Ok(Reply::json(
            StatusCode::OK,
            json!({ "campaign": cx.campaign.id(), "title": cx.campaign.title(), "open": cx.app.status(cx.campaign) == CampaignStatus::Open, "forms": forms }),
        ));
    }
    let group = cx
        .campaign
        .group(&cx.invitee.group)
        .map_or("", |g| g.name());
    let html = pages::home::page(
        cx.campaign,
        cx.app.status(cx.campaign),
        &cx.invitee.unit,
        group,
        &entries,
    );
    Ok(Reply::html(StatusCode::OK, html))
}

async fn show_form(cx: &Ctx<'_>, form: &Form, req: &Incoming) -> Outcome {
    let record = cx.record(form).await?;
    let open = cx.app.status(cx.campaign) == CampaignStatus::Open;
    let submitted = record.as_ref().is_some_and(AnswerRecord::is_submitted);
    let stored = match &record {
        Some(r) if r.is_submitted() => form
            .parse_stored(&r.answers)
            .map(|a| AnswerSet::clone(&a))
            .ok(),
        Some(r) => form
            .parse_stored_draft(&r.answers)
            .map(|d| AnswerSet::clone(&d))
            .ok(),
        None => None,
    };
    if record.is_some() && stored.is_none() {
        // A definition edited mid-campaign can orphan stored answers; show the
        // form empty rather than fail, and tell operators.
        tracing::warn!(campaign = %cx.campaign.id(), form = %form.id(), "stored answers no longer parse against the form");
    }
    if req.wants_json {
        let answers: Value = record
            .as_ref()
            .and_then(|r| serde_json::from_str::<Value>(&r.answers).ok())
            .and_then(|v| v.get("answers").cloned())
            .unwrap_or(Value::Null);
        return Ok(Reply::json(
            StatusCode::OK,
            json!({
                "form": form.id(),
                "status": record.as_ref().map_or("not_started", |r| if r.is_submitted() { "submitted" } else { "draft" }),
                "answers": answers,
                "saved_at": record.as_ref().map(|r| r.updated_at.clone()),
                "digest": record.as_ref().and_then(|r| r.digest.clone()),
                "open": open,
            }),
        ));
    }
    let notice = if submitted {
        Some(Notice::Submitted)
    } else if !open {
        Some(Notice::Locked(cx.app.status(cx.campaign)))
    } else if req.query_flag("da-luu") {
        record
            .as_ref()
            .map(|r| Notice::DraftSaved(r.updated_at.clone()))
    } else {
        None
    };
    let action = cx.form_url(form);
    let page = FormPage {
        campaign: cx.campaign,
        form,
        action: &action,
        home_url: Some(cx.home_url()),
        prefill: stored.as_ref().map(|a| a.into()),
        errors: &[],
        readonly: submitted || !open,
        notice,
        receipt_url: submitted.then(|| format!("{action}/bien-nhan")),
        saved_at: record
            .as_ref()
            .filter(|r| !r.is_submitted())
            .map(|r| r.updated_at.clone()),
        public: false,
    };
    Ok(Reply::html(StatusCode::OK, pages::form::page(&page)))
}

/// The form's own POST: `_action=draft` saves, `_action=review` (or the
/// `submit` button of a form without script) checks everything and shows the
/// answers for review before the final submission.
async fn post_form(cx: &Ctx<'_>, form: &Form, req: &Incoming) -> Outcome {
    cx.check_open()?;
    let raw = read_answers(cx.app, req)?;
    let action = raw
        .first(survey_core::fields::ACTION_FIELD)
        .unwrap_or("draft")
        .to_owned();
    let now = now_string(cx.app.now());
    match action.as_str() {
        "draft" => {
            let draft = match form.parse_draft(&raw) {
                Ok(d) => d,
                Err(errors) => return Ok(form_with_errors(cx, form, &raw, &errors, req)),
            };
            save(cx, form, &draft.canonical_json(), &now).await?;
            if req.wants_json {
                return Ok(Reply::json(
                    StatusCode::OK,
                    json!({ "status": "draft_saved", "saved_at": now }),
                ));
            }
            Ok(Reply::see_other(format!("{}?da-luu=1", cx.form_url(form))))
        }
        "review" | "submit" => {
            let answers = match form.parse_submission(&raw) {
                Ok(a) => a,
                Err(errors) => return Ok(form_with_errors(cx, form, &raw, &errors, req)),
            };
            // The checked answers become the draft, and /nop submits exactly
            // what was reviewed: no need to carry them through hidden fields.
            save(cx, form, &answers.canonical_json(), &now).await?;
            let submit_url = format!("{}/nop", cx.form_url(form));
            if req.wants_json {
                return Ok(Reply::json(
                    StatusCode::OK,
                    json!({ "status": "valid", "digest": answers.digest(), "submit_url": submit_url }),
                ));
            }
            // Post/redirect/get: the review has its own address, so "Sửa"
            // (the form's address plus an anchor) really leaves the review,
            // and reloading the review does not post again.
            let _ = submit_url;
            Ok(Reply::see_other(format!("{}/xem-lai", cx.form_url(form))))
        }
        other => {
            tracing::info!(action = other, "unknown _action in a survey post");
            Err(Failure::BadRequest)
        }
    }
}

async fn save(cx: &Ctx<'_>, form: &Form, json: &str, now: &str) -> Result<(), Failure> {
    match answers::save_draft(&*cx.app.store, &cx.key(form), &cx.owner(form), json, now).await {
        Ok(()) => Ok(()),
        Err(WriteError::AlreadySubmitted(_)) => Err(cx.already_submitted(form)),
        Err(WriteError::Store(e)) => Err(Failure::internal("saving draft", &e)),
    }
}

fn form_with_errors(
    cx: &Ctx<'_>,
    form: &Form,
    raw: &RawAnswers,
    errors: &[survey_core::FieldError],
    req: &Incoming,
) -> Reply {
    if req.wants_json {
        return crate::routes::errors_json(errors);
    }
    let action = cx.form_url(form);
    let page = FormPage {
        campaign: cx.campaign,
        form,
        action: &action,
        home_url: Some(cx.home_url()),
        prefill: Some(raw.into()),
        errors,
        readonly: false,
        notice: None,
        receipt_url: None,
        saved_at: None,
        public: false,
    };
    Reply::html(StatusCode::UNPROCESSABLE_ENTITY, pages::form::page(&page))
}

/// `GET …/{form}/xem-lai`: the saved answers for review, when they are
/// complete; otherwise back to the form to finish them.
async fn review(cx: &Ctx<'_>, form: &Form) -> Outcome {
    let record = cx.record(form).await?;
    let answers = record
        .as_ref()
        .and_then(|r| form.parse_stored(&r.answers).ok());
    match (record, answers) {
        (Some(r), _) if r.is_submitted() => {
            Ok(Reply::see_other(format!("{}/bien-nhan", cx.form_url(form))))
        }
        (_, Some(answers)) => {
            let submit_url = format!("{}/nop", cx.form_url(form));
            let html =
                pages::review::page(cx.campaign, form, &answers, &cx.form_url(form), &submit_url);
            Ok(Reply::html(StatusCode::OK, html))
        }
        _ => Ok(Reply::see_other(cx.form_url(form))),
    }
}

/// `POST …/{form}/nop`: submits the reviewed answers (or answers in the body).
async fn submit(cx: &Ctx<'_>, form: &Form, req: &Incoming) -> Outcome {
    cx.check_open()?;
    let raw = read_answers(cx.app, req)?;
    let record = cx.record(form).await?;
    let posted_answers = raw
        .iter()
        .any(|(k, _)| k.starts_with(survey_core::fields::FIELD_PREFIX));
    let answers: Answers = if posted_answers {
        match form.parse_submission(&raw) {
            Ok(a) => a,
            Err(errors) => return Ok(form_with_errors(cx, form, &raw, &errors, req)),
        }
    } else {
        let Some(r) = &record else {
            tracing::info!("submit without answers and without a reviewed draft");
            return Ok(Reply::see_other(cx.form_url(form)));
        };
        match form.parse_stored(&r.answers) {
            Ok(a) => a,
            Err(survey_core::StoredAnswersError::Invalid(errors)) => {
                let raw = form
                    .parse_stored_draft(&r.answers)
                    .map(|d| d.to_raw())
                    .unwrap_or_default();
                return Ok(form_with_errors(cx, form, &raw, &errors, req));
            }
            Err(e) => return Err(Failure::internal("reading stored answers", &e)),
        }
    };
    let digest = answers.digest();
    // What was reviewed is what gets submitted: a stale review tab (answers
    // changed since in another tab) is shown the new answers first.
    if let Some(reviewed) = raw.first("_digest").filter(|d| !d.is_empty()) {
        let already = record.as_ref().is_some_and(|r| r.is_submitted());
        if reviewed != digest && !already {
            let html = pages::review::page(
                cx.campaign,
                form,
                &answers,
                &cx.form_url(form),
                &format!("{}/nop", cx.form_url(form)),
            );
            return Ok(Reply::html(StatusCode::CONFLICT, html));
        }
    }
    let now = now_string(cx.app.now());
    let result = answers::submit(
        &*cx.app.store,
        &cx.key(form),
        &cx.owner(form),
        &answers.canonical_json(),
        &digest,
        Some(Participation {
            respondent: &cx.invitee.respondent,
        }),
        &now,
    )
    .await;
    let receipt = match result {
        Ok(r) => r,
        Err(WriteError::AlreadySubmitted(_)) => return Err(cx.already_submitted(form)),
        Err(WriteError::Store(e)) => return Err(Failure::internal("submitting answers", &e)),
    };
    if receipt.first_time {
        send_receipt(cx, form, &receipt).await;
        tracing::info!(campaign = %cx.campaign.id(), form = %form.id(), "form submitted");
    }
    let receipt_url = format!("{}/bien-nhan", cx.form_url(form));
    if req.wants_json {
        return Ok(Reply::json(
            StatusCode::OK,
            json!({ "status": "submitted", "digest": receipt.digest, "submitted_at": receipt.submitted_at, "receipt_url": receipt_url }),
        ));
    }
    Ok(Reply::see_other(receipt_url))
}

/// Mails the receipt. A failure is logged, not shown: the answers are stored
/// and the receipt page has the same content.
async fn send_receipt(cx: &Ctx<'_>, form: &Form, receipt: &Receipt) {
    let contact = match respondents::contact(
        &*cx.app.store,
        cx.campaign.id().as_str(),
        &cx.invitee.respondent,
    )
    .await
    {
        Ok(Some(c)) => c,
        Ok(None) => {
            return tracing::warn!("respondent of a valid token has no record; receipt not mailed")
        }
        Err(e) => return tracing::error!(error = %e, "loading respondent for the receipt email"),
    };
    let url = format!("{}{}/bien-nhan", cx.app.base_url, cx.form_url(form));
    let email = emails::receipt(
        cx.app,
        cx.campaign,
        form,
        &contact.0,
        &contact.1,
        receipt,
        &url,
    );
    if let Err(e) = cx.app.mailer.send(&email).await {
        tracing::error!(error = %e, "sending the receipt email failed");
    }
}

async fn receipt(cx: &Ctx<'_>, form: &Form, req: &Incoming) -> Outcome {
    let record = cx.record(form).await?;
    let Some(r) = record.filter(AnswerRecord::is_submitted) else {
        if req.wants_json {
            return Err(Failure::not_found("receipt of a form not submitted"));
        }
        return Ok(Reply::see_other(cx.form_url(form)));
    };
    let receipt = answers::receipt_of(&r);
    if req.wants_json {
        let answers = serde_json::from_str::<Value>(&r.answers).unwrap_or(Value::Null);
        return Ok(Reply::json(
            StatusCode::OK,
            json!({ "form": form.id(), "digest": receipt.digest, "submitted_at": receipt.submitted_at, "answers": answers }),
        ));
    }
    let answers = form
        .parse_stored(&r.answers)
        .map_err(|e| Failure::internal("reading submitted answers for the receipt", &e))?;
    let html = pages::receipt::page(cx.campaign, form, &answers, &receipt, Some(&cx.home_url()));
    Ok(Reply::html(StatusCode::OK, html))
}
