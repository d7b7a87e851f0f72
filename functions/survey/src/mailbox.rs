//! The mailbox check's confirm link: `GET {c}/hop-thu/{token}` shows one
//! button, `POST` records that the respondent's mailbox receives our mail.
//! The GET does not confirm by itself because mail scanners (safe-links)
//! fetch every link in a message; only a person presses the button.

use delivery::schema;
use http::{Method, StatusCode};
use serde_json::{json, Map, Value};
use store::Condition;

use crate::app::App;
use crate::pages::errors::Failure;
use crate::pages::{self, esc};
use crate::request::Incoming;
use crate::response::Reply;
use crate::routes::Outcome;
use crate::token::{sha256_hex, Token};

pub async fn route(app: &App, campaign: &str, token: &str, req: &Incoming) -> Outcome {
    let campaign = app
        .campaign(campaign)
        .ok_or_else(|| Failure::not_found("mailbox check for an unknown campaign"))?;
    let token = Token::parse(token).ok_or_else(|| Failure::not_found("malformed check token"))?;
    let item = app
        .store
        .get(&schema::check_key(&sha256_hex(token.as_str().as_bytes())))
        .await
        .map_err(|e| Failure::internal("reading mailbox check", &e))?
        .filter(|i| i.get("campaign").and_then(Value::as_str) == Some(campaign.id().as_str()))
        .ok_or_else(|| Failure::not_found("unknown mailbox check token"))?;
    let respondent = item
        .get("respondent")
        .and_then(Value::as_str)
        .unwrap_or_default()
        .to_owned();
    let title = "Xác nhận hộp thư nhận khảo sát";
    match req.method {
        Method::GET => Ok(Reply::html(
            StatusCode::OK,
            pages::layout::layout(
                title,
                &format!(
                    "<h1>{title}</h1>\n<p>Đợt khảo sát: <strong>{}</strong>.</p>\n\
                     <p>Bấm nút dưới đây để xác nhận ông/bà đã nhận được thư kiểm tra của Bộ Nội vụ. \
                     Việc này giúp đơn vị đầu mối biết thư mời khảo sát sẽ đến được hộp thư của ông/bà.</p>\n\
                     <form method=\"post\" action=\"\">\n<button class=\"button\" type=\"submit\">Tôi đã nhận được thư</button>\n</form>\n",
                    esc(campaign.title())
                ),
                false,
            ),
        )),
        Method::POST => {
            let key = schema::respondent_key(campaign.id().as_str(), &respondent);
            let mut set = Map::new();
            set.insert(
                schema::ATTR_MAILBOX_CONFIRMED_AT.into(),
                crate::pages::now_string(app.now()).into(),
            );
            match app.store.update(&key, set, Condition::Exists).await {
                Ok(_) | Err(store::StoreError::ConditionFailed) => {}
                Err(e) => return Err(Failure::internal("recording mailbox check", &e)),
            }
            tracing::info!(campaign = %campaign.id(), "mailbox confirmed");
            if req.wants_json {
                return Ok(Reply::json(StatusCode::OK, json!({ "confirmed": true })));
            }
            Ok(Reply::html(
                StatusCode::OK,
                pages::layout::layout(
                    "Đã xác nhận hộp thư",
                    &format!(
                        "<h1>Đã xác nhận hộp thư</h1>\n<p>Cảm ơn ông/bà. Thư mời khảo sát “{}” sẽ được gửi đến địa chỉ này khi đợt khảo sát mở.</p>\n",
                        esc(campaign.title())
                    ),
                    false,
                ),
            ))
        }
        _ => Err(Failure::MethodNotAllowed),
    }
}
