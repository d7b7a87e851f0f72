//! Guards of a public form: pseudonyms through HMAC and the per-IP rate limit.

use hmac::{Hmac, KeyInit, Mac};
use sha2::Sha256;
use store::{Key, Store};

use crate::problem::Problem;

/// HMAC-SHA256 in hex. `domain` separates uses of one secret, so an IP hash
/// never equals another pseudonym.
pub fn hmac_hex(secret: &[u8], domain: &str, data: &str) -> String {
    let mut mac =
        <Hmac<Sha256> as KeyInit>::new_from_slice(secret).expect("HMAC takes any key length");
    mac.update(domain.as_bytes());
    mac.update(b"\0");
    mac.update(data.as_bytes());
    hex(&mac.finalize().into_bytes())
}

/// `bytes` random bytes from the OS, in hex.
pub fn random_hex(bytes: usize) -> String {
    let mut buf = vec![0u8; bytes];
    // getrandom only fails when the OS has no entropy source at all.
    getrandom::getrandom(&mut buf).expect("OS random source");
    hex(&buf)
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// How many posts one address may make per window, and the window.
#[derive(Debug, Clone, Copy)]
pub struct RateLimit {
    pub limit: i64,
    pub window_secs: i64,
}

/// Counts posts per IP hash under `scope` in a window fixed by its first post
/// (the counter expires with the window, so no IP stays stored).
pub async fn rate_limit(
    store: &dyn Store,
    secret: &[u8],
    scope: &str,
    ip: Option<&str>,
    rl: RateLimit,
) -> Result<(), Problem> {
    let Some(ip) = ip else {
        tracing::warn!(scope, "post without a client IP: not rate limited");
        return Ok(());
    };
    let key = Key::new(format!("RATE#{}", hmac_hex(secret, "ip", ip)), scope);
    let expires = store::now_epoch() + rl.window_secs;
    let n = store
        .increment(&key, "count", 1, Some(expires))
        .await
        .map_err(|e| Problem::internal("rate-limit counter", &e))?;
    if n > rl.limit {
        tracing::warn!(scope, count = n, "rate limit exceeded");
        return Err(Problem::too_many_requests());
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hmac_is_domain_separated() {
        let a = hmac_hex(b"k", "ip", "1.2.3.4");
        assert_eq!(a.len(), 64);
        assert_ne!(a, hmac_hex(b"k", "browser", "1.2.3.4"));
        assert_eq!(random_hex(16).len(), 32);
    }
}
