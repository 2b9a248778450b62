//! Plain-text rendering of findings (CLI, snapshots).

use super::{Diagnostic, Locale};
use crate::model::Source;

/// Where a source points, for people: `第12行` / `line 12`, `表格1 第3行第2列`.
pub fn location(source: &Source, locale: Locale) -> String {
    let mut parts = Vec::new();
    if let Some(l) = source.line {
        parts.push(match locale {
            Locale::Zh => format!("第{l}行"),
            Locale::En => format!("line {l}"),
        });
    }
    if let Some(p) = &source.path {
        parts.push(p.clone());
    }
    if let (Some(t), Some(r), Some(c)) = (source.table, source.row, source.col) {
        if source.line.is_none() || source.kind != crate::model::SourceKind::Text {
            parts.push(match locale {
                Locale::Zh => format!("第{}个表格第{}行第{}列", t + 1, r + 1, c + 1),
                Locale::En => format!("table {} row {} col {}", t + 1, r + 1, c + 1),
            });
        }
    }
    if let Some(p) = source.paragraph {
        parts.push(match locale {
            Locale::Zh => format!("第{}段", p + 1),
            Locale::En => format!("paragraph {}", p + 1),
        });
    }
    parts.join(" ")
}

/// One finding as lines of text.
pub fn render(d: &Diagnostic, locale: Locale) -> String {
    let mut s = format!("{}[{}] {}", sev(d, locale), d.rule, d.message(locale));
    let help = match locale {
        Locale::Zh => d.help_zh.as_deref(),
        Locale::En => d.help_en.as_deref(),
    };
    if let Some(h) = help {
        s.push_str("\n  ");
        s.push_str(match locale {
            Locale::Zh => "建议：",
            Locale::En => "help: ",
        });
        s.push_str(h);
    }
    let at = d
        .cells
        .first()
        .and_then(|c| c.source.as_ref())
        .or(d.source.as_ref());
    if let Some(src) = at {
        let loc = location(src, locale);
        if !loc.is_empty() {
            s.push_str("\n  @ ");
            s.push_str(&loc);
        }
    }
    // A finding on cells that also points into the prose: the sentence.
    if let (Some(_), Some(src)) = (d.cells.first(), d.source.as_ref()) {
        let loc = location(src, locale);
        if !loc.is_empty() {
            s.push_str(match locale {
                Locale::Zh => "\n  @ 正文 ",
                Locale::En => "\n  @ text ",
            });
            s.push_str(&loc);
        }
    }
    s
}

fn sev(d: &Diagnostic, locale: Locale) -> &'static str {
    match locale {
        Locale::Zh => match d.severity {
            super::Severity::Error => "错误",
            super::Severity::Warning => "警告",
            super::Severity::Info => "提示",
        },
        Locale::En => d.severity.as_str(),
    }
}
