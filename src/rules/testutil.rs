//! Helpers for the rules' inline tests.

use crate::model::ids::Format;
use crate::{Diagnostic, Options};
use serde_json::Value;

pub fn base(format: Format) -> Value {
    let year = if format == Format::F2021 { 2022 } else { 2020 };
    crate::testkit::consistent(format, year, &mut crate::testkit::xorshift(7))
}

pub fn run(v: &Value) -> Vec<Diagnostic> {
    run_with(v, &Options::default(), None)
}

pub fn run_with(v: &Value, opts: &Options, prev: Option<&Value>) -> Vec<Diagnostic> {
    let report = crate::read::json::read_value(v).expect("fixture");
    let prev = prev.map(|p| crate::read::json::read_value(p).expect("prev fixture"));
    crate::check_report(report, opts, prev.as_ref()).diagnostics
}

pub fn of<'a>(d: &'a [Diagnostic], rule: &str) -> Vec<&'a Diagnostic> {
    d.iter().filter(|x| x.rule == rule).collect()
}

/// Sets a value at a path like `t3/new/natural`.
pub fn set(v: &mut Value, path: &str, val: Value) {
    let mut cur = &mut v["tables"];
    for p in path.split('/') {
        cur = &mut cur[p];
    }
    *cur = val;
}

pub fn remove(v: &mut Value, path: &str) {
    let parts: Vec<&str> = path.split('/').collect();
    let mut cur = &mut v["tables"];
    for p in &parts[..parts.len() - 1] {
        cur = &mut cur[*p];
    }
    if let Some(o) = cur.as_object_mut() {
        o.remove(parts[parts.len() - 1]);
    }
}

pub const BOTH: [Format; 2] = [Format::F2019, Format::F2021];
