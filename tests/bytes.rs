//! `check_bytes`: what a file picker or `fs.readFile` hands over.

use nianbao_check::{check, check_bytes, Options};

fn seed() -> String {
    std::fs::read_to_string(format!(
        "{}/examples/seed-linzi-yingji-2020.txt",
        env!("CARGO_MANIFEST_DIR")
    ))
    .expect("seed")
}

#[test]
fn text_bytes_check_like_the_string() {
    let s = seed();
    let o = Options::default();
    let a = check(&s, &o, None);
    let b = check_bytes(s.as_bytes(), &o, None);
    assert_eq!(a.to_json_value(), b.to_json_value());
    assert_eq!(b.summary().errors, 4);
}

#[test]
fn invalid_utf8_is_read_lossily_not_refused() {
    let mut bytes = seed().into_bytes();
    bytes.insert(0, 0xFF);
    let out = check_bytes(&bytes, &Options::default(), None);
    assert_eq!(out.summary().errors, 4);
}

#[test]
fn oversized_bytes_are_refused_before_reading() {
    let mut o = Options::default();
    o.limits.max_input_bytes = 100;
    let out = check_bytes(seed().as_bytes(), &o, None);
    assert_eq!(
        out.diagnostics.len(),
        1,
        "no rule findings on an unread input"
    );
    assert_eq!(out.diagnostics[0].rule, "input/unreadable");
    assert!(out.diagnostics[0].message_zh.contains("输入过大"));
    assert!(out.report.tables.is_empty());
}

/// Without the `docx` feature a Word file is refused with its own message.
#[cfg(not(feature = "docx"))]
#[test]
fn word_files_without_the_docx_feature() {
    let out = check_bytes(b"PK\x03\x04rest", &Options::default(), None);
    assert_eq!(out.diagnostics[0].rule, "input/unreadable");
    assert!(out.diagnostics[0]
        .message_zh
        .contains("未包含 DOCX 读取功能"));
}
