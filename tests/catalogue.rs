//! The rule catalogue: every rule of format.md §6 is registered, every
//! registered rule has its own file with a doc and tests, and docs/rules.md
//! (generated from the registry and the rule files' docs) is up to date.

use nianbao_check::rules::REGISTRY;
use std::path::Path;

const ROOT: &str = env!("CARGO_MANIFEST_DIR");

fn rule_file(id: &str) -> std::path::PathBuf {
    let (group, name) = id.split_once('/').expect("group/name");
    Path::new(ROOT)
        .join("src/rules")
        .join(group)
        .join(format!("{}.rs", name.replace('-', "_")))
}

#[test]
fn every_spec_rule_is_registered() {
    let Ok(spec) = std::fs::read_to_string(Path::new(ROOT).join("../shared/spec/format.md")) else {
        eprintln!("skipped: ../shared/spec/format.md is not beside the repository");
        return;
    };
    let section = spec
        .split("## 6. Rule catalogue")
        .nth(1)
        .expect("§6")
        .split("\n## ")
        .next()
        .unwrap_or("");
    let mut ids = Vec::new();
    for line in section.lines().filter(|l| l.starts_with("| `")) {
        let first = line.split('|').nth(1).unwrap_or("");
        for part in first.split('`').skip(1).step_by(2) {
            ids.push(part.to_string());
        }
    }
    assert!(ids.len() >= 20, "parsed {ids:?}");
    for id in &ids {
        let r = nianbao_check::rules::find(id);
        assert!(r.is_some(), "{id} from format.md §6 is not registered");
        let sev_in_spec = section
            .lines()
            .find(|l| l.contains(&format!("`{id}`")))
            .unwrap_or("");
        assert!(
            sev_in_spec.contains(r.map(|r| r.severity.as_str()).unwrap_or("?")),
            "{id}: severity differs from format.md: {sev_in_spec}"
        );
    }
}

#[test]
fn every_rule_has_a_file_doc_and_tests() {
    let mut seen = std::collections::HashSet::new();
    for r in REGISTRY {
        assert!(seen.insert(r.id), "{} registered twice", r.id);
        assert!(
            !r.title_zh.is_empty()
                && !r.title_en.is_empty()
                && !r.doc_zh.is_empty()
                && !r.doc_en.is_empty(),
            "{}",
            r.id
        );
        if r.id == "input/unreadable" {
            continue; // lives in rules/mod.rs: it reports on the input, not the report
        }
        let path = rule_file(r.id);
        let src = std::fs::read_to_string(&path)
            .unwrap_or_else(|_| panic!("{} has no file {}", r.id, path.display()));
        assert!(
            src.starts_with(&format!("//! `{}`", r.id)),
            "{}: file doc must start with the id",
            r.id
        );
        for heading in ["**What it checks**", "**Why**", "**Example**", "**Source**"] {
            assert!(src.contains(heading), "{}: doc lacks {heading}", r.id);
        }
        assert!(
            src.contains("#[cfg(test)]") && src.contains("#[test]"),
            "{}: no tests",
            r.id
        );
        assert!(
            src.contains(&format!("id: \"{}\"", r.id)),
            "{}: id not in its file",
            r.id
        );
    }
}

fn generated_docs() -> String {
    let mut s = String::from("# Rules\n\nGenerated from the rule registry and each rule file's doc comment (`cargo test --test catalogue` checks it; `UPDATE_DOCS=1` rewrites it).\n\n| id | severity | title |\n|---|---|---|\n");
    for r in REGISTRY {
        s.push_str(&format!(
            "| [`{}`](#{}) | {} | {} · {} |\n",
            r.id,
            r.id.replace(['/', '-'], ""),
            r.severity.as_str(),
            r.title_zh,
            r.title_en
        ));
    }
    for r in REGISTRY {
        s.push_str(&format!(
            "\n## {}\n\n<a id=\"{}\"></a>\n**{}** · {} · {}\n\n{}\n\n{}\n",
            r.id,
            r.id.replace(['/', '-'], ""),
            r.severity.as_str(),
            r.title_zh,
            r.title_en,
            r.doc_zh,
            r.doc_en
        ));
        if let Ok(src) = std::fs::read_to_string(rule_file(r.id)) {
            let doc: Vec<&str> = src
                .lines()
                .take_while(|l| l.starts_with("//!"))
                .skip(1)
                .map(|l| l.trim_start_matches("//!").trim_start_matches(' '))
                .collect();
            s.push('\n');
            s.push_str(doc.join("\n").trim());
            s.push('\n');
        }
    }
    s
}

/// A generated file matches what the code generates (`UPDATE_DOCS=1` rewrites it).
fn up_to_date(rel: &str, want: &str) {
    let path = Path::new(ROOT).join(rel);
    if std::env::var_os("UPDATE_DOCS").is_some() {
        std::fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
        std::fs::write(&path, want).expect("write");
    }
    let have = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        have == want,
        "{rel} is stale: run UPDATE_DOCS=1 cargo test --test catalogue"
    );
}

#[test]
fn docs_are_up_to_date() {
    up_to_date("docs/rules.md", &generated_docs());
}

/// js/rule-docs.js: the rules' short docs for the npm package. The wasm build
/// leaves them out (they would cost ~2.4 kB gzipped of the 150 kB budget);
/// the package's `rules()` adds them from this file.
fn generated_js_docs() -> String {
    let mut s = String::from("// Generated by `cargo test --test catalogue` (UPDATE_DOCS=1 rewrites it) from the\n// rule registry: the rules' short docs, which the wasm build leaves out.\nexport const RULE_DOCS = {\n");
    for r in REGISTRY {
        let zh = serde_json::to_string(r.doc_zh).expect("json");
        let en = serde_json::to_string(r.doc_en).expect("json");
        s.push_str(&format!(
            "  {}: {{ docZh: {zh}, docEn: {en} }},\n",
            serde_json::to_string(r.id).expect("json")
        ));
    }
    s.push_str("};\n");
    s
}

#[test]
fn js_docs_are_up_to_date() {
    up_to_date("js/rule-docs.js", &generated_js_docs());
}
