//! schema/report.schema.json — the JSON Schema of the canonical JSON model a
//! CMS form sends — is generated from the canonical ids (model/ids.rs), so it
//! cannot drift from what the reader accepts. `UPDATE_SCHEMA=1` rewrites it.

use nianbao_check::model::ids::{self, Format, TableId};
use nianbao_check::testkit::{consistent, xorshift};
use serde_json::{json, Map, Value};
use std::path::Path;

fn value_schema(desc: &str) -> Value {
    json!({"description": desc, "type": ["number", "string", "null"]})
}

fn generated() -> Value {
    let mut t2 = Map::new();
    for f in [Format::F2021, Format::F2019] {
        for b in ids::t2_blocks(f) {
            let entry = t2.entry(b.id.to_string()).or_insert_with(
                || json!({"type": "object", "description": b.zh, "properties": {}}),
            );
            for r in b.rows {
                let rows = entry["properties"].as_object_mut().expect("props");
                let row = rows.entry(r.id.to_string()).or_insert_with(|| json!({"type": "object", "description": r.zh, "properties": {}, "additionalProperties": false}));
                for c in b.cols {
                    let desc = format!("{}（{}年格式）", c.item.zh, f.as_str());
                    if let Some(props) = row["properties"].as_object_mut() {
                        props
                            .entry(c.item.id.to_string())
                            .or_insert_with(|| value_schema(&desc));
                    }
                }
            }
        }
    }
    let cols = |list: &[ids::Column]| -> Value {
        let mut m = Map::new();
        for c in list {
            m.insert(c.item.id.into(), value_schema(c.item.zh));
        }
        json!({"type": "object", "properties": m, "additionalProperties": false})
    };
    let mut t3 = Map::new();
    for f in [Format::F2019, Format::F2021] {
        for r in ids::t3_rows(f) {
            let mut row = cols(ids::T3_COLUMNS);
            row["description"] = json!(r.zh);
            t3.entry(r.id.to_string()).or_insert(row);
        }
    }
    let mut t4 = Map::new();
    for g in ids::T4_GROUPS {
        let mut row = cols(ids::T4_COLUMNS);
        row["description"] = json!(g.zh);
        t4.insert(g.id.into(), row);
    }
    json!({
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "nianbao-check/report.schema.json",
        "title": "政府信息公开工作年度报告 — canonical model (nianbao-check)",
        "description": "A report as a CMS form sends it. Values: a number, a string as typed (\"25.96万元\", \"无\", \"１２\") or null for an empty cell. Ids are those of format.md; rows of both formats are listed, the reader uses the ones of the report's format. Rows not in the format (provincial additions) are accepted and reported as structure/row-unknown.",
        "type": "object",
        "properties": {
            "year": {"type": ["integer", "string"], "description": "报告年度, e.g. 2022"},
            "format": {"enum": ["2019", "2021", 2019, 2021], "description": "国家格式：2019（国办公开办函〔2019〕60号）或2021（〔2021〕30号）"},
            "title": {"type": "string"},
            "tables": {
                "type": "object",
                "properties": {
                    TableId::T2.as_str(): {"type": "object", "description": "表二 主动公开政府信息情况", "properties": t2, "additionalProperties": {"type": "object"}},
                    TableId::T3.as_str(): {"type": "object", "description": "表三 收到和处理政府信息公开申请情况", "properties": t3, "additionalProperties": {"type": "object"}},
                    TableId::T4.as_str(): {"type": "object", "description": "表四 政府信息公开行政复议、行政诉讼情况", "properties": t4, "additionalProperties": false}
                },
                "additionalProperties": false
            },
            "sections": {
                "description": "正文：{\"1\": \"…\", …, \"6\": \"…\"} or [{ordinal, heading, text}]",
                "oneOf": [
                    {"type": "object", "patternProperties": {"^[1-6]$": {"type": "string"}}, "additionalProperties": false},
                    {"type": "array", "items": {"type": "object", "properties": {"ordinal": {"type": "integer", "minimum": 1, "maximum": 6}, "heading": {"type": "string"}, "text": {"type": "string"}}, "required": ["ordinal"]}}
                ]
            }
        },
        "required": ["tables"]
    })
}

#[test]
fn schema_file_is_generated_from_the_ids() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("schema/report.schema.json");
    let want = serde_json::to_string_pretty(&generated()).expect("json") + "\n";
    if std::env::var_os("UPDATE_SCHEMA").is_some() {
        std::fs::create_dir_all(path.parent().expect("dir")).expect("mkdir");
        std::fs::write(&path, &want).expect("write");
    }
    let have = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        have == want,
        "schema/report.schema.json is stale: UPDATE_SCHEMA=1 cargo test --test schema"
    );
}

/// Every path of a generated report is described by the schema.
#[test]
fn generated_reports_fit_the_schema() {
    let schema = generated();
    for f in [Format::F2019, Format::F2021] {
        let v = consistent(f, 2022, &mut xorshift(11));
        for (t, table) in v["tables"].as_object().expect("tables") {
            let ts = &schema["properties"]["tables"]["properties"][t];
            assert!(ts.is_object(), "{t}");
            let depth = if t == "t2" { 3 } else { 2 };
            fn walk(v: &Value, s: &Value, depth: usize, path: &str) {
                if depth == 0 {
                    assert!(v.is_number() || v.is_string() || v.is_null(), "{path}");
                    assert!(s.get("type").is_some(), "{path} has no schema");
                    return;
                }
                for (k, child) in v.as_object().expect("object") {
                    let cs = &s["properties"][k];
                    assert!(cs.is_object(), "{path}/{k} not in the schema");
                    walk(child, cs, depth - 1, &format!("{path}/{k}"));
                }
            }
            walk(table, ts, depth, t);
        }
    }
}
