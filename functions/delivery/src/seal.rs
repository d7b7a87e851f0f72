//! Sealing with XChaCha20-Poly1305 (RustCrypto, audited): a 32-byte key, a
//! fresh random 24-byte nonce each time (so the same value sealed twice
//! gives two unrelated strings), and authenticated context so a sealed
//! value copied onto another record does not open. The keys built on it are
//! separate types ([`ResultsKey`] here, the survey function's link key) so
//! one cannot be passed where the other is meant.

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use chacha20poly1305::aead::{Aead, KeyInit, Payload};
use chacha20poly1305::{Key, XChaCha20Poly1305, XNonce};
use serde::{Deserialize, Serialize};

/// 32-byte key. `Debug` hides it.
#[derive(Clone)]
pub struct SealKey([u8; 32]);

impl std::fmt::Debug for SealKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("SealKey(…)")
    }
}

fn random<const N: usize>() -> [u8; N] {
    let mut buf = [0u8; N];
    // Fails only when the OS has no entropy source, where nothing safe can be done.
    getrandom::getrandom(&mut buf).expect("OS random source");
    buf
}

impl SealKey {
    pub fn generate() -> SealKey {
        SealKey(random::<32>())
    }

    /// From its 64-character hex form (how it is kept in SSM and `.cchc/`).
    pub fn from_hex(s: &str) -> Result<SealKey, String> {
        let s = s.trim();
        if s.len() != 64 || !s.bytes().all(|b| b.is_ascii_hexdigit()) {
            return Err("the key must be 64 hexadecimal characters (32 bytes)".into());
        }
        let mut key = [0u8; 32];
        for (i, chunk) in s.as_bytes().chunks(2).enumerate() {
            // Both bytes were checked to be hex digits above.
            key[i] = u8::from_str_radix(std::str::from_utf8(chunk).unwrap_or("00"), 16)
                .map_err(|e| e.to_string())?;
        }
        Ok(SealKey(key))
    }

    pub fn to_hex(&self) -> String {
        self.0.iter().map(|b| format!("{b:02x}")).collect()
    }

    pub fn seal(&self, msg: &[u8], context: &str) -> String {
        let cipher = XChaCha20Poly1305::new(Key::from_slice(&self.0));
        let nonce_bytes = random::<24>();
        // Encryption with a valid key and nonce cannot fail for these sizes.
        let sealed = cipher
            .encrypt(
                XNonce::from_slice(&nonce_bytes),
                Payload {
                    msg,
                    aad: context.as_bytes(),
                },
            )
            .expect("XChaCha20-Poly1305 encryption");
        let mut out = nonce_bytes.to_vec();
        out.extend_from_slice(&sealed);
        URL_SAFE_NO_PAD.encode(out)
    }

    /// `None` when sealed with another key or context, or damaged.
    pub fn open(&self, sealed: &str, context: &str) -> Option<Vec<u8>> {
        let bytes = URL_SAFE_NO_PAD.decode(sealed).ok()?;
        if bytes.len() < 24 + 16 {
            return None;
        }
        let (nonce, ciphertext) = bytes.split_at(24);
        XChaCha20Poly1305::new(Key::from_slice(&self.0))
            .decrypt(
                XNonce::from_slice(nonce),
                Payload {
                    msg: ciphertext,
                    aad: context.as_bytes(),
                },
            )
            .ok()
    }
}

/// The results key: seals what reports need of an answer record (unit,
/// group) and the times the respondent is shown (saved at, submitted at).
/// It is not the token secret that keys the records, so a copy of the store
/// with the token secret alone still cannot say which unit an answer is from.
#[derive(Clone, Debug)]
pub struct ResultsKey(SealKey);

/// What an answer record keeps sealed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AnswerMeta {
    pub unit: String,
    pub group: String,
    pub updated_at: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub submitted_at: Option<String>,
}

/// Every seal is padded to a multiple of this many bytes before sealing, so
/// its length does not tell a long unit name (or a submitted record) apart.
const PAD: usize = 384;

impl ResultsKey {
    pub fn generate() -> ResultsKey {
        ResultsKey(SealKey::generate())
    }

    pub fn from_hex(s: &str) -> Result<ResultsKey, String> {
        SealKey::from_hex(s).map(ResultsKey)
    }

    pub fn to_hex(&self) -> String {
        self.0.to_hex()
    }

    /// `context` is the record's key, so a seal moved to another record fails.
    pub fn seal(&self, meta: &AnswerMeta, context: &str) -> String {
        let mut json = serde_json::to_vec(meta).expect("plain strings serialise");
        let padded = json.len().div_ceil(PAD).max(1) * PAD;
        // JSON ignores trailing whitespace.
        json.resize(padded, b' ');
        self.0.seal(&json, context)
    }

    pub fn open(&self, sealed: &str, context: &str) -> Option<AnswerMeta> {
        serde_json::from_slice(&self.0.open(sealed, context)?).ok()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn meta(unit: &str) -> AnswerMeta {
        AnswerMeta {
            unit: unit.into(),
            group: "cong-chuc".into(),
            updated_at: "2026-11-05T10:00:00+07:00".into(),
            submitted_at: None,
        }
    }

    #[test]
    fn opens_only_with_its_key_and_context() {
        let key = ResultsKey::generate();
        let sealed = key.seal(&meta("Khánh Hòa"), "ANS#a");
        assert_eq!(key.open(&sealed, "ANS#a"), Some(meta("Khánh Hòa")));
        assert_eq!(key.open(&sealed, "ANS#b"), None);
        assert_eq!(ResultsKey::generate().open(&sealed, "ANS#a"), None);
        assert_eq!(key.open("garbage", "ANS#a"), None);
        assert_ne!(key.seal(&meta("Khánh Hòa"), "ANS#a"), sealed);
    }

    #[test]
    fn seals_of_short_and_long_units_have_one_length() {
        let key = ResultsKey::generate();
        let short = key.seal(&meta("Huế"), "c");
        let mut long = meta("Bộ Văn hóa, Thể thao và Du lịch");
        long.submitted_at = Some("2026-11-05T10:00:00+07:00".into());
        assert_eq!(short.len(), key.seal(&long, "c").len());
    }

    #[test]
    fn hex_round_trip_and_hidden_debug() {
        let key = SealKey::generate();
        assert_eq!(
            SealKey::from_hex(&key.to_hex()).unwrap().to_hex(),
            key.to_hex()
        );
        assert!(SealKey::from_hex("abc").is_err());
        assert_eq!(format!("{key:?}"), "SealKey(…)");
    }
}
