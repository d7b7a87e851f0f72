//! The AWS SDK configuration the functions and the `cchc` CLI share.
//!
//! - **One HTTPS client per process** ([`http_client`]): hyper with rustls on
//!   *ring*, every SDK client (DynamoDB, SES, SSM, S3) built from the
//!   [`SdkConfig`] this crate returns shares its connection pool. The SDK's own
//!   `default-https-client` feature is rustls on aws-lc, whose C library made
//!   up 1.3 MiB of each function's binary; no crate in the workspace enables it.
//! - **Credentials and region from the environment** ([`load`] without the
//!   `profiles` feature, which is how the Lambda binaries are built): Lambda
//!   sets `AWS_REGION`, `AWS_ACCESS_KEY_ID`, `AWS_SECRET_ACCESS_KEY` and
//!   `AWS_SESSION_TOKEN` for the function's role, so the SDK's provider chain
//!   (profile files, web identity through STS, container and instance
//!   metadata) is neither needed nor compiled in.
//! - With the `profiles` feature (the `cchc` CLI enables it), [`load`] is
//!   aws-config's full default chain, for operators' profiles.
//!
//! ```ignore
//! # async fn start() {
//! let sdk = aws_env::load().await;
//! let ssm = aws_sdk_ssm::Client::new(&sdk);
//! # }
//! ```

use std::sync::OnceLock;

use aws_credential_types::provider::error::CredentialsError;
use aws_credential_types::provider::{future, ProvideCredentials, SharedCredentialsProvider};
use aws_smithy_async::rt::sleep::default_async_sleep;
use aws_smithy_async::time::SystemTimeSource;
use aws_smithy_http_client::tls::{self, rustls_provider::CryptoMode};
use aws_smithy_runtime_api::client::behavior_version::BehaviorVersion;
use aws_smithy_runtime_api::client::http::SharedHttpClient;
use aws_smithy_types::retry::RetryConfig;

pub use aws_credential_types::Credentials;
pub use aws_types::region::Region;
pub use aws_types::SdkConfig;

/// The Amazon Trust Services roots (and Starfield Services Root G2, which
/// cross-signs them): every AWS endpoint the functions call chains to one.
const AMAZON_ROOTS: &[u8] = include_bytes!("amazon-trust-services.pem");

/// The process's one HTTPS client (hyper 1, rustls with ring). Cloning it
/// shares the connection pool. See [`trust_store`] for the roots it trusts.
pub fn http_client() -> SharedHttpClient {
    static CLIENT: OnceLock<SharedHttpClient> = OnceLock::new();
    CLIENT
        .get_or_init(|| {
            let context = tls::TlsContext::builder()
                .with_trust_store(trust_store(
                    var("SSL_CERT_FILE").is_some() || var("SSL_CERT_DIR").is_some(),
                ))
                .build()
                .expect("a TLS context from a trust store");
            aws_smithy_http_client::Builder::new()
                .tls_provider(tls::Provider::Rustls(CryptoMode::Ring))
                .tls_context(context)
                .build_https()
        })
        .clone()
}

/// The roots the HTTPS client trusts:
///
/// - the system's store when the environment names one (`SSL_CERT_FILE` or
///   `SSL_CERT_DIR`, `system_named`) or with the `profiles` feature (the CLI,
///   on operators' machines, perhaps behind a proxy with its own CA);
/// - otherwise (the Lambda functions) only the Amazon Trust Services roots,
///   compiled in. Loading the system store costs every cold start a file or
///   directory read and a parse of ~150 certificates for each SDK client, the
///   largest part of a function's start-up (BENCHMARKS.md, Functions); these
///   five parse in microseconds, and no other CA can vouch for an AWS
///   endpoint. Setting
///   `SSL_CERT_FILE=/etc/pki/tls/certs/ca-bundle.crt` on a function restores
///   the system store without a rebuild.
pub fn trust_store(system_named: bool) -> tls::TrustStore {
    if system_named || cfg!(feature = "profiles") {
        tls::TrustStore::default()
    } else {
        tls::TrustStore::empty()
            .with_native_roots(false)
            .with_pem_certificate(AMAZON_ROOTS)
    }
}

/// The SDK configuration of this process. Without the `profiles` feature:
/// [`from_env`]. With it: aws-config's default chain (environment, profile
/// files, web identity, container and instance metadata) over [`http_client`].
pub async fn load() -> SdkConfig {
    #[cfg(feature = "profiles")]
    {
        loader().load().await
    }
    #[cfg(not(feature = "profiles"))]
    {
        from_env()
    }
}

/// aws-config's loader over [`http_client`], for callers that set more
/// (a fallback region, say) before loading.
#[cfg(feature = "profiles")]
pub fn loader() -> aws_config::ConfigLoader {
    aws_config::defaults(aws_config::BehaviorVersion::latest()).http_client(http_client())
}

/// Region from `AWS_REGION` (else `AWS_DEFAULT_REGION`) and credentials from
/// `AWS_ACCESS_KEY_ID`, `AWS_SECRET_ACCESS_KEY` and `AWS_SESSION_TOKEN`, read
/// when a request is signed; what Lambda provides. Reads no file and makes no
/// request. A missing variable fails the first request, naming it.
pub fn from_env() -> SdkConfig {
    let region = var("AWS_REGION")
        .or_else(|| var("AWS_DEFAULT_REGION"))
        .map(Region::new);
    config(region, SharedCredentialsProvider::new(EnvCredentials))
}

/// A fixed region and credentials: local stand-ins (moto) and tests.
pub fn fixed(region: &str, credentials: Credentials) -> SdkConfig {
    config(
        Some(Region::new(region.to_string())),
        SharedCredentialsProvider::new(credentials),
    )
}

fn config(region: Option<Region>, credentials: SharedCredentialsProvider) -> SdkConfig {
    let mut builder = SdkConfig::builder()
        .behavior_version(BehaviorVersion::latest())
        .region(region)
        .credentials_provider(credentials)
        .http_client(http_client())
        .retry_config(RetryConfig::standard())
        .time_source(SystemTimeSource::new());
    if let Some(sleep) = default_async_sleep() {
        builder = builder.sleep_impl(sleep);
    }
    builder.build()
}

fn var(name: &str) -> Option<String> {
    std::env::var(name).ok().filter(|v| !v.trim().is_empty())
}

/// The role's credentials as Lambda passes them. Read at each signing (the
/// SDK caches the identity), as aws-config's environment provider does.
#[derive(Debug)]
struct EnvCredentials;

impl EnvCredentials {
    fn read() -> Result<Credentials, CredentialsError> {
        let need = |name: &'static str| {
            var(name).ok_or_else(|| {
                CredentialsError::not_loaded(format!(
                    "{name} is not set (Lambda sets it for the function's role; \
                     locally, set the AWS_* variables or build with aws-env's `profiles` feature)"
                ))
            })
        };
        Ok(Credentials::new(
            need("AWS_ACCESS_KEY_ID")?,
            need("AWS_SECRET_ACCESS_KEY")?,
            var("AWS_SESSION_TOKEN"),
            None,
            "environment",
        ))
    }
}

impl ProvideCredentials for EnvCredentials {
    fn provide_credentials<'a>(&'a self) -> future::ProvideCredentials<'a>
    where
        Self: 'a,
    {
        future::ProvideCredentials::ready(Self::read())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_compiled_in_roots_are_the_five_amazon_roots() {
        use rustls_pki_types::pem::PemObject;
        use rustls_pki_types::CertificateDer;
        let certs = CertificateDer::pem_slice_iter(AMAZON_ROOTS)
            .collect::<Result<Vec<_>, _>>()
            .expect("valid PEM");
        assert_eq!(certs.len(), 5);
        let mut roots = rustls::RootCertStore::empty();
        let (valid, invalid) = roots.add_parsable_certificates(certs);
        assert_eq!((valid, invalid), (5, 0));
    }

    #[test]
    fn fixed_config_has_everything_a_client_needs() {
        let sdk = fixed(
            "ap-southeast-1",
            Credentials::new("test", "test", None, None, "test"),
        );
        assert_eq!(sdk.region().map(|r| r.as_ref()), Some("ap-southeast-1"));
        assert!(sdk.credentials_provider().is_some());
        assert!(sdk.http_client().is_some());
        assert!(sdk.behavior_version().is_some());
        assert!(sdk.sleep_impl().is_some());
    }

    #[tokio::test]
    async fn environment_credentials_name_what_is_missing() {
        // Only this test touches these variables.
        std::env::remove_var("AWS_ACCESS_KEY_ID");
        let err = EnvCredentials.provide_credentials().await.unwrap_err();
        assert!(
            format!("{:?}", err).contains("AWS_ACCESS_KEY_ID"),
            "{err:?}"
        );
        std::env::set_var("AWS_ACCESS_KEY_ID", "AKIDEXAMPLE");
        std::env::set_var("AWS_SECRET_ACCESS_KEY", "secret");
        std::env::set_var("AWS_SESSION_TOKEN", "token");
        let creds = EnvCredentials.provide_credentials().await.unwrap();
        assert_eq!(creds.access_key_id(), "AKIDEXAMPLE");
        assert_eq!(creds.session_token(), Some("token"));
    }
}
