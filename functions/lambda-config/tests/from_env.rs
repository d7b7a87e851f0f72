//! The production path end to end: everything from the process environment, as
//! the template sets it, with CCHC_SSM_ENDPOINT pointing at moto. Its own test
//! binary, because it sets process-wide variables.
//!
//! Needs `export CCHC_DYNAMODB_ENDPOINT=$(scripts/moto.sh start)`.

use aws_sdk_ssm::types::ParameterType;
use lambda_config::Secrets;

#[tokio::test]
async fn secrets_from_the_environment_honour_the_ssm_endpoint_variable() {
    let url = ["CCHC_SSM_ENDPOINT", "CCHC_DYNAMODB_ENDPOINT"]
        .iter()
        .find_map(|v| std::env::var(v).ok().filter(|u| !u.is_empty()))
        .expect(
            "CCHC_DYNAMODB_ENDPOINT is not set: run `export CCHC_DYNAMODB_ENDPOINT=$(scripts/moto.sh start)`",
        );
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap_or_default()
        .as_nanos();
    let param = format!("/cchc/test-{nanos:x}/token-secret");
    // The only test in this binary: nothing else reads the environment meanwhile.
    std::env::set_var("CCHC_SSM_ENDPOINT", &url);
    std::env::set_var("CCHC_TOKEN_SECRET_PARAM", &param);
    std::env::remove_var("CCHC_TOKEN_SECRET");
    // What Lambda sets for the function's role; aws-env reads them as the binaries do.
    std::env::set_var("AWS_REGION", "ap-southeast-1");
    std::env::set_var("AWS_ACCESS_KEY_ID", "test");
    std::env::set_var("AWS_SECRET_ACCESS_KEY", "test");
    std::env::set_var("AWS_SESSION_TOKEN", "test");

    let sdk = aws_env::from_env();
    let secrets = Secrets::from_sdk_config(&sdk);
    secrets
        .client()
        .put_parameter()
        .name(&param)
        .value("a-secret-of-at-least-thirty-two-characters")
        .r#type(ParameterType::SecureString)
        .send()
        .await
        .expect("PutParameter on moto (through CCHC_SSM_ENDPOINT)");
    let got = secrets.get("CCHC_TOKEN_SECRET").await.expect("secret");
    assert_eq!(got, "a-secret-of-at-least-thirty-two-characters");
}
