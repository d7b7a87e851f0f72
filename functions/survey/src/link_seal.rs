//! Sealed invitation links. Reminders and the "resend my link" page must send
//! the *same* link again, because drafts are stored under a key derived from
//! it; yet the table must not hold links in the clear. So the respondent item
//! keeps the token encrypted (XChaCha20-Poly1305) under the link key, a secret
//! separate from the answer secret: the table plus one of the two secrets
//! still links no answers to anybody.

use delivery::SealKey;

use crate::token::Token;

/// 32-byte key (see [`delivery::seal`]). `Debug` hides it.
#[derive(Clone)]
pub struct LinkKey(SealKey);

impl std::fmt::Debug for LinkKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("LinkKey(…)")
    }
}

impl LinkKey {
    pub fn generate() -> LinkKey {
        LinkKey(SealKey::generate())
    }

    /// From its 64-character hex form (how it is kept in SSM and `.cchc/`).
    pub fn from_hex(s: &str) -> Result<LinkKey, String> {
        SealKey::from_hex(s)
            .map(LinkKey)
            .map_err(|e| format!("link key: {e}"))
    }

    pub fn to_hex(&self) -> String {
        self.0.to_hex()
    }

    /// The token sealed for the respondent item. `context` (campaign and
    /// respondent id) is authenticated, so a sealed token copied onto another
    /// respondent does not open.
    pub fn seal(&self, token: &Token, context: &str) -> String {
        self.0.seal(token.as_str().as_bytes(), context)
    }

    /// `None` when the seal was made with another key or context, or is damaged.
    pub fn open(&self, sealed: &str, context: &str) -> Option<Token> {
        let plain = self.0.open(sealed, context)?;
        Token::parse(std::str::from_utf8(&plain).ok()?)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn seals_and_opens_only_with_key_and_context() {
        let key = LinkKey::generate();
        let token = Token::generate();
        let sealed = key.seal(&token, "c/r1");
        assert!(!sealed.contains(token.as_str()));
        assert_eq!(key.open(&sealed, "c/r1"), Some(token.clone()));
        assert_eq!(key.open(&sealed, "c/r2"), None);
        assert_eq!(LinkKey::generate().open(&sealed, "c/r1"), None);
        assert_eq!(key.open("garbage", "c/r1"), None);
        assert_ne!(key.seal(&token, "c/r1"), sealed, "fresh nonce each time");
    }

    #[test]
    fn hex_round_trip() {
        let key = LinkKey::generate();
        let again = LinkKey::from_hex(&key.to_hex()).unwrap();
        assert_eq!(again.to_hex(), key.to_hex());
        assert!(LinkKey::from_hex("abc").is_err());
        assert!(LinkKey::from_hex(&"g".repeat(64)).is_err());
        assert_eq!(format!("{key:?}"), "LinkKey(…)");
    }
}
