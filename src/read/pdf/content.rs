//! Content streams (ISO 32000-1 §8–9.4): the text operators with the text
//! and graphics matrices → glyphs placed on the page; the drawn straight
//! lines and thin or outlined rectangles → ruling segments (table borders).
//!
//! Coordinates out of here are the page as displayed: origin top-left, y
//! down, in points, `/Rotate` applied.

use super::file::File;
use super::font::Font;
use super::lex::{Dict, Item, Lexer, Obj};
use std::collections::HashMap;
use std::rc::Rc;

/// Deepest form XObject nesting followed.
const MAX_FORM_DEPTH: usize = 8;
/// Deepest `q` nesting kept (deeper saves are ignored, restores still pop).
const MAX_SAVE_DEPTH: usize = 256;
/// Most operands kept before an operator.
const MAX_OPERANDS: usize = 64;
/// Most path segments kept on one page.
const MAX_SEGMENTS: usize = 100_000;

/// A glyph as shown: its text, its horizontal extent and baseline on the
/// displayed page, its size.
#[derive(Clone, Debug)]
pub struct Glyph {
    pub text: String,
    pub x0: f64,
    pub x1: f64,
    pub y: f64,
    pub size: f64,
}

/// A horizontal (`h`) or vertical line: at `pos` (y or x), from `a` to `b`.
#[derive(Clone, Copy, Debug)]
pub struct Seg {
    pub h: bool,
    pub pos: f64,
    pub a: f64,
    pub b: f64,
}

#[derive(Default)]
pub struct Page {
    pub glyphs: Vec<Glyph>,
    pub segs: Vec<Seg>,
    /// Images painted (an image-only page is a scan).
    pub images: usize,
    /// Glyphs shown in fonts with no text mapping.
    pub unmapped: usize,
}

/// What the interpreter may still spend over the whole file.
pub struct Budget {
    pub ops: usize,
    pub glyphs: usize,
    /// Form XObjects run (each resolves its dictionary and resources anew).
    pub forms: usize,
}

type M = [f64; 6];
const ID: M = [1.0, 0.0, 0.0, 1.0, 0.0, 0.0];

fn mul(a: &M, b: &M) -> M {
    [
        a[0] * b[0] + a[1] * b[2],
        a[0] * b[1] + a[1] * b[3],
        a[2] * b[0] + a[3] * b[2],
        a[2] * b[1] + a[3] * b[3],
        a[4] * b[0] + a[5] * b[2] + b[4],
        a[4] * b[1] + a[5] * b[3] + b[5],
    ]
}

fn apply(m: &M, x: f64, y: f64) -> (f64, f64) {
    (m[0] * x + m[2] * y + m[4], m[1] * x + m[3] * y + m[5])
}

#[derive(Clone)]
struct State {
    ctm: M,
    font: Option<Rc<Font>>,
    size: f64,
    char_spacing: f64,
    word_spacing: f64,
    hscale: f64,
    leading: f64,
    rise: f64,
    fill_white: bool,
    stroke_white: bool,
}

pub struct Interp<'f, 'a> {
    pub file: &'f mut File<'a>,
    fonts: HashMap<u32, Rc<Font>>,
    pub budget: Budget,
}

impl<'f, 'a> Interp<'f, 'a> {
    pub fn new(file: &'f mut File<'a>, budget: Budget) -> Interp<'f, 'a> {
        Interp {
            file,
            fonts: HashMap::new(),
            budget,
        }
    }

    /// `resources[/Font][name]`, the `/Font` dictionary read in place when
    /// it is direct (copying it for every font a stream set was an eighth
    /// of reading a PDF printed by Chromium).
    fn font_entry(&mut self, resources: &Dict, name: &[u8]) -> Option<Obj> {
        let fonts = self.file.resolved(resources.get(b"Font")?);
        fonts.as_dict()?.get(name).cloned()
    }

    /// Runs a page's content. `media` is the MediaBox, `rotate` /Rotate.
    pub fn page(
        &mut self,
        contents: &[Vec<u8>],
        resources: &Dict,
        media: [f64; 4],
        rotate: i64,
    ) -> Page {
        let [llx, lly, urx, ury] = media;
        // User space → displayed page (y down), rotated clockwise.
        let base: M = match rotate.rem_euclid(360) {
            90 => [0.0, 1.0, 1.0, 0.0, -lly, -llx],
            180 => [-1.0, 0.0, 0.0, 1.0, urx, -lly],
            270 => [0.0, -1.0, -1.0, 0.0, ury, urx],
            _ => [1.0, 0.0, 0.0, -1.0, -llx, ury],
        };
        let mut page = Page::default();
        let state = State {
            ctm: base,
            font: None,
            size: 0.0,
            char_spacing: 0.0,
            word_spacing: 0.0,
            hscale: 1.0,
            leading: 0.0,
            rise: 0.0,
            fill_white: false,
            stroke_white: false,
        };
        // Content arrays are one stream split anywhere (even mid-token).
        let mut joined = Vec::new();
        for c in contents {
            joined.extend_from_slice(c);
            joined.push(b'\n');
        }
        self.run(&joined, resources, state, &mut page, 0);
        page
    }

    fn font(&mut self, resources: &Dict, name: &[u8]) -> Option<Rc<Font>> {
        let entry = self.font_entry(resources, name)?;
        let key = match entry {
            Obj::Ref(n, _) => Some(n),
            _ => None,
        };
        if let Some(f) = key.and_then(|k| self.fonts.get(&k)) {
            return Some(f.clone());
        }
        let Obj::Dict(d) = self.file.resolve(&entry) else {
            return None;
        };
        let f = Rc::new(Font::load(self.file, &d));
        if let Some(k) = key {
            self.fonts.insert(k, f.clone());
        }
        Some(f)
    }

    #[allow(clippy::too_many_lines)]
    fn run(&mut self, data: &[u8], resources: &Dict, mut gs: State, page: &mut Page, depth: usize) {
        let mut stack: Vec<State> = Vec::new();
        // Resources looked up once per stream, whatever the operators repeat.
        let mut fonts: HashMap<Vec<u8>, Option<Rc<Font>>> = HashMap::new();
        let mut xobjects: HashMap<Vec<u8>, Rc<Obj>> = HashMap::new();
        let mut lx = Lexer::new(data, 0, false);
        let mut ops: Vec<Obj> = Vec::new();
        let mut tm = ID;
        let mut tlm = ID;
        // The current path: subpaths of points on the displayed page.
        let mut path: Vec<Vec<(f64, f64)>> = Vec::new();
        let mut rects: Vec<[(f64, f64); 4]> = Vec::new();
        loop {
            let op = match lx.item() {
                Item::End => break,
                Item::Obj(o) => {
                    if ops.len() < MAX_OPERANDS {
                        ops.push(o);
                    }
                    continue;
                }
                Item::Stray => continue,
                Item::Keyword(k) => k,
            };
            if self.budget.ops == 0 {
                break;
            }
            self.budget.ops -= 1;
            let num = |i: usize| ops.get(i).and_then(Obj::as_f64).unwrap_or(0.0);
            let nums6 = || -> Option<M> {
                if ops.len() < 6 {
                    return None;
                }
                let s = &ops[ops.len() - 6..];
                let mut m = [0.0; 6];
                for (d, o) in m.iter_mut().zip(s) {
                    *d = o.as_f64()?;
                }
                Some(m)
            };
            match op {
                b"q" if stack.len() < MAX_SAVE_DEPTH => stack.push(gs.clone()),
                b"Q" => {
                    if let Some(s) = stack.pop() {
                        gs = s;
                    }
                }
                b"cm" => {
                    if let Some(m) = nums6() {
                        gs.ctm = mul(&m, &gs.ctm);
                    }
                }
                b"BT" => {
                    tm = ID;
                    tlm = ID;
                }
                b"Tc" => gs.char_spacing = num(0),
                b"Tw" => gs.word_spacing = num(0),
                b"Tz" => gs.hscale = num(0) / 100.0,
                b"TL" => gs.leading = num(0),
                b"Ts" => gs.rise = num(0),
                b"Tf" => {
                    gs.size = num(1);
                    gs.font = match ops.first().and_then(Obj::as_name) {
                        Some(n) => match fonts.get(n) {
                            Some(f) => f.clone(),
                            None => {
                                let f = self.font(resources, n);
                                if fonts.len() < 4096 {
                                    fonts.insert(n.to_vec(), f.clone());
                                }
                                f
                            }
                        },
                        None => None,
                    };
                }
                b"Td" | b"TD" => {
                    if op == b"TD" {
                        gs.leading = -num(1);
                    }
                    tlm = mul(&[1.0, 0.0, 0.0, 1.0, num(0), num(1)], &tlm);
                    tm = tlm;
                }
                b"Tm" => {
                    if let Some(m) = nums6() {
                        tlm = m;
                        tm = m;
                    }
                }
                b"T*" => {
                    tlm = mul(&[1.0, 0.0, 0.0, 1.0, 0.0, -gs.leading], &tlm);
                    tm = tlm;
                }
                b"Tj" | b"'" | b"\"" | b"TJ" => {
                    if op == b"'" || op == b"\"" {
                        if op == b"\"" {
                            gs.word_spacing = num(0);
                            gs.char_spacing = num(1);
                        }
                        tlm = mul(&[1.0, 0.0, 0.0, 1.0, 0.0, -gs.leading], &tlm);
                        tm = tlm;
                    }
                    let parts: Vec<Obj> = match ops.last() {
                        Some(Obj::Array(a)) if op == b"TJ" => a.clone(),
                        Some(s @ Obj::Str(_)) => vec![s.clone()],
                        _ => Vec::new(),
                    };
                    for p in parts {
                        match p {
                            Obj::Str(s) => self.show(&s, &gs, &mut tm, page),
                            other => {
                                if let Some(adj) = other.as_f64() {
                                    let tx = -adj / 1000.0 * gs.size * gs.hscale;
                                    tm = mul(&[1.0, 0.0, 0.0, 1.0, tx, 0.0], &tm);
                                }
                            }
                        }
                    }
                }
                b"g" => gs.fill_white = num(0) >= 0.99,
                b"G" => gs.stroke_white = num(0) >= 0.99,
                b"rg" => gs.fill_white = (0..3).all(|i| num(i) >= 0.99),
                b"RG" => gs.stroke_white = (0..3).all(|i| num(i) >= 0.99),
                b"k" => gs.fill_white = (0..4).all(|i| num(i) <= 0.01),
                b"K" => gs.stroke_white = (0..4).all(|i| num(i) <= 0.01),
                b"m" => path.push(vec![apply(&gs.ctm, num(0), num(1))]),
                b"l" => {
                    let p = apply(&gs.ctm, num(0), num(1));
                    match path.last_mut() {
                        Some(sp) if sp.len() < 4096 => sp.push(p),
                        Some(_) => {}
                        None => path.push(vec![p]),
                    }
                }
                b"c" | b"v" | b"y" => {
                    // Curves are not borders: the end point starts anew.
                    let n = ops.len();
                    if n >= 2 {
                        let p = apply(&gs.ctm, num(n - 2), num(n - 1));
                        path.push(vec![p]);
                    }
                }
                b"h" => {
                    if let Some(sp) = path.last_mut() {
                        if let Some(&first) = sp.first() {
                            if sp.len() > 1 {
                                sp.push(first);
                            }
                        }
                    }
                }
                b"re" => {
                    let (x, y, w, h) = (num(0), num(1), num(2), num(3));
                    let c = [
                        apply(&gs.ctm, x, y),
                        apply(&gs.ctm, x + w, y),
                        apply(&gs.ctm, x + w, y + h),
                        apply(&gs.ctm, x, y + h),
                    ];
                    rects.push(c);
                    path.push(vec![c[0], c[1], c[2], c[3], c[0]]);
                }
                b"S" | b"s" | b"f" | b"F" | b"f*" | b"B" | b"B*" | b"b" | b"b*" | b"n" => {
                    let stroke = matches!(op, b"S" | b"s" | b"B" | b"B*" | b"b" | b"b*");
                    let fill = matches!(op, b"f" | b"F" | b"f*" | b"B" | b"B*" | b"b" | b"b*");
                    let visible_stroke = stroke && !gs.stroke_white;
                    let visible_fill = fill && !gs.fill_white;
                    if visible_stroke {
                        for sp in &path {
                            for w in sp.windows(2) {
                                push_seg(page, w[0], w[1]);
                            }
                        }
                    }
                    if visible_fill && !visible_stroke {
                        // A filled thin rectangle is a line; a filled
                        // larger one (cell shading) gives its edges.
                        for r in &rects {
                            let (xs, ys) = (r.map(|p| p.0), r.map(|p| p.1));
                            let x0 = xs.iter().copied().fold(f64::INFINITY, f64::min);
                            let x1 = xs.iter().copied().fold(f64::NEG_INFINITY, f64::max);
                            let y0 = ys.iter().copied().fold(f64::INFINITY, f64::min);
                            let y1 = ys.iter().copied().fold(f64::NEG_INFINITY, f64::max);
                            if y1 - y0 <= 3.0 {
                                push_seg(page, (x0, (y0 + y1) / 2.0), (x1, (y0 + y1) / 2.0));
                            } else if x1 - x0 <= 3.0 {
                                push_seg(page, ((x0 + x1) / 2.0, y0), ((x0 + x1) / 2.0, y1));
                            }
                        }
                        // Thin filled polygons drawn with m/l (Skia draws
                        // hairline borders this way).
                        for sp in &path {
                            if sp.len() >= 4 {
                                let x0 = sp.iter().map(|p| p.0).fold(f64::INFINITY, f64::min);
                                let x1 = sp.iter().map(|p| p.0).fold(f64::NEG_INFINITY, f64::max);
                                let y0 = sp.iter().map(|p| p.1).fold(f64::INFINITY, f64::min);
                                let y1 = sp.iter().map(|p| p.1).fold(f64::NEG_INFINITY, f64::max);
                                let axis = sp.windows(2).all(|w| {
                                    (w[0].0 - w[1].0).abs() < 0.01 || (w[0].1 - w[1].1).abs() < 0.01
                                });
                                let is_rect = rects.iter().any(|r| r[0] == sp[0]);
                                if axis && !is_rect {
                                    if y1 - y0 <= 3.0 && x1 - x0 > 3.0 {
                                        push_seg(
                                            page,
                                            (x0, (y0 + y1) / 2.0),
                                            (x1, (y0 + y1) / 2.0),
                                        );
                                    } else if x1 - x0 <= 3.0 && y1 - y0 > 3.0 {
                                        push_seg(
                                            page,
                                            ((x0 + x1) / 2.0, y0),
                                            ((x0 + x1) / 2.0, y1),
                                        );
                                    }
                                }
                            }
                        }
                    }
                    path.clear();
                    rects.clear();
                }
                b"Do" => {
                    if let Some(name) = ops.first().and_then(Obj::as_name) {
                        let obj = match xobjects.get(name) {
                            Some(o) => o.clone(),
                            None => {
                                let o = Rc::new(self.lookup(resources, b"XObject", name));
                                if xobjects.len() < 4096 {
                                    xobjects.insert(name.to_vec(), o.clone());
                                }
                                o
                            }
                        };
                        self.xobject(&obj, resources, &gs, page, depth);
                    }
                }
                b"BI" => {
                    // Inline image: skip to `EI` after white space.
                    page.images += 1;
                    let data = lx.data;
                    let mut p = lx.pos;
                    while p + 2 < data.len() {
                        if super::lex::is_white(data[p])
                            && data[p + 1] == b'E'
                            && data[p + 2] == b'I'
                            && data.get(p + 3).is_none_or(|b| super::lex::is_white(*b))
                        {
                            break;
                        }
                        p += 1;
                    }
                    lx.pos = (p + 3).min(data.len());
                }
                _ => {}
            }
            ops.clear();
        }
    }

    fn show(&mut self, s: &[u8], gs: &State, tm: &mut M, page: &mut Page) {
        let Some(font) = gs.font.clone() else {
            return;
        };
        for g in font.decode(s) {
            let trm = mul(tm, &gs.ctm);
            let (x0, y0) = apply(&trm, 0.0, gs.rise);
            let adv =
                (g.width * gs.size + gs.char_spacing + if g.space { gs.word_spacing } else { 0.0 })
                    * gs.hscale;
            *tm = mul(&[1.0, 0.0, 0.0, 1.0, adv, 0.0], tm);
            let (x1, _) = apply(&mul(tm, &gs.ctm), 0.0, gs.rise);
            // The size on the page: the glyph's height vector's length.
            let (hx, hy) = (trm[2] * gs.size, trm[3] * gs.size);
            let size = (hx * hx + hy * hy).sqrt();
            if g.text.is_empty() {
                if !font.mappable {
                    page.unmapped += 1;
                }
                continue;
            }
            if self.budget.glyphs == 0 {
                continue;
            }
            self.budget.glyphs -= 1;
            if !(x0.is_finite() && x1.is_finite() && y0.is_finite() && size.is_finite()) {
                continue;
            }
            page.glyphs.push(Glyph {
                text: g.text,
                x0: x0.min(x1),
                x1: x0.max(x1),
                y: y0,
                size,
            });
        }
    }

    /// `resources[kind][name]`, resolved.
    fn lookup(&mut self, resources: &Dict, kind: &[u8], name: &[u8]) -> Obj {
        let dict = self.file.get_in(resources, kind);
        match dict.as_dict().and_then(|d| d.get(name)) {
            Some(entry) => self.file.resolve(entry),
            None => Obj::Null,
        }
    }

    fn xobject(&mut self, obj: &Obj, resources: &Dict, gs: &State, page: &mut Page, depth: usize) {
        let Some(d) = obj.as_dict() else { return };
        match d.get(b"Subtype").and_then(Obj::as_name) {
            Some(b"Image") => page.images += 1,
            Some(b"Form") if depth < MAX_FORM_DEPTH && self.budget.forms > 0 => {
                self.budget.forms -= 1;
                // (No copies of the form's dictionary or of the resources
                // per `Do`: a form drawn a million times costs its content.)
                let Some(data) = self.file.stream_data(obj) else {
                    return;
                };
                let mut inner = gs.clone();
                if let Obj::Array(m) = self.file.get_in(d, b"Matrix") {
                    let v: Vec<f64> = m.iter().filter_map(Obj::as_f64).collect();
                    if let [a, b, c, dd, e, f] = v[..] {
                        inner.ctm = mul(&[a, b, c, dd, e, f], &inner.ctm);
                    }
                }
                match self.file.get_in(d, b"Resources") {
                    Obj::Dict(r) => self.run(&data, &r, inner, page, depth + 1),
                    _ => self.run(&data, resources, inner, page, depth + 1),
                }
            }
            _ => {}
        }
    }
}

/// Keeps a straight axis-aligned segment (±1 pt) as a ruling line.
fn push_seg(page: &mut Page, p: (f64, f64), q: (f64, f64)) {
    if page.segs.len() >= MAX_SEGMENTS {
        return;
    }
    let (dx, dy) = ((p.0 - q.0).abs(), (p.1 - q.1).abs());
    if !(dx.is_finite() && dy.is_finite()) {
        return;
    }
    if dy <= 1.0 && dx > 1.0 {
        page.segs.push(Seg {
            h: true,
            pos: (p.1 + q.1) / 2.0,
            a: p.0.min(q.0),
            b: p.0.max(q.0),
        });
    } else if dx <= 1.0 && dy > 1.0 {
        page.segs.push(Seg {
            h: false,
            pos: (p.0 + q.0) / 2.0,
            a: p.1.min(q.1),
            b: p.1.max(q.1),
        });
    }
}
