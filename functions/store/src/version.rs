//! Starting optimistic concurrency on an item written before it had a `version`.

use crate::{Item, Key, Store, StoreError, VERSION_ATTR};

/// A missing `version` reads as none, but [`crate::Condition::VersionIs`] needs the
/// attribute to exist. Adding 0 to it is atomic and leaves any version another writer
/// set in the meantime untouched, so no one's compare-and-set is broken by it. The
/// caller reads `item` again afterwards. A `version` that is not a non-negative
/// integer is refused.
pub async fn init_version(store: &dyn Store, key: &Key, item: &Item) -> Result<(), StoreError> {
    if item.get(VERSION_ATTR).is_some() {
        return Err(StoreError::Invalid(format!(
            "{key} has a version that is not a non-negative integer"
        )));
    }
    store.increment(key, VERSION_ATTR, 0, None).await?;
    Ok(())
}
