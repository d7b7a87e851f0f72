use thiserror::Error;

/// Every failure a [`crate::Store`] reports. Messages are for operators, in English.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum StoreError {
    /// The condition of a single-item write did not hold; nothing was written.
    #[error("condition failed")]
    ConditionFailed,
    /// A transaction was cancelled because the condition of write `index` did not hold;
    /// none of its writes were applied.
    #[error("transaction cancelled: the condition of write #{index} failed")]
    Transaction { index: usize },
    /// The request itself is malformed (empty key, reserved attribute name, bad cursor, ...).
    /// Retrying it unchanged will fail again.
    #[error("invalid store request: {0}")]
    Invalid(String),
    /// The backend failed (I/O, network, throttling, corrupt data). May succeed on retry.
    #[error("store backend error: {0}")]
    Backend(String),
}

impl StoreError {
    /// True for both single-item and transactional condition failures.
    pub fn is_condition_failure(&self) -> bool {
        matches!(self, Self::ConditionFailed | Self::Transaction { .. })
    }
}

pub(crate) fn invalid(msg: impl Into<String>) -> StoreError {
    StoreError::Invalid(msg.into())
}
