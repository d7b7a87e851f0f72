//! The survey Lambda function. Configuration, all from the environment:
//!
//! | variable | meaning |
//! |---|---|
//! | `CCHC_TABLE` | DynamoDB table (required) |
//! | `CCHC_TOKEN_SECRET` | HMAC key for answer keys, at least 32 characters; in AWS `CCHC_TOKEN_SECRET_PARAM` names the SSM SecureString instead (`lambda-config`) |
//! | `CCHC_LINK_KEY` | 64 hex characters sealing invitation links for "resend my link"; in AWS `CCHC_LINK_KEY_PARAM` names the SSM SecureString |
//! | `CCHC_RESULTS_KEY` | 64 hex characters sealing an answer's unit, group and times (not the token secret); in AWS `CCHC_RESULTS_KEY_PARAM` names the SSM SecureString (required) |
//! | `CCHC_BASE_URL` | the portal's address, for links in mail (required) |
//! | `CCHC_MAIL_FROM` | sender address, verified in SES (required) |
//! | `CCHC_SES_CONFIGURATION_SET` | configuration set for delivery events (optional) |
//! | `CCHC_CONTENT_DIR` | folder holding `khao-sat/` (default `content`; in the package `/var/task/content`) |
//! | `CCHC_TRUSTED_PROXY_HOPS` | proxies in front that append to X-Forwarded-For (default 0; behind CloudFront → HTTP API, 1) |
//! | `CCHC_DYNAMODB_ENDPOINT`, `CCHC_SES_ENDPOINT`, `CCHC_SSM_ENDPOINT` | local endpoints (moto), never set in production |

use std::convert::Infallible;
use std::sync::Arc;

use lambda_http::{service_fn, Request};
use mailer::SesMailer;
use store::DynamoStore;
use survey::{campaigns, App, SystemClock};

fn required(name: &str) -> Result<String, lambda_http::Error> {
    match std::env::var(name) {
        Ok(v) if !v.trim().is_empty() => Ok(v),
        _ => Err(format!("environment variable {name} is required").into()),
    }
}

// One thread: Lambda sends an environment one event at a time, and at 128 MB
// it has a fraction of one vCPU; worker threads would only add start-up work.
#[tokio::main(flavor = "current_thread")]
async fn main() -> Result<(), lambda_http::Error> {
    lambda_config::init_logging();

    let sdk = aws_env::load().await;
    let secrets = lambda_config::Secrets::from_sdk_config(&sdk);
    let secret = secrets.get("CCHC_TOKEN_SECRET").await?;
    if secret.len() < 32 {
        return Err("CCHC_TOKEN_SECRET must be at least 32 characters".into());
    }
    // Optional: without it "resend my link" cannot open sealed links (it logs why).
    let link_key = match secrets.get("CCHC_LINK_KEY").await {
        Ok(hex) => Some(
            survey::link_seal::LinkKey::from_hex(&hex)
                .map_err(|e| format!("CCHC_LINK_KEY: {e}"))?,
        ),
        Err(e) => {
            tracing::warn!(error = %e, "no link key: links cannot be resent");
            None
        }
    };
    let results_key = delivery::ResultsKey::from_hex(&secrets.get("CCHC_RESULTS_KEY").await?)
        .map_err(|e| format!("CCHC_RESULTS_KEY: {e}"))?;
    let dir = campaigns::surveys_dir_from_env();
    let list = campaigns::load(&dir)?;
    let dynamo_endpoint = std::env::var("CCHC_DYNAMODB_ENDPOINT").ok();
    let ses_endpoint = std::env::var("CCHC_SES_ENDPOINT").ok();
    let store =
        DynamoStore::from_sdk_config(&sdk, required("CCHC_TABLE")?, dynamo_endpoint.as_deref());
    let mailer =
        SesMailer::from_sdk_config(&sdk, required("CCHC_MAIL_FROM")?, ses_endpoint.as_deref());
    let mut app = App::new(
        list,
        Arc::new(store),
        Arc::new(mailer),
        Arc::new(SystemClock),
        secret.into_bytes(),
        results_key,
        required("CCHC_BASE_URL")?,
    );
    app.link_key = link_key;
    app.settings.configuration_set = std::env::var("CCHC_SES_CONFIGURATION_SET")
        .ok()
        .filter(|s| !s.is_empty());
    if let Ok(hops) = std::env::var("CCHC_TRUSTED_PROXY_HOPS") {
        app.settings.trusted_proxy_hops = hops
            .trim()
            .parse()
            .map_err(|_| format!("CCHC_TRUSTED_PROXY_HOPS must be a small number, not {hops:?}"))?;
    }
    tracing::info!(campaigns = app.campaigns.len(), dir = %dir.display(), "survey function started");

    let app = &app;
    lambda_http::run(service_fn(move |req: Request| async move {
        Ok::<_, Infallible>(survey::handle(app, req).await)
    }))
    .await
}
