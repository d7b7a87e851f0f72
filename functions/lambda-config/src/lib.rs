//! Secrets for the Lambda functions, read once at start-up.
//!
//! A secret named `X` (e.g. `CCHC_TOKEN_SECRET`) comes from:
//!
//! 1. the environment variable `X`, when set and not blank: local runs, `cchc serve`
//!    and tests, where there is no Parameter Store;
//! 2. otherwise the SSM parameter whose *name* is in `X_PARAM`, read with
//!    `GetParameter` + `WithDecryption` (a SecureString). This is how AWS runs it:
//!    infra/template.yaml sets only the parameter's name, so the secret is never in
//!    the template, the repository or the function's configuration.
//!
//! `CCHC_SSM_ENDPOINT` points the SSM client at a local server (moto); it is never
//! set in AWS.
//!
//! [`init_logging`] sets up the functions' log output.
//!
//! ```no_run
//! # async fn start() -> Result<(), lambda_config::SecretError> {
//! let sdk = aws_env::load().await;
//! let secrets = lambda_config::Secrets::from_sdk_config(&sdk);
//! let key = secrets.get("CCHC_TOKEN_SECRET").await?;
//! # Ok(()) }
//! ```

use aws_env::SdkConfig;
use aws_sdk_ssm::error::{DisplayErrorContext, SdkError};
use aws_sdk_ssm::operation::get_parameter::GetParameterError;
use aws_sdk_ssm::Client;

/// The functions' log output: one JSON object per line on stdout, without a
/// time stamp (CloudWatch stamps every line), at the level `RUST_LOG` names
/// (`warn`, or per target `info,survey=debug`; default `info`).
pub fn init_logging() {
    use tracing_subscriber::filter::Targets;
    use tracing_subscriber::prelude::*;

    let filter = std::env::var("RUST_LOG")
        .ok()
        .and_then(|v| v.parse::<Targets>().ok())
        .unwrap_or_else(|| Targets::new().with_default(tracing::Level::INFO));
    tracing_subscriber::registry()
        .with(
            tracing_subscriber::fmt::layer()
                .json()
                .with_current_span(false)
                .without_time(),
        )
        .with(filter)
        .init();
}

/// Environment variable with a local SSM endpoint (tests only).
pub const SSM_ENDPOINT_VAR: &str = "CCHC_SSM_ENDPOINT";

/// Why a secret could not be had. The messages are for the operator reading the
/// function's log after a failed cold start.
#[derive(Debug, thiserror::Error)]
pub enum SecretError {
    #[error(
        "{name} is not set, and neither is {name}_PARAM (the name of the SSM SecureString \
         holding it); in AWS the template sets {name}_PARAM, locally set {name}"
    )]
    Missing { name: String },
    #[error(
        "SSM parameter {param} (named by {name}_PARAM) does not exist in this account and \
         region; create it with `aws ssm put-parameter --type SecureString --name {param} ...` \
         (docs/DEPLOY.md)"
    )]
    NotFound { name: String, param: String },
    #[error("SSM parameter {param} (named by {name}_PARAM) is empty")]
    Empty { name: String, param: String },
    #[error(
        "could not read SSM parameter {param} (named by {name}_PARAM): {message}; the \
         function's role needs ssm:GetParameter on it (and kms:Decrypt if it is encrypted \
         with a customer managed key)"
    )]
    Ssm {
        name: String,
        param: String,
        message: String,
    },
}

/// Reads secrets from the environment, else from SSM Parameter Store.
#[derive(Clone, Debug)]
pub struct Secrets {
    ssm: Client,
}

impl Secrets {
    /// An SSM client from the function's SDK configuration, pointed at
    /// `CCHC_SSM_ENDPOINT` when that is set. Makes no request.
    pub fn from_sdk_config(sdk: &SdkConfig) -> Self {
        let endpoint = std::env::var(SSM_ENDPOINT_VAR)
            .ok()
            .filter(|v| !v.trim().is_empty());
        Self::with_endpoint(sdk, endpoint.as_deref())
    }

    /// As [`Secrets::from_sdk_config`], with the endpoint given.
    pub fn with_endpoint(sdk: &SdkConfig, endpoint_url: Option<&str>) -> Self {
        let mut builder = aws_sdk_ssm::config::Builder::from(sdk);
        if let Some(url) = endpoint_url {
            builder = builder.endpoint_url(url);
        }
        Self::new(Client::from_conf(builder.build()))
    }

    pub fn new(ssm: Client) -> Self {
        Self { ssm }
    }

    pub fn client(&self) -> &Client {
        &self.ssm
    }

    /// The secret `name`, from the process environment (see the crate docs).
    pub async fn get(&self, name: &str) -> Result<String, SecretError> {
        self.get_with(name, |var| std::env::var(var).ok()).await
    }

    /// The secret `name`, with `env` standing for the process environment.
    pub async fn get_with(
        &self,
        name: &str,
        env: impl Fn(&str) -> Option<String>,
    ) -> Result<String, SecretError> {
        let set = |var: &str| env(var).filter(|v| !v.trim().is_empty());
        if let Some(value) = set(name) {
            return Ok(value);
        }
        match set(&format!("{name}_PARAM")) {
            Some(param) => self.parameter(name, param.trim()).await,
            None => Err(SecretError::Missing { name: name.into() }),
        }
    }

    /// One SecureString, decrypted. `name` only labels errors.
    async fn parameter(&self, name: &str, param: &str) -> Result<String, SecretError> {
        let out = self
            .ssm
            .get_parameter()
            .name(param)
            .with_decryption(true)
            .send()
            .await
            .map_err(|e| ssm_error(name, param, e))?;
        match out.parameter.and_then(|p| p.value) {
            Some(value) if !value.trim().is_empty() => Ok(value),
            _ => Err(SecretError::Empty {
                name: name.into(),
                param: param.into(),
            }),
        }
    }
}

fn ssm_error<R: std::fmt::Debug>(
    name: &str,
    param: &str,
    e: SdkError<GetParameterError, R>,
) -> SecretError {
    if let SdkError::ServiceError(service) = &e {
        if service.err().is_parameter_not_found() {
            return SecretError::NotFound {
                name: name.into(),
                param: param.into(),
            };
        }
    }
    SecretError::Ssm {
        name: name.into(),
        param: param.into(),
        message: DisplayErrorContext(&e).to_string(),
    }
}
