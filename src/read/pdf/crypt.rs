//! The standard security handler (ISO 32000-1 §7.6.3, ISO 32000-2 §7.6.4):
//! PDFs "protected" with an owner password only (copy and print
//! restrictions) and an empty user password, which any viewer opens without
//! asking. They are read by authenticating the empty user password.
//!
//! - RC4 40–128 bit (`/V 1`, `/V 2`; `/R 2`, `/R 3`), AES-128 (`/V 4`,
//!   `/R 4`, crypt filters `/V2`, `/AESV2`, `/Identity`), AES-256 (`/V 5`,
//!   `/R 5` and `/R 6`, `/AESV3`).
//! - Keys: Algorithm 2 (MD5 of the padded password, `/O`, `/P`, the first
//!   `/ID`, and `FF FF FF FF` when metadata is not encrypted; 50 more rounds
//!   from R3) checked by Algorithm 4/5 against `/U`; for R5/R6 the hash of
//!   the password with `/U`'s validation salt (SHA-256, or the R6 hash of
//!   SHA-256/384/512 rounds over AES-128-CBC) against `/U`, then the key
//!   salt's hash decrypts `/UE` into the file key.
//! - Per object: Algorithm 1 (MD5 of the file key, the object number's low
//!   three bytes and the generation's low two, `sAlT` for AES) for RC4 and
//!   AESV2; AESV3 uses the file key itself. AES data starts with its 16-byte
//!   IV and ends with PKCS#7 padding.
//!
//! What is not decrypted (the caller's part, `file.rs`): the `/Encrypt`
//! dictionary, cross-reference streams, objects inside an object stream
//! (the stream is decrypted once), the metadata stream when
//! `/EncryptMetadata false`, anything whose crypt filter is `/Identity`.
//!
//! Everything is bounded: the R6 hash ends by round 288 at the latest (its
//! stop test compares a byte with the round number − 32), and the data
//! decrypted is at most the stream or string it comes from.

use super::cipher::{md5, sha256, sha512, Aes};
use super::lex::{Dict, Obj};

/// The padding string of Algorithm 2 (an empty password is all of it).
const PAD: [u8; 32] = [
    0x28, 0xbf, 0x4e, 0x5e, 0x4e, 0x75, 0x8a, 0x41, 0x64, 0x00, 0x4e, 0x56, 0xff, 0xfa, 0x01, 0x08,
    0x2e, 0x2e, 0x00, 0xb6, 0xd0, 0x68, 0x3e, 0x80, 0x2f, 0x0c, 0xa9, 0xfe, 0x64, 0x53, 0x69, 0x7a,
];

/// Why an encrypted file cannot be read.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CryptError {
    /// The empty user password does not open it: a real password is needed.
    Password,
    /// Not the standard handler (a certificate, a plug-in's own handler).
    Handler,
    /// A version or crypt method this reader does not know.
    Version,
    /// The encryption dictionary lacks a key or has one of the wrong size.
    Damaged,
}

/// How strings or streams are encrypted.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Method {
    /// Not encrypted (`/Identity`, `/None`).
    Identity,
    Rc4,
    /// AES-128, per-object keys (`/AESV2`).
    Aes128,
    /// AES-256 with the file key (`/AESV3`).
    Aes256,
}

/// A file's decryption state once the empty password has opened it.
#[derive(Clone, Debug)]
pub struct Crypt {
    key: Vec<u8>,
    /// For streams (`/StmF`) and strings (`/StrF`).
    pub stm: Method,
    pub str: Method,
    /// `/EncryptMetadata` (default true).
    pub metadata: bool,
    /// The crypt filters by name (V4/V5), for a stream's own `/Crypt` filter.
    filters: Vec<(Vec<u8>, Method)>,
}

impl Crypt {
    /// Authenticates the empty user password against the encryption
    /// dictionary `enc`, with `id0` the first string of the trailer's `/ID`.
    pub fn open(enc: &Dict, id0: &[u8]) -> Result<Crypt, CryptError> {
        match enc.get(b"Filter").and_then(Obj::as_name) {
            Some(b"Standard") => {}
            // No /Filter at all is a damaged dictionary; any other name is
            // another handler (Adobe.PubSec: certificates).
            None => return Err(CryptError::Damaged),
            Some(_) => return Err(CryptError::Handler),
        }
        if enc.get(b"SubFilter").is_some() && enc.get(b"R").is_none() {
            return Err(CryptError::Handler);
        }
        let int = |k: &[u8]| enc.get(k).and_then(Obj::as_i64);
        let v = int(b"V").unwrap_or(0);
        let r = int(b"R").ok_or(CryptError::Damaged)?;
        let metadata = !matches!(enc.get(b"EncryptMetadata"), Some(Obj::Bool(false)));
        let o = string(enc, b"O")?;
        let u = string(enc, b"U")?;
        // /P is a signed 32-bit field; some writers give it unsigned.
        let p = int(b"P").ok_or(CryptError::Damaged)? as u32;

        // Crypt filters (V4, V5): name → method and key length in bytes.
        let mut filters = Vec::new();
        if v >= 4 {
            if let Some(Obj::Dict(cf)) = enc.get(b"CF") {
                for (name, f) in cf.0.iter().take(64) {
                    let Some(fd) = f.as_dict() else { continue };
                    let m = match fd.get(b"CFM").and_then(Obj::as_name) {
                        Some(b"V2") => Method::Rc4,
                        Some(b"AESV2") => Method::Aes128,
                        Some(b"AESV3") => Method::Aes256,
                        Some(b"None") | None => Method::Identity,
                        Some(_) => return Err(CryptError::Version),
                    };
                    filters.push((name.clone(), m));
                }
            }
        }
        let pick = |key: &[u8]| -> Result<Method, CryptError> {
            match enc.get(key).and_then(Obj::as_name) {
                None | Some(b"Identity") => Ok(Method::Identity),
                Some(n) => filters
                    .iter()
                    .find(|(k, _)| k == n)
                    .map(|(_, m)| *m)
                    .ok_or(CryptError::Damaged),
            }
        };
        let (stm, str) = match v {
            1 | 2 => (Method::Rc4, Method::Rc4),
            4 | 5 => (pick(b"StmF")?, pick(b"StrF")?),
            _ => return Err(CryptError::Version),
        };

        let key = match r {
            2..=4 => {
                // Key length in bytes: /Length in bits (40 to 128, a
                // multiple of 8); R2 is always 40 bits. V4 without /Length
                // takes the standard crypt filter's (bytes or bits).
                let len = if r == 2 {
                    5
                } else {
                    let bits = match (int(b"Length"), v) {
                        (Some(l), _) => l,
                        (None, 4) => {
                            let cf_len = filter_dict(enc, b"StdCF")
                                .and_then(|d| d.get(b"Length"))
                                .and_then(Obj::as_i64)
                                .unwrap_or(128);
                            if cf_len < 40 {
                                cf_len.saturating_mul(8)
                            } else {
                                cf_len
                            }
                        }
                        (None, _) => 40,
                    };
                    if !(40..=128).contains(&bits) || bits % 8 != 0 {
                        return Err(CryptError::Damaged);
                    }
                    bits as usize / 8
                };
                let (Some(o), Some(u)) = (o.get(..32), u.get(..32)) else {
                    return Err(CryptError::Damaged);
                };
                let key = file_key_r4(o, p, id0, r, len, metadata);
                if user_hash_r4(&key, id0, r) != user_check(u, r) {
                    return Err(CryptError::Password);
                }
                key
            }
            5 | 6 => {
                let ue = string(enc, b"UE")?;
                let (Some(u), Some(ue)) = (u.get(..48), ue.get(..32)) else {
                    return Err(CryptError::Damaged);
                };
                let (Some(hash), Some(vsalt), Some(ksalt)) =
                    (u.get(..32), u.get(32..40), u.get(40..48))
                else {
                    return Err(CryptError::Damaged);
                };
                if hash_r56(b"", vsalt, b"", r) != hash {
                    return Err(CryptError::Password);
                }
                let ik = hash_r56(b"", ksalt, b"", r);
                let mut key = ue.to_vec();
                cbc_decrypt_in_place(&ik, &[0; 16], &mut key);
                key
            }
            _ => return Err(CryptError::Version),
        };
        // AES-256 needs a 32-byte key, the others one of 5 to 16 bytes.
        for m in [stm, str].iter().chain(filters.iter().map(|(_, m)| m)) {
            let ok = match m {
                Method::Aes256 => key.len() == 32,
                Method::Identity => true,
                Method::Rc4 | Method::Aes128 => key.len() <= 16,
            };
            if !ok {
                return Err(CryptError::Version);
            }
        }
        Ok(Crypt {
            key,
            stm,
            str,
            metadata,
            filters,
        })
    }

    /// A named crypt filter's method (a stream's own `/Crypt` filter);
    /// `/Identity` and unknown names decrypt nothing.
    pub fn filter(&self, name: &[u8]) -> Method {
        self.filters
            .iter()
            .find(|(k, _)| k == name)
            .map_or(Method::Identity, |(_, m)| *m)
    }

    /// Decrypts `data` of object `num gen` with `method`.
    pub fn decrypt(&self, method: Method, num: u32, gen: u16, data: &[u8]) -> Vec<u8> {
        match method {
            Method::Identity => data.to_vec(),
            Method::Rc4 => {
                let mut out = data.to_vec();
                rc4(&self.object_key(num, gen, false), &mut out);
                out
            }
            Method::Aes128 => aes_cbc(&self.object_key(num, gen, true), data),
            Method::Aes256 => aes_cbc(&self.key, data),
        }
    }

    /// Algorithm 1: MD5(key, num low 3 bytes, gen low 2 bytes [, "sAlT"]),
    /// the first key length + 5 bytes (at most 16).
    fn object_key(&self, num: u32, gen: u16, aes: bool) -> Vec<u8> {
        let mut m = self.key.clone();
        m.extend_from_slice(&num.to_le_bytes()[..3]);
        m.extend_from_slice(&gen.to_le_bytes());
        if aes {
            m.extend_from_slice(b"sAlT");
        }
        md5(&m)[..(self.key.len() + 5).min(16)].to_vec()
    }
}

/// A string entry of the encryption dictionary.
fn string(enc: &Dict, key: &[u8]) -> Result<Vec<u8>, CryptError> {
    match enc.get(key) {
        Some(Obj::Str(s)) => Ok(s.clone()),
        _ => Err(CryptError::Damaged),
    }
}

fn filter_dict<'d>(enc: &'d Dict, name: &[u8]) -> Option<&'d Dict> {
    enc.get(b"CF")?.as_dict()?.get(name)?.as_dict()
}

/// Algorithm 2 with the empty password: the file key of `len` bytes.
fn file_key_r4(o: &[u8], p: u32, id0: &[u8], r: i64, len: usize, metadata: bool) -> Vec<u8> {
    let mut m = PAD.to_vec();
    m.extend_from_slice(o);
    m.extend_from_slice(&p.to_le_bytes());
    m.extend_from_slice(id0);
    if r >= 4 && !metadata {
        m.extend_from_slice(&[0xff; 4]);
    }
    let mut key = md5(&m).to_vec();
    if r >= 3 {
        for _ in 0..50 {
            key = md5(&key[..len]).to_vec();
        }
    }
    key.truncate(len);
    key
}

/// Algorithms 4 (R2) and 5 (R3, R4): what `/U` holds for this key.
fn user_hash_r4(key: &[u8], id0: &[u8], r: i64) -> Vec<u8> {
    if r == 2 {
        let mut u = PAD.to_vec();
        rc4(key, &mut u);
        return u;
    }
    let mut m = PAD.to_vec();
    m.extend_from_slice(id0);
    let mut u = md5(&m).to_vec();
    for i in 0u8..20 {
        let k: Vec<u8> = key.iter().map(|b| b ^ i).collect();
        rc4(&k, &mut u);
    }
    u
}

/// The part of `/U` that [`user_hash_r4`] is compared with: all 32 bytes
/// for R2, the first 16 from R3 (the rest is arbitrary padding).
fn user_check(u: &[u8], r: i64) -> Vec<u8> {
    let n = if r == 2 { 32 } else { 16 };
    u[..n.min(u.len())].to_vec()
}

/// Algorithm 2.A's hash (R5: SHA-256; R6: Algorithm 2.B) of `password`,
/// a `salt` and `udata` (the 48 bytes of `/U` for the owner password;
/// empty here).
fn hash_r56(password: &[u8], salt: &[u8], udata: &[u8], r: i64) -> Vec<u8> {
    let mut k = sha256(&[password, salt, udata].concat()).to_vec();
    if r < 6 {
        return k;
    }
    let mut round: usize = 0;
    loop {
        let mut k1 = Vec::with_capacity(64 * (password.len() + k.len() + udata.len()));
        for _ in 0..64 {
            k1.extend_from_slice(password);
            k1.extend_from_slice(&k);
            k1.extend_from_slice(udata);
        }
        let (Some(key), Some(iv)) = (k.get(..16), k.get(16..32)) else {
            break;
        };
        let mut iv16 = [0u8; 16];
        iv16.copy_from_slice(iv);
        let e = aes128_cbc_encrypt(key, &iv16, &k1);
        // The first 16 bytes as a big-endian number, modulo 3 (256 ≡ 1).
        let sum: u32 = e.iter().take(16).map(|b| u32::from(*b)).sum();
        k = match sum % 3 {
            0 => sha256(&e).to_vec(),
            1 => sha512(&e, true),
            _ => sha512(&e, false),
        };
        round += 1;
        let last = usize::from(e.last().copied().unwrap_or(0));
        // Round 288 at the latest: a byte is at most 255 = 287 − 32.
        if round >= 64 && last + 32 <= round {
            break;
        }
    }
    k.truncate(32);
    k
}

/// RC4 (the PDF's "V2" method), in place.
pub fn rc4(key: &[u8], data: &mut [u8]) {
    if key.is_empty() {
        return;
    }
    let mut s: [u8; 256] = std::array::from_fn(|i| i as u8);
    let mut j: u8 = 0;
    for i in 0..256 {
        j = j.wrapping_add(s[i]).wrapping_add(key[i % key.len()]);
        s.swap(i, usize::from(j));
    }
    let (mut i, mut j) = (0u8, 0u8);
    for b in data {
        i = i.wrapping_add(1);
        j = j.wrapping_add(s[usize::from(i)]);
        s.swap(usize::from(i), usize::from(j));
        let t = s[usize::from(i)].wrapping_add(s[usize::from(j)]);
        *b ^= s[usize::from(t)];
    }
}

/// AES-CBC with the IV in the first 16 bytes and PKCS#7 padding. Data cut
/// short of a whole block keeps its whole blocks; padding that is not
/// valid is left (a lenient reader shows what decrypts).
fn aes_cbc(key: &[u8], data: &[u8]) -> Vec<u8> {
    let Some((iv, body)) = data.split_first_chunk::<16>() else {
        return Vec::new();
    };
    let mut out = body[..body.len() / 16 * 16].to_vec();
    cbc_decrypt_in_place(key, iv, &mut out);
    if let Some(&n) = out.last() {
        let n = usize::from(n);
        if (1..=16).contains(&n)
            && n <= out.len()
            && out[out.len() - n..].iter().all(|b| usize::from(*b) == n)
        {
            out.truncate(out.len() - n);
        }
    }
    out
}

/// AES-CBC decryption in place of whole blocks (a 16- or 32-byte key;
/// another length leaves the data as is, never reached: keys are checked).
fn cbc_decrypt_in_place(key: &[u8], iv: &[u8; 16], data: &mut [u8]) {
    let Some(aes) = Aes::new(key) else { return };
    let mut prev = *iv;
    for chunk in data.chunks_exact_mut(16) {
        let mut block = [0u8; 16];
        block.copy_from_slice(chunk);
        let cur = block;
        aes.decrypt(&mut block);
        for ((o, b), p) in chunk.iter_mut().zip(block).zip(prev) {
            *o = b ^ p;
        }
        prev = cur;
    }
}

/// AES-128-CBC encryption without padding (R6's hash; `data` is a whole
/// number of blocks: 64 copies of a multiple of 16 bytes).
fn aes128_cbc_encrypt(key: &[u8], iv: &[u8; 16], data: &[u8]) -> Vec<u8> {
    let Some(aes) = Aes::new(key) else {
        return Vec::new();
    };
    let mut out = data[..data.len() / 16 * 16].to_vec();
    let mut prev = *iv;
    for chunk in out.chunks_exact_mut(16) {
        for (b, p) in prev.iter_mut().zip(chunk.iter()) {
            *b ^= p;
        }
        aes.encrypt(&mut prev);
        chunk.copy_from_slice(&prev);
    }
    out
}

/// For tests elsewhere: the 32-byte `/U` that the empty password opens
/// with these `/O`, `/P`, `/ID` (R3/R4, 128-bit key).
#[cfg(test)]
pub(super) fn empty_password_u(o: &[u8], p: i32, id0: &[u8], r: i64, metadata: bool) -> Vec<u8> {
    let key = file_key_r4(o, p as u32, id0, r, 16, metadata);
    let mut u = user_hash_r4(&key, id0, r);
    u.resize(32, 0);
    u
}

#[cfg(test)]
mod tests {
    use super::super::cipher::tests::hex;
    use super::*;

    #[test]
    fn rc4_known_answers() {
        // The classic test vectors (Wikipedia, RFC 6229's first bytes).
        let mut d = b"Plaintext".to_vec();
        rc4(b"Key", &mut d);
        assert_eq!(d, hex("bbf316e8d940af0ad3"));
        let mut d = b"Attack at dawn".to_vec();
        rc4(b"Secret", &mut d);
        assert_eq!(d, hex("45a01f645fc35b383552544b9bf5"));
        let mut d = vec![0u8; 16];
        rc4(&hex("0102030405"), &mut d);
        assert_eq!(d, hex("b2396305f03dc027ccc3524a0a1118a8"));
    }

    #[test]
    fn aes_cbc_known_answer_and_padding() {
        // NIST SP 800-38A F.2.1/F.2.2, first block: AES-128-CBC.
        let key = hex("2b7e151628aed2a6abf7158809cf4f3c");
        let iv = hex("000102030405060708090a0b0c0d0e0f");
        let plain = hex("6bc1bee22e409f96e93d7e117393172a");
        let mut iv16 = [0u8; 16];
        iv16.copy_from_slice(&iv);
        let enc = aes128_cbc_encrypt(&key, &iv16, &plain);
        assert_eq!(enc, hex("7649abac8119b246cee98e9b12e9197d"));
        let mut data = iv.clone();
        data.extend_from_slice(&enc);
        // Not valid padding (last byte 0x2a): kept whole.
        assert_eq!(aes_cbc(&key, &data), plain);
        // Less than an IV: nothing.
        assert!(aes_cbc(&key, &data[..10]).is_empty());
        // With PKCS#7 padding: "abc" + 13 × 0x0d.
        let mut padded = b"abc".to_vec();
        padded.extend([13u8; 13]);
        let mut data = iv.clone();
        data.extend(aes128_cbc_encrypt(&key, &iv16, &padded));
        assert_eq!(aes_cbc(&key, &data), b"abc");
    }

    /// The encryption dictionaries of the qpdf-made fixtures
    /// (tests/fixtures/pdf/make.sh): the empty user password opens them,
    /// and the file keys are the ones qpdf reports (`qpdf --show-encryption-key`).
    fn dict(entries: Vec<(&str, Obj)>) -> Dict {
        Dict(
            entries
                .into_iter()
                .map(|(k, v)| (k.as_bytes().to_vec(), v))
                .collect(),
        )
    }

    const ID0: &str = "fb5c4efe857c60b0415df48fb9415709";

    fn std_dict(v: i64, r: i64, len: i64, p: i64, o: &str, u: &str) -> Vec<(&'static str, Obj)> {
        vec![
            ("Filter", Obj::Name(b"Standard".to_vec())),
            ("V", Obj::Int(v)),
            ("R", Obj::Int(r)),
            ("Length", Obj::Int(len)),
            ("P", Obj::Int(p)),
            ("O", Obj::Str(hex(o))),
            ("U", Obj::Str(hex(u))),
        ]
    }

    #[test]
    fn file_keys_match_qpdfs() {
        // seed-linzi-yingji-2020-rc4-40.pdf (R2, 40-bit RC4).
        let d = dict(std_dict(
            1,
            2,
            40,
            -24,
            "c92422687facee686e373f10b5c7d04738053152f7e2ee30e11c69ec442576ab",
            "fa7b95cfe9b253f96400e16e60453f4b14994e352f8996b561f7daaf0aeeda6f",
        ));
        let c = Crypt::open(&d, &hex(ID0)).expect("opens");
        assert_eq!(c.key, hex("8092351a74"));
        assert_eq!((c.stm, c.str), (Method::Rc4, Method::Rc4));
        // Another /ID: the key differs, and /U no longer matches.
        assert_eq!(
            Crypt::open(&d, b"another id").err(),
            Some(CryptError::Password)
        );

        // seed-linzi-yingji-2020-rc4-128.pdf (R3, 128-bit RC4; /P is
        // also accepted unsigned).
        let mut entries = std_dict(
            2,
            3,
            128,
            -2068,
            "566fa873ee33c797cd3b904fdadf814afa34df9a38f6ed41b984e2c6da2aa6f5",
            "eceee01b99edd00a8cc183c030634ca80122456a91bae5134273a6db134c87c4",
        );
        let c = Crypt::open(&dict(entries.clone()), &hex(ID0)).expect("opens");
        assert_eq!(c.key, hex("cece60adea5e170a06cbfd2c97712207"));
        entries[4].1 = Obj::Int(i64::from(-2068i32 as u32));
        let c = Crypt::open(&dict(entries), &hex(ID0)).expect("opens");
        assert_eq!(c.key, hex("cece60adea5e170a06cbfd2c97712207"));

        // seed-linzi-yingji-2020-aes-256.pdf (R6) and -aes-256-r5.pdf.
        let aes256 = |r: i64, u: &str, ue: &str| {
            let mut e = std_dict(5, r, 256, -3392, &"00".repeat(48), u);
            e.push(("UE", Obj::Str(hex(ue))));
            e.push(("StmF", Obj::Name(b"StdCF".to_vec())));
            e.push(("StrF", Obj::Name(b"StdCF".to_vec())));
            e.push((
                "CF",
                Obj::Dict(dict(vec![(
                    "StdCF",
                    Obj::Dict(dict(vec![
                        ("CFM", Obj::Name(b"AESV3".to_vec())),
                        ("Length", Obj::Int(32)),
                    ])),
                )])),
            ));
            Crypt::open(&dict(e), &hex(ID0))
        };
        let c = aes256(
            6,
            "9c62ecd54886a10f3a7785314b460deb5eb7ed188a7a3853f9d87fdb885a8eb97c5291c51fa0eb746809843388b6c0e4",
            "1532583c4c5125edf2f5ec370ae88b88a7581ae2d55c086649a310a29c9ec406",
        )
        .expect("opens");
        assert_eq!(
            c.key,
            hex("35fc7b91436c8d738cd2aaedcae393aaaea74f3c08c66cb42c9722cbecb6aa9e")
        );
        assert_eq!((c.stm, c.str), (Method::Aes256, Method::Aes256));
        let c = aes256(
            5,
            "5a323c9a65b8c28117bb4080dcab8299869cc012446748ede3e2b8af835dbbc39d8620e3a013be67e2a83876e42328b0",
            "6d059aa1a841b75b5ae9add55cf6631e3f548656f9c0d6e0a0e478b5034bf7c6",
        )
        .expect("opens");
        assert_eq!(
            c.key,
            hex("76d0765124a107bdcb3f17efafeeee3c95078cd7ead46b3ea6b13ca97cee0986")
        );
        // The R6 /U checked as R5 (plain SHA-256) does not match.
        let r6_as_r5 = aes256(
            5,
            "9c62ecd54886a10f3a7785314b460deb5eb7ed188a7a3853f9d87fdb885a8eb97c5291c51fa0eb746809843388b6c0e4",
            "1532583c4c5125edf2f5ec370ae88b88a7581ae2d55c086649a310a29c9ec406",
        );
        assert_eq!(r6_as_r5.err(), Some(CryptError::Password));
    }

    #[test]
    fn identity_filters_and_unencrypted_metadata() {
        // V4 with /StmF and /StrF /Identity: authenticated (R4, so the
        // metadata flag enters the key), nothing decrypted.
        let o = [0x11u8; 32];
        let id = b"some id";
        let key = file_key_r4(&o, -4i32 as u32, id, 4, 16, false);
        let mut u = user_hash_r4(&key, id, 4);
        u.extend([0u8; 16]);
        let mut e = vec![
            ("Filter", Obj::Name(b"Standard".to_vec())),
            ("V", Obj::Int(4)),
            ("R", Obj::Int(4)),
            ("P", Obj::Int(-4)),
            ("O", Obj::Str(o.to_vec())),
            ("U", Obj::Str(u)),
            ("EncryptMetadata", Obj::Bool(false)),
            (
                "CF",
                Obj::Dict(dict(vec![(
                    "StdCF",
                    Obj::Dict(dict(vec![
                        ("CFM", Obj::Name(b"AESV2".to_vec())),
                        ("Length", Obj::Int(16)),
                    ])),
                )])),
            ),
        ];
        let c = Crypt::open(&dict(e.clone()), id).expect("opens");
        assert_eq!(
            (c.stm, c.str, c.metadata),
            (Method::Identity, Method::Identity, false)
        );
        assert_eq!(c.decrypt(c.stm, 4, 0, b"BT ET"), b"BT ET");
        assert_eq!(c.filter(b"StdCF"), Method::Aes128);
        assert_eq!(c.filter(b"Identity"), Method::Identity);
        // With metadata encrypted the key differs: the empty password
        // no longer matches /U.
        e.retain(|(k, _)| *k != "EncryptMetadata");
        assert_eq!(
            Crypt::open(&dict(e.clone()), id).err(),
            Some(CryptError::Password)
        );
        // A /StmF naming a filter that is not in /CF.
        e.push(("StmF", Obj::Name(b"Nope".to_vec())));
        assert_eq!(Crypt::open(&dict(e), id).err(), Some(CryptError::Damaged));
    }

    #[test]
    fn hostile_dictionaries_are_refused_not_panicked_on() {
        let s = |b: &[u8]| Obj::Str(b.to_vec());
        let n = |b: &str| Obj::Name(b.as_bytes().to_vec());
        let base = |v: i64, r: i64, len: Obj, o: Obj, u: Obj| {
            dict(vec![
                ("Filter", n("Standard")),
                ("V", Obj::Int(v)),
                ("R", Obj::Int(r)),
                ("Length", len),
                ("O", o),
                ("U", u),
                ("P", Obj::Int(-4)),
            ])
        };
        let cases = [
            base(2, 3, Obj::Int(1 << 40), s(&[0; 32]), s(&[0; 32])),
            base(2, 3, Obj::Int(-8), s(&[0; 32]), s(&[0; 32])),
            base(2, 3, Obj::Int(44), s(&[0; 32]), s(&[0; 32])),
            base(2, 3, Obj::Int(128), s(&[0; 3]), s(&[0; 32])),
            base(2, 3, Obj::Int(128), s(&[0; 32]), Obj::Null),
            base(5, 6, Obj::Int(256), s(&[0; 48]), s(&[0; 7])),
            base(5, 6, Obj::Int(256), s(&[0; 48]), s(&[0; 48])),
            base(3, 3, Obj::Int(128), s(&[0; 32]), s(&[0; 32])),
            base(2, 99, Obj::Int(128), s(&[0; 32]), s(&[0; 32])),
            dict(vec![("Filter", n("Adobe.PubSec"))]),
            dict(vec![]),
        ];
        let want = [
            CryptError::Damaged,
            CryptError::Damaged,
            CryptError::Damaged,
            CryptError::Damaged,
            CryptError::Damaged,
            CryptError::Damaged,
            // No /UE.
            CryptError::Damaged,
            CryptError::Version,
            CryptError::Version,
            CryptError::Handler,
            CryptError::Damaged,
        ];
        for (d, w) in cases.iter().zip(want) {
            assert_eq!(Crypt::open(d, b"id").err(), Some(w), "{d:?}");
        }
        // Well formed, but the empty password is not the user password.
        let d = base(2, 3, Obj::Int(128), s(&[7; 32]), s(&[9; 32]));
        assert_eq!(Crypt::open(&d, b"id").err(), Some(CryptError::Password));
        let mut d = base(5, 6, Obj::Int(256), s(&[0; 48]), s(&[1; 48]));
        d.0.push((b"UE".to_vec(), s(&[2; 32])));
        assert_eq!(Crypt::open(&d, b"id").err(), Some(CryptError::Password));
    }
}
