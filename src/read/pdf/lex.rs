//! PDF objects and their syntax (ISO 32000-1 §7.2–7.3): one lexer for the
//! file body, object streams and content streams.
//!
//! Everything here is bounded: nesting past [`MAX_NESTING`] and containers
//! with more than [`MAX_ITEMS`] entries stop the parse (`None`), numbers that
//! do not fit saturate, and every index is checked.

/// Deepest array/dictionary nesting parsed (real files use a handful).
pub const MAX_NESTING: usize = 64;
/// Most entries in one array or dictionary.
pub const MAX_ITEMS: usize = 1 << 20;

/// A PDF object. Streams keep their dictionary and the byte range of their
/// (still encoded) data in the buffer they were parsed from.
#[derive(Clone, Debug, PartialEq)]
pub enum Obj {
    Null,
    Bool(bool),
    Int(i64),
    Real(f64),
    Name(Vec<u8>),
    Str(Vec<u8>),
    Array(Vec<Obj>),
    Dict(Dict),
    Ref(u32, u16),
    Stream(Dict, std::ops::Range<usize>),
}

/// A dictionary: few keys, kept in order, looked up linearly.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Dict(pub Vec<(Vec<u8>, Obj)>);

impl Dict {
    pub fn get(&self, key: &[u8]) -> Option<&Obj> {
        self.0.iter().find(|(k, _)| k == key).map(|(_, v)| v)
    }
}

impl Obj {
    pub fn as_f64(&self) -> Option<f64> {
        match self {
            Obj::Int(i) => Some(*i as f64),
            Obj::Real(r) if r.is_finite() => Some(*r),
            _ => None,
        }
    }
    pub fn as_i64(&self) -> Option<i64> {
        match self {
            Obj::Int(i) => Some(*i),
            Obj::Real(r) if r.is_finite() => Some(*r as i64),
            _ => None,
        }
    }
    pub fn as_name(&self) -> Option<&[u8]> {
        match self {
            Obj::Name(n) => Some(n),
            _ => None,
        }
    }
    pub fn as_dict(&self) -> Option<&Dict> {
        match self {
            Obj::Dict(d) | Obj::Stream(d, _) => Some(d),
            _ => None,
        }
    }
    pub fn as_array(&self) -> Option<&[Obj]> {
        match self {
            Obj::Array(a) => Some(a),
            _ => None,
        }
    }
}

pub fn is_white(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | b'\r' | 0x0c | 0)
}

pub fn is_delim(b: u8) -> bool {
    matches!(
        b,
        b'(' | b')' | b'<' | b'>' | b'[' | b']' | b'{' | b'}' | b'/' | b'%'
    )
}

/// What the lexer reads next: an object, or a keyword (an operator in a
/// content stream; `obj`, `endobj`, `stream`, `R`, `xref`… in a file).
#[derive(Debug, PartialEq)]
pub enum Item<'a> {
    Obj(Obj),
    /// Borrowed from the data: a content stream is mostly operators, and a
    /// copy of each was a tenth of reading a PDF's pages.
    Keyword(&'a [u8]),
    /// `]` or `>>` where no container is open (skipped by callers).
    Stray,
    End,
}

pub struct Lexer<'a> {
    pub data: &'a [u8],
    pub pos: usize,
    /// Read `a b R` as a reference (file syntax; not in content streams).
    pub refs: bool,
}

enum Tok<'a> {
    Int(i64),
    Real(f64),
    Name(Vec<u8>),
    Str(Vec<u8>),
    ArrOpen,
    ArrClose,
    DictOpen,
    DictClose,
    Keyword(&'a [u8]),
    End,
}

impl<'a> Lexer<'a> {
    pub fn new(data: &'a [u8], pos: usize, refs: bool) -> Lexer<'a> {
        Lexer { data, pos, refs }
    }

    fn peek(&self) -> Option<u8> {
        self.data.get(self.pos).copied()
    }

    pub fn skip_white(&mut self) {
        while let Some(b) = self.peek() {
            if is_white(b) {
                self.pos += 1;
            } else if b == b'%' {
                while let Some(b) = self.peek() {
                    if b == b'\n' || b == b'\r' {
                        break;
                    }
                    self.pos += 1;
                }
            } else {
                break;
            }
        }
    }

    fn tok(&mut self) -> Tok<'a> {
        self.skip_white();
        let Some(b) = self.peek() else {
            return Tok::End;
        };
        match b {
            b'[' => {
                self.pos += 1;
                Tok::ArrOpen
            }
            b']' => {
                self.pos += 1;
                Tok::ArrClose
            }
            b'<' if self.data.get(self.pos + 1) == Some(&b'<') => {
                self.pos += 2;
                Tok::DictOpen
            }
            b'>' if self.data.get(self.pos + 1) == Some(&b'>') => {
                self.pos += 2;
                Tok::DictClose
            }
            b'<' => Tok::Str(self.hex_string()),
            b'(' => Tok::Str(self.literal_string()),
            b'/' => {
                self.pos += 1;
                Tok::Name(self.name())
            }
            b'+' | b'-' | b'.' | b'0'..=b'9' => self.number(),
            _ => {
                let start = self.pos;
                while let Some(b) = self.peek() {
                    if is_white(b) || is_delim(b) {
                        break;
                    }
                    self.pos += 1;
                }
                if self.pos == start {
                    // A lone `)`, `>`, `}` or `{`: skip it.
                    self.pos += 1;
                }
                Tok::Keyword(&self.data[start..self.pos])
            }
        }
    }

    fn number(&mut self) -> Tok<'a> {
        let start = self.pos;
        let mut neg = false;
        let mut int: i64 = 0;
        let mut frac: f64 = 0.0;
        let mut scale = 1.0;
        let mut dot = false;
        let mut digits = 0;
        if let Some(s) = self.peek().filter(|b| *b == b'+' || *b == b'-') {
            neg = s == b'-';
            self.pos += 1;
        }
        while let Some(b) = self.peek() {
            match b {
                b'0'..=b'9' => {
                    digits += 1;
                    let d = i64::from(b - b'0');
                    if dot {
                        scale /= 10.0;
                        frac += d as f64 * scale;
                    } else {
                        int = int.saturating_mul(10).saturating_add(d);
                    }
                }
                b'.' if !dot => dot = true,
                // `--5`, `1-2`: real writers emit these; read the prefix.
                _ => break,
            }
            self.pos += 1;
        }
        if digits == 0 {
            // `+`, `-`, `.` alone: an odd keyword.
            if self.pos == start {
                self.pos += 1;
            }
            return Tok::Keyword(&self.data[start..self.pos]);
        }
        let sign = if neg { -1 } else { 1 };
        if dot {
            Tok::Real(sign as f64 * (int as f64 + frac))
        } else {
            Tok::Int(sign * int)
        }
    }

    fn name(&mut self) -> Vec<u8> {
        let mut out = Vec::new();
        while let Some(b) = self.peek() {
            if is_white(b) || is_delim(b) {
                break;
            }
            self.pos += 1;
            if b == b'#' {
                let hex = |c: Option<&u8>| c.and_then(|c| (*c as char).to_digit(16));
                if let (Some(h), Some(l)) = (
                    hex(self.data.get(self.pos)),
                    hex(self.data.get(self.pos + 1)),
                ) {
                    out.push((h * 16 + l) as u8);
                    self.pos += 2;
                    continue;
                }
            }
            out.push(b);
        }
        out
    }

    fn hex_string(&mut self) -> Vec<u8> {
        self.pos += 1;
        let mut out = Vec::new();
        let mut hi: Option<u32> = None;
        while let Some(b) = self.peek() {
            self.pos += 1;
            if b == b'>' {
                break;
            }
            if let Some(d) = (b as char).to_digit(16) {
                match hi.take() {
                    Some(h) => out.push((h * 16 + d) as u8),
                    None => hi = Some(d),
                }
            }
        }
        if let Some(h) = hi {
            out.push((h * 16) as u8);
        }
        out
    }

    fn literal_string(&mut self) -> Vec<u8> {
        self.pos += 1;
        let mut out = Vec::new();
        let mut depth = 1usize;
        while let Some(b) = self.peek() {
            self.pos += 1;
            match b {
                b'(' => {
                    depth += 1;
                    out.push(b);
                }
                b')' => {
                    depth -= 1;
                    if depth == 0 {
                        break;
                    }
                    out.push(b);
                }
                b'\\' => {
                    let Some(e) = self.peek() else { break };
                    self.pos += 1;
                    match e {
                        b'n' => out.push(b'\n'),
                        b'r' => out.push(b'\r'),
                        b't' => out.push(b'\t'),
                        b'b' => out.push(8),
                        b'f' => out.push(12),
                        b'\r' => {
                            if self.peek() == Some(b'\n') {
                                self.pos += 1;
                            }
                        }
                        b'\n' => {}
                        b'0'..=b'7' => {
                            let mut v = u32::from(e - b'0');
                            for _ in 0..2 {
                                match self.peek() {
                                    Some(d @ b'0'..=b'7') => {
                                        v = v * 8 + u32::from(d - b'0');
                                        self.pos += 1;
                                    }
                                    _ => break,
                                }
                            }
                            out.push((v & 0xff) as u8);
                        }
                        other => out.push(other),
                    }
                }
                _ => out.push(b),
            }
        }
        out
    }

    /// The next object or keyword.
    pub fn item(&mut self) -> Item<'a> {
        let t = self.tok();
        self.item_from(t, 0)
    }

    /// The next object, if the next thing is one.
    pub fn object(&mut self) -> Option<Obj> {
        match self.item() {
            Item::Obj(o) => Some(o),
            _ => None,
        }
    }

    fn item_from(&mut self, t: Tok<'a>, depth: usize) -> Item<'a> {
        match t {
            Tok::End => Item::End,
            Tok::Int(i) => {
                if self.refs && (0..=i64::from(u32::MAX)).contains(&i) {
                    let save = self.pos;
                    if let Tok::Int(g) = self.tok() {
                        if let Tok::Keyword(k) = self.tok() {
                            if k == b"R" && (0..=65535).contains(&g) {
                                return Item::Obj(Obj::Ref(i as u32, g as u16));
                            }
                        }
                    }
                    self.pos = save;
                }
                Item::Obj(Obj::Int(i))
            }
            Tok::Real(r) => Item::Obj(Obj::Real(r)),
            Tok::Name(n) => Item::Obj(Obj::Name(n)),
            Tok::Str(s) => Item::Obj(Obj::Str(s)),
            Tok::Keyword(k) => match k {
                b"true" => Item::Obj(Obj::Bool(true)),
                b"false" => Item::Obj(Obj::Bool(false)),
                b"null" => Item::Obj(Obj::Null),
                _ => Item::Keyword(k),
            },
            Tok::ArrClose | Tok::DictClose => Item::Stray,
            Tok::ArrOpen => {
                if depth >= MAX_NESTING {
                    return Item::End;
                }
                let mut items = Vec::new();
                loop {
                    match self.tok() {
                        Tok::ArrClose => break,
                        Tok::End => return Item::End,
                        Tok::DictClose => {}
                        t => match self.item_from(t, depth + 1) {
                            Item::Obj(o) if items.len() < MAX_ITEMS => items.push(o),
                            Item::Obj(_) | Item::Keyword(_) | Item::Stray => {}
                            Item::End => return Item::End,
                        },
                    }
                }
                Item::Obj(Obj::Array(items))
            }
            Tok::DictOpen => {
                if depth >= MAX_NESTING {
                    return Item::End;
                }
                let mut d = Vec::new();
                loop {
                    match self.tok() {
                        Tok::DictClose => break,
                        Tok::End => return Item::End,
                        Tok::Name(k) => {
                            let t = self.tok();
                            if matches!(t, Tok::DictClose) {
                                break;
                            }
                            match self.item_from(t, depth + 1) {
                                Item::Obj(v) if d.len() < MAX_ITEMS => d.push((k, v)),
                                Item::End => return Item::End,
                                _ => {}
                            }
                        }
                        // Junk where a key belongs: skipped.
                        _ => {}
                    }
                }
                Item::Obj(Obj::Dict(Dict(d)))
            }
        }
    }
}

/// Finds `needle` in `hay` from `from` on.
pub fn find(hay: &[u8], needle: &[u8], from: usize) -> Option<usize> {
    // The needle's first byte by a plain scan, then the rest compared: a
    // slice compare at every position was ≈ 10 instructions a byte over a
    // whole file (the `endstream` index).
    let (&first, rest) = needle.split_first()?;
    let mut i = from;
    while i < hay.len() {
        let p = i + hay.get(i..)?.iter().position(|&b| b == first)?;
        if hay.get(p + 1..p + needle.len()) == Some(rest) {
            return Some(p);
        }
        i = p + 1;
    }
    None
}

/// Finds the last `needle` in `hay`.
pub fn rfind(hay: &[u8], needle: &[u8]) -> Option<usize> {
    let (&first, rest) = needle.split_first()?;
    let mut end = hay.len();
    while let Some(p) = hay.get(..end)?.iter().rposition(|&b| b == first) {
        if hay.get(p + 1..p + needle.len()) == Some(rest) {
            return Some(p);
        }
        end = p;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `find` and `rfind` give what a compare at every position gives.
    #[test]
    fn find_and_rfind_as_windows() {
        let plain_find = |hay: &[u8], needle: &[u8], from: usize| -> Option<usize> {
            if needle.is_empty() || from >= hay.len() {
                return None;
            }
            hay[from..]
                .windows(needle.len())
                .position(|w| w == needle)
                .map(|p| p + from)
        };
        let plain_rfind = |hay: &[u8], needle: &[u8]| -> Option<usize> {
            if needle.is_empty() {
                return None;
            }
            hay.windows(needle.len()).rposition(|w| w == needle)
        };
        let mut x: u32 = 0x2468_ace1;
        let mut next = move || {
            x ^= x << 13;
            x ^= x >> 17;
            x ^= x << 5;
            x
        };
        for _ in 0..3000 {
            // A small alphabet, so needles occur, overlap and end the data.
            let hay: Vec<u8> = (0..next() % 40)
                .map(|_| b"ens"[(next() % 3) as usize])
                .collect();
            let needle: Vec<u8> = (0..next() % 5)
                .map(|_| b"ens"[(next() % 3) as usize])
                .collect();
            let from = (next() % 45) as usize;
            assert_eq!(
                find(&hay, &needle, from),
                plain_find(&hay, &needle, from),
                "{hay:?} {needle:?} {from}"
            );
            assert_eq!(
                rfind(&hay, &needle),
                plain_rfind(&hay, &needle),
                "{hay:?} {needle:?}"
            );
        }
    }

    fn parse(s: &str) -> Option<Obj> {
        Lexer::new(s.as_bytes(), 0, true).object()
    }

    #[test]
    fn objects() {
        assert_eq!(parse("12 0 R"), Some(Obj::Ref(12, 0)));
        assert_eq!(parse("12 0 obj"), Some(Obj::Int(12)));
        assert_eq!(parse("-.5"), Some(Obj::Real(-0.5)));
        assert_eq!(parse("/A#20B"), Some(Obj::Name(b"A B".to_vec())));
        assert_eq!(parse("(a\\(b\\)\\101)"), Some(Obj::Str(b"a(b)A".to_vec())));
        assert_eq!(parse("<4e6f7>"), Some(Obj::Str(b"No\x70".to_vec())));
        let d = parse("<</Type/Page/Kids[1 0 R 2 0 R]/N null>>").expect("dict");
        let d = d.as_dict().expect("dict");
        assert_eq!(d.get(b"Type"), Some(&Obj::Name(b"Page".to_vec())));
        assert_eq!(
            d.get(b"Kids"),
            Some(&Obj::Array(vec![Obj::Ref(1, 0), Obj::Ref(2, 0)]))
        );
    }

    #[test]
    fn deep_nesting_and_junk_do_not_panic() {
        let deep = "[".repeat(100_000);
        assert_eq!(parse(&deep), None);
        for junk in [
            "<<",
            "(",
            "<",
            "/",
            "[ 1 2 >> ]",
            ")",
            "-",
            "<< 1 2 >>",
            "99999999999999999999999",
        ] {
            let _ = parse(junk);
        }
    }
}
