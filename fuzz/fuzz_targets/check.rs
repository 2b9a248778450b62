//! The whole check path on any bytes: detect, read, recognise, every rule,
//! JSON output. The first byte picks options (locale, empty policy, a
//! previous-year report) so those paths are fuzzed too.
#![no_main]
use libfuzzer_sys::fuzz_target;
use nianbao_check::{check, EmptyPolicy, Options};

fuzz_target!(|data: &[u8]| {
    let (flags, rest) = match data.split_first() {
        Some((f, r)) => (*f, r),
        None => (0, data),
    };
    let mut opts = Options::default();
    if flags & 1 != 0 {
        opts.locale = Some("en".into());
    }
    opts.empty = match (flags >> 1) & 3 {
        1 => EmptyPolicy::Zero,
        2 => EmptyPolicy::Skip,
        _ => EmptyPolicy::ZeroIfAny,
    };
    // Bit 3: split the input at the first 0xFF byte into (report, previous).
    let (input, previous) = if flags & 8 != 0 {
        match rest.iter().position(|b| *b == 0xff) {
            Some(i) => (&rest[..i], Some(&rest[i + 1..])),
            None => (rest, None),
        }
    } else {
        (rest, None)
    };
    let input = String::from_utf8_lossy(input);
    let previous = previous.map(String::from_utf8_lossy);
    let out = check(&input, &opts, previous.as_deref());
    let v = out.to_json_value();
    assert!(!v.is_null(), "output must serialise");
    let s = out.summary();
    assert_eq!(s.errors + s.warnings + s.infos, out.diagnostics.len());
});
