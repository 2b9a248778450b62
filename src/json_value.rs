//! A parsed JSON value for the readers (`read::json`, `json_in`): what
//! `serde_json::Value` holds, with objects as one vector sorted by key
//! instead of a `BTreeMap` (issue #12: the map's insert, search, iterators
//! and drops for `<String, Value>` cost ≈ 3 kB gzipped in the wasm).
//!
//! serde_json still parses: [`Value`]'s `Deserialize` takes what its
//! deserializer hands over exactly as `serde_json::Value`'s does, so the
//! accepted texts, the errors (message, line, column) and the nesting limit
//! are serde_json's. Objects read as a `BTreeMap` would: members in key
//! order, the last of duplicate keys kept.

use serde::de::{Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_json::Number;
use std::fmt;

#[derive(Clone, Debug, PartialEq)]
pub enum Value {
    Null,
    Bool(bool),
    Number(Number),
    String(String),
    Array(Vec<Value>),
    Object(Map),
}

/// An object's members, sorted by key, keys unique.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Map {
    members: Vec<(String, Value)>,
}

impl Map {
    pub fn get(&self, key: &str) -> Option<&Value> {
        let i = self
            .members
            .binary_search_by(|(k, _)| k.as_str().cmp(key))
            .ok()?;
        Some(&self.members[i].1)
    }
    pub fn len(&self) -> usize {
        self.members.len()
    }
    pub fn is_empty(&self) -> bool {
        self.members.is_empty()
    }
    /// The members in key order.
    pub fn iter(&self) -> impl Iterator<Item = (&String, &Value)> {
        self.into_iter()
    }
    pub fn values(&self) -> impl Iterator<Item = &Value> {
        self.members.iter().map(|(_, v)| v)
    }

    /// From members in text order: sorted by key, the last of equal keys
    /// kept (a `BTreeMap` built by `insert`).
    fn from_members(members: Vec<(String, Value)>) -> Map {
        let order =
            crate::sort::order_by(members.len(), &mut |a, b| members[a].0.cmp(&members[b].0));
        let mut slots: Vec<Option<(String, Value)>> = members.into_iter().map(Some).collect();
        let mut out: Vec<(String, Value)> = Vec::with_capacity(slots.len());
        for i in order {
            let Some(m) = slots.get_mut(i).and_then(Option::take) else {
                continue;
            };
            match out.last_mut() {
                // Equal keys are in text order: the later one wins.
                Some(last) if last.0 == m.0 => *last = m,
                _ => out.push(m),
            }
        }
        Map { members: out }
    }
}

type Member<'a> = (&'a String, &'a Value);

impl<'a> IntoIterator for &'a Map {
    type Item = Member<'a>;
    type IntoIter = std::iter::Map<
        std::slice::Iter<'a, (String, Value)>,
        fn(&'a (String, Value)) -> Member<'a>,
    >;
    fn into_iter(self) -> Self::IntoIter {
        self.members.iter().map(|(k, v)| (k, v))
    }
}

impl Value {
    pub fn get(&self, key: &str) -> Option<&Value> {
        self.as_object()?.get(key)
    }
    pub fn as_object(&self) -> Option<&Map> {
        match self {
            Value::Object(m) => Some(m),
            _ => None,
        }
    }
    pub fn as_array(&self) -> Option<&Vec<Value>> {
        match self {
            Value::Array(a) => Some(a),
            _ => None,
        }
    }
    pub fn as_str(&self) -> Option<&str> {
        match self {
            Value::String(s) => Some(s),
            _ => None,
        }
    }
    pub fn as_bool(&self) -> Option<bool> {
        match self {
            Value::Bool(b) => Some(*b),
            _ => None,
        }
    }
    pub fn as_u64(&self) -> Option<u64> {
        match self {
            Value::Number(n) => n.as_u64(),
            _ => None,
        }
    }
    pub fn as_i64(&self) -> Option<i64> {
        match self {
            Value::Number(n) => n.as_i64(),
            _ => None,
        }
    }
    pub fn is_u64(&self) -> bool {
        matches!(self, Value::Number(n) if n.is_u64())
    }
    pub fn is_i64(&self) -> bool {
        matches!(self, Value::Number(n) if n.is_i64())
    }
    pub fn is_null(&self) -> bool {
        matches!(self, Value::Null)
    }

    /// Parses JSON text (serde_json's parser and errors).
    pub fn parse(text: &str) -> Result<Value, serde_json::Error> {
        serde_json::from_str(text)
    }

    /// The same value from a `serde_json::Value` (the public readers that
    /// take one).
    pub fn from_serde(v: &serde_json::Value) -> Value {
        Value::deserialize(v).unwrap_or(Value::Null)
    }
}

impl<'de> Deserialize<'de> for Value {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Value, D::Error> {
        d.deserialize_any(ValueVisitor)
    }
}

/// As serde_json's own `Value` visitor.
struct ValueVisitor;

impl<'de> Visitor<'de> for ValueVisitor {
    type Value = Value;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any valid JSON value")
    }
    fn visit_bool<E>(self, b: bool) -> Result<Value, E> {
        Ok(Value::Bool(b))
    }
    fn visit_i64<E>(self, n: i64) -> Result<Value, E> {
        Ok(Value::Number(n.into()))
    }
    fn visit_u64<E>(self, n: u64) -> Result<Value, E> {
        Ok(Value::Number(n.into()))
    }
    fn visit_f64<E>(self, n: f64) -> Result<Value, E> {
        Ok(Number::from_f64(n).map_or(Value::Null, Value::Number))
    }
    fn visit_str<E>(self, s: &str) -> Result<Value, E> {
        Ok(Value::String(s.to_string()))
    }
    fn visit_string<E>(self, s: String) -> Result<Value, E> {
        Ok(Value::String(s))
    }
    fn visit_none<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }
    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Value, D::Error> {
        Value::deserialize(d)
    }
    fn visit_unit<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Value, A::Error> {
        let mut v = Vec::new();
        while let Some(e) = seq.next_element()? {
            v.push(e);
        }
        Ok(Value::Array(v))
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Value, A::Error> {
        let mut members = Vec::new();
        while let Some(m) = map.next_entry::<String, Value>()? {
            members.push(m);
        }
        Ok(Value::Object(Map::from_members(members)))
    }
}

#[cfg(test)]
mod tests {
    use super::Value;

    /// The same tree as serde_json's `Value` (objects in key order).
    fn same(a: &Value, b: &serde_json::Value) -> bool {
        match (a, b) {
            (Value::Null, serde_json::Value::Null) => true,
            (Value::Bool(x), serde_json::Value::Bool(y)) => x == y,
            (Value::Number(x), serde_json::Value::Number(y)) => x == y,
            (Value::String(x), serde_json::Value::String(y)) => x == y,
            (Value::Array(x), serde_json::Value::Array(y)) => {
                x.len() == y.len() && x.iter().zip(y).all(|(a, b)| same(a, b))
            }
            (Value::Object(x), serde_json::Value::Object(y)) => {
                x.len() == y.len()
                    && x.iter()
                        .zip(y)
                        .all(|((ka, va), (kb, vb))| ka == kb && same(va, vb))
            }
            _ => false,
        }
    }

    #[test]
    fn reads_as_serde_json_value() {
        for text in [
            r#"{"b":1,"a":[true,null,-2,3.5,"x"],"b":{"z":{},"y":[],"a":"\u00e9"},"a2":-0}"#,
            r#"{"k":1,"k":2,"j":3,"k":4,"a":{"k":5,"k":6}}"#,
            r#"[1e300, 18446744073709551615, 18446744073709551616, -9223372036854775809]"#,
            r#""only a string""#,
            "{}",
            "[]",
            "null",
        ] {
            let ours = Value::parse(text).expect(text);
            let theirs: serde_json::Value = serde_json::from_str(text).expect(text);
            assert!(same(&ours, &theirs), "{text}");
            assert!(same(&Value::from_serde(&theirs), &theirs), "{text}");
        }
        let mut many = String::from("{");
        for i in (0..500).rev() {
            many.push_str(&format!("\"k{}\":{i},", i % 97));
        }
        many.push_str("\"end\":0}");
        let theirs: serde_json::Value = serde_json::from_str(&many).unwrap();
        assert!(same(&Value::parse(&many).unwrap(), &theirs));
    }

    #[test]
    fn errors_are_serde_json_errors() {
        let deep = "[".repeat(200);
        for text in [
            "",
            "{",
            "{\"a\" 1}",
            "[1,]",
            "01",
            "\"\\x\"",
            "{\"a\":1}}",
            "nul",
            "1e400",
            "\"\u{1}\"",
            &deep,
        ] {
            let ours = Value::parse(text).expect_err(text).to_string();
            let theirs = serde_json::from_str::<serde_json::Value>(text)
                .expect_err(text)
                .to_string();
            assert_eq!(ours, theirs);
        }
    }
}
