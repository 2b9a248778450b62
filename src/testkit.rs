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
