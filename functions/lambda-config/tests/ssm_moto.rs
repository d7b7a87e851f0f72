//! Secrets from the environment and from SSM Parameter Store served by moto.
//!
//! Needs the moto endpoint, from the repository root (fails, never skips, without it):
//!     export CCHC_DYNAMODB_ENDPOINT=$(scripts/moto.sh start)
//! (one moto server serves every AWS service; `CCHC_SSM_ENDPOINT` overrides it.)

use std::collections::HashMap;

use aws_env::{Credentials, SdkConfig};
use aws_sdk_ssm::types::ParameterType;
use lambda_config::{SecretError, Secrets};

fn endpoint() -> String {
    for var in ["CCHC_SSM_ENDPOINT", "CCHC_DYNAMODB_ENDPOINT"] {
        if let Ok(url) = std::env::var(var) {
            if !url.is_empty() {
                return url;
            }
        }
    }
    panic!(
        "CCHC_DYNAMODB_ENDPOINT is not set. The SSM tests need a local moto server: run \
         `export CCHC_DYNAMODB_ENDPOINT=$(scripts/moto.sh start)` in the repository root."
    )
}

async fn sdk() -> SdkConfig {
    aws_env::fixed(
        "ap-southeast-1",
        Credentials::new("test", "test", None, None, "cchc-local"),
    )
}

/// A parameter name no other test run on the shared server uses.
fn unique(prefix: &str) -> String {
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap_or_default()
        .as_nanos();
    format!("/cchc/test-{nanos:x}/{prefix}")
}

fn env(vars: &[(&str, &str)]) -> impl Fn(&str) -> Option<String> {
    let map: HashMap<String, String> = vars
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect();
    move |k| map.get(k).cloned()
}

#[tokio::test]
async fn reads_a_secure_string_named_by_the_param_variable_decrypted() {
    let secrets = Secrets::with_endpoint(&sdk().await, Some(&endpoint()));
    let param = unique("token-secret");
    let value = "Khóa-bí-mật/+=0123456789abcdefghijklmnopqrstuv";
    secrets
        .client()
        .put_parameter()
        .name(&param)
        .value(value)
        .r#type(ParameterType::SecureString)
        .send()
        .await
        .expect("PutParameter on moto");

    let got = secrets
        .get_with(
            "CCHC_TOKEN_SECRET",
            env(&[("CCHC_TOKEN_SECRET_PARAM", &param)]),
        )
        .await
        .expect("secret from SSM");
    // Without WithDecryption moto (like SSM) would not hand back the plain value.
    assert_eq!(got, value);
}

#[tokio::test]
async fn the_environment_value_wins_and_ssm_is_not_asked() {
    // Nothing listens on port 9: asking SSM here would fail the test.
    let secrets = Secrets::with_endpoint(&sdk().await, Some("http://127.0.0.1:9"));
    let got = secrets
        .get_with(
            "CCHC_TOKEN_SECRET",
            env(&[
                ("CCHC_TOKEN_SECRET", "local-dev-secret-local-dev-secret"),
                ("CCHC_TOKEN_SECRET_PARAM", "/cchc/production/token-secret"),
            ]),
        )
        .await
        .expect("secret from the environment");
    assert_eq!(got, "local-dev-secret-local-dev-secret");
}

#[tokio::test]
async fn a_blank_environment_value_counts_as_unset() {
    let secrets = Secrets::with_endpoint(&sdk().await, Some(&endpoint()));
    let param = unique("link-key");
    secrets
        .client()
        .put_parameter()
        .name(&param)
        .value("from-ssm-from-ssm-from-ssm-from-ssm")
        .r#type(ParameterType::SecureString)
        .send()
        .await
        .expect("PutParameter on moto");
    let got = secrets
        .get_with(
            "CCHC_LINK_KEY",
            env(&[("CCHC_LINK_KEY", "  "), ("CCHC_LINK_KEY_PARAM", &param)]),
        )
        .await
        .expect("secret from SSM");
    assert_eq!(got, "from-ssm-from-ssm-from-ssm-from-ssm");
}

#[tokio::test]
async fn neither_variable_is_an_error_naming_both() {
    let secrets = Secrets::with_endpoint(&sdk().await, Some(&endpoint()));
    let err = secrets
        .get_with("CCHC_LINK_KEY", env(&[]))
        .await
        .expect_err("no secret configured");
    assert!(matches!(err, SecretError::Missing { .. }), "{err:?}");
    let msg = err.to_string();
    assert!(
        msg.contains("CCHC_LINK_KEY is not set") && msg.contains("CCHC_LINK_KEY_PARAM"),
        "{msg}"
    );
}

#[tokio::test]
async fn a_missing_parameter_says_which_and_how_to_create_it() {
    let secrets = Secrets::with_endpoint(&sdk().await, Some(&endpoint()));
    let param = unique("never-created");
    let err = secrets
        .get_with(
            "CCHC_TOKEN_SECRET",
            env(&[("CCHC_TOKEN_SECRET_PARAM", &param)]),
        )
        .await
        .expect_err("parameter does not exist");
    assert!(matches!(err, SecretError::NotFound { .. }), "{err:?}");
    let msg = err.to_string();
    assert!(
        msg.contains(&param) && msg.contains("put-parameter"),
        "{msg}"
    );
}

#[tokio::test]
async fn an_unreachable_ssm_is_an_error_not_a_panic() {
    let secrets = Secrets::with_endpoint(&sdk().await, Some("http://127.0.0.1:9"));
    let err = secrets
        .get_with(
            "CCHC_TOKEN_SECRET",
            env(&[("CCHC_TOKEN_SECRET_PARAM", "/cchc/production/token-secret")]),
        )
        .await
        .expect_err("nothing listens there");
    assert!(matches!(err, SecretError::Ssm { .. }), "{err:?}");
    assert!(
        err.to_string()
            .contains("could not read SSM parameter /cchc/production/token-secret"),
        "{err}"
    );
}
