//! Cell-value parsing and exact arithmetic: parse any string as each value
//! kind; a parsed number must print and re-parse to itself, and sums must be
//! exact or refuse (None), never wrap.
#![no_main]
use libfuzzer_sys::fuzz_target;
use nianbao_check::model::{parse_cell, Num, ValueKind};

fuzz_target!(|data: &[u8]| {
    let s = String::from_utf8_lossy(data);
    let mut vals = Vec::new();
    for kind in [
        ValueKind::Count,
        ValueKind::SignedCount,
        ValueKind::MoneyWan,
        ValueKind::MoneyAny,
    ] {
        let p = parse_cell(&s, kind);
        if let Some(v) = p.value {
            let printed = v.to_string();
            assert_eq!(Num::parse(&printed), Some(v), "{printed}");
            vals.push(v);
        }
    }
    // Split the input in two numbers, compare and add them exactly.
    let mid = s
        .char_indices()
        .nth(s.chars().count() / 2)
        .map_or(0, |(i, _)| i);
    let (a, b) = s.split_at(mid);
    if let (Some(x), Some(y)) = (Num::parse(a.trim()), Num::parse(b.trim())) {
        if let Some(sum) = x.checked_add(y) {
            assert_eq!(sum.checked_sub(y), Some(x));
            assert_eq!(x.cmp(&y), sum.checked_sub(y).unwrap().cmp(&y));
        }
        assert_eq!(x.cmp(&y), y.cmp(&x).reverse());
    }
});
