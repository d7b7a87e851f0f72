//! The opinions Lambda function. Configuration, all from the environment:
//!
//! | variable | meaning |
//! |---|---|
//! | `CCHC_TABLE` | DynamoDB table (required) |
//! | `CCHC_TOKEN_SECRET` | HMAC key for IP hashes, at least 32 characters; in AWS `CCHC_TOKEN_SECRET_PARAM` names the SSM SecureString |
//! | `CCHC_BASE_URL` | the portal's address, for links in mail (required) |
//! | `CCHC_CONTENT_DIR` | folder holding `gop-y/` (the content layer, `/opt`) |
//! | `CCHC_MAIL_FROM` | sender of acknowledgements; unset: none are sent |
//! | `CCHC_SES_CONFIGURATION_SET` | configuration set for delivery events (optional) |
//! | `CCHC_DYNAMODB_ENDPOINT`, `CCHC_SES_ENDPOINT` | local endpoints (moto), never set in production |

use std::convert::Infallible;

use lambda_http::{service_fn, Request};
use opinions::consultations;
use opinions::env::{app_from_env, required};

/// The HMAC key: `CCHC_TOKEN_SECRET` locally, the SSM SecureString named by
/// `CCHC_TOKEN_SECRET_PARAM` in AWS (`lambda-config`).
async fn token_secret() -> Result<Vec<u8>, lambda_http::Error> {
    let sdk = aws_env::load().await;
    let secret = lambda_config::Secrets::from_sdk_config(&sdk)
        .get("CCHC_TOKEN_SECRET")
        .await?;
    if secret.len() < 32 {
        return Err("CCHC_TOKEN_SECRET must be at least 32 characters".into());
    }
    Ok(secret.into_bytes())
}

// One thread: Lambda sends an environment one event at a time, and at 128 MB
// it has a fraction of one vCPU; worker threads would only add start-up work.
#[tokio::main(flavor = "current_thread")]
async fn main() -> Result<(), lambda_http::Error> {
    lambda_config::init_logging();

    let secret = token_secret().await?;
    let dir = consultations::dir_from_env();
    let list = consultations::load(&dir)?;
    let app = app_from_env(list, secret, &required("CCHC_BASE_URL")?).await?;
    tracing::info!(consultations = app.consultations.len(), dir = %dir.display(), acknowledgements = app.mailer.is_some(), "opinions function started");

    let app = &app;
    lambda_http::run(service_fn(move |req: Request| async move {
        Ok::<_, Infallible>(opinions::handle(app, req).await)
    }))
    .await
}
