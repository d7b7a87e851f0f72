//! The questions Lambda function. Configuration, all from the environment:
//!
//! | variable | meaning |
//! |---|---|
//! | `CCHC_TABLE` | DynamoDB table (required) |
//! | `CCHC_ATTACHMENTS_BUCKET` | S3 bucket for attachments (required) |
//! | `CCHC_TOKEN_SECRET` | HMAC key for IP hashes, at least 32 characters; in AWS `CCHC_TOKEN_SECRET_PARAM` names the SSM SecureString |
//! | `CCHC_BASE_URL` | the portal's address, for links in mail (required) |
//! | `CCHC_MAIL_FROM` | sender of receipts; unset: the code is shown on the page only |
//! | `CCHC_SES_CONFIGURATION_SET` | configuration set for delivery events (optional) |
//! | `CCHC_DYNAMODB_ENDPOINT`, `CCHC_SES_ENDPOINT`, `CCHC_S3_ENDPOINT` | local endpoints (moto), never set in production |

use std::convert::Infallible;

use lambda_http::{service_fn, Request};
use questions::env::{app_from_env, required};

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
    let app = app_from_env(secret, &required("CCHC_BASE_URL")?).await?;
    tracing::info!(
        receipts = app.mailer.is_some(),
        "questions function started"
    );

    let app = &app;
    lambda_http::run(service_fn(move |req: Request| async move {
        Ok::<_, Infallible>(questions::handle(app, req).await)
    }))
    .await
}
