//! Invitation tokens and the hashes derived from them.
//!
//! A token is 256 random bits, URL-safe base64 without padding (43 characters).
//! The table keeps only SHA-256(token), to find the respondent, and
//! HMAC-SHA256(secret, token), to find the answers: a copy of the table alone
//! links neither a link nor a person to any answers.

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use hmac::{Hmac, KeyInit, Mac};
use sha2::{Digest, Sha256};

const TOKEN_BYTES: usize = 32;
const TOKEN_CHARS: usize = 43;

/// A well-formed token. Its `Debug` hides the value so it never reaches a log.
#[derive(Clone, PartialEq, Eq)]
pub struct Token(String);

impl std::fmt::Debug for Token {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Token(…)")
    }
}

impl Token {
    pub fn generate() -> Token {
        Token(URL_SAFE_NO_PAD.encode(random_bytes::<TOKEN_BYTES>()))
    }

    /// `None` for anything that is not exactly a token's shape.
    pub fn parse(s: &str) -> Option<Token> {
        if s.len() != TOKEN_CHARS {
            return None;
        }
        let bytes = URL_SAFE_NO_PAD.decode(s).ok()?;
        (bytes.len() == TOKEN_BYTES).then(|| Token(s.to_owned()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The key of the token item.
    pub fn lookup_hash(&self) -> String {
        sha256_hex(self.0.as_bytes())
    }
}

pub fn random_bytes<const N: usize>() -> [u8; N] {
    let mut buf = [0u8; N];
    // Fails only when the OS has no entropy source, where nothing safe can be done.
    getrandom::getrandom(&mut buf).expect("OS random source");
    buf
}

pub fn random_hex(bytes: usize) -> String {
    let mut buf = vec![0u8; bytes];
    getrandom::getrandom(&mut buf).expect("OS random source");
    hex(&buf)
}

pub fn sha256_hex(data: &[u8]) -> String {
    hex(&Sha256::digest(data))
}

/// HMAC-SHA256 in hex. `domain` separates uses of one secret (invitation
/// tokens, browser ids, IP addresses), so one pseudonym never equals another.
pub fn hmac_hex(secret: &[u8], domain: &str, data: &str) -> String {
    let mut mac =
        <Hmac<Sha256> as KeyInit>::new_from_slice(secret).expect("HMAC takes any key length");
    mac.update(domain.as_bytes());
    mac.update(b"\0");
    mac.update(data.as_bytes());
    hex(&mac.finalize().into_bytes())
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_are_url_safe_and_parse_back() {
        let t = Token::generate();
        assert_eq!(t.as_str().len(), TOKEN_CHARS);
        assert!(t
            .as_str()
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_'));
        assert_eq!(Token::parse(t.as_str()), Some(t.clone()));
        assert_ne!(Token::generate(), t);
        assert_eq!(Token::parse("short"), None);
        assert_eq!(Token::parse(&"!".repeat(TOKEN_CHARS)), None);
        assert_eq!(format!("{t:?}"), "Token(…)");
    }

    #[test]
    fn hmac_depends_on_secret_and_domain() {
        let a = hmac_hex(b"s1", "token", "x");
        assert_eq!(a.len(), 64);
        assert_ne!(a, hmac_hex(b"s2", "token", "x"));
        assert_ne!(a, hmac_hex(b"s1", "browser", "x"));
        assert_eq!(a, hmac_hex(b"s1", "token", "x"));
    }
}
