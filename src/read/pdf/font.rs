//! Fonts (ISO 32000-1 §9.5–9.10): what a shown string's bytes mean and how
//! far each glyph advances.
//!
//! - Type0 (CID) fonts: 2-byte codes (Identity-H/V and the codespace of an
//!   embedded CMap), widths from the descendant's `/W` and `/DW`;
//! - simple fonts (Type1, TrueType, Type3): 1-byte codes, widths from
//!   `/FirstChar` + `/Widths`;
//! - text: the `/ToUnicode` CMap (`bfchar`, `bfrange`) first; for a simple
//!   font without one, its encoding (WinAnsi/Standard/MacRoman as Latin-1
//!   plus `/Differences` with glyph names such as `uni4E00`, `zero`, `space`).
//!   A CID font with neither ToUnicode nor an Identity ordering is
//!   unmappable: its glyphs are counted, not guessed.

use super::file::File;
use super::lex::{Dict, Item, Lexer, Obj};
use std::collections::HashMap;

/// Most code → text entries kept from one CMap.
const MAX_MAP: usize = 1 << 18;

#[derive(Debug, Default)]
pub struct Font {
    /// Code length in bytes (1 or 2; from an embedded codespace when given).
    pub bytes: usize,
    to_unicode: HashMap<u32, String>,
    /// Simple fonts: the text of each code from the encoding.
    encoding: Option<Vec<Option<char>>>,
    widths: HashMap<u32, f64>,
    default_width: f64,
    /// Glyph space → text space for widths (1/1000, or a Type3 FontMatrix).
    scale: f64,
    /// Whether the font has any way to give text.
    pub mappable: bool,
    /// Map and width entries written so far (bounded by [`MAX_WORK`]:
    /// ranges repeated a million times must not cost a billion inserts).
    work: usize,
}

/// Most CMap and width entries written for one font.
const MAX_WORK: usize = 1 << 21;

/// One decoded glyph: its text (empty when unmappable), its horizontal
/// advance in text space units (before font size), and whether it is the
/// single-byte code 32 (word spacing applies).
pub struct Glyph {
    pub text: String,
    pub width: f64,
    pub space: bool,
}

impl Font {
    pub fn load(file: &mut File, d: &Dict) -> Font {
        let subtype = file.get_in(d, b"Subtype");
        let is_type0 = subtype.as_name() == Some(b"Type0");
        let mut font = Font {
            bytes: if is_type0 { 2 } else { 1 },
            default_width: if is_type0 { 1000.0 } else { 0.0 },
            scale: 0.001,
            ..Font::default()
        };
        if subtype.as_name() == Some(b"Type3") {
            if let Obj::Array(m) = file.get_in(d, b"FontMatrix") {
                if let Some(a) = m.first().and_then(Obj::as_f64) {
                    font.scale = a;
                }
            }
        }
        let tu = d.get(b"ToUnicode").cloned();
        if let Some(data) = tu.and_then(|t| file.stream_data(&t)) {
            font.read_cmap(&data);
        }
        if is_type0 {
            let desc = match file.get_in(d, b"DescendantFonts") {
                Obj::Array(a) => a.first().map(|o| file.resolve(o)),
                _ => None,
            };
            if let Some(Obj::Dict(cid)) = desc {
                if let Some(dw) = file.get_in(&cid, b"DW").as_f64() {
                    font.default_width = dw;
                }
                if let Obj::Array(w) = &*file.get_in_ref(&cid, b"W") {
                    font.read_cid_widths(file, w);
                }
            }
            // An embedded CMap may declare 1-byte codes.
            let enc = d.get(b"Encoding").cloned();
            if let Some(Obj::Stream(..)) = enc.as_ref().map(|e| file.resolve(e)) {
                if let Some(data) = enc.and_then(|e| file.stream_data(&e)) {
                    if let Some(n) = codespace_bytes(&data) {
                        font.bytes = n;
                    }
                }
            }
            font.mappable = !font.to_unicode.is_empty();
        } else {
            let first = file.get_in(d, b"FirstChar").as_i64().unwrap_or(0);
            // The standard 14 fonts come without widths: half an em each
            // keeps glyphs apart (positions are approximate, text exact).
            font.default_width = 500.0;
            if let Obj::Array(w) = &*file.get_in_ref(d, b"Widths") {
                font.default_width = 0.0;
                for (i, v) in w.iter().enumerate().take(256) {
                    let v = file.resolved(v).as_f64().unwrap_or(0.0);
                    if let Some(code) = first
                        .checked_add(i as i64)
                        .and_then(|c| u32::try_from(c).ok())
                    {
                        font.widths.insert(code, v);
                    }
                }
            }
            if let Obj::Dict(fd) = file.get_in(d, b"FontDescriptor") {
                if let Some(mw) = file.get_in(&fd, b"MissingWidth").as_f64() {
                    font.default_width = mw;
                }
            }
            font.encoding = simple_encoding(file, d);
            font.mappable = !font.to_unicode.is_empty() || font.encoding.is_some();
        }
        font
    }

    fn read_cmap(&mut self, data: &[u8]) {
        let mut lx = Lexer::new(data, 0, false);
        loop {
            let k = match lx.item() {
                Item::End => break,
                Item::Keyword(k) => k,
                Item::Obj(_) | Item::Stray => continue,
            };
            match k {
                b"begincodespacerange" => {
                    if let (Some(Obj::Str(lo)), _) = (lx.object(), lx.object()) {
                        if (1..=4).contains(&lo.len()) {
                            self.bytes = lo.len();
                        }
                    }
                }
                // One object at a time: the first that is not a string is
                // the section's end keyword, and nothing after it is eaten.
                b"beginbfchar" => {
                    while let Some(Obj::Str(src)) = lx.object() {
                        let Some(dst) = lx.object() else { break };
                        let text = match dst {
                            Obj::Str(s) => utf16be(&s),
                            Obj::Name(n) => glyph_name(&n).map(String::from).unwrap_or_default(),
                            _ => continue,
                        };
                        self.insert(code_of(&src), text);
                    }
                }
                b"beginbfrange" => {
                    while let Some(Obj::Str(lo)) = lx.object() {
                        let Some(Obj::Str(hi)) = lx.object() else {
                            break;
                        };
                        let Some(dst) = lx.object() else { break };
                        self.bfrange(code_of(&lo), code_of(&hi), dst);
                    }
                }
                _ => {}
            }
        }
    }

    fn bfrange(&mut self, lo: u32, hi: u32, dst: Obj) {
        if hi < lo || hi - lo > 0xffff || self.work >= MAX_WORK {
            return;
        }
        match dst {
            Obj::Str(s) => {
                let units: Vec<u16> = s
                    .chunks(2)
                    .map(|c| u16::from_be_bytes([c[0], c.get(1).copied().unwrap_or(0)]))
                    .collect();
                for (i, code) in (lo..=hi).enumerate() {
                    let mut u = units.clone();
                    if let Some(last) = u.last_mut() {
                        *last = last.wrapping_add(i as u16);
                    }
                    self.insert(code, String::from_utf16_lossy(&u));
                }
            }
            Obj::Array(a) => {
                for (code, s) in (lo..=hi).zip(a.iter()) {
                    if let Obj::Str(s) = s {
                        self.insert(code, utf16be(s));
                    }
                }
            }
            _ => {}
        }
    }

    fn insert(&mut self, code: u32, text: String) {
        self.work += 1;
        let text = fold_radicals(text);
        if self.to_unicode.len() < MAX_MAP || self.to_unicode.contains_key(&code) {
            self.to_unicode.insert(code, text);
        }
    }

    fn read_cid_widths(&mut self, file: &mut File, w: &[Obj]) {
        let mut i = 0;
        while i < w.len() && self.widths.len() < MAX_MAP && self.work < MAX_WORK {
            let Some(first) = file.resolved(&w[i]).as_i64() else {
                break;
            };
            match w.get(i + 1).map(|o| file.resolved(o)).as_deref() {
                Some(Obj::Array(ws)) => {
                    self.work += ws.len();
                    for (k, v) in ws.iter().enumerate() {
                        if let (Some(c), Some(v)) = (
                            first
                                .checked_add(k as i64)
                                .and_then(|c| u32::try_from(c).ok()),
                            v.as_f64(),
                        ) {
                            self.widths.insert(c, v);
                        }
                    }
                    i += 2;
                }
                Some(last) => {
                    let (Some(last), Some(v)) = (last.as_i64(), w.get(i + 2).and_then(Obj::as_f64))
                    else {
                        break;
                    };
                    if (0..=0xffff).contains(&last.saturating_sub(first)) {
                        self.work += (last - first) as usize + 1;
                        for c in first..=last {
                            if let Ok(c) = u32::try_from(c) {
                                self.widths.insert(c, v);
                            }
                        }
                    }
                    i += 3;
                }
                None => break,
            }
        }
    }

    /// The glyphs of a shown string.
    pub fn decode(&self, s: &[u8]) -> Vec<Glyph> {
        let n = self.bytes.clamp(1, 4);
        s.chunks(n)
            .map(|c| {
                let code = code_of(c);
                let text = match self.to_unicode.get(&code) {
                    Some(t) => t.clone(),
                    None => match &self.encoding {
                        Some(e) => e
                            .get(code as usize)
                            .copied()
                            .flatten()
                            .map(String::from)
                            .unwrap_or_default(),
                        None => String::new(),
                    },
                };
                let w = self
                    .widths
                    .get(&code)
                    .copied()
                    .unwrap_or(self.default_width);
                Glyph {
                    text,
                    width: w * self.scale,
                    space: n == 1 && code == 32,
                }
            })
            .collect()
    }
}

/// Kangxi radicals (U+2F00–U+2FD5) → the unified ideographs they stand for
/// (their NFKC forms). Font subsetters often map a glyph shared by both to
/// the radical first (Chromium's ToUnicode writes ⾏政 for 行政), which
/// would make every label miss.
const KANGXI: [u16; 214] = [
    0x4E00, 0x4E28, 0x4E36, 0x4E3F, 0x4E59, 0x4E85, 0x4E8C, 0x4EA0, 0x4EBA, 0x513F, 0x5165, 0x516B,
    0x5182, 0x5196, 0x51AB, 0x51E0, 0x51F5, 0x5200, 0x529B, 0x52F9, 0x5315, 0x531A, 0x5338, 0x5341,
    0x535C, 0x5369, 0x5382, 0x53B6, 0x53C8, 0x53E3, 0x56D7, 0x571F, 0x58EB, 0x5902, 0x590A, 0x5915,
    0x5927, 0x5973, 0x5B50, 0x5B80, 0x5BF8, 0x5C0F, 0x5C22, 0x5C38, 0x5C6E, 0x5C71, 0x5DDB, 0x5DE5,
    0x5DF1, 0x5DFE, 0x5E72, 0x5E7A, 0x5E7F, 0x5EF4, 0x5EFE, 0x5F0B, 0x5F13, 0x5F50, 0x5F61, 0x5F73,
    0x5FC3, 0x6208, 0x6236, 0x624B, 0x652F, 0x6534, 0x6587, 0x6597, 0x65A4, 0x65B9, 0x65E0, 0x65E5,
    0x66F0, 0x6708, 0x6728, 0x6B20, 0x6B62, 0x6B79, 0x6BB3, 0x6BCB, 0x6BD4, 0x6BDB, 0x6C0F, 0x6C14,
    0x6C34, 0x706B, 0x722A, 0x7236, 0x723B, 0x723F, 0x7247, 0x7259, 0x725B, 0x72AC, 0x7384, 0x7389,
    0x74DC, 0x74E6, 0x7518, 0x751F, 0x7528, 0x7530, 0x758B, 0x7592, 0x7676, 0x767D, 0x76AE, 0x76BF,
    0x76EE, 0x77DB, 0x77E2, 0x77F3, 0x793A, 0x79B8, 0x79BE, 0x7A74, 0x7ACB, 0x7AF9, 0x7C73, 0x7CF8,
    0x7F36, 0x7F51, 0x7F8A, 0x7FBD, 0x8001, 0x800C, 0x8012, 0x8033, 0x807F, 0x8089, 0x81E3, 0x81EA,
    0x81F3, 0x81FC, 0x820C, 0x821B, 0x821F, 0x826E, 0x8272, 0x8278, 0x864D, 0x866B, 0x8840, 0x884C,
    0x8863, 0x897E, 0x898B, 0x89D2, 0x8A00, 0x8C37, 0x8C46, 0x8C55, 0x8C78, 0x8C9D, 0x8D64, 0x8D70,
    0x8DB3, 0x8EAB, 0x8ECA, 0x8F9B, 0x8FB0, 0x8FB5, 0x9091, 0x9149, 0x91C6, 0x91CC, 0x91D1, 0x9577,
    0x9580, 0x961C, 0x96B6, 0x96B9, 0x96E8, 0x9751, 0x975E, 0x9762, 0x9769, 0x97CB, 0x97ED, 0x97F3,
    0x9801, 0x98A8, 0x98DB, 0x98DF, 0x9996, 0x9999, 0x99AC, 0x9AA8, 0x9AD8, 0x9ADF, 0x9B25, 0x9B2F,
    0x9B32, 0x9B3C, 0x9B5A, 0x9CE5, 0x9E75, 0x9E7F, 0x9EA5, 0x9EBB, 0x9EC3, 0x9ECD, 0x9ED1, 0x9EF9,
    0x9EFD, 0x9F0E, 0x9F13, 0x9F20, 0x9F3B, 0x9F4A, 0x9F52, 0x9F8D, 0x9F9C, 0x9FA0,
];

/// Text from a font map with Kangxi and supplement radicals folded to the
/// ideographs readers type.
fn fold_radicals(s: String) -> String {
    if !s.chars().any(|c| ('\u{2e80}'..='\u{2fdf}').contains(&c)) {
        return s;
    }
    s.chars()
        .map(|c| match c as u32 {
            cp @ 0x2f00..=0x2fd5 => {
                char::from_u32(u32::from(KANGXI[(cp - 0x2f00) as usize])).unwrap_or(c)
            }
            0x2e9f => '母',
            0x2ef3 => '龟',
            _ => c,
        })
        .collect()
}

fn code_of(b: &[u8]) -> u32 {
    b.iter().take(4).fold(0u32, |a, x| (a << 8) | u32::from(*x))
}

fn utf16be(s: &[u8]) -> String {
    let units: Vec<u16> = s
        .chunks(2)
        .map(|c| u16::from_be_bytes([c[0], c.get(1).copied().unwrap_or(0)]))
        .collect();
    String::from_utf16_lossy(&units)
}

/// The code length an embedded CMap's codespace declares.
fn codespace_bytes(data: &[u8]) -> Option<usize> {
    let mut lx = Lexer::new(data, 0, false);
    loop {
        match lx.item() {
            Item::End => return None,
            Item::Keyword(k) if k == b"begincodespacerange" => {
                return match lx.object() {
                    Some(Obj::Str(s)) if (1..=4).contains(&s.len()) => Some(s.len()),
                    _ => None,
                };
            }
            _ => {}
        }
    }
}

/// A simple font's encoding as text per code: the base encoding (the
/// printable ASCII and Latin-1 ranges, which is what WinAnsi, Standard and
/// MacRoman share for report text) with `/Differences` applied. `None` for
/// a symbolic font with no encoding (its codes mean glyphs, not text).
fn simple_encoding(file: &mut File, d: &Dict) -> Option<Vec<Option<char>>> {
    let enc = file.get_in(d, b"Encoding");
    let base_name = match &enc {
        Obj::Name(n) => Some(n.clone()),
        Obj::Dict(e) => e
            .get(b"BaseEncoding")
            .and_then(Obj::as_name)
            .map(<[u8]>::to_vec),
        _ => None,
    };
    let symbolic = match file.get_in(d, b"FontDescriptor") {
        Obj::Dict(fd) => file.get_in(&fd, b"Flags").as_i64().unwrap_or(0) & 4 != 0,
        _ => false,
    };
    if base_name.is_none() && !matches!(enc, Obj::Dict(_)) && symbolic {
        return None;
    }
    let mut table: Vec<Option<char>> = (0u32..256)
        .map(|c| match c {
            0x20..=0x7e | 0xa0..=0xff => char::from_u32(c),
            _ => None,
        })
        .collect();
    if base_name.as_deref() == Some(b"WinAnsiEncoding") {
        for (c, ch) in WIN_ANSI_80 {
            table[c as usize] = Some(ch);
        }
    }
    if let Obj::Dict(e) = &enc {
        if let Some(Obj::Array(diffs)) = e.get(b"Differences").map(|o| file.resolve(o)) {
            let mut code: i64 = 0;
            for item in diffs.iter() {
                match item {
                    Obj::Int(c) => code = *c,
                    Obj::Name(n) => {
                        if let Ok(c) = usize::try_from(code) {
                            if c < 256 {
                                table[c] = glyph_name(n);
                            }
                        }
                        code = code.saturating_add(1);
                    }
                    _ => {}
                }
            }
        }
    }
    Some(table)
}

const WIN_ANSI_80: [(u8, char); 12] = [
    (0x80, '€'),
    (0x85, '…'),
    (0x91, '‘'),
    (0x92, '’'),
    (0x93, '“'),
    (0x94, '”'),
    (0x95, '•'),
    (0x96, '–'),
    (0x97, '—'),
    (0x99, '™'),
    (0x8c, 'Œ'),
    (0x9c, 'œ'),
];

/// The character a glyph name stands for (Adobe Glyph List conventions for
/// the names report fonts use).
fn glyph_name(n: &[u8]) -> Option<char> {
    let s = std::str::from_utf8(n).ok()?;
    if s.len() == 1 {
        return s.chars().next().filter(char::is_ascii_alphabetic);
    }
    let hex = |h: &str| u32::from_str_radix(h, 16).ok().and_then(char::from_u32);
    if let Some(h) = s.strip_prefix("uni").and_then(|h| h.get(..4)) {
        return hex(h);
    }
    if let Some(h) = s.strip_prefix('u') {
        if (4..=6).contains(&h.len()) {
            return hex(h);
        }
    }
    const NAMES: [(&str, char); 38] = [
        ("space", ' '),
        ("zero", '0'),
        ("one", '1'),
        ("two", '2'),
        ("three", '3'),
        ("four", '4'),
        ("five", '5'),
        ("six", '6'),
        ("seven", '7'),
        ("eight", '8'),
        ("nine", '9'),
        ("period", '.'),
        ("comma", ','),
        ("colon", ':'),
        ("semicolon", ';'),
        ("hyphen", '-'),
        ("minus", '−'),
        ("percent", '%'),
        ("parenleft", '('),
        ("parenright", ')'),
        ("slash", '/'),
        ("plus", '+'),
        ("equal", '='),
        ("quotesingle", '\''),
        ("quotedbl", '"'),
        ("quoteright", '’'),
        ("quoteleft", '‘'),
        ("quotedblleft", '“'),
        ("quotedblright", '”'),
        ("endash", '–'),
        ("emdash", '—'),
        ("bracketleft", '['),
        ("bracketright", ']'),
        ("underscore", '_'),
        ("asterisk", '*'),
        ("ampersand", '&'),
        ("numbersign", '#'),
        ("ellipsis", '…'),
    ];
    NAMES.iter().find(|(k, _)| *k == s).map(|(_, c)| *c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn to_unicode_cmap() {
        let mut f = Font {
            bytes: 2,
            scale: 0.001,
            default_width: 1000.0,
            ..Font::default()
        };
        f.read_cmap(
            b"1 begincodespacerange <0000> <FFFF> endcodespacerange\n\
              2 beginbfchar <0003> <0020> <0010> <5E74> endbfchar\n\
              1 beginbfrange <0020> <0022> <0030> endbfrange\n\
              1 beginbfrange <0040> <0041> [<4E00> <4E8C>] endbfrange",
        );
        let t: String = f
            .decode(b"\x00\x10\x00\x03\x00\x21\x00\x41")
            .into_iter()
            .map(|g| g.text)
            .collect();
        assert_eq!(t, "年 1二");
    }

    #[test]
    fn glyph_names() {
        assert_eq!(glyph_name(b"uni5E74"), Some('年'));
        assert_eq!(glyph_name(b"zero"), Some('0'));
        assert_eq!(glyph_name(b"g123"), None);
    }
}
