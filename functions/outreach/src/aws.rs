//! The survey app on AWS (DynamoDB, SES v2, secrets from SSM), configured
//! from the environment the way infra/template.yaml sets it. Used by the
//! invitations function and by `cchc ... --aws` on an operator's machine.
//!
//! | variable | meaning |
//! |---|---|
//! | `CCHC_TABLE` | DynamoDB table |
//! | `CCHC_TOKEN_SECRET` / `CCHC_TOKEN_SECRET_PARAM` | answer-key secret, or the SSM parameter holding it |
//! | `CCHC_LINK_KEY` / `CCHC_LINK_KEY_PARAM` | link-sealing key (64 hex), or its SSM parameter |
//! | `CCHC_BASE_URL` | the portal's address, for links |
//! | `CCHC_MAIL_FROM` | verified sender |
//! | `CCHC_SES_CONFIGURATION_SET` | configuration set publishing delivery events (optional) |
//! | `CCHC_DYNAMODB_ENDPOINT`, `CCHC_SES_ENDPOINT`, `CCHC_SSM_ENDPOINT` | local stand-ins (moto) only |

use std::path::Path;
use std::sync::Arc;

use mailer::SesMailer;
use store::DynamoStore;
use survey::link_seal::LinkKey;
use survey::{App, SystemClock};

fn required(name: &str) -> Result<String, String> {
    match std::env::var(name) {
        Ok(v) if !v.trim().is_empty() => Ok(v),
        _ => Err(format!("environment variable {name} is required")),
    }
}

pub async fn app_from_env(surveys_dir: &Path) -> Result<App, String> {
    let campaigns = survey::campaigns::load(surveys_dir)?;
    let sdk = aws_env::load().await;
    let secrets = lambda_config::Secrets::from_sdk_config(&sdk);
    let secret = secrets
        .get("CCHC_TOKEN_SECRET")
        .await
        .map_err(|e| e.to_string())?;
    if secret.len() < 32 {
        return Err("CCHC_TOKEN_SECRET must be at least 32 characters".into());
    }
    let link_key = LinkKey::from_hex(
        &secrets
            .get("CCHC_LINK_KEY")
            .await
            .map_err(|e| e.to_string())?,
    )
    .map_err(|e| format!("CCHC_LINK_KEY: {e}"))?;
    let endpoint = |v: &str| std::env::var(v).ok().filter(|s| !s.is_empty());
    let store = DynamoStore::from_sdk_config(
        &sdk,
        required("CCHC_TABLE")?,
        endpoint("CCHC_DYNAMODB_ENDPOINT").as_deref(),
    );
    let mailer = SesMailer::from_sdk_config(
        &sdk,
        required("CCHC_MAIL_FROM")?,
        endpoint("CCHC_SES_ENDPOINT").as_deref(),
    );
    let mut app = App::new(
        campaigns,
        Arc::new(store),
        Arc::new(mailer),
        Arc::new(SystemClock),
        secret.into_bytes(),
        // Mail rounds never read or write answers, so the invitations function
        // is not given the results key: a key of its own that nothing opens.
        delivery::ResultsKey::generate(),
        required("CCHC_BASE_URL")?,
    );
    app.link_key = Some(link_key);
    app.settings.configuration_set = endpoint("CCHC_SES_CONFIGURATION_SET");
    Ok(app)
}
