//! The passphrase lock's cryptography: what is stored, encrypted, and how it is opened again.
//!
//! The key comes from the passphrase by PBKDF2-SHA-256 (600,000 iterations, a random 16-byte
//! salt) through the browser's Web Crypto, as a non-extractable AES-GCM-256 key that lives in
//! the page's memory only. Each write encrypts the whole serialised state with a fresh random
//! 12-byte nonce. The envelope is JSON and says in clear only its format and version, the key
//! derivation and its parameters, the cipher and its nonce, and, for a backup file only, the
//! strictest label inside; those clear members are also bound to the ciphertext as GCM's
//! additional data, so changing any of them is refused like changing the ciphertext.
//! `docs/lock.md` gives the design and what it does and does not protect.

use serde::{Deserialize, Serialize};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

/// The envelope's format name.
pub const FORMAT: &str = "crisis-comms-encrypted";
/// The envelope version this release writes and reads.
pub const VERSION: u32 = 1;
/// PBKDF2 iterations for a new key (OWASP's current figure for PBKDF2-HMAC-SHA-256).
pub const ITERATIONS: u32 = 600_000;
/// The most iterations an envelope may ask for: a file naming more is refused rather than
/// keeping the page busy for minutes.
const MAX_ITERATIONS: u32 = 10_000_000;
const SALT_LEN: usize = 16;
const NONCE_LEN: usize = 12;

/// A key derived from a passphrase, with the salt and iterations it was derived with.
#[derive(Clone)]
pub struct Key {
    key: web_sys::CryptoKey,
    salt: Vec<u8>,
    iterations: u32,
}

impl Key {
    /// Whether `other` was derived with the same salt and iterations (so from the same lock).
    pub fn same_lock(&self, other: &Key) -> bool {
        self.salt == other.salt && self.iterations == other.iterations
    }
}

/// Why text could not be encrypted or opened.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum LockError {
    /// This browser offers no Web Crypto here (an old browser, or a page not served over HTTPS).
    Unavailable,
    /// The envelope's own shape is wrong: damaged, or not ours.
    Damaged(String),
    /// Written by a newer release.
    Newer(u32),
    /// The key does not open it: a wrong passphrase, or bytes altered since it was written
    /// (AES-GCM cannot tell the two apart).
    Refused,
    /// Encrypted under another lock (the passphrase was changed elsewhere): this key's salt is
    /// not the envelope's.
    OtherLock,
}

impl std::fmt::Display for LockError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            LockError::Unavailable => f.write_str(
                "this browser does not offer encryption to this page (it needs a current browser and a page served over HTTPS)",
            ),
            LockError::Damaged(why) => write!(f, "the encrypted data is damaged ({why})"),
            LockError::Newer(v) => write!(
                f,
                "it was encrypted by a newer version of crisis-comms (encryption format {v}; this version reads {VERSION})"
            ),
            LockError::Refused => {
                f.write_str("the passphrase is not right, or the data was changed after it was written")
            }
            LockError::OtherLock => f.write_str("the passphrase was changed in another tab or window"),
        }
    }
}

/// The envelope, as written and read.
#[derive(Serialize, Deserialize)]
struct Envelope {
    format: String,
    version: u32,
    /// Backups only: the strictest label of what is inside, for whoever finds the file.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    label: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    about: Option<String>,
    kdf: Kdf,
    cipher: Cipher,
    ciphertext: String,
}

#[derive(Serialize, Deserialize)]
struct Kdf {
    name: String,
    hash: String,
    iterations: u32,
    salt: String,
}

#[derive(Serialize, Deserialize)]
struct Cipher {
    name: String,
    nonce: String,
}

/// Only the format member, to tell an encrypted envelope from anything else.
#[derive(Deserialize)]
struct Head {
    format: String,
}

/// Whether `text` is an encrypted envelope (of any version, damaged or not).
pub fn is_sealed(text: &str) -> bool {
    serde_json::from_str::<Head>(text).is_ok_and(|h| h.format == FORMAT)
}

/// Whether this browser offers Web Crypto to the page.
pub fn available() -> bool {
    subtle().is_ok()
}

fn subtle() -> Result<web_sys::SubtleCrypto, LockError> {
    let crypto = web_sys::window().and_then(|w| w.crypto().ok()).ok_or(LockError::Unavailable)?;
    // `crypto.subtle` is undefined outside secure contexts (plain HTTP other than localhost).
    let subtle = js_sys::Reflect::get(&crypto, &"subtle".into()).map_err(|_| LockError::Unavailable)?;
    if subtle.is_undefined() || subtle.is_null() {
        return Err(LockError::Unavailable);
    }
    Ok(subtle.unchecked_into())
}

fn random(n: usize) -> Result<Vec<u8>, LockError> {
    let crypto = web_sys::window().and_then(|w| w.crypto().ok()).ok_or(LockError::Unavailable)?;
    let mut bytes = vec![0u8; n];
    crypto.get_random_values_with_u8_array(&mut bytes).map_err(|_| LockError::Unavailable)?;
    Ok(bytes)
}

async fn call(promise: Result<js_sys::Promise, JsValue>) -> Result<JsValue, JsValue> {
    JsFuture::from(promise?).await
}

/// Derives the AES-GCM-256 key (non-extractable, for encrypting and decrypting) from
/// `passphrase` with PBKDF2-SHA-256.
pub async fn derive(passphrase: &str, salt: &[u8], iterations: u32) -> Result<Key, LockError> {
    let subtle = subtle()?;
    let raw = js_sys::Uint8Array::from(passphrase.as_bytes());
    let usages = js_sys::Array::of1(&"deriveKey".into());
    let base = call(subtle.import_key_with_str("raw", &raw, "PBKDF2", false, &usages))
        .await
        .map_err(|_| LockError::Unavailable)?;
    let params =
        web_sys::Pbkdf2Params::new_with_str("PBKDF2", "SHA-256", iterations, &js_sys::Uint8Array::from(salt));
    let aes = web_sys::AesDerivedKeyParams::new("AES-GCM", 256);
    let usages = js_sys::Array::of2(&"encrypt".into(), &"decrypt".into());
    let key =
        call(subtle.derive_key_with_object_and_object(&params, base.unchecked_ref(), &aes, false, &usages))
            .await
            .map_err(|_| LockError::Unavailable)?;
    Ok(Key { key: key.unchecked_into(), salt: salt.to_vec(), iterations })
}

/// A new key for `passphrase`, with a fresh random salt.
pub async fn new_key(passphrase: &str) -> Result<Key, LockError> {
    derive(passphrase, &random(SALT_LEN)?, ITERATIONS).await
}

/// The key `passphrase` gives for the envelope `text` (its salt and iterations), whether or not
/// it opens it.
pub async fn key_for(passphrase: &str, text: &str) -> Result<Key, LockError> {
    let (envelope, salt, _) = parse(text)?;
    derive(passphrase, &salt, envelope.kdf.iterations).await
}

/// AES-GCM encryption of `plaintext` with `nonce` and `aad` (the ciphertext, then the 16-byte
/// tag). Public for the known-answer test.
pub async fn encrypt_raw(
    key: &Key,
    nonce: &[u8],
    aad: &[u8],
    plaintext: &[u8],
) -> Result<Vec<u8>, LockError> {
    let params = web_sys::AesGcmParams::new("AES-GCM", &js_sys::Uint8Array::from(nonce));
    params.set_additional_data(&js_sys::Uint8Array::from(aad));
    let out = call(subtle()?.encrypt_with_object_and_u8_array(&params, &key.key, plaintext))
        .await
        .map_err(|_| LockError::Unavailable)?;
    Ok(js_sys::Uint8Array::new(&out).to_vec())
}

async fn decrypt_raw(key: &Key, nonce: &[u8], aad: &[u8], ciphertext: &[u8]) -> Result<Vec<u8>, LockError> {
    let params = web_sys::AesGcmParams::new("AES-GCM", &js_sys::Uint8Array::from(nonce));
    params.set_additional_data(&js_sys::Uint8Array::from(aad));
    let out = call(subtle()?.decrypt_with_object_and_u8_array(&params, &key.key, ciphertext))
        .await
        .map_err(|_| LockError::Refused)?;
    Ok(js_sys::Uint8Array::new(&out).to_vec())
}

/// The additional data bound to the ciphertext: every clear member but the nonce (which GCM
/// binds itself) and the ciphertext, one per line.
pub fn additional_data(label: Option<&str>, salt_b64: &str, iterations: u32) -> Vec<u8> {
    format!(
        "{FORMAT}\n{VERSION}\nPBKDF2\nSHA-256\n{iterations}\n{salt_b64}\nAES-GCM\n{}",
        label.unwrap_or("")
    )
    .into_bytes()
}

/// Encrypts `plaintext` (the serialised state) under `key` with a fresh nonce. `label` (the
/// strictest label inside) is written in clear, for backup files only.
pub async fn seal(key: &Key, plaintext: &str, label: Option<&str>) -> Result<String, LockError> {
    let nonce = random(NONCE_LEN)?;
    let salt = to_base64(&key.salt)?;
    let aad = additional_data(label, &salt, key.iterations);
    let ciphertext = encrypt_raw(key, &nonce, &aad, plaintext.as_bytes()).await?;
    let about = label.map(|l| {
        format!(
            "An encrypted crisis-comms backup. The strictest label of what it holds is {l}. Only crisis-comms \
             and the passphrase it was made with can open it."
        )
    });
    let envelope = Envelope {
        format: FORMAT.to_owned(),
        version: VERSION,
        label: label.map(str::to_owned),
        about,
        kdf: Kdf { name: "PBKDF2".into(), hash: "SHA-256".into(), iterations: key.iterations, salt },
        cipher: Cipher { name: "AES-GCM".into(), nonce: to_base64(&nonce)? },
        ciphertext: to_base64(&ciphertext)?,
    };
    // Indented for a backup file, which people may open; compact in storage.
    let text = if label.is_some() {
        serde_json::to_string_pretty(&envelope)
    } else {
        serde_json::to_string(&envelope)
    };
    text.map_err(|e| LockError::Damaged(e.to_string()))
}

/// Reads an envelope's members and checks them; returns it with its salt and nonce.
fn parse(text: &str) -> Result<(Envelope, Vec<u8>, Vec<u8>), LockError> {
    if !is_sealed(text) {
        return Err(LockError::Damaged("it is not an encrypted crisis-comms envelope".into()));
    }
    let version = serde_json::from_str::<serde_json::Value>(text)
        .ok()
        .and_then(|v| v.get("version").and_then(serde_json::Value::as_u64));
    match version {
        Some(v) if v > u64::from(VERSION) => {
            return Err(LockError::Newer(u32::try_from(v).unwrap_or(u32::MAX)))
        }
        Some(v) if v == u64::from(VERSION) => {}
        _ => return Err(LockError::Damaged("its version is missing or wrong".into())),
    }
    let e: Envelope = serde_json::from_str(text).map_err(|e| LockError::Damaged(e.to_string()))?;
    let damaged = |why: &str| Err(LockError::Damaged(why.to_owned()));
    if (e.kdf.name.as_str(), e.kdf.hash.as_str(), e.cipher.name.as_str()) != ("PBKDF2", "SHA-256", "AES-GCM")
    {
        return damaged("it names a key derivation or cipher this version does not use");
    }
    if !(ITERATIONS..=MAX_ITERATIONS).contains(&e.kdf.iterations) {
        return damaged("its number of iterations is out of range");
    }
    let salt = from_base64(&e.kdf.salt).filter(|s| s.len() == SALT_LEN);
    let nonce = from_base64(&e.cipher.nonce).filter(|n| n.len() == NONCE_LEN);
    let (Some(salt), Some(nonce)) = (salt, nonce) else { return damaged("its salt or nonce is not valid") };
    Ok((e, salt, nonce))
}

/// Checks that `text` is an envelope this release can open, without a key.
pub fn check(text: &str) -> Result<(), LockError> {
    parse(text).map(drop)
}

/// Decrypts the envelope `text` with `key`: the serialised state inside.
pub async fn open(key: &Key, text: &str) -> Result<String, LockError> {
    let (e, salt, nonce) = parse(text)?;
    if salt != key.salt || e.kdf.iterations != key.iterations {
        return Err(LockError::OtherLock);
    }
    let ciphertext =
        from_base64(&e.ciphertext).ok_or_else(|| LockError::Damaged("its ciphertext is not valid".into()))?;
    let aad = additional_data(e.label.as_deref(), &e.kdf.salt, e.kdf.iterations);
    let plain = decrypt_raw(key, &nonce, &aad, &ciphertext).await?;
    String::from_utf8(plain).map_err(|_| LockError::Refused)
}

/// Base64 through the browser's `btoa`, which takes one character per byte.
pub fn to_base64(bytes: &[u8]) -> Result<String, LockError> {
    let text: String = bytes.iter().map(|&b| char::from(b)).collect();
    web_sys::window().ok_or(LockError::Unavailable)?.btoa(&text).map_err(|_| LockError::Unavailable)
}

/// Base64 through the browser's `atob`; `None` when the text is not Base64.
pub fn from_base64(text: &str) -> Option<Vec<u8>> {
    let binary = web_sys::window()?.atob(text).ok()?;
    binary.chars().map(|c| u8::try_from(u32::from(c)).ok()).collect()
}
