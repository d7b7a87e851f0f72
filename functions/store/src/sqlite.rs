//! Local backend: one SQLite table shaped like the DynamoDB table.

use std::path::Path;
use std::sync::{Arc, Mutex, PoisonError};
use std::time::Duration;

use async_trait::async_trait;
use rusqlite::types::Value as SqlValue;
use rusqlite::{params, params_from_iter, Connection, OptionalExtension, Row, TransactionBehavior};
use serde_json::{Map, Value};

use crate::condition::Condition;
use crate::error::StoreError;
use crate::item::{now_epoch, Item};
use crate::key::Key;
use crate::query::{prefix_upper_bound, Cursor, Page, QueryOpts};
use crate::write::{apply_update, validate_transaction, validate_update, Write};
use crate::Store;

const SCHEMA: &str = "
CREATE TABLE IF NOT EXISTS items (
    pk TEXT NOT NULL,
    sk TEXT NOT NULL,
    attrs TEXT NOT NULL,
    gsi1pk TEXT,
    gsi1sk TEXT,
    expires_at INTEGER,
    PRIMARY KEY (pk, sk)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS items_gsi1 ON items (gsi1pk, gsi1sk, pk, sk)
    WHERE gsi1pk IS NOT NULL;
";

const COLUMNS: &str = "pk, sk, attrs, gsi1pk, gsi1sk, expires_at";
const LIVE: &str = "(expires_at IS NULL OR expires_at > ?)";

/// SQLite-backed [`Store`]. One connection behind a mutex: every operation is a short
/// indexed statement, so serialising them costs less than a connection pool would, and
/// it makes each operation trivially atomic.
#[derive(Clone)]
pub struct SqliteStore {
    conn: Arc<Mutex<Connection>>,
}

impl SqliteStore {
    /// Opens (creating if needed) a database file in WAL mode.
    pub fn open(path: impl AsRef<Path>) -> Result<Self, StoreError> {
        let path = path.as_ref();
        let conn = Connection::open(path)
            .map_err(|e| backend(&format!("opening SQLite database {}", path.display()), e))?;
        // WAL lets a second process (say, a CLI inspecting a dev server's data) read
        // while this one writes; NORMAL sync is durable enough for local data.
        conn.query_row("PRAGMA journal_mode = WAL", [], |r| r.get::<_, String>(0))
            .map_err(|e| backend("enabling WAL", e))?;
        conn.pragma_update(None, "synchronous", "NORMAL")
            .map_err(|e| backend("setting synchronous mode", e))?;
        Self::init(conn)
    }

    /// A private database that disappears when the store is dropped.
    pub fn in_memory() -> Result<Self, StoreError> {
        let conn =
            Connection::open_in_memory().map_err(|e| backend("opening in-memory SQLite", e))?;
        Self::init(conn)
    }

    fn init(conn: Connection) -> Result<Self, StoreError> {
        conn.busy_timeout(Duration::from_secs(5))
            .map_err(|e| backend("setting busy timeout", e))?;
        // Freed pages are zeroed: an overwritten draft or a deleted record does
        // not linger in the file for a copy of it to read back.
        conn.pragma_update(None, "secure_delete", "ON")
            .map_err(|e| backend("enabling secure_delete", e))?;
        conn.execute_batch(SCHEMA)
            .map_err(|e| backend("creating schema", e))?;
        Ok(Self {
            conn: Arc::new(Mutex::new(conn)),
        })
    }

    /// Deletes expired rows. Reads already ignore them; this only reclaims space, the
    /// way DynamoDB's TTL sweeper does. Returns how many rows were removed.
    pub async fn purge_expired(&self) -> Result<usize, StoreError> {
        self.run(|c| {
            c.execute("DELETE FROM items WHERE expires_at <= ?", [now_epoch()])
                .map_err(|e| backend("purging expired items", e))
        })
        .await
    }

    /// Runs `f` with the connection off the async executor when there is one. Measured
    /// on the 2-core dev machine: the hop to the blocking pool costs about 20-40 µs per
    /// operation over locking inline, but a WAL checkpoint can fsync for milliseconds and
    /// must not stall every task on that worker thread.
    async fn run<T, F>(&self, f: F) -> Result<T, StoreError>
    where
        T: Send + 'static,
        F: FnOnce(&mut Connection) -> Result<T, StoreError> + Send + 'static,
    {
        let conn = Arc::clone(&self.conn);
        let job = move || f(&mut conn.lock().unwrap_or_else(PoisonError::into_inner));
        match tokio::runtime::Handle::try_current() {
            Ok(handle) => handle
                .spawn_blocking(job)
                .await
                .map_err(|e| StoreError::Backend(format!("SQLite worker task failed: {e}")))?,
            Err(_) => job(),
        }
    }

    async fn write<T, F>(&self, f: F) -> Result<T, StoreError>
    where
        T: Send + 'static,
        F: FnOnce(&Connection, i64) -> Result<T, StoreError> + Send + 'static,
    {
        self.run(move |c| {
            // IMMEDIATE takes the write lock up front, so a second process sharing the
            // file waits on busy_timeout instead of failing mid-transaction.
            let tx = c
                .transaction_with_behavior(TransactionBehavior::Immediate)
                .map_err(|e| backend("beginning transaction", e))?;
            let out = f(&tx, now_epoch())?;
            tx.commit()
                .map_err(|e| backend("committing transaction", e))?;
            Ok(out)
        })
        .await
    }
}

fn backend(doing: &str, e: impl std::fmt::Display) -> StoreError {
    StoreError::Backend(format!("SQLite: {doing}: {e}"))
}

fn row_to_item(row: &Row<'_>) -> rusqlite::Result<Item> {
    let attrs: String = row.get(2)?;
    let attrs: Map<String, Value> = serde_json::from_str(&attrs).map_err(|e| {
        rusqlite::Error::FromSqlConversionFailure(2, rusqlite::types::Type::Text, Box::new(e))
    })?;
    let gsi1 = match (
        row.get::<_, Option<String>>(3)?,
        row.get::<_, Option<String>>(4)?,
    ) {
        (Some(pk), Some(sk)) => Some(Key { pk, sk }),
        _ => None,
    };
    Ok(Item {
        key: Key {
            pk: row.get(0)?,
            sk: row.get(1)?,
        },
        attrs,
        gsi1,
        expires_at: row.get(5)?,
    })
}

fn load_live(c: &Connection, key: &Key, now: i64) -> Result<Option<Item>, StoreError> {
    c.query_row(
        &format!("SELECT {COLUMNS} FROM items WHERE pk = ? AND sk = ? AND {LIVE}"),
        params![key.pk, key.sk, now],
        row_to_item,
    )
    .optional()
    .map_err(|e| backend(&format!("reading item {key}"), e))
}

fn save(c: &Connection, item: &Item) -> Result<(), StoreError> {
    let attrs = serde_json::to_string(&item.attrs)
        .map_err(|e| backend(&format!("encoding item {}", item.key), e))?;
    let (gpk, gsk) = match &item.gsi1 {
        Some(g) => (Some(g.pk.as_str()), Some(g.sk.as_str())),
        None => (None, None),
    };
    c.execute(
        &format!("INSERT OR REPLACE INTO items ({COLUMNS}) VALUES (?, ?, ?, ?, ?, ?)"),
        params![item.key.pk, item.key.sk, attrs, gpk, gsk, item.expires_at],
    )
    .map(drop)
    .map_err(|e| backend(&format!("writing item {}", item.key), e))
}

fn remove(c: &Connection, key: &Key) -> Result<(), StoreError> {
    c.execute(
        "DELETE FROM items WHERE pk = ? AND sk = ?",
        params![key.pk, key.sk],
    )
    .map(drop)
    .map_err(|e| backend(&format!("deleting item {key}"), e))
}

fn check(
    c: &Connection,
    key: &Key,
    cond: &Condition,
    now: i64,
) -> Result<Option<Item>, StoreError> {
    let current = load_live(c, key, now)?;
    if cond.holds(current.as_ref()) {
        Ok(current)
    } else {
        Err(StoreError::ConditionFailed)
    }
}

/// Applies one validated write; condition failures surface as `ConditionFailed`.
fn apply(c: &Connection, write: &Write, now: i64) -> Result<Option<Item>, StoreError> {
    match write {
        Write::Put { item, condition } => {
            check(c, &item.key, condition, now)?;
            save(c, item)?;
            Ok(None)
        }
        Write::Update {
            key,
            set,
            increment,
            condition,
        } => {
            let current = check(c, key, condition, now)?;
            let item = apply_update(current, key, set, increment, None)?;
            save(c, &item)?;
            Ok(Some(item))
        }
        Write::Delete { key, condition } => {
            check(c, key, condition, now)?;
            remove(c, key)?;
            Ok(None)
        }
        Write::ConditionCheck { key, condition } => {
            check(c, key, condition, now)?;
            Ok(None)
        }
    }
}

enum Index {
    Table,
    Gsi1,
}

fn query_page(
    c: &Connection,
    index: Index,
    partition: &str,
    prefix: &str,
    opts: &QueryOpts,
    now: i64,
) -> Result<Page, StoreError> {
    let (pcol, scol, order_cols): (&str, &str, &[&str]) = match index {
        Index::Table => ("pk", "sk", &["sk"]),
        Index::Gsi1 => ("gsi1pk", "gsi1sk", &["gsi1sk", "pk", "sk"]),
    };
    let mut sql = format!("SELECT {COLUMNS} FROM items WHERE {pcol} = ? AND {LIVE}");
    let mut args: Vec<SqlValue> = vec![partition.to_owned().into(), now.into()];
    if !prefix.is_empty() {
        sql += &format!(" AND {scol} >= ?");
        args.push(prefix.to_owned().into());
        if let Some(upper) = prefix_upper_bound(prefix) {
            sql += &format!(" AND {scol} < ?");
            args.push(upper.into());
        }
    }
    let cmp = if opts.forward { ">" } else { "<" };
    if let Some(cursor) = &opts.after {
        match index {
            Index::Table => {
                cursor.check_table(partition)?;
                sql += &format!(" AND sk {cmp} ?");
                args.push(cursor.key.sk.clone().into());
            }
            Index::Gsi1 => {
                let g = cursor.check_gsi1(partition)?;
                sql += &format!(" AND (gsi1sk, pk, sk) {cmp} (?, ?, ?)");
                args.extend(
                    [g.sk.clone(), cursor.key.pk.clone(), cursor.key.sk.clone()]
                        .map(SqlValue::from),
                );
            }
        }
    }
    let dir = if opts.forward { "ASC" } else { "DESC" };
    let order: Vec<String> = order_cols
        .iter()
        .map(|col| format!("{col} {dir}"))
        .collect();
    sql += &format!(" ORDER BY {} LIMIT ?", order.join(", "));
    // One extra row tells whether another page exists, so `next` is exact.
    args.push(((opts.limit + 1) as i64).into());

    let doing = format!("querying {pcol} = {partition:?}");
    let mut stmt = c.prepare_cached(&sql).map_err(|e| backend(&doing, e))?;
    let mut items = stmt
        .query_map(params_from_iter(args), row_to_item)
        .and_then(|rows| rows.collect::<Result<Vec<_>, _>>())
        .map_err(|e| backend(&doing, e))?;
    let next = if items.len() > opts.limit {
        items.truncate(opts.limit);
        items.last().map(match index {
            Index::Table => Cursor::table,
            Index::Gsi1 => Cursor::gsi1,
        })
    } else {
        None
    };
    Ok(Page { items, next })
}

#[async_trait]
impl Store for SqliteStore {
    async fn get(&self, key: &Key) -> Result<Option<Item>, StoreError> {
        key.validate("get key")?;
        let key = key.clone();
        self.run(move |c| load_live(c, &key, now_epoch())).await
    }

    async fn put(&self, item: Item, cond: Condition) -> Result<(), StoreError> {
        item.validate()?;
        let write = Write::put(item.normalized(), cond.validated()?);
        self.write(move |c, now| apply(c, &write, now).map(drop))
            .await
    }

    async fn update(
        &self,
        key: &Key,
        set: Map<String, Value>,
        cond: Condition,
    ) -> Result<Item, StoreError> {
        let set = validate_update(key, set, &[])?;
        let write = Write::update(key.clone(), set, cond.validated()?);
        self.write(move |c, now| {
            apply(c, &write, now)?
                .ok_or_else(|| StoreError::Backend("SQLite: update produced no item".into()))
        })
        .await
    }

    async fn increment(
        &self,
        key: &Key,
        attr: &str,
        by: i64,
        expires_at: Option<i64>,
    ) -> Result<i64, StoreError> {
        let increment = vec![(attr.to_owned(), by)];
        validate_update(key, Map::new(), &increment)?;
        let key = key.clone();
        self.write(move |c, now| {
            let current = load_live(c, &key, now)?;
            let item = apply_update(current, &key, &Map::new(), &increment, expires_at)?;
            save(c, &item)?;
            Ok(item
                .get(&increment[0].0)
                .and_then(Value::as_i64)
                .unwrap_or(by))
        })
        .await
    }

    async fn delete(&self, key: &Key, cond: Condition) -> Result<(), StoreError> {
        key.validate("delete key")?;
        let write = Write::delete(key.clone(), cond.validated()?);
        self.write(move |c, now| apply(c, &write, now).map(drop))
            .await
    }

    async fn query(&self, pk: &str, sk_prefix: &str, opts: QueryOpts) -> Result<Page, StoreError> {
        opts.validate()?;
        let (pk, prefix) = (pk.to_owned(), sk_prefix.to_owned());
        self.run(move |c| query_page(c, Index::Table, &pk, &prefix, &opts, now_epoch()))
            .await
    }

    async fn query_gsi1(
        &self,
        gsi1pk: &str,
        sk_prefix: &str,
        opts: QueryOpts,
    ) -> Result<Page, StoreError> {
        opts.validate()?;
        let (pk, prefix) = (gsi1pk.to_owned(), sk_prefix.to_owned());
        self.run(move |c| query_page(c, Index::Gsi1, &pk, &prefix, &opts, now_epoch()))
            .await
    }

    async fn transact(&self, writes: Vec<Write>) -> Result<(), StoreError> {
        let writes = validate_transaction(writes)?;
        if writes.is_empty() {
            return Ok(());
        }
        // Returning an error drops the rusqlite transaction, which rolls it back.
        self.write(move |c, now| {
            for (index, write) in writes.iter().enumerate() {
                apply(c, write, now).map_err(|e| match e {
                    StoreError::ConditionFailed => StoreError::Transaction { index },
                    other => other,
                })?;
            }
            Ok(())
        })
        .await
    }
}
