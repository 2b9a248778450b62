//! `structure/section-missing` — one of 一…六 not found.
//!
//! **What it checks**: inputs with prose (text, HTML, DOCX) have the six
//! sections 一、总体情况 … 六、其他需要报告的事项, matched by ordinal and
//! keywords, not by the exact heading.
//!
//! **Why**: the format prescribes six sections; a missing one is usually a
//! paste that lost it.
//!
//! **Example**: a report whose 五、存在的主要问题及改进情况 is missing → warning.
//!
//! **Source**: the format.

use crate::diagnostic::{Diagnostic, Severity};
use crate::model::SourceKind;
use crate::rules::{Ctx, Rule};

pub static RULE: Rule = Rule {
    id: "structure/section-missing",
    severity: Severity::Warning,
    title_zh: "缺少报告章节",
    title_en: "Section missing",
    #[cfg(not(target_arch = "wasm32"))]
    doc_zh:
        "报告正文缺少“一、总体情况”至“六、其他需要报告的事项”中的某一部分（按序号和关键词识别）。",
    #[cfg(not(target_arch = "wasm32"))]
    doc_en: "The report lacks one of sections 一 to 六 (matched by ordinal and keywords).",
    check,
};

const NAMES: [(&str, &str); 6] = [
    ("一、总体情况", "1. Overview"),
    ("二、主动公开政府信息情况", "2. Proactive disclosure"),
    (
        "三、收到和处理政府信息公开申请情况",
        "3. Requests received and handled",
    ),
    (
        "四、政府信息公开行政复议、行政诉讼情况",
        "4. Reviews and lawsuits",
    ),
    (
        "五、存在的主要问题及改进情况",
        "5. Problems and improvements",
    ),
    ("六、其他需要报告的事项", "6. Other matters"),
];

fn check(ctx: &Ctx, out: &mut Vec<Diagnostic>) {
    let r = ctx.report;
    if !r.has_prose || r.source_kind == SourceKind::Json {
        return;
    }
    let missing: Vec<u8> = (1..=6).filter(|n| r.section(*n).is_none()).collect();
    if missing.is_empty() {
        return;
    }
    if missing.len() == 6 {
        out.push(
            Diagnostic::new(RULE.id, RULE.severity, "未找到“一、总体情况”至“六、其他需要报告的事项”六部分的标题。".into(), "None of the six section headings (一 to 六) was found.".into())
                .help("请确认报告正文完整，各部分以“一、”“二、”等序号开头。".into(), "Make sure the whole text is there, each section starting with its ordinal (一、二、…).".into())
                .finish("all"),
        );
        return;
    }
    for n in missing {
        let (zh, en) = NAMES[usize::from(n - 1)];
        out.push(
            Diagnostic::new(
                RULE.id,
                RULE.severity,
                format!(
                    "未找到第{}部分“{}”。",
                    zh.chars().next().unwrap_or('一'),
                    zh
                ),
                format!("Section {en} was not found."),
            )
            .finish(&n.to_string()),
        );
    }
}

#[cfg(test)]
mod tests {
    use crate::read::{recognize::recognize, text};
    use crate::rules::testutil::of;

    #[test]
    fn fires_and_not() {
        let seed = include_str!("../../../examples/seed-linzi-yingji-2020.txt");
        let o = crate::check_report(
            recognize(&text::read(seed)),
            &crate::Options::default(),
            None,
        );
        assert!(of(&o.diagnostics, "structure/section-missing").is_empty());
        let gap = seed.replace("五、存在的主要问题及改进情况\n", "");
        let o = crate::check_report(
            recognize(&text::read(&gap)),
            &crate::Options::default(),
            None,
        );
        let m = of(&o.diagnostics, "structure/section-missing");
        assert_eq!(m.len(), 1);
        assert!(m[0].message_zh.contains("五、存在的主要问题"));
    }
}
