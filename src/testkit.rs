//! Builders of consistent reports in the canonical JSON shape, for tests,
//! property tests and benchmarks.

use crate::model::ids::{self, Format};
use serde_json::{json, Map, Value};

/// A consistent report (every sum holds) in `format` for `year`; `next`
/// supplies small numbers.
pub fn consistent(format: Format, year: i32, next: &mut dyn FnMut() -> u64) -> Value {
    let mut t3 = Map::new();
    let outcome: Vec<&str> = ids::t3_outcome_rows(format).collect();
    let mut results = [0u64; 6];
    for r in &outcome {
        let vals: Vec<u64> = (0..6).map(|_| next() % 50).collect();
        for (i, v) in vals.iter().enumerate() {
            results[i] += v;
        }
        t3.insert(r.to_string(), row(&vals));
    }
    t3.insert("results_total".into(), row(&results));
    let carried_out: Vec<u64> = (0..6).map(|_| next() % 10).collect();
    let carried_in: Vec<u64> = (0..6)
        .map(|i| next() % (results[i] + carried_out[i] + 1))
        .collect();
    let new: Vec<u64> = (0..6)
        .map(|i| results[i] + carried_out[i] - carried_in[i])
        .collect();
    t3.insert("new".into(), row(&new));
    t3.insert("carried_in".into(), row(&carried_in));
    t3.insert("carried_out".into(), row(&carried_out));

    let mut t4 = Map::new();
    for g in ids::T4_GROUPS {
        let v: Vec<u64> = (0..4).map(|_| next() % 5).collect();
        t4.insert(g.id.into(), json!({"upheld": v[0], "corrected": v[1], "other": v[2], "pending": v[3], "total": v.iter().sum::<u64>()}));
    }

    let mut t2 = Map::new();
    for b in ids::t2_blocks(format) {
        let mut rows = Map::new();
        for r in b.rows {
            let mut cols = Map::new();
            for c in b.cols {
                let v = next() % 1000;
                let val = match (c.kind, c.item.id) {
                    (crate::model::ValueKind::SignedCount, _) => json!(v as i64 - 500),
                    (crate::model::ValueKind::MoneyWan, _)
                    | (crate::model::ValueKind::MoneyAny, _) => {
                        json!(format!("{}.{:02}", v, next() % 100))
                    }
                    _ => json!(v),
                };
                cols.insert(c.item.id.into(), val);
            }
            rows.insert(r.id.into(), Value::Object(cols));
        }
        t2.insert(b.id.into(), Value::Object(rows));
    }
    let sixth = if format == Format::F2021 {
        "本年度未收取信息处理费。"
    } else {
        "无。"
    };
    json!({
        "year": year,
        "format": format.as_str(),
        "tables": {"t2": t2, "t3": t3, "t4": t4},
        "sections": {"1": format!("{year}年，本机关认真贯彻落实《条例》。"), "2": "", "3": "", "4": "", "5": "无。", "6": sixth}
    })
}

fn row(vals: &[u64]) -> Value {
    let total: u64 = vals.iter().sum();
    json!({
        "natural": vals[0], "commercial": vals[1], "research": vals[2],
        "nonprofit": vals[3], "legal": vals[4], "other": vals[5], "total": total
    })
}

/// A simple deterministic generator (xorshift) for fixtures.
pub fn xorshift(seed: u64) -> impl FnMut() -> u64 {
    let mut s = seed.max(1);
    move || {
        s ^= s << 13;
        s ^= s >> 7;
        s ^= s << 17;
        s
    }
}

/// Renders a canonical JSON model in the seed's text layout (headings and
/// prose lines, table cells one per tab-indented line, rows separated by
/// blank lines), with the official labels of its format.
pub fn to_text(v: &Value, format: Format) -> String {
    let cell = |t: &str, path: &[&str]| -> String {
        let mut cur = &v["tables"][t];
        for p in path {
            cur = &cur[*p];
        }
        match cur {
            Value::Null => String::new(),
            Value::String(s) => s.clone(),
            other => other.to_string(),
        }
    };
    let year = v["year"].as_i64().unwrap_or(2020);
    let mut s = format!("某某局{year}年政府信息公开工作年度报告\n本报告统计期限自{year}年1月1日起至{year}年12月31日止。\n一、总体情况\n{}\n二、主动公开政府信息情况\n", v["sections"]["1"].as_str().unwrap_or(""));
    for b in ids::t2_blocks(format) {
        s.push_str(&format!("\t{}\n\n\t信息内容\n", b.zh));
        for c in b.cols {
            s.push_str(&format!("\t{}\n", c.item.zh));
        }
        s.push('\n');
        for r in b.rows {
            s.push_str(&format!("\t{}\n", r.zh));
            for c in b.cols {
                s.push_str(&format!("\t{}\n", cell("t2", &[b.id, r.id, c.item.id])));
            }
            s.push('\n');
        }
    }
    s.push_str("\n三、收到和处理政府信息公开申请情况\n\t（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）\n\t申请人情况\n\n\t\n\t自然人\n\t法人或其他组织\n\t总计\n\n\t\n\t\n\t商业企业\n\t科研机构\n\t社会公益组织\n\t法律服务机构\n\t其他\n\t\n\n");
    for r in ids::t3_rows(format) {
        // Rows under a group label write it as a second label cell, the
        // way Word extraction does: "（三）不予公开" then "1．属于国家秘密".
        let label = r.zh.replace(' ', "\n\t");
        s.push_str(&format!("\t{label}\n"));
        for c in ids::T3_COLUMNS {
            s.push_str(&format!("\t{}\n", cell("t3", &[r.id, c.item.id])));
        }
        s.push('\n');
    }
    s.push_str("\n四、政府信息公开行政复议、行政诉讼情况\n\t行政复议\n\t行政诉讼\n\n\t结果维持\n\t结果纠正\n\t其他结果\n\t尚未审结\n\t总计\n\t未经复议直接起诉\n\t复议后起诉\n\n");
    for _ in 0..5 {
        s.push_str("\t\n");
    }
    for _ in 0..2 {
        for c in ids::T4_COLUMNS {
            s.push_str(&format!("\t{}\n", c.item.zh));
        }
    }
    s.push('\n');
    for g in ids::T4_GROUPS {
        for c in ids::T4_COLUMNS {
            s.push_str(&format!("\t{}\n", cell("t4", &[g.id, c.item.id])));
        }
    }
    s.push_str(&format!(
        "\n五、存在的主要问题及改进情况\n{}\n六、其他需要报告的事项\n{}\n",
        v["sections"]["5"].as_str().unwrap_or(""),
        v["sections"]["6"].as_str().unwrap_or("")
    ));
    s
}
