//! "Resend my link": a respondent who lost the invitation types their address;
//! if it is invited to an open campaign and mail reaches it, the same personal
//! link is mailed again. The page answers the same whatever the address, so
//! it tells nobody who is on a list, and it is rate-limited per IP address and
//! per email address.

use delivery::{schema, EmailAddress};
use http::{Method, StatusCode};
use serde_json::{json, Value};
use store::Key;
use survey_core::{Access, CampaignStatus};

use crate::app::App;
use crate::emails::{self, Recipient};
use crate::pages::errors::Failure;
use crate::pages::{self, esc};
use crate::request::Incoming;
use crate::respondents::{sealed_token, RespondentId};
use crate::response::Reply;
use crate::routes::{read_answers, Outcome};
use crate::token::hmac_hex;

/// The page's address under the API prefix.
pub const PATH: &str = "gui-lai-lien-ket";
/// Resends per address per window: enough for a person, useless for a flood.
const PER_ADDRESS: i64 = 3;

pub async fn route(app: &App, req: &Incoming) -> Outcome {
    match req.method {
        Method::GET => Ok(Reply::html(StatusCode::OK, form_page(None))),
        Method::POST => post(app, req).await,
        _ => Err(Failure::MethodNotAllowed),
    }
}

fn form_page(error: Option<&str>) -> String {
    let (err_block, invalid) = match error {
        Some(e) => (
            format!("<p class=\"error-message\" id=\"email-loi\"><span class=\"visually-hidden\">Lỗi:</span> {}</p>\n", esc(e)),
            " aria-invalid=\"true\" aria-describedby=\"email-goi-y email-loi\"",
        ),
        None => (String::new(), " aria-describedby=\"email-goi-y\""),
    };
    pages::layout::layout(
        "Gửi lại đường dẫn khảo sát",
        &format!(
            "<h1>Gửi lại đường dẫn khảo sát</h1>\n\
             <p>Nếu ông/bà được mời khảo sát nhưng không tìm thấy thư mời (kể cả trong thư mục Thư rác), \
             hãy nhập địa chỉ email đã đăng ký. Nếu địa chỉ có trong danh sách của một đợt khảo sát đang mở, \
             hệ thống gửi lại đúng đường dẫn cũ; phần đã lưu nháp vẫn còn.</p>\n\
             <form class=\"form\" method=\"post\" action=\"\" novalidate>\n\
             <div class=\"field\">\n<label for=\"email\">Địa chỉ email được mời</label>\n\
             <p class=\"hint\" id=\"email-goi-y\">Ví dụ: nguyenvana@moha.gov.vn</p>\n{err_block}\
             <input id=\"email\" name=\"email\" type=\"email\" autocomplete=\"email\" spellcheck=\"false\" required{invalid}>\n</div>\n\
             <div class=\"hp\" aria-hidden=\"true\"><label for=\"website\">Để trống ô này</label><input id=\"website\" name=\"website\" tabindex=\"-1\" autocomplete=\"off\"></div>\n\
             <button class=\"button\" type=\"submit\">Gửi lại đường dẫn</button>\n</form>\n\
             <p>Địa chỉ email chỉ được dùng để tìm và gửi lại thư mời, không được lưu thêm ở đâu.</p>\n"
        ),
        false,
    )
}

fn done_page() -> String {
    pages::layout::layout(
        "Đã tiếp nhận yêu cầu",
        "<h1>Đã tiếp nhận yêu cầu</h1>\n<p>Nếu địa chỉ này có trong danh sách mời của một đợt khảo sát đang mở, \
         thư có đường dẫn khảo sát sẽ đến trong vài phút. Hãy kiểm tra cả thư mục Thư rác.</p>\n\
         <p>Nếu không nhận được thư, xin liên hệ đơn vị đầu mối khảo sát của bộ, ngành, địa phương mình để kiểm tra lại địa chỉ đã đăng ký.</p>\n",
        false,
    )
}

async fn post(app: &App, req: &Incoming) -> Outcome {
    let form = read_answers(app, req)?;
    if form.first("website").is_some_and(|v| !v.trim().is_empty()) {
        tracing::info!("resend-link honeypot filled: ignored");
        return Ok(done(req));
    }
    let Ok(email) = EmailAddress::parse(form.first("email").unwrap_or_default()) else {
        return Ok(Reply::html(
            StatusCode::UNPROCESSABLE_ENTITY,
            form_page(Some(
                "Địa chỉ email chưa đúng định dạng, ví dụ: nguyenvana@moha.gov.vn",
            )),
        ));
    };
    let window = store::now_epoch() + app.settings.rate_window_secs;
    if let Some(ip) = &req.client_ip {
        let key = Key::new(format!("RATE#{}", hmac_hex(&app.secret, "ip", ip)), PATH);
        let n = app
            .store
            .increment(&key, "count", 1, Some(window))
            .await
            .map_err(|e| Failure::internal("rate-limit counter", &e))?;
        if n > app.settings.public_rate_limit {
            return Err(Failure::TooManyRequests);
        }
    }
    let key = Key::new(
        format!("RATE#{}", hmac_hex(&app.secret, "email", email.as_str())),
        PATH,
    );
    let n = app
        .store
        .increment(&key, "count", 1, Some(window))
        .await
        .map_err(|e| Failure::internal("rate-limit counter", &e))?;
    if n <= PER_ADDRESS {
        // Failures are logged, never shown: the answer must not depend on the address.
        if let Err(e) = resend(app, &email).await {
            tracing::error!(error = %e, "resending a link failed");
        }
    } else {
        tracing::info!("resend-link limit reached for an address");
    }
    Ok(done(req))
}

fn done(req: &Incoming) -> Reply {
    if req.wants_json {
        return Reply::json(StatusCode::ACCEPTED, json!({ "status": "accepted" }));
    }
    Reply::html(StatusCode::OK, done_page())
}

async fn resend(app: &App, email: &EmailAddress) -> Result<usize, String> {
    let Some(link_key) = &app.link_key else {
        return Err("no link key configured: links cannot be resent".into());
    };
    if app
        .store
        .get(&schema::suppression_key(email.as_str()))
        .await
        .map_err(|e| e.to_string())?
        .is_some()
    {
        return Ok(0);
    }
    let mut sent = 0;
    for campaign in &app.campaigns {
        if campaign.access() != Access::Invited || app.status(campaign) != CampaignStatus::Open {
            continue;
        }
        let cid = campaign.id().as_str();
        let Some(index) = app
            .store
            .get(&schema::email_key(cid, email.as_str()))
            .await
            .map_err(|e| e.to_string())?
        else {
            continue;
        };
        let id = RespondentId(
            index
                .get("respondent")
                .and_then(Value::as_str)
                .unwrap_or_default()
                .to_owned(),
        );
        let Some(item) = app
            .store
            .get(&crate::respondents::respondent_key(cid, &id))
            .await
            .map_err(|e| e.to_string())?
        else {
            continue;
        };
        let text = |n: &str| item.get(n).and_then(Value::as_str).unwrap_or_default();
        if delivery::DeliveryState::parse(text(schema::ATTR_DELIVERY)).blocks_mail() {
            continue;
        }
        let Some(token) = sealed_token(&*app.store, cid, &id, link_key)
            .await
            .map_err(|e| e.to_string())?
        else {
            continue;
        };
        let to = Recipient {
            name: text("name"),
            email: email.as_str(),
            unit: text("unit"),
            group: text("group"),
        };
        let link = app.invitation_url(cid, token.as_str());
        let mut mail =
            emails::invitation(app, campaign, &to, &link, true).map_err(|e| e.to_string())?;
        mail.tags
            .insert(schema::TAG_RESPONDENT.into(), id.0.clone());
        mail.tags.insert(schema::TAG_STEP.into(), "resend".into());
        app.mailer.send(&mail).await.map_err(|e| e.to_string())?;
        tracing::info!(campaign = cid, respondent = %id, "link resent");
        sent += 1;
    }
    Ok(sent)
}
