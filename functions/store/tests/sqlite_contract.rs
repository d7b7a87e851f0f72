//! The store contract against SQLite: in memory per case, then on files.

use std::sync::Arc;

use store::{contract, Condition, Item, Key, SqliteStore, Store};

async fn fresh(_case: &'static str) -> Arc<dyn Store> {
    Arc::new(SqliteStore::in_memory().expect("open in-memory SQLite"))
}

store::contract_suite!(fresh);

/// The same cases on WAL database files, which is how local runs store data.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn file_backed_store_passes_the_contract() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut n = 0;
    let mut open = || {
        n += 1;
        let store: Arc<dyn Store> =
            Arc::new(SqliteStore::open(dir.path().join(format!("{n}.db"))).expect("open file"));
        store
    };
    contract::roundtrip_all_json_kinds(&*open()).await;
    contract::conditional_puts(&*open()).await;
    contract::optimistic_versions(&*open()).await;
    contract::update_upserts_and_checks_conditions(&*open()).await;
    contract::increments_count(&*open()).await;
    contract::concurrent_increments(open()).await;
    contract::query_prefix_order_and_pages(&*open()).await;
    contract::gsi1_queries(&*open()).await;
    contract::expired_items_are_absent(&*open()).await;
    contract::transact_all_or_nothing(&*open()).await;
    contract::delete_with_condition(&*open()).await;
    contract::invalid_requests_are_rejected(&*open()).await;
}

#[tokio::test]
async fn file_store_keeps_data_across_reopen_and_purges_expired_rows() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("cchc.db");
    let key = Key::new("HỒSƠ#1", "META");
    let item = Item::new(key.clone()).with("tên", "Lê Thị Hoa");
    {
        let store = SqliteStore::open(&path).expect("open");
        store
            .put(item.clone(), Condition::NotExists)
            .await
            .expect("put");
        let old = Item::new(Key::new("RATE#x", "w")).expiring_at(1);
        store.put(old, Condition::None).await.expect("put expired");
    }
    let store = SqliteStore::open(&path).expect("reopen");
    assert_eq!(store.get(&key).await, Ok(Some(item)));
    assert_eq!(store.purge_expired().await, Ok(1));
    assert_eq!(store.purge_expired().await, Ok(0));
}

#[test]
fn runs_inline_when_no_tokio_runtime_is_present() {
    use std::future::Future;
    use std::task::{Context, Poll, Waker};
    let store = SqliteStore::in_memory().expect("open");
    let key = Key::new("SEQ", "x");
    let mut fut = std::pin::pin!(store.increment(&key, "n", 2, None));
    match fut.as_mut().poll(&mut Context::from_waker(Waker::noop())) {
        Poll::Ready(n) => assert_eq!(n, Ok(2)),
        Poll::Pending => panic!("without a runtime the store must complete synchronously"),
    }
}

#[test]
fn works_on_a_current_thread_runtime() {
    let rt = tokio::runtime::Builder::new_current_thread()
        .build()
        .expect("runtime");
    let store = SqliteStore::in_memory().expect("open");
    let n = rt.block_on(store.increment(&Key::new("SEQ", "x"), "n", 2, None));
    assert_eq!(n, Ok(2));
}
