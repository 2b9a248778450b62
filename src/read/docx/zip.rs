//! Just enough of a zip reader for a .docx: the central directory, and one
//! entry inflated with a cap on its size.
//!
//! Why not the `zip` crate: it did the job, but it added 50 kB gzipped to the
//! wasm (its reader pulls in `std::io` plumbing, `indexmap`, `flate2` and a
//! general error machinery) against about 10 kB for this reader on top of
//! `miniz_oxide`, the inflater the `zip` crate itself uses. A .docx needs
//! only stored and deflated entries, no encryption, no zip64, no writing.
//!
//! Every offset and length read from the file is bounds-checked; a lying
//! size in a header can cost at most the cap given to [`Zip::read`].

/// A zip's central directory over the file's bytes.
pub struct Zip<'a> {
    data: &'a [u8],
    entries: Vec<Entry<'a>>,
}

#[derive(Clone, Copy)]
struct Entry<'a> {
    name: &'a [u8],
    flags: u16,
    method: u16,
    crc: u32,
    compressed: u32,
    size: u32,
    local: u32,
}

/// Why an entry could not be read.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ZipError {
    /// The structure is broken: truncated, bad signature, out of bounds.
    Damaged(&'static str),
    /// The entry is encrypted.
    Encrypted,
    /// The entry inflates past the cap.
    TooLarge,
}

const EOCD: u32 = 0x0605_4b50;
const CENTRAL: u32 = 0x0201_4b50;
const LOCAL: u32 = 0x0403_4b50;

fn u16_at(d: &[u8], at: usize) -> Option<u16> {
    let b = d.get(at..at.checked_add(2)?)?;
    Some(u16::from_le_bytes([b[0], b[1]]))
}

fn u32_at(d: &[u8], at: usize) -> Option<u32> {
    let b = d.get(at..at.checked_add(4)?)?;
    Some(u32::from_le_bytes([b[0], b[1], b[2], b[3]]))
}

impl<'a> Zip<'a> {
    /// Reads the central directory.
    pub fn new(data: &'a [u8]) -> Result<Zip<'a>, ZipError> {
        const TRUNCATED: ZipError =
            ZipError::Damaged("end of central directory not found (truncated file?)");
        // The end record is 22 bytes plus a comment of at most 65535.
        let min = data.len().saturating_sub(22 + 0xFFFF);
        let eocd = (min..=data.len().saturating_sub(22))
            .rev()
            .find(|&i| u32_at(data, i) == Some(EOCD))
            .ok_or(TRUNCATED)?;
        let count = u16_at(data, eocd + 10).ok_or(TRUNCATED)?;
        let cd_size = u32_at(data, eocd + 12).ok_or(TRUNCATED)?;
        let cd_offset = u32_at(data, eocd + 16).ok_or(TRUNCATED)?;
        if count == 0xFFFF || cd_offset == u32::MAX || cd_size == u32::MAX {
            return Err(ZipError::Damaged("zip64 archives are not supported"));
        }
        let start = cd_offset as usize;
        let end = start
            .checked_add(cd_size as usize)
            .filter(|&e| e <= eocd)
            .ok_or(ZipError::Damaged("central directory out of bounds"))?;
        let cd = &data[start..end];
        let mut entries = Vec::with_capacity(usize::from(count).min(cd.len() / 46));
        let mut at = 0usize;
        while at < cd.len() {
            let bad = ZipError::Damaged("bad central directory entry");
            if u32_at(cd, at) != Some(CENTRAL) {
                return Err(bad);
            }
            let n = usize::from(u16_at(cd, at + 28).ok_or(bad)?);
            let m = usize::from(u16_at(cd, at + 30).ok_or(bad)?);
            let k = usize::from(u16_at(cd, at + 32).ok_or(bad)?);
            let name = cd.get(at + 46..at + 46 + n).ok_or(bad)?;
            let field = |off: usize| u32_at(cd, at + off).ok_or(bad);
            entries.push(Entry {
                name,
                flags: u16_at(cd, at + 8).ok_or(bad)?,
                method: u16_at(cd, at + 10).ok_or(bad)?,
                crc: field(16)?,
                compressed: field(20)?,
                size: field(24)?,
                local: field(42)?,
            });
            at += 46 + n + m + k;
        }
        Ok(Zip { data, entries })
    }

    /// Entry names (as stored; non-UTF-8 names are skipped).
    pub fn names(&self) -> impl Iterator<Item = &'a str> + '_ {
        self.entries
            .iter()
            .filter_map(|e| std::str::from_utf8(e.name).ok())
    }

    /// The stored name of the entry `name` (matched without regard to ASCII case).
    pub fn find(&self, name: &str) -> Option<&'a str> {
        self.names().find(|n| n.eq_ignore_ascii_case(name))
    }

    /// Inflates the entry named exactly `name`, stopping past `cap` bytes.
    pub fn read(&self, name: &str, cap: usize) -> Result<Vec<u8>, ZipError> {
        let e = self
            .entries
            .iter()
            .find(|e| e.name == name.as_bytes())
            .ok_or(ZipError::Damaged("entry not found"))?;
        if e.flags & 1 != 0 {
            return Err(ZipError::Encrypted);
        }
        if e.size as usize > cap {
            return Err(ZipError::TooLarge);
        }
        let local = e.local as usize;
        let bad = ZipError::Damaged("bad local header");
        if u32_at(self.data, local) != Some(LOCAL) {
            return Err(bad);
        }
        let n = usize::from(u16_at(self.data, local.saturating_add(26)).ok_or(bad)?);
        let m = usize::from(u16_at(self.data, local.saturating_add(28)).ok_or(bad)?);
        let start = local.saturating_add(30 + n + m);
        let raw = self
            .data
            .get(start..start.saturating_add(e.compressed as usize))
            .ok_or(ZipError::Damaged(
                "entry data out of bounds (truncated file?)",
            ))?;
        let out = match e.method {
            0 => {
                if raw.len() > cap {
                    return Err(ZipError::TooLarge);
                }
                raw.to_vec()
            }
            8 => miniz_oxide::inflate::decompress_to_vec_with_limit(raw, cap).map_err(|err| {
                match err.status {
                    miniz_oxide::inflate::TINFLStatus::HasMoreOutput => ZipError::TooLarge,
                    _ => ZipError::Damaged("deflate stream is corrupt"),
                }
            })?,
            _ => return Err(ZipError::Damaged("unsupported compression method")),
        };
        if crc32(&out) != e.crc {
            return Err(ZipError::Damaged("CRC mismatch"));
        }
        Ok(out)
    }
}

/// CRC-32 (IEEE), as zip stores it: eight bytes a step ("slicing by 8",
/// the tables built per call on the stack: 2 K steps, against ≈ 5
/// instructions a byte for the one-table loop on a 300 kB part).
fn crc32(data: &[u8]) -> u32 {
    let mut t = [[0u32; 256]; 8];
    for (i, slot) in t[0].iter_mut().enumerate() {
        let mut c = i as u32;
        for _ in 0..8 {
            c = if c & 1 != 0 {
                0xEDB8_8320 ^ (c >> 1)
            } else {
                c >> 1
            };
        }
        *slot = c;
    }
    for k in 1..8 {
        for i in 0..256 {
            let prev = t[k - 1][i];
            t[k][i] = (prev >> 8) ^ t[0][(prev & 0xFF) as usize];
        }
    }
    let mut crc = !0u32;
    let mut words = data.chunks_exact(8);
    for w in &mut words {
        let lo = u32::from_le_bytes([w[0], w[1], w[2], w[3]]) ^ crc;
        crc = t[7][(lo & 0xFF) as usize]
            ^ t[6][((lo >> 8) & 0xFF) as usize]
            ^ t[5][((lo >> 16) & 0xFF) as usize]
            ^ t[4][(lo >> 24) as usize]
            ^ t[3][usize::from(w[4])]
            ^ t[2][usize::from(w[5])]
            ^ t[1][usize::from(w[6])]
            ^ t[0][usize::from(w[7])];
    }
    for &b in words.remainder() {
        crc = t[0][((crc ^ u32::from(b)) & 0xFF) as usize] ^ (crc >> 8);
    }
    !crc
}

/// The one-table CRC-32, byte by byte (the reference for the tests).
#[cfg(test)]
fn crc32_bytewise(data: &[u8]) -> u32 {
    let mut crc = !0u32;
    for &b in data {
        crc ^= u32::from(b);
        for _ in 0..8 {
            crc = if crc & 1 != 0 {
                0xEDB8_8320 ^ (crc >> 1)
            } else {
                crc >> 1
            };
        }
    }
    !crc
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn crc_by_eight_bytes_is_crc_bit_by_bit() {
        let mut data = Vec::new();
        let mut x: u32 = 0x1234_5678;
        for _ in 0..4099 {
            x ^= x << 13;
            x ^= x >> 17;
            x ^= x << 5;
            data.push(x as u8);
        }
        for len in (0..40).chain([255, 256, 1023, 4096, 4099]) {
            for from in 0..3 {
                let d = &data[from..from + len.min(data.len() - from)];
                assert_eq!(crc32(d), crc32_bytewise(d), "{len} from {from}");
            }
        }
    }

    #[test]
    fn crc_of_known_text() {
        assert_eq!(crc32(b"123456789"), 0xCBF4_3926);
        assert_eq!(crc32(b""), 0);
    }

    #[test]
    fn garbage_is_damaged_not_a_panic() {
        for bad in [
            &b""[..],
            b"PK\x05\x06",
            b"PK\x05\x06\0\0\0\0\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\0\0",
            b"PK\x03\x04\0\0PK\x05\x06\0\0\0\0\x01\0\x01\0\x2e\0\0\0\0\0\0\0\0\0",
        ] {
            assert!(
                matches!(Zip::new(bad), Err(ZipError::Damaged(_))),
                "{bad:?}"
            );
        }
    }

    proptest::proptest! {
        /// Headers and directory of a real .docx with bytes overwritten:
        /// an error or a read, never a panic.
        #[test]
        fn mangled_headers_never_panic(
            edits in proptest::collection::vec((0usize..4096, proptest::num::u8::ANY), 1..12)
        ) {
            let mut data = include_bytes!("../../../tests/fixtures/docx/quirks.docx").to_vec();
            let n = data.len();
            for (at, b) in edits {
                // Half the edits near the end (directory), half at the start
                // (first local header).
                let i = if at % 2 == 0 { n - 1 - (at / 2) % n.min(400) } else { (at / 2) % n.min(200) };
                data[i] = b;
            }
            if let Ok(z) = Zip::new(&data) {
                let names: Vec<&str> = z.names().collect();
                for name in names {
                    let _ = z.read(name, 1 << 20);
                }
            }
        }
    }
}
