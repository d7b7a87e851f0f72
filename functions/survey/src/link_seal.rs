//! Sealed invitation links. Reminders and the "resend my link" page must send
//! the *same* link again, because drafts are stored under a key derived from
//! it; yet the table must not hold links in the clear. So the respondent item
//! keeps the token encrypted (XChaCha20-Poly1305) under the link key, a secret
//! separate from the answer secret: the table plus one of the two secrets
//! still links no answers to anybody.

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use chacha20poly1305::aead::{Aead, KeyInit, Payload};
use chacha20poly1305::{Key, XChaCha20Poly1305, XNonce};

use crate::token::{random_bytes, Token};

/// 32-byte key. `Debug` hides it.
#[derive(Clone)]
pub struct LinkKey([u8; 32]);

impl std::fmt::Debug for LinkKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("LinkKey(…)")
    }
}

impl LinkKey {
    pub fn generate() -> LinkKey {
        LinkKey(random_bytes::<32>())
    }

    /// From its 64-character hex form (how it is kept in SSM and `.cchc/`).
    pub fn from_hex(s: &str) -> Result<LinkKey, String> {
        let s = s.trim();
        if s.len() != 64 || !s.bytes().all(|b| b.is_ascii_hexdigit()) {
            return Err("the link key must be 64 hexadecimal characters (32 bytes)".into());
        }
        let mut key = [0u8; 32];
        for (i, chunk) in s.as_bytes().chunks(2).enumerate() {
            // Both bytes were checked to be hex digits above.
            key[i] = u8::from_str_radix(std::str::from_utf8(chunk).unwrap_or("00"), 16)
                .map_err(|e| e.to_string())?;
        }
        Ok(LinkKey(key))
    }

    pub fn to_hex(&self) -> String {
        self.0.iter().map(|b| format!("{b:02x}")).collect()
    }

    /// The token sealed for the respondent item. `context` (campaign and
    /// respondent id) is authenticated, so a sealed token copied onto another
    /// respondent does not open.
    pub fn seal(&self, token: &Token, context: &str) -> String {
        let cipher = XChaCha20Poly1305::new(Key::from_slice(&self.0));
        let nonce_bytes = random_bytes::<24>();
        let nonce = XNonce::from_slice(&nonce_bytes);
        // Encryption with a valid key and nonce cannot fail for this size.
        let sealed = cipher
            .encrypt(
                nonce,
                Payload {
                    msg: token.as_str().as_bytes(),
                    aad: context.as_bytes(),
                },
            )
            .expect("XChaCha20-Poly1305 encryption");
        let mut out = nonce_bytes.to_vec();
        out.extend_from_slice(&sealed);
        URL_SAFE_NO_PAD.encode(out)
    }

    /// `None` when the seal was made with another key or context, or is damaged.
    pub fn open(&self, sealed: &str, context: &str) -> Option<Token> {
        let bytes = URL_SAFE_NO_PAD.decode(sealed).ok()?;
        if bytes.len() < 24 + 16 {
            return None;
        }
        let (nonce, ciphertext) = bytes.split_at(24);
        let cipher = XChaCha20Poly1305::new(Key::from_slice(&self.0));
        let plain = cipher
            .decrypt(
                XNonce::from_slice(nonce),
                Payload {
                    msg: ciphertext,
                    aad: context.as_bytes(),
                },
            )
            .ok()?;
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
