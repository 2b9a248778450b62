//! The fast path of the HTML reader: a tokenizer for the markup real reports
//! are made of, which gives exactly the events html5gum gives the reader
//! (same tag names, same text, same byte offsets) and gives up on anything
//! else. html5gum then reads the whole input instead, so a page this path
//! cannot read is read as before, only slower.
//!
//! Why: html5gum goes through the WHATWG state machine byte by byte; 90 % of
//! a published page's bytes are attributes (`style=` on every Word-pasted
//! cell), which this path skips by searching for the closing quote, and it
//! builds no string for an attribute the reader does not use
//! (docs/performance.md).
//!
//! What it reads: text (character references `&#…;`, `&#x…;` and the named
//! ones in [`NAMED`], with their `;`; `&` before whitespace), CR/CRLF as LF in
//! text, start and end tags with attributes (quoted, unquoted, valueless;
//! `colspan`/`rowspan` read as the reader reads them), `/>`, comments,
//! `<!DOCTYPE …>` and other `<!…>` / `<?…>` bogus comments, and after the
//! start tags html5gum's naive state switch applies to, their raw text
//! (`script` without `<!--` in it, `style`, `title`, `textarea` …).
//!
//! What makes it give up ([`Bail`]): a NUL byte, a character reference it
//! does not know or without `;`, a `<` that starts no tag, `</` not followed
//! by a letter, a tag or comment cut off by the end of the input, `<!-->`,
//! an `=` starting an attribute name, `<plaintext>`, `<!--` inside a script,
//! `&` in a `colspan`/`rowspan` value. The tests hold both tokenizers to the
//! same events on the corpus, the fixtures and generated markup.

/// What the reader needs of a token.
#[derive(Debug, PartialEq, Eq)]
pub(super) enum Ev<'a> {
    /// A start tag: lowercased name, offset of its `<`, offset after its `>`,
    /// and its first non-empty `colspan` / `rowspan` values.
    Start {
        name: &'a [u8],
        start: usize,
        end: usize,
        self_closing: bool,
        colspan: Option<u32>,
        rowspan: Option<u32>,
    },
    /// An end tag: lowercased name, offset after its `>`.
    End { name: &'a [u8], end: usize },
    /// A run of text between tokens: its characters (references decoded,
    /// CR and CRLF as LF) and the byte range it came from.
    Text {
        text: &'a str,
        start: usize,
        end: usize,
    },
    /// A comment or doctype: offset after its `>`.
    Mark { end: usize },
}

/// The input holds something this path does not read exactly like html5gum.
#[derive(Debug)]
pub(super) struct Bail;

/// HTML "rules for parsing non-negative integers": leading whitespace, digits
/// (at most 10); no digits gives 1.
pub(super) fn parse_span_attr(value: &[u8]) -> u32 {
    let s = String::from_utf8_lossy(value);
    let digits: String = s
        .trim_start()
        .chars()
        .take_while(char::is_ascii_digit)
        .take(10)
        .collect();
    match digits.parse::<u64>() {
        Ok(n) => u32::try_from(n).unwrap_or(u32::MAX),
        Err(_) => 1,
    }
}

/// Named character references read here (with their `;`): those report
/// pages use. Any other name makes the path give up.
const NAMED: &[(&[u8], &str)] = &[
    (b"nbsp", "\u{a0}"),
    (b"amp", "&"),
    (b"lt", "<"),
    (b"gt", ">"),
    (b"quot", "\""),
    (b"apos", "'"),
    (b"ldquo", "\u{201c}"),
    (b"rdquo", "\u{201d}"),
    (b"lsquo", "\u{2018}"),
    (b"rsquo", "\u{2019}"),
    (b"mdash", "\u{2014}"),
    (b"ndash", "\u{2013}"),
    (b"hellip", "\u{2026}"),
    (b"middot", "\u{b7}"),
    (b"times", "\u{d7}"),
    (b"divide", "\u{f7}"),
    (b"emsp", "\u{2003}"),
    (b"ensp", "\u{2002}"),
    (b"thinsp", "\u{2009}"),
    (b"zwj", "\u{200d}"),
    (b"zwnj", "\u{200c}"),
    (b"shy", "\u{ad}"),
    (b"yen", "\u{a5}"),
    (b"copy", "\u{a9}"),
    (b"reg", "\u{ae}"),
    (b"deg", "\u{b0}"),
    (b"plusmn", "\u{b1}"),
    (b"permil", "\u{2030}"),
    (b"bull", "\u{2022}"),
];

fn is_ws(b: u8) -> bool {
    matches!(b, b'\t' | b'\n' | 0x0c | b' ' | b'\r')
}

/// Raw-text elements as html5gum's `naive_next_state` switches to them.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Raw {
    /// `title`, `textarea`: text with character references.
    RcData,
    /// `style`, `iframe`, `xmp`, `noembed`, `noframe`, `noscript`.
    Plain,
    /// `script`.
    Script,
}

fn raw_kind(name: &[u8]) -> Result<Option<Raw>, Bail> {
    Ok(match name {
        b"textarea" | b"title" => Some(Raw::RcData),
        b"script" => Some(Raw::Script),
        b"style" | b"iframe" | b"xmp" | b"noembed" | b"noframe" | b"noscript" => Some(Raw::Plain),
        b"plaintext" => return Err(Bail),
        _ => None,
    })
}

// ------------------------------------------------------------ byte search
//
// Eight bytes at a time (SWAR): the wasm is built for size, where iterator
// adapters are not inlined and a byte-by-byte `position` costs a call per
// byte; most of a page is skipped through these.

const LO: u64 = 0x0101_0101_0101_0101;
const HI: u64 = 0x8080_8080_8080_8080;

/// High bit set in each byte of `w` that equals `n` (exact, no false hits).
#[inline]
fn eq_mask(w: u64, n: u8) -> u64 {
    let x = w ^ (LO * u64::from(n));
    !(((x & !HI) + !HI) | x) & HI
}

#[inline]
fn word(b: &[u8], i: usize) -> Option<u64> {
    let c: [u8; 8] = b.get(i..i + 8)?.try_into().ok()?;
    Some(u64::from_le_bytes(c))
}

/// The first `i >= from` with `b[i] == n`.
pub(super) fn find1(b: &[u8], from: usize, n: u8) -> Option<usize> {
    let mut i = from;
    while let Some(w) = word(b, i) {
        let m = eq_mask(w, n);
        if m != 0 {
            return Some(i + (m.trailing_zeros() / 8) as usize);
        }
        i += 8;
    }
    while i < b.len() {
        if b[i] == n {
            return Some(i);
        }
        i += 1;
    }
    None
}

/// The first `i >= from` with `b[i]` equal to `n` or `m`.
fn find2(b: &[u8], from: usize, n: u8, m: u8) -> Option<usize> {
    let mut i = from;
    while let Some(w) = word(b, i) {
        let x = eq_mask(w, n) | eq_mask(w, m);
        if x != 0 {
            return Some(i + (x.trailing_zeros() / 8) as usize);
        }
        i += 8;
    }
    while i < b.len() {
        if b[i] == n || b[i] == m {
            return Some(i);
        }
        i += 1;
    }
    None
}

/// How many `\n` bytes `b` holds (eight bytes at a time).
pub(super) fn count_newlines(b: &[u8]) -> usize {
    let mut n = 0;
    let mut words = b.chunks_exact(8);
    for w in &mut words {
        let c: [u8; 8] = w.try_into().unwrap_or_default();
        n += eq_mask(u64::from_le_bytes(c), b'\n').count_ones() as usize;
    }
    n + words.remainder().iter().filter(|&&c| c == b'\n').count()
}

/// Line numbers of byte offsets, counted as they are asked for: the input
/// is scanned forwards once, only as far as the last offset asked, and each
/// offset asked is kept with its count, so an offset before one already
/// asked (a table's start, after its cells) is counted from the nearest
/// kept offset before it, not from the start.
pub(super) struct Lines<'a> {
    b: &'a [u8],
    /// Offsets asked so far in increasing order, each with the number of
    /// `\n` before it; starts with `(0, 0)`.
    marks: std::cell::RefCell<Vec<(usize, usize)>>,
}

impl<'a> Lines<'a> {
    pub(super) fn new(b: &'a [u8]) -> Self {
        Lines {
            b,
            marks: std::cell::RefCell::new(vec![(0, 0)]),
        }
    }
    /// The 1-based line of byte `offset` (past the end: the last line).
    pub(super) fn line(&self, offset: usize) -> usize {
        let offset = offset.min(self.b.len());
        let mut marks = self.marks.borrow_mut();
        let (last, count) = marks.last().copied().unwrap_or((0, 0));
        if offset >= last {
            let count = count + count_newlines(self.b.get(last..offset).unwrap_or_default());
            if offset > last {
                marks.push((offset, count));
            }
            return count + 1;
        }
        let i = marks
            .partition_point(|&(p, _)| p <= offset)
            .saturating_sub(1);
        let (from, count) = marks.get(i).copied().unwrap_or((0, 0));
        count + count_newlines(self.b.get(from..offset).unwrap_or_default()) + 1
    }
}

struct Tok<'a> {
    s: &'a str,
    b: &'a [u8],
    i: usize,
    /// The text run being gathered: where it starts and ends, and its
    /// characters when they differ from the input (references, CR).
    run: Option<(usize, usize)>,
    owned: Option<String>,
    name: Vec<u8>,
}

/// Reads `input`, handing each event to `sink`; `Err(Bail)` as soon as the
/// input holds something this path does not read (the events handed over
/// so far are then to be thrown away).
pub(super) fn tokenize(input: &str, sink: &mut impl FnMut(Ev<'_>)) -> Result<(), Bail> {
    if find1(input.as_bytes(), 0, 0).is_some() {
        return Err(Bail);
    }
    let mut t = Tok {
        s: input,
        b: input.as_bytes(),
        i: 0,
        run: None,
        owned: None,
        name: Vec::new(),
    };
    t.run_all(sink)
}

impl<'a> Tok<'a> {
    fn at(&self, i: usize) -> Option<u8> {
        self.b.get(i).copied()
    }

    /// Appends input bytes `[a, b)` to the text run (CR normalised).
    fn raw(&mut self, a: usize, b: usize) -> Result<(), Bail> {
        if a >= b {
            return Ok(());
        }
        let seg = self.s.get(a..b).ok_or(Bail)?;
        let has_cr = find1(seg.as_bytes(), 0, b'\r').is_some();
        match self.run {
            None => self.run = Some((a, b)),
            Some((start, end)) => {
                if self.owned.is_none() && end != a {
                    self.owned = Some(self.s.get(start..end).ok_or(Bail)?.to_string());
                }
                self.run = Some((start, b));
            }
        }
        if has_cr && self.owned.is_none() {
            let (start, _) = self.run.ok_or(Bail)?;
            self.owned = Some(self.s.get(start..a).ok_or(Bail)?.to_string());
        }
        if let Some(o) = self.owned.as_mut() {
            if has_cr {
                let bytes = seg.as_bytes();
                let mut k = 0;
                while k < bytes.len() {
                    let next = bytes[k..].iter().position(|&c| c == b'\r').map(|p| k + p);
                    match next {
                        None => {
                            o.push_str(seg.get(k..).ok_or(Bail)?);
                            break;
                        }
                        Some(p) => {
                            o.push_str(seg.get(k..p).ok_or(Bail)?);
                            o.push('\n');
                            k = p + 1;
                            // CR LF is one LF; a CR just before `a` cannot
                            // be followed by an LF inside this segment's
                            // predecessor, so only look ahead.
                            if bytes.get(k) == Some(&b'\n') {
                                k += 1;
                            } else if k == bytes.len() && self.b.get(b) == Some(&b'\n') {
                                // A CR at the end of the segment followed by
                                // an LF outside it: not a case this path
                                // reads.
                                return Err(Bail);
                            }
                        }
                    }
                }
            } else {
                o.push_str(seg);
            }
        }
        Ok(())
    }

    /// Appends a decoded character reference covering input `[a, b)`.
    fn decoded(&mut self, a: usize, b: usize, text: &str) -> Result<(), Bail> {
        match self.run {
            None => {
                self.owned = Some(String::new());
                self.run = Some((a, b));
            }
            Some((start, end)) => {
                if self.owned.is_none() {
                    self.owned = Some(self.s.get(start..end).ok_or(Bail)?.to_string());
                }
                self.run = Some((start, b));
            }
        }
        if let Some(o) = self.owned.as_mut() {
            o.push_str(text);
        }
        Ok(())
    }

    fn flush(&mut self, sink: &mut impl FnMut(Ev<'_>)) -> Result<(), Bail> {
        if let Some((start, end)) = self.run.take() {
            match self.owned.take() {
                Some(o) => {
                    if !o.is_empty() {
                        sink(Ev::Text {
                            text: &o,
                            start,
                            end,
                        });
                    }
                }
                None => {
                    let text = self.s.get(start..end).ok_or(Bail)?;
                    if !text.is_empty() {
                        sink(Ev::Text { text, start, end });
                    }
                }
            }
        }
        Ok(())
    }

    /// A character reference at `self.i` (on the `&`): decoded into the run,
    /// or `&` kept as text when followed by whitespace.
    fn reference(&mut self) -> Result<(), Bail> {
        let a = self.i;
        let b = self.b;
        let mut j = a + 1;
        match b.get(j) {
            Some(&c) if is_ws(c) => {
                self.raw(a, a + 1)?;
                self.i = a + 1;
                Ok(())
            }
            Some(b'#') => {
                j += 1;
                let hex = matches!(b.get(j), Some(b'x' | b'X'));
                if hex {
                    j += 1;
                }
                let d0 = j;
                let mut v: u32 = 0;
                while let Some(&c) = b.get(j) {
                    let digit = if hex {
                        (c as char).to_digit(16)
                    } else {
                        (c as char).to_digit(10)
                    };
                    let Some(digit) = digit else { break };
                    if j - d0 >= 7 {
                        return Err(Bail);
                    }
                    v = v * if hex { 16 } else { 10 } + digit;
                    j += 1;
                }
                if j == d0 || b.get(j) != Some(&b';') {
                    return Err(Bail);
                }
                let ok = matches!(v, 0x20..=0x7e | 0xa0..=0xd7ff | 0xe000..=0xfdcf | 0xfdf0..=0xfffd)
                    || ((0x10000..=0x10ffff).contains(&v) && v & 0xfffe != 0xfffe);
                let ch = char::from_u32(v).filter(|_| ok).ok_or(Bail)?;
                let mut buf = [0u8; 4];
                self.decoded(a, j + 1, ch.encode_utf8(&mut buf))?;
                self.i = j + 1;
                Ok(())
            }
            Some(c) if c.is_ascii_alphanumeric() => {
                while b.get(j).is_some_and(u8::is_ascii_alphanumeric) {
                    j += 1;
                }
                if b.get(j) != Some(&b';') {
                    return Err(Bail);
                }
                let name = &b[a + 1..j];
                let text = NAMED
                    .iter()
                    .find(|(n, _)| *n == name)
                    .map(|(_, t)| *t)
                    .ok_or(Bail)?;
                self.decoded(a, j + 1, text)?;
                self.i = j + 1;
                Ok(())
            }
            _ => Err(Bail),
        }
    }

    fn run_all(&mut self, sink: &mut impl FnMut(Ev<'_>)) -> Result<(), Bail> {
        let n = self.b.len();
        while self.i < n {
            // Text up to the next `<` or `&`.
            let from = self.i;
            let stop = find2(self.b, from, b'<', b'&').unwrap_or(n);
            self.raw(from, stop)?;
            self.i = stop;
            if stop == n {
                break;
            }
            if self.b[stop] == b'&' {
                self.reference()?;
                continue;
            }
            self.markup(sink)?;
        }
        self.flush(sink)
    }

    /// At a `<`.
    fn markup(&mut self, sink: &mut impl FnMut(Ev<'_>)) -> Result<(), Bail> {
        let lt = self.i;
        match self.at(lt + 1) {
            Some(c) if c.is_ascii_alphabetic() => {
                self.flush(sink)?;
                self.tag(lt, lt + 1, false, sink)
            }
            Some(b'/') if self.at(lt + 2).is_some_and(|c| c.is_ascii_alphabetic()) => {
                self.flush(sink)?;
                self.tag(lt, lt + 2, true, sink)
            }
            Some(b'!') => {
                self.flush(sink)?;
                let b = self.b;
                let end = if b[lt..].starts_with(b"<!--") {
                    let cs = lt + 4;
                    if matches!(self.at(cs), Some(b'>')) || b[cs..].starts_with(b"->") {
                        return Err(Bail);
                    }
                    // The first `>` right after `--` or `--!`.
                    let mut k = cs;
                    loop {
                        let p = find1(b, k, b'>').ok_or(Bail)?;
                        if (p >= cs + 2 && &b[p - 2..p] == b"--")
                            || (p >= cs + 3 && &b[p - 3..p] == b"--!")
                        {
                            break p + 1;
                        }
                        k = p + 1;
                    }
                } else {
                    // `<!DOCTYPE …>` and bogus comments end at the first `>`.
                    find1(b, lt, b'>').ok_or(Bail)? + 1
                };
                sink(Ev::Mark { end });
                self.i = end;
                Ok(())
            }
            Some(b'?') => {
                self.flush(sink)?;
                let end = find1(self.b, lt, b'>').ok_or(Bail)? + 1;
                sink(Ev::Mark { end });
                self.i = end;
                Ok(())
            }
            _ => Err(Bail),
        }
    }

    /// A start or end tag whose name starts at `from`.
    fn tag(
        &mut self,
        lt: usize,
        from: usize,
        end_tag: bool,
        sink: &mut impl FnMut(Ev<'_>),
    ) -> Result<(), Bail> {
        let b = self.b;
        let mut j = from;
        while j < b.len() && !is_ws(b[j]) && b[j] != b'/' && b[j] != b'>' {
            j += 1;
        }
        if j >= b.len() {
            return Err(Bail);
        }
        self.name.clear();
        self.name
            .extend(b[from..j].iter().map(u8::to_ascii_lowercase));
        let mut colspan = None;
        let mut rowspan = None;
        let mut self_closing = false;
        // Attributes, until `>`.
        loop {
            let c = *b.get(j).ok_or(Bail)?;
            if is_ws(c) {
                j += 1;
                continue;
            }
            if c == b'>' {
                j += 1;
                break;
            }
            if c == b'/' {
                j += 1;
                if b.get(j) == Some(&b'>') {
                    self_closing = true;
                    j += 1;
                    break;
                }
                continue;
            }
            if c == b'=' {
                return Err(Bail);
            }
            // An attribute name.
            let a0 = j;
            while j < b.len() && !is_ws(b[j]) && !matches!(b[j], b'/' | b'>' | b'=') {
                j += 1;
            }
            let aname = &b[a0..j];
            while j < b.len() && is_ws(b[j]) {
                j += 1;
            }
            if b.get(j) != Some(&b'=') {
                // No value: the next attribute, `/`, `>` or the end.
                if j >= b.len() {
                    return Err(Bail);
                }
                continue;
            }
            j += 1;
            while j < b.len() && is_ws(b[j]) {
                j += 1;
            }
            let (v0, v1) = match *b.get(j).ok_or(Bail)? {
                q @ (b'"' | b'\'') => {
                    let v0 = j + 1;
                    let v1 = find1(b, v0, q).ok_or(Bail)?;
                    j = v1 + 1;
                    (v0, v1)
                }
                b'>' => (j, j),
                _ => {
                    let v0 = j;
                    while j < b.len() && !is_ws(b[j]) && b[j] != b'>' {
                        j += 1;
                    }
                    if j >= b.len() {
                        return Err(Bail);
                    }
                    (v0, j)
                }
            };
            if end_tag || v0 == v1 {
                continue;
            }
            let slot = if aname.eq_ignore_ascii_case(b"colspan") {
                &mut colspan
            } else if aname.eq_ignore_ascii_case(b"rowspan") {
                &mut rowspan
            } else {
                continue;
            };
            if slot.is_none() {
                let value = &b[v0..v1];
                if value.contains(&b'&') {
                    return Err(Bail);
                }
                *slot = Some(parse_span_attr(value));
            }
        }
        self.i = j;
        if end_tag {
            sink(Ev::End {
                name: &self.name,
                end: j,
            });
            return Ok(());
        }
        sink(Ev::Start {
            name: &self.name,
            start: lt,
            end: j,
            self_closing,
            colspan,
            rowspan,
        });
        if let Some(kind) = raw_kind(&self.name)? {
            self.raw_text(kind, sink)?;
        }
        Ok(())
    }

    /// The content of a raw-text element, up to its end tag (not consumed).
    fn raw_text(&mut self, kind: Raw, sink: &mut impl FnMut(Ev<'_>)) -> Result<(), Bail> {
        let b = self.b;
        let from = self.i;
        let name_len = self.name.len();
        // The first `</name` followed by whitespace, `/` or `>`.
        let mut k = from;
        let close = loop {
            let Some(p) = find1(b, k, b'<') else {
                break b.len();
            };
            if b.get(p + 1) != Some(&b'/') {
                k = p + 1;
                continue;
            }
            let after = p + 2 + name_len;
            if after <= b.len()
                && b[p + 2..after].eq_ignore_ascii_case(&self.name)
                && b.get(after)
                    .is_some_and(|&c| is_ws(c) || c == b'/' || c == b'>')
            {
                break p;
            }
            k = p + 1;
        };
        if kind == Raw::Script {
            let mut k = from;
            while let Some(p) = find1(b, k, b'<').filter(|&p| p < close) {
                if b[p..].starts_with(b"<!--") {
                    return Err(Bail);
                }
                k = p + 1;
            }
        }
        if close == b.len() {
            // No end tag: html5gum reads to the end; keep to the common case.
            return Err(Bail);
        }
        if kind == Raw::RcData {
            // Text with character references, `<` as text.
            let mut i = from;
            while i < close {
                let stop = find1(b, i, b'&').map_or(close, |p| p.min(close));
                self.raw(i, stop)?;
                if stop == close {
                    break;
                }
                self.i = stop;
                self.reference()?;
                i = self.i;
                if i > close {
                    return Err(Bail);
                }
            }
        } else {
            self.raw(from, close)?;
        }
        self.i = close;
        self.flush(sink)?;
        // The end tag itself is read as any tag, by the caller's loop.
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::read::html::reader::html5gum_events;
    use proptest::prelude::*;

    #[derive(Debug, PartialEq)]
    enum Owned {
        Start(String, usize, usize, bool, Option<u32>, Option<u32>),
        End(String, usize),
        Text(String, usize, usize),
        Mark(usize),
    }

    fn own(e: Ev<'_>) -> Owned {
        let s = |b: &[u8]| String::from_utf8_lossy(b).into_owned();
        match e {
            Ev::Start {
                name,
                start,
                end,
                self_closing,
                colspan,
                rowspan,
            } => Owned::Start(s(name), start, end, self_closing, colspan, rowspan),
            Ev::End { name, end } => Owned::End(s(name), end),
            Ev::Text { text, start, end } => Owned::Text(text.to_string(), start, end),
            Ev::Mark { end } => Owned::Mark(end),
        }
    }

    /// The fast path's events, or None when it gives up.
    fn fast(input: &str) -> Option<Vec<Owned>> {
        let mut v = Vec::new();
        tokenize(input, &mut |e| v.push(own(e))).ok().map(|_| v)
    }

    fn slow(input: &str) -> Vec<Owned> {
        let mut v = Vec::new();
        html5gum_events(input, &mut |e| v.push(own(e)));
        v
    }

    /// Whether the fast path read `input`; when it did, its events are html5gum's.
    fn agrees(input: &str) -> bool {
        match fast(input) {
            Some(f) => {
                assert_eq!(f, slow(input), "{input:?}");
                true
            }
            None => false,
        }
    }

    #[test]
    fn byte_search_finds_what_position_finds() {
        let b = "ab<c&\n中文\r\n<<x>&yz0123456789\n>".as_bytes();
        for n in [b'<', b'&', b'\n', b'\r', b'>', b'z', 0, 0xe4, 0x80] {
            for from in 0..=b.len() {
                let want = b[from..].iter().position(|&c| c == n).map(|p| p + from);
                assert_eq!(find1(b, from, n), want, "{n} from {from}");
                let want2 = b[from..]
                    .iter()
                    .position(|&c| c == n || c == b'<')
                    .map(|p| p + from);
                assert_eq!(find2(b, from, n, b'<'), want2, "{n}|< from {from}");
            }
        }
        // Lines asked for in any order: the newlines before the offset, + 1.
        let lines = Lines::new(b);
        for offset in [0, 7, 3, b.len(), 12, 1, b.len() + 5, 6, 5, 30, 2] {
            let want = b[..offset.min(b.len())]
                .iter()
                .filter(|&&c| c == b'\n')
                .count()
                + 1;
            assert_eq!(lines.line(offset), want, "line of {offset}");
        }
        let long = "a\nbc\n\n".repeat(37);
        assert_eq!(count_newlines(long.as_bytes()), 111);
    }

    #[test]
    fn corpus_pages_and_fixtures_take_the_fast_path_with_html5gums_events() {
        let root = std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR"));
        let mut files: Vec<std::path::PathBuf> = Vec::new();
        for dir in [
            root.join("../shared/corpus"),
            root.join("tests/fixtures/html"),
        ] {
            if let Ok(d) = std::fs::read_dir(dir) {
                files.extend(d.filter_map(Result::ok).map(|e| e.path()));
            }
        }
        files.retain(|p| p.extension().is_some_and(|x| x == "html"));
        assert!(files.len() >= 6, "fixtures missing");
        for p in files {
            let Ok(bytes) = std::fs::read(&p) else {
                continue;
            };
            let Ok((text, _)) = crate::decode(&bytes) else {
                continue;
            };
            assert!(agrees(&text), "{} fell back to html5gum", p.display());
        }
    }

    #[test]
    fn crafted_markup_reads_like_html5gum_or_falls_back() {
        let read = [
            "<p>a &amp; b&nbsp;c &#39;d&#x4E2D;</p>",
            "<td colspan=2 rowspan='3' COLSPAN=\"4\">x</td>",
            "<td colspan rowspan=2 class=a>1</td><td colspan=\"\" colspan=3>2</td>",
            "<td colspan= \" 2x\" >1</td><TD ROWSPAN=0>2</TD>",
            "<br/><br /><img src=a/b.png/><p a=b/>x</p>",
            "a\r\nb\rc<p>\r</p>\r\n",
            "<!DOCTYPE html><!-- c --><!----><!-- a -- b --!><![endif]--><?xml x?>t",
            "<!--[if gte mso 9]><xml><w:x>1</w:x></xml><![endif]--><p>x</p>",
            "<title>A &amp; B</title><script>if (a < b) x = '</scr' + 'ipt>';</script><style>p>a{}</style>",
            "<script></script><title></title><textarea>a<b></textarea>",
            "<td a=\"1\"b='2'c=3 d>x</td>",
            "& x &\t<p>& </p>",
            "<p>中文</p ><p/ x>y</p x=1>",
            "</br>text",
        ];
        for s in read {
            assert!(agrees(s), "fell back: {s:?}");
        }
        let fallback = [
            "a < b",
            "<p>\0</p>",
            "AT&T",
            "&notit;",
            "&#128;",
            "<td colspan=&#50;>",
            "<!-->",
            "<!--->",
            "<p",
            "<td a=\"1",
            "</ p>",
            "<script><!-- x --></script>",
            "<plaintext>x",
            "<p =a>",
            "<title>x",
            "<!-- x",
        ];
        for s in fallback {
            assert!(!agrees(s), "fast path read {s:?}");
        }
    }

    const PIECES: &[&str] = &[
        "<td",
        "<th",
        "<tr>",
        "</td>",
        "</tr>",
        "<table>",
        "</table>",
        "<p>",
        "</p>",
        "<br/>",
        " colspan=2",
        " rowspan=\"3\"",
        " ColSpan='0'",
        " colspan",
        " style=\"a:b;c\"",
        " x=1",
        " a='>'",
        ">",
        "/>",
        "/",
        " ",
        "\n",
        "\r\n",
        "\r",
        "\t",
        "a",
        "1",
        "中文",
        "&nbsp;",
        "&amp;",
        "&#39;",
        "&#x4e2d;",
        "&",
        "&lt",
        "<",
        "</",
        "=",
        "\"",
        "'",
        "<!--",
        "-->",
        "--",
        "!",
        "<!DOCTYPE html>",
        "<![endif]>",
        "<?php x ?>",
        "<script>",
        "</script>",
        "<title>",
        "</title>",
        "<style>",
        "</style>",
        "<textarea>",
        "</textarea>",
        "<noscript>",
        "</noscript>",
        "<P>",
        "</P >",
        "<TD COLSPAN=2>",
    ];

    /// Pieces of markup the fast path reads when they come in order.
    const WELL_FORMED: &[&str] = &[
        "<td>",
        "<td colspan=2>",
        "<th rowspan=\"3\" colspan='2'>",
        "</td>",
        "<tr>",
        "</tr>",
        "<table border=1>",
        "</table>",
        "<p style=\"a:b\">",
        "</p>",
        "<br/>",
        "<br>",
        "x",
        " ",
        "\r\n",
        "\r",
        "\n",
        "中文",
        "&nbsp;",
        "&amp;",
        "&#39;",
        "& ",
        "<!-- c -->",
        "<!DOCTYPE html>",
        "<![endif]>",
        "<script>var a = 1 < 2;</script>",
        "<title>t</title>",
        "<style>p{}</style>",
        "<span lang=EN-US>",
        "</span>",
        "<o:p></o:p>",
        "12",
        "<td a=b c>",
    ];

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(2000))]
        #[test]
        fn generated_markup_reads_like_html5gum_or_falls_back(
            idx in proptest::collection::vec(0..PIECES.len(), 0..40)
        ) {
            let s: String = idx.iter().map(|&i| PIECES[i]).collect();
            agrees(&s);
        }

        #[test]
        fn generated_well_formed_markup_takes_the_fast_path(
            idx in proptest::collection::vec(0..WELL_FORMED.len(), 0..60)
        ) {
            let s: String = idx.iter().map(|&i| WELL_FORMED[i]).collect();
            prop_assert!(agrees(&s), "fell back: {:?}", s);
        }
    }
}
