//! Each wording `text/table-mismatch` reads, each numeral form, and each
//! sentence that is not a claim about the table, on a consistent report
//! (the JSON form; tests/claims.rs covers the corpus and the other forms).
//!
//! For a claim: written with the table's value it is read, tied to the
//! expected cells and agrees; written with another value it gives exactly
//! one warning on those cells.

use nianbao_check::model::{Format, Num, Report};
use nianbao_check::rules::text::claims::{of_report, Mention, Reading};
use nianbao_check::testkit::{consistent, xorshift};
use nianbao_check::{check_report, Options};
use serde_json::{json, Value};

fn report(v: &Value) -> Report {
    nianbao_check::read::json::read_value(v).expect("fixture")
}

fn with_prose(format: Format, section: &str, text: &str) -> Value {
    let year = if format == Format::F2021 { 2022 } else { 2020 };
    let mut v = consistent(format, year, &mut xorshift(11));
    // Figures that differ from each other, so a claim tied to the wrong
    // cell shows.
    v["tables"]["t4"]["review"] =
        json!({"upheld": 3, "corrected": 2, "other": 1, "pending": 1, "total": 7});
    v["tables"]["t4"]["suit_direct"] =
        json!({"upheld": 1, "corrected": 1, "other": 0, "pending": 2, "total": 4});
    v["tables"]["t4"]["suit_after_review"] =
        json!({"upheld": 2, "corrected": 0, "other": 0, "pending": 0, "total": 2});
    v["sections"][section] = json!(text);
    v
}

fn mentions(v: &Value) -> Vec<Mention> {
    of_report(&report(v), &Options::default())
}

fn mismatches(v: &Value) -> Vec<nianbao_check::Diagnostic> {
    check_report(report(v), &Options::default(), None)
        .diagnostics
        .into_iter()
        .filter(|d| d.rule == "text/table-mismatch")
        .collect()
}

/// Each figure of `text` as read: `topic value`, `unplaced value` or
/// `not reason value`.
fn readings(format: Format, section: &str, text: &str) -> Vec<String> {
    readings_of(&with_prose(format, section, text))
}

fn readings_of(v: &Value) -> Vec<String> {
    mentions(v)
        .iter()
        .map(|m| match &m.reading {
            Reading::Claim { topic, .. } => format!("{} {}", topic.id, m.value),
            Reading::Unplaced { .. } => format!("unplaced {}", m.value),
            Reading::Not(w) => format!("not {w} {}", m.value),
        })
        .collect()
}

/// The value the table gives for a claim's first alternative.
fn table_value(r: &Report, m: &Mention) -> Num {
    let Reading::Claim { alts, .. } = &m.reading else {
        panic!("not a claim: {m:?}")
    };
    Num::sum(alts[0].iter().map(|(t, b, row, col)| {
        r.table(*t)
            .and_then(|t| t.cell(*b, row, col))
            .and_then(|c| c.value())
            .unwrap_or_else(|| panic!("no value at {row}/{col}"))
    }))
    .expect("sum")
}

fn cn(n: u64) -> String {
    const D: [&str; 10] = ["零", "一", "二", "三", "四", "五", "六", "七", "八", "九"];
    match n {
        0..=9 => D[n as usize].to_string(),
        10..=19 => format!("十{}", if n > 10 { D[(n % 10) as usize] } else { "" }),
        20..=99 => format!(
            "{}十{}",
            D[(n / 10) as usize],
            if n % 10 > 0 { D[(n % 10) as usize] } else { "" }
        ),
        _ => n.to_string(),
    }
}

fn fullwidth(n: u64) -> String {
    n.to_string()
        .chars()
        .map(|c| char::from_u32(c as u32 + 0xfee0).expect("digit"))
        .collect()
}

/// `{}` is the figure. Each wording is read as `topic` (the claim's id).
const WORDINGS: &[(Format, &str, &str, &str)] = &[
    // table 3
    (
        Format::F2021,
        "3",
        "本年度共收到政府信息公开申请{}件。",
        "t3/received/total",
    ),
    (
        Format::F2021,
        "3",
        "本年度新收政府信息公开申请{}件。",
        "t3/received/total",
    ),
    (
        Format::F2021,
        "3",
        "全年共受理依申请公开{}件，均按时答复。",
        "t3/received/total",
    ),
    (
        Format::F2021,
        "1",
        "本年度全区共收到{}件申请，均已依法答复。",
        "t3/received/total",
    ),
    (
        Format::F2021,
        "3",
        "上年结转政府信息公开申请{}件。",
        "t3/carried_in/total",
    ),
    (
        Format::F2021,
        "3",
        "全年共办结政府信息公开申请{}件。",
        "t3/concluded/total",
    ),
    (Format::F2021, "3", "其中予以公开{}件。", "t3/granted/total"),
    (
        Format::F2021,
        "3",
        "其中同意公开答复{}件。",
        "t3/granted/total",
    ),
    (
        Format::F2021,
        "3",
        "对申请部分公开{}件。",
        "t3/partial/total",
    ),
    (
        Format::F2021,
        "3",
        "申请中予以公开和部分公开{}件。",
        "t3/granted+partial/total",
    ),
    (
        Format::F2021,
        "3",
        "申请中予以公开及部分公开 {} 件（占12.5%）。",
        "t3/granted+partial/total",
    ),
    (
        Format::F2021,
        "3",
        "办理申请中不予公开{}件。",
        "t3/denied/total",
    ),
    (
        Format::F2021,
        "3",
        "办理申请中不予公开答复{}件。",
        "t3/denied/total",
    ),
    (
        Format::F2021,
        "3",
        "因本机关不掌握等原因无法提供{}件。",
        "t3/unable/total",
    ),
    (
        Format::F2021,
        "3",
        "属信访、重复申请等不予处理{}件。",
        "t3/rejected/total",
    ),
    (Format::F2021, "3", "申请中其他处理{}件。", "t3/other/total"),
    (Format::F2019, "3", "申请中其他处理{}件。", "t3/other/total"),
    (
        Format::F2021,
        "3",
        "申请已全部办理，结转下年度继续办理{}件。",
        "t3/carried_out/total",
    ),
    (
        Format::F2021,
        "3",
        "申请已全部办理，{}件结转下年度继续办理。",
        "t3/carried_out/total",
    ),
    (
        Format::F2021,
        "3",
        "申请转下一年度办理答复的有{}件。",
        "t3/carried_out/total",
    ),
    (
        Format::F2021,
        "3",
        "申请结转至2023年{}件。",
        "t3/carried_out/total",
    ),
    (
        Format::F2021,
        "3",
        "收到申请若干，其中自然人申请{}件。",
        "t3/received/natural",
    ),
    (
        Format::F2021,
        "3",
        "收到申请若干，其中法人或其他组织申请{}件。",
        "t3/received/commercial+research+nonprofit+legal+other",
    ),
    (
        Format::F2021,
        "3",
        "收到申请若干，涉及商业企业{}件。",
        "t3/received/commercial",
    ),
    (
        Format::F2021,
        "3",
        "收到申请若干，涉及科研机构{}件。",
        "t3/received/research",
    ),
    // table 4
    (
        Format::F2021,
        "4",
        "本年度发生政府信息公开行政复议{}件。",
        "t4/review/total",
    ),
    (
        Format::F2021,
        "4",
        "本年度行政复议案件{}起。",
        "t4/review/total",
    ),
    (
        Format::F2021,
        "4",
        "本年度有{}件涉及政府信息公开工作的行政复议。",
        "t4/review/total",
    ),
    (
        Format::F2021,
        "4",
        "本年度行政诉讼{}件。",
        "t4/suit_direct+suit_after_review/total",
    ),
    (
        Format::F2021,
        "4",
        "行政复议案件若干，其中维持{}件。",
        "t4/review/upheld",
    ),
    (
        Format::F2021,
        "4",
        "行政复议案件若干，其中被纠错{}件。",
        "t4/review/corrected",
    ),
    (
        Format::F2021,
        "4",
        "行政诉讼若干，尚未审结{}件。",
        "t4/suit_direct+suit_after_review/pending",
    ),
    (
        Format::F2021,
        "4",
        "全年共办理行政复议、行政诉讼相关案件{}件。",
        "t4/all/total",
    ),
    // table 2
    (
        Format::F2021,
        "2",
        "集中公开现行有效行政规范性文件{}件。",
        "t2/normative/in_force",
    ),
    (
        Format::F2021,
        "2",
        "本年度制发的规范性文件{}件。",
        "t2/normative/issued",
    ),
    (
        Format::F2021,
        "2",
        "本年度废止规范性文件{}件。",
        "t2/normative/repealed",
    ),
    (
        Format::F2019,
        "2",
        "全年主动公开规章{}件。",
        "t2/regulations/published",
    ),
    (
        Format::F2021,
        "2",
        "本年度印发规章若干、规范性文件{}件。",
        "t2/normative/issued",
    ),
    (
        Format::F2019,
        "2",
        "本年度新制作规范性文件{}件。",
        "t2/normative/made",
    ),
    (Format::F2021, "2", "全年办理行政许可{}件。", "t2/licensing"),
    (Format::F2021, "2", "作出行政处罚决定{}件。", "t2/penalty"),
    (Format::F2021, "2", "实施行政强制{}件。", "t2/coercion"),
];

fn read_one(v: &Value, topic: &str, text: &str) -> (Report, Mention) {
    let r = report(v);
    let ms: Vec<Mention> = of_report(&r, &Options::default())
        .into_iter()
        .filter(|m| matches!(&m.reading, Reading::Claim { topic: t, .. } if t.id == topic))
        .collect();
    assert_eq!(ms.len(), 1, "{text:?} → {:#?}", mentions(v));
    (r, ms.into_iter().next().expect("one"))
}

#[test]
fn every_wording_is_read_and_checked() {
    for (format, section, template, topic) in WORDINGS {
        // Read the claim once with a placeholder figure to learn its cells.
        let probe = template.replace("{}", "9999");
        let (r, m) = read_one(&with_prose(*format, section, &probe), topic, &probe);
        let value = table_value(&r, &m).as_i64().expect("count") as u64;
        for written in [value.to_string(), cn(value), fullwidth(value)] {
            let text = template.replace("{}", &written);
            let v = with_prose(*format, section, &text);
            let (_, m) = read_one(&v, topic, &text);
            assert_eq!(m.value, Num::int(value as i64), "{text}");
            assert!(mismatches(&v).is_empty(), "{text}: {:#?}", mismatches(&v));
        }
        let wrong = template.replace("{}", &(value + 3).to_string());
        let v = with_prose(*format, section, &wrong);
        let d = mismatches(&v);
        assert_eq!(d.len(), 1, "{wrong}: {d:#?}");
        assert_eq!(d[0].actual, Some(Num::int(value as i64 + 3)), "{wrong}");
        assert_eq!(d[0].expected, Some(Num::int(value as i64)), "{wrong}");
        assert!(d[0].source.is_some(), "{wrong}: the claim's place");
        assert!(
            d[0].message_zh.contains(&wrong.replace('。', "")),
            "{wrong}: {}",
            d[0].message_zh
        );
    }
}

#[test]
fn zero_written_as_words() {
    let cases: &[(&str, &[&str])] = &[
        ("本年度未收到政府信息公开申请。", &["t3/received/total"]),
        (
            "本年度未发生政府信息公开行政复议、行政诉讼案件。",
            &["t4/review/total", "t4/suit_direct+suit_after_review/total"],
        ),
        ("本年度无行政复议。", &["t4/review/total"]),
        (
            "全年未发生因依申请公开被行政复议纠错或被行政诉讼败诉的情况。",
            &["t4/corrected"],
        ),
    ];
    for (text, topics) in cases {
        let v = with_prose(Format::F2021, "4", text);
        let got: Vec<String> = mentions(&v)
            .iter()
            .filter_map(|m| match &m.reading {
                Reading::Claim { topic, .. } => {
                    assert_eq!(m.value, Num::ZERO, "{text}");
                    Some(topic.id.clone())
                }
                _ => None,
            })
            .collect();
        assert_eq!(got, *topics, "{text}");
        // The fixture's table 4 has non-zero totals and corrections: each is a finding.
        let t3_zero = topics.contains(&"t3/received/total");
        assert_eq!(
            mismatches(&v).len(),
            if t3_zero { 1 } else { topics.len() },
            "{text}: {:#?}",
            mismatches(&v)
        );
    }
    // Zero in the table and in the words: nothing.
    let mut v = with_prose(
        Format::F2021,
        "4",
        "本年度未发生政府信息公开行政复议、行政诉讼案件。",
    );
    for g in ["review", "suit_direct", "suit_after_review"] {
        v["tables"]["t4"][g] =
            json!({"upheld": 0, "corrected": 0, "other": 0, "pending": 0, "total": 0});
    }
    assert!(mismatches(&v).is_empty());
    // 无 in 无法提供 / 无正当理由 is no zero.
    let v = with_prose(
        Format::F2021,
        "3",
        "申请人无正当理由大量反复申请的，不予处理；无法提供的已告知。",
    );
    assert!(mentions(&v)
        .iter()
        .all(|m| !matches!(m.reading, Reading::Claim { .. })));
}

#[test]
fn not_claims_about_the_table() {
    let cases: &[(&str, &str)] = &[
        ("本年度收到政府信息公开申请数量同比增加5件。", "comparison"),
        ("收到申请较上年减少12件。", "comparison"),
        ("自2008年以来累计收到政府信息公开申请1200件。", "cumulative"),
        ("2021年共收到政府信息公开申请120件。", "other-year"),
        ("上年共收到政府信息公开申请98件。", "other-year"),
        ("其中区民政局收到政府信息公开申请12件。", "other-body"),
        ("收到《关于收到政府信息公开申请3件的复函》。", "title"),
        ("受理各类群众诉求259起。", "no-request"),
        ("区政府本级收到政府信息公开申请30件。", "other-body"),
        ("各部门共收到政府信息公开申请20件。", "other-body"),
    ];
    for (text, why) in cases {
        let v = with_prose(Format::F2021, "3", text);
        let ms = mentions(&v);
        assert_eq!(ms.len(), 1, "{text}: {ms:#?}");
        assert!(
            matches!(ms[0].reading, Reading::Not(w) if w == *why),
            "{text}: {:?}",
            ms[0].reading
        );
        assert!(mismatches(&v).is_empty(), "{text}");
    }
    // Figures with no table keyword are not mentions at all; percentages
    // and money that is not a fee row neither.
    for text in [
        "全年主动公开政府信息4511条，开展意见征集9期。",
        "全年公开政策文件4件。",
        "办结率100%，满意度98.5%。",
        "收取信息处理费共计380元。",
        "电话0591-23165370。",
        "认真办理每一件政府信息公开申请，做到同一件申请只答复一次。",
        "一是完善制度，二是规范办理依申请公开。",
    ] {
        let v = with_prose(Format::F2021, "6", text);
        assert!(
            mentions(&v)
                .iter()
                .all(|m| !matches!(m.reading, Reading::Claim { .. } | Reading::Unplaced { .. })),
            "{text}: {:#?}",
            mentions(&v)
        );
        assert!(mismatches(&v).is_empty(), "{text}");
    }
}

#[test]
fn split_across_lines_and_fees_in_yuan() {
    // A figure broken by a line break (PDF conversion) reads whole.
    let probe = "本年度共收到政府信息公开申请9999件。";
    let (r, m) = read_one(
        &with_prose(Format::F2021, "3", probe),
        "t3/received/total",
        probe,
    );
    let n = table_value(&r, &m).as_i64().expect("count");
    let digits = n.to_string();
    let text = format!(
        "本年度共收到政府信息公开\n申请 {}\n{} 件。",
        &digits[..1],
        &digits[1..]
    );
    let v = with_prose(Format::F2021, "3", &text);
    let (_, m) = read_one(&v, "t3/received/total", &text);
    assert_eq!(m.value, Num::int(n));
    assert!(mismatches(&v).is_empty());
    // Money: 元 in the text against 万元 in the table.
    let mut v = with_prose(Format::F2021, "2", "全年收取行政事业性收费15600元。");
    v["tables"]["t2"]["item8"]["fees"]["amount"] = json!("1.56");
    assert!(mismatches(&v).is_empty(), "{:#?}", mismatches(&v));
    v["sections"]["2"] = json!("全年收取行政事业性收费2.5万元。");
    let d = mismatches(&v);
    assert_eq!(d.len(), 1);
    assert!(d[0].message_zh.contains("2.5万元"), "{}", d[0].message_zh);
}

#[test]
fn unplaced_figures_are_said() {
    for (text, n) in [
        ("本年度受理行政许可申请120件。", 1),
        ("清理规范性文件12件。", 1),
        ("废止规范性文件若干，修改规范性文件3件。", 1),
        ("本年度受理行政许可120件。", 1),
        ("本年度收到政府信息公开申请若干件。", 0),
    ] {
        let v = with_prose(Format::F2021, "2", text);
        let out = check_report(report(&v), &Options::default(), None);
        let d: Vec<_> = out
            .diagnostics
            .iter()
            .filter(|d| d.rule == "text/claim-unplaced")
            .collect();
        assert_eq!(d.len(), n, "{text}: {d:#?}");
        if n > 0 {
            assert!(
                d[0].message_zh.contains(text.trim_end_matches('。')),
                "{}",
                d[0].message_zh
            );
        }
    }
    // 2019: table 2 has no repealed column.
    let v = with_prose(Format::F2019, "2", "本年度废止规范性文件3件。");
    assert!(matches!(mentions(&v)[0].reading, Reading::Unplaced { .. }));
}

#[test]
fn a_bracket_breaks_a_figure_down() {
    // Shanghai's wording: what was published is no column of the 2021
    // table (unplaced); the bracket's parts are.
    let text = "主动公开市政府规章13件（含新制定5件，修改4件，废止4件）。";
    let mut v = with_prose(Format::F2021, "2", text);
    v["tables"]["t2"]["item1"]["regulations"] =
        json!({"issued": 5, "repealed": 4, "in_force": 120});
    let got = readings_of(&v);
    assert_eq!(
        got,
        [
            "unplaced 13",
            "t2/regulations/issued 5",
            "t2/regulations/repealed 4"
        ]
    );
    assert!(mismatches(&v).is_empty());
    v["tables"]["t2"]["item1"]["regulations"]["repealed"] = json!(3);
    assert_eq!(mismatches(&v).len(), 1);
}

/// How real reports put it (county and city reports found on public sites,
/// reworded): each sentence and what it must be read as.
#[test]
fn wordings_of_real_reports() {
    let read = readings;
    let f = Format::F2021;
    assert_eq!(
        read(f, "1", "全年共收到依申请公开14件（其中信件申请10件，网络申请4件），已办结12件，2件结转下年办理。"),
        ["t3/received/total 14", "t3/concluded/total 12", "t3/carried_out/total 2"]
    );
    assert_eq!(
        read(f, "1", "2022年共受理30件依申请公开，办结31件（其中1件为2021年结转本年度办理），无结转下年度继续办理。"),
        ["t3/received/total 30", "t3/concluded/total 31", "t3/carried_out/total 0"]
    );
    assert_eq!(
        read(
            f,
            "2",
            "2022年共制发行政规范性文件12件，废止3件，现行有效件数25件。"
        ),
        [
            "t2/normative/issued 12",
            "t2/normative/repealed 3",
            "t2/normative/in_force 25"
        ]
    );
    // A verb with an object of its own does not take the document type.
    assert_eq!(
        read(f, "2", "废止规范性文件2件，印发通知3件。"),
        ["t2/normative/repealed 2"]
    );
    assert_eq!(
        read(f, "1", "全年共收到政府信息公开申请10件，其中9件为网上申请，1件为书面申请，未引起行政复议和行政诉讼情形。"),
        ["t3/received/total 10", "t4/review/total 0", "t4/suit_direct+suit_after_review/total 0"]
    );
    assert_eq!(
        read(
            f,
            "1",
            "本年度未收到和处理政府信息公开申请事项，无政府信息公开类行政复议、行政诉讼情况发生。"
        ),
        [
            "t3/received/total 0",
            "t4/review/total 0",
            "t4/suit_direct+suit_after_review/total 0"
        ]
    );
    assert_eq!(
        read(
            f,
            "1",
            "本年度收到政府信息依申请公开9件，上年转结1件，发生行政复议1件。"
        ),
        [
            "t3/received/total 9",
            "t3/carried_in/total 1",
            "t4/review/total 1"
        ]
    );
    assert_eq!(
        read(
            f,
            "1",
            "全区共发生涉及政府信息公开的行政诉讼案件2件，被纠错0件。"
        ),
        [
            "t4/suit_direct+suit_after_review/total 2",
            "t4/suit_direct+suit_after_review/corrected 0"
        ]
    );
    assert_eq!(
        read(f, "1", "全市共收到政府信息公开申请3429件，申请数量较2021年上升29.3%；答复政府信息公开申请3443件（含上年度转结）。"),
        ["t3/received/total 3429", "t3/concluded/total 3443"]
    );
}

#[test]
fn wordings_of_real_reports_two() {
    let read = |text: &str| readings(Format::F2021, "1", text);
    assert_eq!(
        read("本年度制定发布规范性文件4件，清理废止文件0件，现行有效文件20件。"),
        [
            "t2/normative/issued 4",
            "t2/normative/repealed 0",
            "t2/normative/in_force 20"
        ]
    );
    assert_eq!(
        read("全年依申请公开共收到群众网上申请105件，快递17件，合计122件，上年结转11件，已回复126件，7件正在办理中。"),
        ["not channel 105", "t3/carried_in/total 11", "t3/carried_out/total 7"]
    );
    assert_eq!(
        read("行政复议144件，120件做了复议决定，行政诉讼97件，27件法院做出判决。"),
        [
            "t4/review/total 144",
            "t4/suit_direct+suit_after_review/total 97"
        ]
    );
    assert_eq!(
        read("全市新收政府信息公开申请1541件，加上上年结转的，共办理政府信息公开申请1527件，其中予以公开或部分公开占58.5%。"),
        ["t3/received/total 1541", "t3/handled/total 1527"]
    );
}
