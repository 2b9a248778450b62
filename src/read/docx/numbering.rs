//! Automatic paragraph numbering: the `一、` of `一、总体情况` when Word writes
//! it as a list label (`w:numPr`, directly or through the paragraph style)
//! rather than as text. Without it the section headings and ordinals the
//! recogniser matches on would be missing.
//!
//! Read from `word/numbering.xml` (`w:abstractNum` levels: `w:numFmt`,
//! `w:lvlText`, `w:start`; `w:num` → abstract, `w:startOverride`) and
//! `word/styles.xml` (a style's `w:numPr`, following `w:basedOn`). Counting
//! follows Word: one counter set per abstract list, deeper levels restart when
//! a level above advances.

use super::attr;
use quick_xml::events::{BytesStart, Event};
use std::collections::{HashMap, HashSet};

#[derive(Clone, Default)]
struct Level {
    fmt: String,
    text: String,
    start: u32,
}

/// A `w:num`: its abstract list and start overrides by level.
struct Num {
    id: u32,
    abstract_id: u32,
    overrides: Vec<(u8, u32)>,
}

/// A paragraph style's numbering.
struct StyleNum {
    id: String,
    num_id: Option<u32>,
    ilvl: Option<u8>,
    based_on: Option<String>,
}

#[derive(Default)]
pub struct Numbering {
    abstracts: HashMap<u32, Vec<Level>>,
    nums: HashMap<u32, Num>,
    styles: HashMap<String, StyleNum>,
    counters: HashMap<u32, [u32; 9]>,
    started: HashSet<u32>,
}

fn num(e: &BytesStart) -> Option<u32> {
    attr(e, b"val").and_then(|v| v.trim().parse().ok())
}

impl Numbering {
    /// Reads the numbering and styles parts (either may be empty); what
    /// cannot be parsed is left out, never an error.
    pub fn read(numbering: &[u8], styles: &[u8]) -> Numbering {
        let mut n = Numbering::default();
        n.read_numbering(numbering);
        n.read_styles(styles);
        n
    }

    pub fn is_empty(&self) -> bool {
        self.nums.is_empty()
    }

    fn read_numbering(&mut self, xml: &[u8]) {
        let mut r = quick_xml::Reader::from_reader(xml);
        let mut abs: Option<(u32, Vec<Level>)> = None;
        let mut lvl: Option<usize> = None;
        let mut numb: Option<Num> = None;
        let mut override_lvl: Option<u8> = None;
        loop {
            let (e, empty) = match r.read_event() {
                Ok(Event::Start(e)) => (e, false),
                Ok(Event::Empty(e)) => (e, true),
                Ok(Event::End(e)) => {
                    match e.local_name().as_ref() {
                        b"abstractNum" => {
                            if let Some((id, levels)) = abs.take() {
                                self.abstracts.insert(id, levels);
                            }
                        }
                        b"lvl" => lvl = None,
                        b"num" => {
                            if let Some(n) = numb.take() {
                                self.nums.insert(n.id, n);
                            }
                        }
                        b"lvlOverride" => override_lvl = None,
                        _ => {}
                    }
                    continue;
                }
                Ok(Event::Eof) | Err(_) => break,
                _ => continue,
            };
            match e.local_name().as_ref() {
                b"abstractNum" if !empty => {
                    let id = attr(&e, b"abstractNumId").and_then(|v| v.parse().ok());
                    abs = id.map(|id| (id, vec![Level::default(); 9]));
                }
                b"lvl" if !empty => {
                    lvl = attr(&e, b"ilvl")
                        .and_then(|v| v.parse::<usize>().ok())
                        .filter(|l| *l < 9);
                    if let (Some((_, levels)), Some(l)) = (abs.as_mut(), lvl) {
                        levels[l].start = 1;
                    }
                }
                b"start" | b"numFmt" | b"lvlText" => {
                    let level = match (abs.as_mut(), lvl) {
                        (Some((_, levels)), Some(l)) => &mut levels[l],
                        _ => continue,
                    };
                    match e.local_name().as_ref() {
                        b"start" => level.start = num(&e).unwrap_or(1),
                        b"numFmt" => level.fmt = attr(&e, b"val").unwrap_or_default(),
                        _ => level.text = attr(&e, b"val").unwrap_or_default(),
                    }
                }
                b"num" if !empty => {
                    numb = attr(&e, b"numId")
                        .and_then(|v| v.parse().ok())
                        .map(|id| Num {
                            id,
                            abstract_id: u32::MAX,
                            overrides: Vec::new(),
                        });
                }
                b"abstractNumId" => {
                    if let (Some(n), Some(a)) = (numb.as_mut(), num(&e)) {
                        n.abstract_id = a;
                    }
                }
                b"lvlOverride" if !empty => {
                    override_lvl = attr(&e, b"ilvl").and_then(|v| v.parse().ok());
                }
                b"startOverride" => {
                    if let (Some(n), Some(l), Some(s)) = (numb.as_mut(), override_lvl, num(&e)) {
                        n.overrides.push((l, s));
                    }
                }
                _ => {}
            }
        }
    }

    fn read_styles(&mut self, xml: &[u8]) {
        let mut r = quick_xml::Reader::from_reader(xml);
        let mut cur: Option<StyleNum> = None;
        let mut in_ppr = false;
        loop {
            let (e, empty) = match r.read_event() {
                Ok(Event::Start(e)) => (e, false),
                Ok(Event::Empty(e)) => (e, true),
                Ok(Event::End(e)) => {
                    match e.local_name().as_ref() {
                        b"style" => {
                            if let Some(st) = cur.take() {
                                self.styles.insert(st.id.clone(), st);
                            }
                        }
                        b"pPr" => in_ppr = false,
                        _ => {}
                    }
                    continue;
                }
                Ok(Event::Eof) | Err(_) => break,
                _ => continue,
            };
            let Some(c) = cur.as_mut() else {
                if e.local_name().as_ref() == b"style" && !empty {
                    cur = attr(&e, b"styleId").map(|id| StyleNum {
                        id,
                        num_id: None,
                        ilvl: None,
                        based_on: None,
                    });
                }
                continue;
            };
            match e.local_name().as_ref() {
                b"pPr" if !empty => in_ppr = true,
                b"basedOn" => c.based_on = attr(&e, b"val"),
                b"numId" if in_ppr => c.num_id = num(&e),
                b"ilvl" if in_ppr => c.ilvl = num(&e).and_then(|v| u8::try_from(v).ok()),
                _ => {}
            }
        }
    }

    /// The numbering of a style, following `basedOn` (at most 16 steps).
    fn style_num(&self, style: &str) -> Option<(u32, u8)> {
        let mut s = style;
        let mut ilvl = None;
        for _ in 0..16 {
            let st = self.styles.get(s)?;
            ilvl = ilvl.or(st.ilvl);
            if let Some(n) = st.num_id {
                return Some((n, ilvl.unwrap_or(0)));
            }
            s = st.based_on.as_deref()?;
        }
        None
    }

    /// The label of the next paragraph numbered `num_id`/`ilvl` (direct
    /// numbering) or by `style`; advances the counters.
    pub fn label(&mut self, num_id: Option<u32>, ilvl: Option<u8>, style: Option<&str>) -> String {
        let from_style = style.and_then(|s| self.style_num(s));
        let (num_id, ilvl) = match (num_id, from_style) {
            (Some(n), s) => (n, ilvl.or(s.map(|s| s.1)).unwrap_or(0)),
            (None, Some((n, l))) => (n, ilvl.unwrap_or(l)),
            (None, None) => return String::new(),
        };
        let lvl = usize::from(ilvl).min(8);
        let Some(def) = self.nums.get(&num_id) else {
            return String::new();
        };
        let (abs_id, overrides) = (def.abstract_id, &def.overrides);
        let Some(levels) = self.abstracts.get(&abs_id) else {
            return String::new();
        };
        let counters = self.counters.entry(abs_id).or_insert([0; 9]);
        if self.started.insert(num_id) {
            for (l, s) in overrides {
                if let Some(c) = counters.get_mut(usize::from(*l)) {
                    *c = s.saturating_sub(1);
                }
            }
        }
        // Levels above that never counted start at their start value.
        for (i, c) in counters.iter_mut().enumerate().take(lvl) {
            if *c == 0 {
                *c = levels[i].start.max(1);
            }
        }
        counters[lvl] = if counters[lvl] == 0 {
            levels[lvl].start
        } else {
            counters[lvl].saturating_add(1)
        };
        for c in counters.iter_mut().skip(lvl + 1) {
            *c = 0;
        }
        let level = &levels[lvl];
        if level.fmt == "bullet" || level.fmt == "none" {
            return String::new();
        }
        let mut out = String::new();
        let mut chars = level.text.chars().peekable();
        while let Some(ch) = chars.next() {
            match (ch, chars.peek().and_then(|d| d.to_digit(10))) {
                ('%', Some(d @ 1..=9)) => {
                    chars.next();
                    let i = d as usize - 1;
                    out.push_str(&format_number(counters[i], &levels[i].fmt));
                }
                _ => out.push(ch),
            }
        }
        out
    }
}

/// A counter in a Word number format (the ones reports use; others as digits).
fn format_number(n: u32, fmt: &str) -> String {
    const CN: [char; 10] = ['〇', '一', '二', '三', '四', '五', '六', '七', '八', '九'];
    match fmt {
        "chineseCounting"
        | "chineseCountingThousand"
        | "chineseLegalSimplified"
        | "taiwaneseCounting"
        | "ideographDigital"
            if (1..100).contains(&n) =>
        {
            let (t, u) = ((n / 10) as usize, (n % 10) as usize);
            let mut s = String::new();
            if t > 1 {
                s.push(CN[t]);
            }
            if t >= 1 {
                s.push('十');
            }
            if u > 0 {
                s.push(CN[u]);
            }
            s
        }
        "ideographTraditional" if (1..=10).contains(&n) => {
            ['甲', '乙', '丙', '丁', '戊', '己', '庚', '辛', '壬', '癸'][n as usize - 1].to_string()
        }
        "decimalEnclosedCircle" | "decimalEnclosedCircleChinese" if (1..=20).contains(&n) => {
            char::from_u32(0x245F + n)
                .map(String::from)
                .unwrap_or_default()
        }
        "decimalFullWidth" | "decimalFullWidth2" => n
            .to_string()
            .chars()
            .filter_map(|c| char::from_u32(c as u32 - '0' as u32 + 0xFF10))
            .collect(),
        "lowerLetter" | "upperLetter" if (1..=26).contains(&n) => {
            let base = if fmt == "lowerLetter" { b'a' } else { b'A' };
            char::from(base + (n - 1) as u8).to_string()
        }
        "lowerRoman" | "upperRoman" if (1..40).contains(&n) => {
            let mut s = String::new();
            let mut v = n;
            for (val, r) in [(10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i")] {
                while v >= val {
                    s.push_str(r);
                    v -= val;
                }
            }
            if fmt == "upperRoman" {
                s.to_ascii_uppercase()
            } else {
                s
            }
        }
        _ => n.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chinese_counting() {
        let f = |n| format_number(n, "chineseCounting");
        assert_eq!(
            [f(1), f(6), f(10), f(11), f(20), f(21), f(100)],
            ["一", "六", "十", "十一", "二十", "二十一", "100"]
        );
        assert_eq!(format_number(3, "decimalEnclosedCircle"), "③");
        assert_eq!(format_number(12, "decimalFullWidth"), "１２");
        assert_eq!(format_number(4, "upperRoman"), "IV");
    }

    const NUMBERING: &str = r#"<w:numbering xmlns:w="x">
      <w:abstractNum w:abstractNumId="3"><w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%1、"/></w:lvl>
        <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="（%2）"/></w:lvl>
        <w:lvl w:ilvl="2"><w:numFmt w:val="bullet"/><w:lvlText w:val="•"/></w:lvl></w:abstractNum>
      <w:num w:numId="1"><w:abstractNumId w:val="3"/></w:num>
      <w:num w:numId="2"><w:abstractNumId w:val="3"/><w:lvlOverride w:ilvl="0"><w:startOverride w:val="5"/></w:lvlOverride></w:num>
    </w:numbering>"#;
    const STYLES: &str = r#"<w:styles xmlns:w="x"><w:style w:styleId="1"><w:pPr><w:numPr><w:numId w:val="1"/></w:numPr></w:pPr></w:style>
      <w:style w:styleId="h2"><w:basedOn w:val="1"/><w:pPr><w:numPr><w:ilvl w:val="1"/></w:numPr></w:pPr></w:style></w:styles>"#;

    #[test]
    fn labels_count_and_restart() {
        let mut n = Numbering::read(NUMBERING.as_bytes(), STYLES.as_bytes());
        let got = [
            n.label(Some(1), Some(0), None),
            n.label(None, None, Some("h2")),
            n.label(None, None, Some("h2")),
            n.label(None, None, Some("1")),
            n.label(Some(1), Some(1), None),
            n.label(Some(1), Some(2), None),
            n.label(None, None, Some("plain")),
            n.label(Some(2), Some(0), None),
        ];
        assert_eq!(
            got,
            ["一、", "（一）", "（二）", "二、", "（一）", "", "", "五、"]
        );
    }
}
