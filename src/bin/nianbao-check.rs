//! Native command line: `nianbao-check [--json] [--locale en] FILE [--previous FILE]`.
//! The npm package's CLI is the full one (folders, CSV, progress); this one is
//! for Rust users and the README's quick look.

use nianbao_check::diagnostic::render::render;
use nianbao_check::{check_bytes, Options};
use std::process::ExitCode;

fn main() -> ExitCode {
    let mut args = std::env::args().skip(1);
    let mut json = false;
    let mut opts = Options::default();
    let mut file = None;
    let mut previous = None;
    while let Some(a) = args.next() {
        match a.as_str() {
            "--json" => json = true,
            "--locale" => opts.locale = args.next(),
            "--previous" => previous = args.next(),
            "-h" | "--help" => {
                println!(
                    "usage: nianbao-check [--json] [--locale zh-CN|en] [--previous FILE] FILE"
                );
                return ExitCode::SUCCESS;
            }
            _ => file = Some(a),
        }
    }
    let Some(file) = file else {
        eprintln!("usage: nianbao-check [--json] [--locale zh-CN|en] [--previous FILE] FILE");
        return ExitCode::from(2);
    };
    let read = |p: &str| match std::fs::read(p) {
        Ok(b) => Ok(b),
        Err(e) => Err(format!("{p}: {e}")),
    };
    let input = match read(&file) {
        Ok(s) => s,
        Err(e) => {
            eprintln!("{e}");
            return ExitCode::from(2);
        }
    };
    let prev = match previous.as_deref().map(read).transpose() {
        Ok(p) => p,
        Err(e) => {
            eprintln!("{e}");
            return ExitCode::from(2);
        }
    };
    let out = check_bytes(&input, &opts, prev.as_deref());
    // Write through a lock and stop quietly when the reader goes away
    // (`| head`): a closed pipe is not an error of the check.
    let _ = print(&out, &file, json);
    if out.summary().errors > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

fn print(out: &nianbao_check::Output, file: &str, json: bool) -> std::io::Result<()> {
    use std::io::Write;
    let mut w = std::io::stdout().lock();
    if json {
        let text = serde_json::to_string_pretty(&out.to_json_value()).unwrap_or_default();
        writeln!(w, "{text}")?;
    } else {
        let r = &out.report;
        writeln!(
            w,
            "{}  format {}  year {}",
            file,
            r.format.map(|f| f.as_str()).unwrap_or("?"),
            r.year.map(|y| y.to_string()).unwrap_or_else(|| "?".into())
        )?;
        for d in &out.diagnostics {
            writeln!(w, "{}", render(d, out.locale))?;
        }
        let s = out.summary();
        writeln!(
            w,
            "{} error(s), {} warning(s), {} info",
            s.errors, s.warnings, s.infos
        )?;
    }
    w.flush()
}
