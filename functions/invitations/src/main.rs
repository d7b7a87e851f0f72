//! The invitations Lambda: wires the runtime to [`invitations::handle`].
//! Configuration: see `outreach::aws` (the same variables as the survey function).

use std::time::Duration;

use lambda_runtime::{service_fn, LambdaEvent};
use serde_json::Value;

// One thread: Lambda sends an environment one event at a time, and at 128 MB
// it has a fraction of one vCPU; worker threads would only add start-up work.
#[tokio::main(flavor = "current_thread")]
async fn main() -> Result<(), lambda_runtime::Error> {
    lambda_config::init_logging();
    let dir = survey::campaigns::surveys_dir_from_env();
    let app = outreach::aws::app_from_env(&dir).await?;
    let app = &app;
    lambda_runtime::run(service_fn(move |event: LambdaEvent<Value>| async move {
        let left = event
            .context
            .deadline()
            .duration_since(std::time::SystemTime::now())
            .unwrap_or(Duration::from_secs(60));
        invitations::handle(app, event.payload, left)
            .await
            .map_err(|e| lambda_runtime::Error::from(e.to_string()))
    }))
    .await
}
