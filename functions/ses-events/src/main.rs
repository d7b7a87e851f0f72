//! The SES events Lambda function. Configuration, from the environment:
//!
//! | variable | meaning |
//! |---|---|
//! | `CCHC_TABLE` | DynamoDB table (required) |
//! | `CCHC_DYNAMODB_ENDPOINT` | a local DynamoDB (moto), never set in production |

use aws_lambda_events::event::sns::SnsEvent;
use lambda_runtime::{service_fn, LambdaEvent};
use store::{now_epoch, DynamoStore};

// One thread: Lambda sends an environment one event at a time, and at 128 MB
// it has a fraction of one vCPU; worker threads would only add start-up work.
#[tokio::main(flavor = "current_thread")]
async fn main() -> Result<(), lambda_runtime::Error> {
    lambda_config::init_logging();

    let table = match std::env::var("CCHC_TABLE") {
        Ok(t) if !t.trim().is_empty() => t,
        _ => return Err("environment variable CCHC_TABLE is required".into()),
    };
    let sdk = aws_env::load().await;
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
