//! SDK errors to [`StoreError`].

use aws_sdk_dynamodb::error::{DisplayErrorContext, ProvideErrorMetadata, SdkError};

use crate::error::StoreError;

pub(crate) fn sdk_error<E, R>(table: &str, op: &str, err: SdkError<E, R>) -> StoreError
where
    E: ProvideErrorMetadata + std::error::Error + Send + Sync + 'static,
    R: std::fmt::Debug,
{
    let code = err
        .as_service_error()
        .and_then(|e| e.code().map(str::to_owned));
    match code.as_deref() {
        Some("ConditionalCheckFailedException") => StoreError::ConditionFailed,
        // DynamoDB's ValidationException means the request can never succeed as sent
        // (wrong attribute type for ADD, item over 400 KB, ...).
        Some("ValidationException") => StoreError::Invalid(format!(
            "DynamoDB rejected {op} on table {table}: {}",
            err.as_service_error()
                .and_then(|e| e.message())
                .unwrap_or("validation error")
        )),
        _ => StoreError::Backend(format!(
            "DynamoDB {op} on table {table} failed: {}",
            DisplayErrorContext(&err)
        )),
    }
}

pub(crate) fn build_error(what: &str, err: impl std::fmt::Display) -> StoreError {
    StoreError::Backend(format!("building DynamoDB {what} request: {err}"))
}
