//! The production backends from the environment, shared by the Lambda binary
//! and `cchc opinions --aws`: DynamoDB (`CCHC_TABLE`), and SES when
//! `CCHC_MAIL_FROM` is set; `CCHC_*_ENDPOINT` point at moto locally.

use std::sync::Arc;

use mailer::{Mailer, SesMailer};
use store::DynamoStore;
use web::SystemClock;

use crate::app::App;
use crate::consultations::Consultation;

pub fn optional(name: &str) -> Option<String> {
    std::env::var(name).ok().filter(|v| !v.trim().is_empty())
}

pub fn required(name: &str) -> Result<String, String> {
    optional(name).ok_or_else(|| format!("environment variable {name} is required"))
}

pub async fn app_from_env(
    consultations: Vec<Consultation>,
    secret: Vec<u8>,
    base_url: &str,
) -> Result<App, String> {
    let sdk = aws_env::load().await;
    let store = DynamoStore::from_sdk_config(
        &sdk,
        required("CCHC_TABLE")?,
        optional("CCHC_DYNAMODB_ENDPOINT").as_deref(),
    );
    let mailer = optional("CCHC_MAIL_FROM").map(|from| {
        Arc::new(SesMailer::from_sdk_config(
            &sdk,
            from,
            optional("CCHC_SES_ENDPOINT").as_deref(),
        )) as Arc<dyn Mailer>
    });
    let mut app = App::new(
        consultations,
        Arc::new(store),
        mailer,
        Arc::new(SystemClock),
        secret,
        base_url,
    );
    app.settings.configuration_set = optional("CCHC_SES_CONFIGURATION_SET");
    // Behind CloudFront → HTTP API the client is the second address from the right.
    if let Some(hops) = optional("CCHC_TRUSTED_PROXY_HOPS") {
        app.settings.trusted_proxy_hops = hops
            .trim()
            .parse()
            .map_err(|_| format!("CCHC_TRUSTED_PROXY_HOPS must be a small number, not {hops:?}"))?;
    }
    Ok(app)
}
