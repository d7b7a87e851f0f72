//! The SES events Lambda function. Configuration, from the environment:
//!
//! | variable | meaning |
//! |---|---|
//! | `CCHC_TABLE` | DynamoDB table (required) |
//! | `CCHC_DYNAMODB_ENDPOINT` | a local DynamoDB (moto), never set in production |

use aws_lambda_events::event::sns::SnsEvent;
use lambda_runtime::{service_fn, LambdaEvent};
use store::{now_epoch, DynamoStore};

#[tokio::main]
async fn main() -> Result<(), lambda_runtime::Error> {
    tracing_subscriber::fmt()
        .json()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_default_env().unwrap_or_else(|_| "info".into()),
        )
        .with_current_span(false)
        .without_time() // CloudWatch stamps every line
        .init();

    let table = match std::env::var("CCHC_TABLE") {
        Ok(t) if !t.trim().is_empty() => t,
        _ => return Err("environment variable CCHC_TABLE is required".into()),
    };
    let sdk = aws_config::load_defaults(aws_config::BehaviorVersion::latest()).await;
    let endpoint = std::env::var("CCHC_DYNAMODB_ENDPOINT").ok();
    let store = DynamoStore::from_sdk_config(&sdk, table, endpoint.as_deref());
    tracing::info!(table = store.table(), "SES events function started");

    let store = &store;
    lambda_runtime::run(service_fn(move |event: LambdaEvent<SnsEvent>| async move {
        ses_events::handle(store, event.payload, now_epoch())
            .await
            .map(|_| ())
            .map_err(lambda_runtime::Error::from)
    }))
    .await
}
