//! The file structure (ISO 32000-1 §7.5): the cross-reference table or
//! stream, object streams, the trailer, stream filters.
//!
//! The xref is followed from `startxref` through `/Prev` (each section
//! once); when it is missing or does not lead to a catalog, the file is
//! scanned for `n g obj` headers instead, as viewers do with damaged files.
//! Decoding is bounded: each stream inflates to at most
//! [`MAX_STREAM_BYTES`], all streams together to the file's budget:
//! 16 times `limits.maxInputBytes`, at most [`MAX_TOTAL_BYTES`].

use super::crypt::{Crypt, Method};
use super::lex::{find, is_white, rfind, Dict, Item, Lexer, Obj};
use super::PdfError;
use std::borrow::Cow;
use std::collections::HashMap;

/// Largest decoded stream (one page's content, a font's CMap).
pub const MAX_STREAM_BYTES: usize = 32 << 20;
/// All decoded streams of one file together.
pub const MAX_TOTAL_BYTES: usize = 128 << 20;
/// Longest `/Prev` chain followed.
const MAX_XREF_SECTIONS: usize = 64;
/// Most objects indexed (the xref's /Size is not trusted for allocation).
const MAX_OBJECTS: usize = 4_000_000;
/// Longest chain of references followed to reach a direct object.
const MAX_REF_CHAIN: usize = 16;

/// A decoded object stream: its data and (object number, offset) pairs.
type ObjStm = (Vec<u8>, Vec<(u32, usize)>);

#[derive(Clone, Copy, Debug)]
enum Loc {
    /// Byte offset of `n g obj` in the file.
    Offset(usize),
    /// Index in object stream `n`.
    InStream(u32, u32),
}

pub struct File<'a> {
    pub data: &'a [u8],
    xref: HashMap<u32, Loc>,
    pub trailer: Dict,
    /// Decoded object streams: their data and (object number, offset) pairs.
    objstm: HashMap<u32, Option<ObjStm>>,
    /// Bytes decoded so far, and the most that may be.
    decoded: usize,
    pub budget: usize,
    /// The decoding budget ran out (reported as a too-large file).
    pub over_budget: bool,
    /// Where each `endstream` is (found once, for streams whose `/Length`
    /// is wrong: searching the file for each would be quadratic).
    endstreams: std::cell::OnceCell<Vec<usize>>,
    /// The decryption state of an encrypted file (crypt.rs).
    crypt: Option<Crypt>,
    /// The object number of the `/Encrypt` dictionary (never decrypted).
    encrypt_num: Option<u32>,
    /// Streams to decrypt, by the offset of their data: (number,
    /// generation) of their object. Filled when a stream object is read, so
    /// that [`Self::decode`] knows the object's key; cross-reference streams
    /// and unencrypted metadata are left out.
    stream_ids: HashMap<usize, (u32, u16)>,
}

/// How far the rebuild scan parses an object to learn its type.
const HEAD_WINDOW: usize = 1 << 16;

impl<'a> File<'a> {
    /// Opens a file whose streams may decode to `budget` bytes in all.
    pub fn open(data: &'a [u8], budget: usize) -> Result<File<'a>, PdfError> {
        let Some(start) = find(&data[..data.len().min(1024)], b"%PDF-", 0) else {
            return Err(PdfError::NotPdf);
        };
        let data = &data[start..];
        let mut f = File {
            data,
            xref: HashMap::new(),
            trailer: Dict::default(),
            objstm: HashMap::new(),
            decoded: 0,
            budget: budget.min(MAX_TOTAL_BYTES),
            over_budget: false,
            endstreams: std::cell::OnceCell::new(),
            crypt: None,
            encrypt_num: None,
            stream_ids: HashMap::new(),
        };
        let read = f.read_xref();
        // An encrypted file: the key first, the catalog may be in an
        // (encrypted) object stream.
        let mut keyed = false;
        if read.is_ok() && f.trailer.get(b"Encrypt").is_some() {
            f.open_crypt()?;
            keyed = true;
        }
        if read.is_err() || f.catalog().is_none() {
            // A file cut short (an unfinished download) has lost its xref
            // and its end marker: what is left would be a partial report.
            let tail = &data[data.len().saturating_sub(1024)..];
            if rfind(tail, b"%%EOF").is_none() {
                return Err(PdfError::Damaged("truncated"));
            }
            f.rebuild();
            if !keyed && f.trailer.get(b"Encrypt").is_some() {
                // Object streams could not be read without the key: once
                // more with it.
                f.open_crypt()?;
                f.rebuild();
            }
        }
        if f.catalog().is_none() {
            return Err(PdfError::Damaged("no document catalog (/Root)"));
        }
        Ok(f)
    }

    /// Authenticates the empty user password of the trailer's `/Encrypt`.
    fn open_crypt(&mut self) -> Result<(), PdfError> {
        let Some(e) = self.trailer.get(b"Encrypt").cloned() else {
            return Ok(());
        };
        if let Obj::Ref(n, _) = e {
            self.encrypt_num = Some(n);
        }
        let enc = match self.resolve(&e) {
            Obj::Dict(d) => d,
            _ => return Err(PdfError::Encryption("damaged")),
        };
        let id = self.trailer.get(b"ID").cloned().unwrap_or(Obj::Null);
        let id0 = match self.resolve(&id) {
            Obj::Array(a) => match a.first().map(|o| self.resolve(o)) {
                Some(Obj::Str(s)) => s,
                _ => Vec::new(),
            },
            _ => Vec::new(),
        };
        let crypt = Crypt::open(&enc, &id0).map_err(PdfError::from)?;
        self.crypt = Some(crypt);
        // Object streams read before the key are read again.
        self.objstm.clear();
        Ok(())
    }

    /// The document catalog.
    pub fn catalog(&mut self) -> Option<Dict> {
        let root = self.trailer.get(b"Root")?.clone();
        match self.resolve(&root) {
            Obj::Dict(d) => Some(d),
            _ => None,
        }
    }

    fn read_xref(&mut self) -> Result<(), ()> {
        let tail_from = self.data.len().saturating_sub(2048);
        let at = rfind(&self.data[tail_from..], b"startxref").ok_or(())? + tail_from;
        let mut lx = Lexer::new(self.data, at + 9, false);
        let mut next = match lx.object() {
            Some(Obj::Int(o)) if o >= 0 => Some(o as usize),
            _ => return Err(()),
        };
        let mut seen = Vec::new();
        let mut first = true;
        while let Some(off) = next.take() {
            if seen.contains(&off) || seen.len() >= MAX_XREF_SECTIONS || off >= self.data.len() {
                break;
            }
            seen.push(off);
            let trailer = if self.data[off..].starts_with(b"xref") {
                let t = self.xref_table(off + 4)?;
                // A hybrid file's xref stream for compressed objects.
                if let Some(s) = t.get(b"XRefStm").and_then(Obj::as_i64) {
                    let s = usize::try_from(s).map_err(|_| ())?;
                    let _ = self.xref_stream(s);
                }
                t
            } else {
                self.xref_stream(off)?
            };
            if let Some(p) = trailer.get(b"Prev").and_then(Obj::as_i64) {
                next = usize::try_from(p).ok();
            }
            if first {
                self.trailer = trailer;
                first = false;
            } else {
                for (k, v) in trailer.0 {
                    if self.trailer.get(&k).is_none() {
                        self.trailer.0.push((k, v));
                    }
                }
            }
        }
        if first {
            Err(())
        } else {
            Ok(())
        }
    }

    fn add(&mut self, num: u32, loc: Loc) {
        if self.xref.len() < MAX_OBJECTS {
            // The newest section is read first: it wins.
            self.xref.entry(num).or_insert(loc);
        }
    }

    /// A classic table: subsections `first count` of 20-byte entries.
    fn xref_table(&mut self, pos: usize) -> Result<Dict, ()> {
        let mut lx = Lexer::new(self.data, pos, false);
        loop {
            let save = lx.pos;
            match lx.item() {
                Item::Keyword(k) if k == b"trailer" => {
                    // With references (`/Root 1 0 R`, `/Encrypt 9 0 R`).
                    return match Lexer::new(self.data, lx.pos, true).object() {
                        Some(Obj::Dict(d)) => Ok(d),
                        _ => Err(()),
                    };
                }
                Item::Obj(Obj::Int(first)) => {
                    let count = match lx.object() {
                        Some(Obj::Int(c)) => c,
                        _ => return Err(()),
                    };
                    let (Ok(first), Ok(count)) = (u32::try_from(first), u32::try_from(count))
                    else {
                        return Err(());
                    };
                    for i in 0..count {
                        let off = lx.object();
                        let _gen = lx.object();
                        let kind = lx.item();
                        match (off, kind) {
                            (Some(Obj::Int(o)), Item::Keyword(k)) if k == b"n" => {
                                if let (Ok(o), Some(n)) = (usize::try_from(o), first.checked_add(i))
                                {
                                    if o > 0 {
                                        self.add(n, Loc::Offset(o));
                                    }
                                }
                            }
                            (Some(Obj::Int(_)), Item::Keyword(k)) if k == b"f" => {}
                            _ => return Err(()),
                        }
                    }
                }
                _ => {
                    let _ = save;
                    return Err(());
                }
            }
        }
    }

    /// An xref stream (`/Type /XRef`, §7.5.8).
    fn xref_stream(&mut self, off: usize) -> Result<Dict, ()> {
        let (_, _, obj) = self.parse_at(off).ok_or(())?;
        let Obj::Stream(dict, range) = obj else {
            return Err(());
        };
        if dict.get(b"Type").and_then(Obj::as_name) != Some(b"XRef") {
            return Err(());
        }
        let data = self.decode(&dict, range).ok_or(())?;
        let w: Vec<usize> = dict
            .get(b"W")
            .and_then(Obj::as_array)
            .ok_or(())?
            .iter()
            .map(|o| {
                o.as_i64()
                    .and_then(|v| usize::try_from(v).ok())
                    .unwrap_or(0)
            })
            .collect();
        if w.len() != 3 || w.iter().any(|x| *x > 8) {
            return Err(());
        }
        let size = dict.get(b"Size").and_then(Obj::as_i64).unwrap_or(0);
        let index: Vec<i64> = match dict.get(b"Index").and_then(Obj::as_array) {
            Some(a) => a.iter().filter_map(Obj::as_i64).collect(),
            None => vec![0, size],
        };
        let row = w[0] + w[1] + w[2];
        if row == 0 {
            return Err(());
        }
        let mut rows = data.chunks_exact(row);
        let field = |b: &[u8]| b.iter().fold(0u64, |a, x| (a << 8) | u64::from(*x));
        for pair in index.chunks_exact(2) {
            let (Ok(first), Ok(count)) = (u32::try_from(pair[0]), u32::try_from(pair[1])) else {
                continue;
            };
            for i in 0..count {
                let Some(r) = rows.next() else { break };
                let kind = if w[0] == 0 { 1 } else { field(&r[..w[0]]) };
                let a = field(&r[w[0]..w[0] + w[1]]);
                let b = field(&r[w[0] + w[1]..]);
                let Some(n) = first.checked_add(i) else { break };
                match kind {
                    1 => {
                        if let Ok(a) = usize::try_from(a) {
                            self.add(n, Loc::Offset(a));
                        }
                    }
                    2 => {
                        if let (Ok(a), Ok(b)) = (u32::try_from(a), u32::try_from(b)) {
                            self.add(n, Loc::InStream(a, b));
                        }
                    }
                    _ => {}
                }
            }
        }
        Ok(dict)
    }

    /// Indexes every `n g obj` in the file (the last definition wins) and
    /// takes the trailer from the last `trailer` dictionary or xref
    /// stream, else from the catalog found.
    fn rebuild(&mut self) {
        self.xref.clear();
        let data = self.data;
        let mut pos = 0;
        let mut found: Vec<(u32, usize)> = Vec::new();
        while let Some(at) = find(data, b"obj", pos) {
            pos = at + 3;
            // Skip `endobj`.
            if at >= 3 && &data[at - 3..at] == b"end" {
                continue;
            }
            if let Some((num, start)) = obj_header_before(data, at) {
                found.push((num, start));
            }
        }
        let mut trailer: Option<Dict> = None;
        let mut catalog: Option<u32> = None;
        for &(num, start) in &found {
            if self.xref.len() < MAX_OBJECTS {
                self.xref.insert(num, Loc::Offset(start));
            }
            let end = start.saturating_add(HEAD_WINDOW);
            let ty = |d: &Dict| d.get(b"Type").and_then(Obj::as_name).map(<[u8]>::to_vec);
            match self.parse_within(start, end) {
                Some((_, _, Obj::Stream(d, _))) if ty(&d).as_deref() == Some(b"XRef") => {
                    trailer = Some(d);
                }
                Some((_, _, Obj::Dict(d))) if ty(&d).as_deref() == Some(b"Catalog") => {
                    catalog = Some(num);
                }
                _ => {}
            }
        }
        let stream_nums: Vec<u32> = found.iter().map(|(n, _)| *n).collect();
        for n in stream_nums {
            if let Some(list) = self.object_stream(n).map(|(_, l)| l.clone()) {
                for (i, (m, _)) in list.iter().enumerate() {
                    if self.xref.len() < MAX_OBJECTS {
                        if let Ok(i) = u32::try_from(i) {
                            self.xref.entry(*m).or_insert(Loc::InStream(n, i));
                        }
                    }
                    if catalog.is_none() {
                        if let Obj::Dict(d) = self.get(*m) {
                            if d.get(b"Type").and_then(Obj::as_name) == Some(b"Catalog") {
                                catalog = Some(*m);
                            }
                        }
                    }
                }
            }
        }
        let mut tpos = 0;
        while let Some(at) = find(data, b"trailer", tpos) {
            tpos = at + 7;
            if let Some(Obj::Dict(d)) = Lexer::new(data, at + 7, true).object() {
                trailer = Some(d);
            }
        }
        let mut t = trailer.unwrap_or_default();
        let root_ok = t
            .get(b"Root")
            .cloned()
            .map(|r| matches!(self.resolve(&r), Obj::Dict(_)))
            .unwrap_or(false);
        if !root_ok {
            if let Some(c) = catalog {
                t.0.retain(|(k, _)| k != b"Root");
                t.0.push((b"Root".to_vec(), Obj::Ref(c, 0)));
            }
        }
        self.trailer = t;
    }

    /// Parses `n g obj <object> [stream…endstream]` at `off`.
    fn parse_at(&self, off: usize) -> Option<(u32, u16, Obj)> {
        self.parse_within(off, self.data.len())
    }

    /// [`Self::parse_at`] reading no further than `end`.
    fn parse_within(&self, off: usize, end: usize) -> Option<(u32, u16, Obj)> {
        let mut lx = Lexer::new(&self.data[..end.min(self.data.len())], off, true);
        let num = match lx.object()? {
            Obj::Int(n) => u32::try_from(n).ok()?,
            _ => return None,
        };
        // Only the low 16 bits of a generation enter a key.
        let gen = match lx.object()? {
            Obj::Int(g) => g as u16,
            _ => 0,
        };
        match lx.item() {
            Item::Keyword(k) if k == b"obj" => {}
            _ => return None,
        }
        let obj = lx.object()?;
        if let Obj::Dict(d) = &obj {
            if let Item::Keyword(k) = lx.item() {
                if k == b"stream" {
                    return Some((
                        num,
                        gen,
                        Obj::Stream(d.clone(), self.stream_range(d, lx.pos)),
                    ));
                }
            }
        }
        Some((num, gen, obj))
    }

    /// The data range of a stream whose keyword ends at `pos`: `/Length` when
    /// it is direct and lands on `endstream`, else up to `endstream`.
    fn stream_range(&self, d: &Dict, pos: usize) -> std::ops::Range<usize> {
        let data = self.data;
        let mut start = pos;
        if data.get(start) == Some(&b'\r') {
            start += 1;
        }
        if data.get(start) == Some(&b'\n') {
            start += 1;
        }
        let start = start.min(data.len());
        if let Some(len) = d
            .get(b"Length")
            .and_then(|l| match l {
                Obj::Int(i) => usize::try_from(*i).ok(),
                _ => None,
            })
            .filter(|l| *l <= data.len() - start)
        {
            let end = start + len;
            let mut e = end;
            while e < data.len() && is_white(data[e]) {
                e += 1;
            }
            if data[e..].starts_with(b"endstream") {
                return start..end;
            }
        }
        let ends = self.endstreams.get_or_init(|| {
            let mut v = Vec::new();
            let mut at = 0;
            while let Some(p) = find(data, b"endstream", at) {
                v.push(p);
                at = p + 9;
            }
            v
        });
        let end = ends
            .get(ends.partition_point(|e| *e < start))
            .copied()
            .unwrap_or(data.len());
        // The EOL before `endstream` is not data.
        let mut e = end;
        if e > start && data[e - 1] == b'\n' {
            e -= 1;
        }
        if e > start && data[e - 1] == b'\r' {
            e -= 1;
        }
        start..e
    }

    /// Object `num`, resolved (not following references inside it).
    pub fn get(&mut self, num: u32) -> Obj {
        match self.xref.get(&num).copied() {
            Some(Loc::Offset(o)) => match self.parse_at(o) {
                Some((n, gen, mut obj)) if n == num => {
                    if self.crypt.is_some() && self.encrypt_num != Some(num) {
                        self.decrypt_obj(num, gen, &mut obj);
                    }
                    obj
                }
                _ => Obj::Null,
            },
            Some(Loc::InStream(s, i)) => {
                let Some((data, list)) = self.object_stream(s) else {
                    return Obj::Null;
                };
                let Some(&(n, off)) = list.get(i as usize) else {
                    return Obj::Null;
                };
                if n != num {
                    return Obj::Null;
                }
                // An object ends where the next begins.
                let end = list
                    .get(i as usize + 1)
                    .map(|x| x.1)
                    .filter(|e| *e > off)
                    .unwrap_or(data.len())
                    .min(data.len());
                let mut lx = Lexer::new(&data[..end], off, true);
                // Streams cannot be in object streams; ranges would point
                // into the wrong buffer.
                match lx.object() {
                    Some(Obj::Stream(..)) | None => Obj::Null,
                    Some(o) => o,
                }
            }
            None => Obj::Null,
        }
    }

    /// Follows references until a direct object.
    pub fn resolve(&mut self, o: &Obj) -> Obj {
        let mut cur = o.clone();
        for _ in 0..MAX_REF_CHAIN {
            match cur {
                Obj::Ref(n, _) => cur = self.get(n),
                other => return other,
            }
        }
        Obj::Null
    }

    /// [`Self::resolve`] without copying an object that is no reference
    /// (a font's width array holds thousands of numbers).
    pub fn resolved<'o>(&mut self, o: &'o Obj) -> Cow<'o, Obj> {
        match o {
            Obj::Ref(..) => Cow::Owned(self.resolve(o)),
            _ => Cow::Borrowed(o),
        }
    }

    /// [`Self::get_in`] without copying a direct value.
    pub fn get_in_ref<'d>(&mut self, d: &'d Dict, key: &[u8]) -> Cow<'d, Obj> {
        match d.get(key) {
            Some(o) => self.resolved(o),
            None => Cow::Owned(Obj::Null),
        }
    }

    /// `dict[key]`, resolved.
    pub fn get_in(&mut self, d: &Dict, key: &[u8]) -> Obj {
        match d.get(key) {
            Some(o) => self.resolve(o),
            None => Obj::Null,
        }
    }

    fn object_stream(&mut self, num: u32) -> Option<&ObjStm> {
        if !self.objstm.contains_key(&num) {
            // Mark first: an object stream that (through /Extends or a
            // lying xref) needs itself is not decoded twice.
            self.objstm.insert(num, None);
            let loaded = self.load_object_stream(num);
            self.objstm.insert(num, loaded);
        }
        self.objstm.get(&num).and_then(Option::as_ref)
    }

    fn load_object_stream(&mut self, num: u32) -> Option<ObjStm> {
        let Some(Loc::Offset(o)) = self.xref.get(&num).copied() else {
            return None;
        };
        let (_, gen, Obj::Stream(d, range)) =
            self.parse_within(o, o.saturating_add(HEAD_WINDOW))?
        else {
            return None;
        };
        if self.crypt.is_some() {
            // The stream is decrypted; the objects in it are not again.
            self.stream_ids.insert(range.start, (num, gen));
        }
        if d.get(b"Type").and_then(Obj::as_name) != Some(b"ObjStm") {
            return None;
        }
        let n = d.get(b"N").and_then(Obj::as_i64)?;
        let first = usize::try_from(d.get(b"First").and_then(Obj::as_i64)?).ok()?;
        let data = self.decode(&d, range)?;
        let mut lx = Lexer::new(&data, 0, false);
        let mut list = Vec::new();
        for _ in 0..n.clamp(0, 1 << 20) {
            let (Some(Obj::Int(m)), Some(Obj::Int(off))) = (lx.object(), lx.object()) else {
                break;
            };
            let (Ok(m), Ok(off)) = (u32::try_from(m), usize::try_from(off)) else {
                break;
            };
            list.push((m, first.saturating_add(off)));
        }
        Some((data, list))
    }

    /// A stream's data, decoded (`None`: an unsupported filter, damaged
    /// data, or over the size budget).
    pub fn stream_data(&mut self, o: &Obj) -> Option<Vec<u8>> {
        match self.resolve(o) {
            Obj::Stream(d, range) => self.decode(&d, range),
            _ => None,
        }
    }

    /// Decrypts the strings of object `num gen` (in place) and notes its
    /// stream, if it is one, for [`Self::decode`].
    fn decrypt_obj(&mut self, num: u32, gen: u16, obj: &mut Obj) {
        let Some(c) = &self.crypt else { return };
        if let Obj::Stream(d, range) = obj {
            let ty = d.get(b"Type").and_then(Obj::as_name);
            // Cross-reference streams are never encrypted; metadata is not
            // under /EncryptMetadata false.
            if ty != Some(b"XRef") && (c.metadata || ty != Some(b"Metadata")) {
                self.stream_ids.insert(range.start, (num, gen));
            }
        }
        if c.str != Method::Identity {
            decrypt_strings(c, num, gen, obj);
        }
    }

    fn decode(&mut self, d: &Dict, range: std::ops::Range<usize>) -> Option<Vec<u8>> {
        let id = self.stream_ids.get(&range.start).copied();
        let raw = self.data.get(range)?;
        let mut filters: Vec<Vec<u8>> = match d.get(b"Filter").map(|f| self.resolve(f)) {
            None | Some(Obj::Null) => Vec::new(),
            Some(Obj::Name(n)) => vec![n],
            Some(Obj::Array(a)) => a
                .iter()
                .filter_map(|f| f.as_name().map(<[u8]>::to_vec))
                .collect(),
            Some(_) => return None,
        };
        let parms_all = d.get(b"DecodeParms").map(|p| self.resolve(p));
        let mut parms_list: Vec<Option<Dict>> = match &parms_all {
            Some(Obj::Array(a)) => a
                .iter()
                .take(filters.len())
                .map(|p| match self.resolve(p) {
                    Obj::Dict(p) => Some(p),
                    _ => None,
                })
                .collect(),
            _ => Vec::new(),
        };
        let parms_for = |list: &[Option<Dict>], i: usize| match &parms_all {
            Some(Obj::Dict(p)) => Some(p.clone()),
            _ => list.get(i).cloned().flatten(),
        };
        // The stream's own crypt filter (first in the chain, §7.4.10)
        // overrides /StmF; without encryption it is a no-op.
        let mut method = self.crypt.as_ref().map_or(Method::Identity, |c| c.stm);
        if filters.first().map(Vec::as_slice) == Some(b"Crypt") {
            let name = parms_for(&parms_list, 0)
                .and_then(|p| p.get(b"Name").and_then(Obj::as_name).map(<[u8]>::to_vec))
                .unwrap_or_else(|| b"Identity".to_vec());
            method = self
                .crypt
                .as_ref()
                .map_or(Method::Identity, |c| c.filter(&name));
            filters.remove(0);
            if !parms_list.is_empty() {
                parms_list.remove(0);
            }
        }
        let cap = MAX_STREAM_BYTES.min(self.budget.saturating_sub(self.decoded));
        let mut data = match (&self.crypt, id) {
            (Some(c), Some((num, gen))) => c.decrypt(method, num, gen, raw),
            _ => raw.to_vec(),
        };
        for (i, f) in filters.iter().enumerate() {
            let parms = parms_for(&parms_list, i);
            data = match f.as_slice() {
                b"FlateDecode" | b"Fl" => {
                    let out = match inflate(&data, cap) {
                        Ok(v) => v,
                        Err(too_large) => {
                            self.over_budget |= too_large;
                            return None;
                        }
                    };
                    match &parms {
                        Some(p) => predict(out, p)?,
                        None => out,
                    }
                }
                b"ASCIIHexDecode" | b"AHx" => {
                    let mut s = vec![b'<'];
                    s.extend_from_slice(&data);
                    match Lexer::new(&s, 0, false).object() {
                        Some(Obj::Str(v)) => v,
                        _ => return None,
                    }
                }
                // Images (DCT, JBIG2, CCITT…) and LZW/RunLength are not
                // needed for text: the stream is left undecoded.
                _ => return None,
            };
        }
        self.decoded = self.decoded.saturating_add(data.len());
        Some(data)
    }
}

/// zlib inflate capped at `cap` bytes (`Err(true)`: it inflates past the
/// cap, a bomb or a huge page; `Err(false)`: damaged). A stream cut short
/// (common in real files) keeps what inflated.
fn inflate(data: &[u8], cap: usize) -> Result<Vec<u8>, bool> {
    use miniz_oxide::inflate::TINFLStatus;
    use miniz_oxide::inflate::{decompress_to_vec_with_limit, decompress_to_vec_zlib_with_limit};
    match decompress_to_vec_zlib_with_limit(data, cap) {
        Ok(v) => Ok(v),
        Err(e) if e.status == TINFLStatus::HasMoreOutput => Err(true),
        Err(e) if !e.output.is_empty() => Ok(e.output),
        // Raw deflate without the zlib header.
        Err(_) => match decompress_to_vec_with_limit(data, cap) {
            Ok(v) => Ok(v),
            Err(e) => Err(e.status == TINFLStatus::HasMoreOutput),
        },
    }
}

/// PNG and TIFF predictors (§7.4.4.4) on inflated data.
fn predict(data: Vec<u8>, p: &Dict) -> Option<Vec<u8>> {
    let pred = p.get(b"Predictor").and_then(Obj::as_i64).unwrap_or(1);
    if pred < 10 {
        return Some(data);
    }
    let colors = p
        .get(b"Colors")
        .and_then(Obj::as_i64)
        .unwrap_or(1)
        .clamp(1, 32) as usize;
    let bpc = p
        .get(b"BitsPerComponent")
        .and_then(Obj::as_i64)
        .unwrap_or(8)
        .clamp(1, 16) as usize;
    let columns = p
        .get(b"Columns")
        .and_then(Obj::as_i64)
        .unwrap_or(1)
        .clamp(1, 1 << 24) as usize;
    let bpp = (colors * bpc).div_ceil(8).max(1);
    let row = (colors * bpc * columns).div_ceil(8);
    let mut out = Vec::with_capacity(data.len());
    let mut prev = vec![0u8; row];
    for chunk in data.chunks(row + 1) {
        let (&kind, line) = chunk.split_first()?;
        let mut cur = line.to_vec();
        cur.resize(row, 0);
        for i in 0..row {
            let a = if i >= bpp { cur[i - bpp] } else { 0 };
            let b = prev[i];
            let c = if i >= bpp { prev[i - bpp] } else { 0 };
            cur[i] = match kind {
                1 => cur[i].wrapping_add(a),
                2 => cur[i].wrapping_add(b),
                3 => cur[i].wrapping_add(((u16::from(a) + u16::from(b)) / 2) as u8),
                4 => {
                    let pa = (i16::from(b) - i16::from(c)).abs();
                    let pb = (i16::from(a) - i16::from(c)).abs();
                    let pc = (i16::from(a) + i16::from(b) - 2 * i16::from(c)).abs();
                    let pr = if pa <= pb && pa <= pc {
                        a
                    } else if pb <= pc {
                        b
                    } else {
                        c
                    };
                    cur[i].wrapping_add(pr)
                }
                _ => cur[i],
            };
        }
        out.extend_from_slice(&cur);
        prev = cur;
    }
    Some(out)
}

/// For an `obj` keyword at `at`, the object number and the start of
/// `n g obj`, when digits, blank, digits, blank precede it.
fn obj_header_before(data: &[u8], at: usize) -> Option<(u32, usize)> {
    let mut i = at;
    let skip_white = |i: &mut usize| {
        while *i > 0 && is_white(data[*i - 1]) {
            *i -= 1;
        }
    };
    let digits = |i: &mut usize| {
        let end = *i;
        while *i > 0 && data[*i - 1].is_ascii_digit() && end - *i < 10 {
            *i -= 1;
        }
        end - *i
    };
    skip_white(&mut i);
    if digits(&mut i) == 0 {
        return None;
    }
    let ws = i;
    skip_white(&mut i);
    if i == ws {
        return None;
    }
    let end = i;
    if digits(&mut i) == 0 {
        return None;
    }
    if i > 0 && !is_white(data[i - 1]) && !super::lex::is_delim(data[i - 1]) {
        return None;
    }
    let num = std::str::from_utf8(&data[i..end]).ok()?.parse().ok()?;
    Some((num, i))
}

/// Decrypts every string in `obj` (nesting is bounded by the lexer's).
fn decrypt_strings(c: &Crypt, num: u32, gen: u16, obj: &mut Obj) {
    match obj {
        Obj::Str(s) => *s = c.decrypt(c.str, num, gen, s),
        Obj::Array(a) => {
            for o in a {
                decrypt_strings(c, num, gen, o);
            }
        }
        Obj::Dict(d) | Obj::Stream(d, _) => {
            for (_, o) in &mut d.0 {
                decrypt_strings(c, num, gen, o);
            }
        }
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::super::crypt::empty_password_u;
    use super::*;

    fn hex(b: &[u8]) -> String {
        b.iter().map(|x| format!("{x:02x}")).collect()
    }

    /// A PDF of `objects` (numbered from 1) with a classic xref.
    fn pdf(objects: &[Vec<u8>], trailer: &str) -> Vec<u8> {
        let mut out = b"%PDF-1.7\n".to_vec();
        let mut offsets = Vec::new();
        for (i, o) in objects.iter().enumerate() {
            offsets.push(out.len());
            out.extend_from_slice(format!("{} 0 obj\n", i + 1).as_bytes());
            out.extend_from_slice(o);
            out.extend_from_slice(b"\nendobj\n");
        }
        let xref = out.len();
        out.extend_from_slice(
            format!("xref\n0 {}\n0000000000 65535 f \n", objects.len() + 1).as_bytes(),
        );
        for o in offsets {
            out.extend_from_slice(format!("{o:010} 00000 n \n").as_bytes());
        }
        out.extend_from_slice(
            format!(
                "trailer\n<< /Size {} {trailer} >>\nstartxref\n{xref}\n%%EOF\n",
                objects.len() + 1
            )
            .as_bytes(),
        );
        out
    }

    fn stream(dict: &str, data: &[u8]) -> Vec<u8> {
        let mut o = format!("<< {dict} /Length {} >>\nstream\n", data.len()).into_bytes();
        o.extend_from_slice(data);
        o.extend_from_slice(b"\nendstream");
        o
    }

    #[test]
    fn crypt_filters_identity_strings_and_clear_metadata() {
        // V4 with RC4 (/V2) for streams, /Identity for strings, metadata
        // not encrypted; one stream opting out through its own /Crypt
        // filter. The empty password opens it.
        let o = [0x42u8; 32];
        let id0 = b"0123456789abcdef";
        let u = empty_password_u(&o, -4, id0, 4, false);
        let enc = format!(
            "<< /Filter /Standard /V 4 /R 4 /Length 128 /P -4 /O <{}> /U <{}> \
             /CF << /StdCF << /CFM /V2 /Length 16 >> >> /StmF /StdCF /StrF /Identity \
             /EncryptMetadata false >>",
            hex(&o),
            hex(&u)
        );
        let trailer = format!(
            "/Root 1 0 R /Info 7 0 R /Encrypt 6 0 R /ID [<{}> <00>]",
            hex(id0)
        );
        let content = b"BT /F1 12 Tf 72 700 Td (Hello) Tj ET".to_vec();
        // Encrypt object 3's content: RC4 is its own inverse.
        let mut lx = Lexer::new(enc.as_bytes(), 0, true);
        let Some(Obj::Dict(d)) = lx.object() else {
            panic!("dictionary")
        };
        let c = Crypt::open(&d, id0).expect("the empty password opens it");
        let sealed = c.decrypt(Method::Rc4, 3, 0, &content);
        assert_ne!(sealed, content);
        let objs = vec![
            b"<< /Type /Catalog /Pages 2 0 R /Metadata 5 0 R >>".to_vec(),
            b"<< /Type /Pages /Kids [] /Count 0 >>".to_vec(),
            stream("", &sealed),
            stream(
                "/Filter [/Crypt] /DecodeParms [<< /Name /Identity >>]",
                b"plain",
            ),
            stream("/Type /Metadata /Subtype /XML", b"<x:xmpmeta/>"),
            enc.into_bytes(),
            b"<< /Title (Report) >>".to_vec(),
        ];
        let bytes = pdf(&objs, &trailer);
        let mut f = File::open(&bytes, 1 << 20).expect("opens");
        assert_eq!(f.stream_data(&Obj::Ref(3, 0)), Some(content));
        assert_eq!(f.stream_data(&Obj::Ref(4, 0)), Some(b"plain".to_vec()));
        assert_eq!(
            f.stream_data(&Obj::Ref(5, 0)),
            Some(b"<x:xmpmeta/>".to_vec())
        );
        let Obj::Dict(info) = f.get(7) else {
            panic!("info")
        };
        assert_eq!(info.get(b"Title"), Some(&Obj::Str(b"Report".to_vec())));
        // The /Encrypt dictionary itself is read as it is.
        let Obj::Dict(e) = f.get(6) else {
            panic!("encrypt")
        };
        assert_eq!(e.get(b"O"), Some(&Obj::Str(o.to_vec())));
    }
}
