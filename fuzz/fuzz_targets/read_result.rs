//! The hand-over between the browsers' two modules (`read::ReadResult`):
//! the reader module writes what it read as JSON, the web module parses it.
//! On any text: parsing is a result or an error, never a panic; what parses
//! checks without a panic, and writes back to JSON that parses to the same
//! JSON again (the writer and the reader agree). On any bytes read as HTML
//! (and as a Word file or PDF when they are one): what the reader writes
//! parses back to exactly the same JSON, and checking it gives what a
//! direct check gives.
#![no_main]
use libfuzzer_sys::fuzz_target;
use nianbao_check::read::ReadResult;
use nianbao_check::{Limits, Options, Previous};

fn round_trip(json: &str) {
    let back = ReadResult::parse(json)
        .unwrap_or_else(|e| panic!("the reader's own JSON does not parse: {e}\n{json}"));
    assert_eq!(back.to_json_string(), json, "the JSON changed on a round trip");
}

fuzz_target!(|data: &[u8]| {
    let small = data.len() % 2 == 1;
    let mut options = Options::default();
    if small {
        options.limits = Limits {
            max_input_bytes: 1 << 20,
            max_cells: 64,
            max_span: 8,
            max_depth: 8,
        };
    }
    let text = String::from_utf8_lossy(data);
    // Any text as the hand-over.
    if let Ok(read) = ReadResult::parse(&text) {
        let json = read.to_json_string();
        round_trip(&json);
        let _ = nianbao_check::check_read_with(read, &options, Previous::None);
    }
    // Text detected as HTML through the reader module's readHtml (as
    // js/core.js sends it there).
    if nianbao_check::detect(&text) != nianbao_check::InputKind::Html {
        return file(data, &options);
    }
    let read = nianbao_check::read_html_result(&text, &options);
    let json = read.to_json_string();
    round_trip(&json);
    if let Ok(parsed) = ReadResult::parse(&json) {
        let via = nianbao_check::check_read_with(parsed, &options, Previous::None);
        let direct = nianbao_check::check_with(&text, &options, Previous::None);
        assert_eq!(via.to_json_string(), direct.to_json_string(), "HTML: the two paths differ");
    }
    file(data, &options);
});

/// Bytes that are a Word file or a PDF through readFile.
fn file(data: &[u8], options: &Options) {
    let Some(read) = nianbao_check::read_file_result(data, options) else {
        return;
    };
    let json = read.to_json_string();
    round_trip(&json);
    if let Ok(parsed) = ReadResult::parse(&json) {
        let via = nianbao_check::check_read_with(parsed, options, Previous::None);
        let direct = nianbao_check::check_bytes(data, options, None);
        assert_eq!(via.to_json_string(), direct.to_json_string(), "file: the two paths differ");
    }
}
