#!/usr/bin/env node
// nianbao-check CLI: checks report files and folders with the wasm core.
// Exit status: 0 no errors, 1 errors found, 2 bad usage or unreadable input.
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { basename, extname, join, relative } from 'node:path';
import { check, decode, version } from './node.js';

const EXTENSIONS = new Set(['.html', '.htm', '.txt', '.json', '.md', '.docx', '.pdf']);

const HELP = `用法 / usage: nianbao-check [options] <file|dir>...

检查政府信息公开工作年度报告。Checks 政府信息公开工作年度报告 files; folders are
searched recursively for ${[...EXTENSIONS].join(' ')}.

options:
  --format human|json|csv   output format (default human)
  --locale zh-CN|en         language of messages (default zh-CN)
  --previous <file>         last year's report, for the history/* rules
  --pair-years              pair each report with the same body's previous
                            year found among the inputs
  --rules <id,...>          run only these rules (ids or prefixes such as t3/)
  --skip <id,...>           skip these rules
  --empty zero-if-any|zero|skip
                            how empty cells count in sums
  --year <yyyy>             the report year (overrides detection)
  --report-format 2019|2021 the table format (overrides detection)
  --color / --no-color      force colours on or off (default: on a TTY, unless NO_COLOR)
  --no-progress             no progress bar
  -h, --help                this help
  -V, --version             version

exit status: 0 no errors, 1 errors found, 2 bad usage or unreadable input`;

class UsageError extends Error {}

function parseArgs(argv) {
  const a = { format: 'human', locale: 'zh-CN', previous: undefined, pairYears: false, inputs: [], options: {}, color: undefined, progress: true };
  const value = (i, name) => {
    if (i + 1 >= argv.length || argv[i + 1].startsWith('--')) throw new UsageError(`${name} 需要一个值 / needs a value`);
    return argv[i + 1];
  };
  for (let i = 0; i < argv.length; i++) {
    let arg = argv[i];
    const eq = arg.startsWith('--') ? arg.indexOf('=') : -1;
    if (eq > 0) {
      argv = [...argv.slice(0, i), arg.slice(0, eq), arg.slice(eq + 1), ...argv.slice(i + 1)];
      arg = argv[i];
    }
    switch (arg) {
      case '-h':
      case '--help':
        return { help: true };
      case '-V':
      case '--version':
        return { version: true };
      case '--format':
        a.format = value(i++, arg);
        if (!['human', 'json', 'csv'].includes(a.format)) throw new UsageError(`--format: 未知格式 / unknown format '${a.format}' (human|json|csv)`);
        break;
      case '--locale':
        a.locale = value(i++, arg);
        if (!/^(zh(-cn|-hans|_cn)?|en(-us|-gb)?)$/i.test(a.locale)) throw new UsageError(`--locale: 未知语言 / unknown locale '${a.locale}' (zh-CN|en)`);
        break;
      case '--previous':
        a.previous = value(i++, arg);
        break;
      case '--pair-years':
        a.pairYears = true;
        break;
      case '--rules':
      case '--skip':
        a.options[arg.slice(2)] = value(i++, arg).split(',').map((s) => s.trim()).filter(Boolean);
        break;
      case '--empty': {
        const v = value(i++, arg);
        if (!['zero-if-any', 'zero', 'skip'].includes(v)) throw new UsageError(`--empty: '${v}' (zero-if-any|zero|skip)`);
        a.options.empty = v;
        break;
      }
      case '--year': {
        const v = value(i++, arg);
        if (!/^\d{4}$/.test(v)) throw new UsageError(`--year: '${v}' 不是年份 / is not a year`);
        a.options.year = Number(v);
        break;
      }
      case '--report-format': {
        const v = value(i++, arg);
        if (v !== '2019' && v !== '2021') throw new UsageError(`--report-format: '${v}' (2019|2021)`);
        a.options.format = v;
        break;
      }
      case '--color':
        a.color = true;
        break;
      case '--no-color':
        a.color = false;
        break;
      case '--no-progress':
        a.progress = false;
        break;
      default:
        if (arg.startsWith('-') && arg !== '-') throw new UsageError(`未知选项 / unknown option '${arg}'`);
        a.inputs.push(arg);
    }
  }
  if (a.inputs.length === 0) throw new UsageError('没有输入文件 / no input file or folder given');
  if (a.previous !== undefined && a.pairYears) throw new UsageError('--previous 与 --pair-years 不能同时使用 / cannot be combined');
  a.options.locale = a.locale;
  return a;
}

/** Expands folders recursively (sorted, hidden entries skipped); collects unreadable paths. */
function collect(inputs) {
  const files = [];
  const problems = [];
  const walk = (dir) => {
    let entries;
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch (e) {
      problems.push({ path: dir, reason: e.message });
      return;
    }
    entries.sort((x, y) => (x.name < y.name ? -1 : x.name > y.name ? 1 : 0));
    for (const e of entries) {
      if (e.name.startsWith('.') || e.name === 'node_modules') continue;
      const p = join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.isFile() && EXTENSIONS.has(extname(e.name).toLowerCase())) files.push(p);
    }
  };
  for (const input of inputs) {
    let st;
    try {
      st = statSync(input);
    } catch (e) {
      problems.push({ path: input, reason: e.code === 'ENOENT' ? '文件不存在 / no such file or directory' : e.message });
      continue;
    }
    if (st.isDirectory()) walk(input);
    else files.push(input);
  }
  return { files, problems };
}

function readInput(path) {
  const bytes = readFileSync(path);
  // JSON files are the canonical model: parse here so a syntax error names the file.
  return new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

/** The body a report is about: its title without the year, else the file name without it. */
function bodyKey(path, result) {
  const strip = (s) => s.replace(/(19|20)\d{2}\s*年?度?/g, '').replace(/[\s\-_.（）()]/g, '');
  if (result.title) {
    const k = strip(result.title);
    if (k) return k;
  }
  return strip(basename(path, extname(path))) || path;
}

/** One diagnostic in the CLI's JSON shape. */
function outDiagnostic(d, locale) {
  return {
    rule: d.rule,
    severity: d.severity,
    message: d.message,
    cells: d.cells.map((c) => ({
      table: c.table,
      block: c.block,
      row: c.row,
      column: c.column,
      raw: c.raw,
      value: c.value,
      label: c.label,
      location: c.source ? location(c.source, locale) : null,
    })),
    expected: d.expected,
    actual: d.actual,
    location: where(d, locale),
    help: d.help ?? null,
    fingerprint: d.fingerprint,
  };
}

/** Where a source points, for people. */
function location(s, locale) {
  const zh = !/^en/i.test(locale);
  const parts = [];
  if (s.line != null) parts.push(zh ? `第${s.line}行` : `line ${s.line}`);
  if (s.path != null) parts.push(s.path);
  if (s.table != null && s.row != null && s.col != null && (s.line == null || s.kind !== 'text')) {
    parts.push(zh ? `第${s.table + 1}个表格第${s.row + 1}行第${s.col + 1}列` : `table ${s.table + 1} row ${s.row + 1} col ${s.col + 1}`);
  }
  if (s.paragraph != null) parts.push(zh ? `第${s.paragraph + 1}段` : `paragraph ${s.paragraph + 1}`);
  return parts.join(' ');
}

function where(d, locale) {
  const c = d.cells.find((c) => c.source);
  if (c) return location(c.source, locale);
  if (d.source) return location(d.source, locale);
  return null;
}

function csvField(v) {
  const s = v === null || v === undefined ? '' : String(v);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

const CSV_HEADER = ['path', 'rule', 'severity', 'table', 'block', 'row', 'column', 'raw', 'value', 'expected', 'actual', 'message'];

function paint(enabled) {
  const wrap = (code) => (s) => (enabled ? `\x1b[${code}m${s}\x1b[0m` : s);
  return { red: wrap('31'), yellow: wrap('33'), cyan: wrap('36'), dim: wrap('2'), bold: wrap('1'), green: wrap('32') };
}

function humanFile(f, locale, c) {
  const zh = !/^en/i.test(locale);
  const lines = [];
  const meta = zh ? `格式 ${f.format ?? '?'} · 年度 ${f.year ?? '?'}` : `format ${f.format ?? '?'} · year ${f.year ?? '?'}`;
  lines.push(`${c.bold(f.path)}  ${c.dim(meta)}`);
  if (f.previous) lines.push(c.dim(zh ? `  上年报告：${f.previous}` : `  previous year: ${f.previous}`));
  if (f.diagnostics.length === 0) lines.push(`  ${c.green(zh ? '未发现问题' : 'no findings')}`);
  for (const d of f.diagnostics) {
    const sev = { error: c.red(zh ? '错误' : 'error'), warning: c.yellow(zh ? '警告' : 'warning'), info: c.cyan(zh ? '提示' : 'info') }[d.severity];
    lines.push(`  ${sev} ${c.dim(`[${d.rule}]`)} ${d.message}`);
    const at = d.cells[0]?.label ? `${d.cells[0].label}${d.location ? `（${d.location}）` : ''}` : d.location;
    if (at) lines.push(`    ${c.dim(zh ? `位置：${at}` : `at: ${at}`)}`);
    if (d.help) lines.push(`    ${c.dim(zh ? `建议：${d.help}` : `help: ${d.help}`)}`);
  }
  return lines.join('\n');
}

function summaryLine(s, locale, c) {
  return /^en/i.test(locale)
    ? `${s.files} file(s) checked: ${c.red(`${s.errors} error(s)`)}, ${c.yellow(`${s.warnings} warning(s)`)}, ${s.infos} info${s.unreadable ? `, ${s.unreadable} unreadable` : ''}`
    : `共检查 ${s.files} 个文件：${c.red(`错误 ${s.errors} 个`)}，${c.yellow(`警告 ${s.warnings} 个`)}，提示 ${s.infos} 个${s.unreadable ? `，无法读取 ${s.unreadable} 个` : ''}`;
}

function progressBar(total, enabled) {
  if (!enabled || total < 2) return { tick() {}, done() {} };
  let last = 0;
  const draw = (n, label) => {
    const width = 24;
    const fill = Math.round((n / total) * width);
    const text = `[${'#'.repeat(fill)}${' '.repeat(width - fill)}] ${n}/${total} ${label}`;
    const cols = process.stderr.columns || 80;
    process.stderr.write(`\r\x1b[K${text.slice(0, cols - 1)}`);
  };
  return {
    tick(n, label) {
      const now = Date.now();
      if (now - last > 80 || n === total) {
        last = now;
        draw(n, label);
      }
    },
    done() {
      process.stderr.write('\r\x1b[K');
    },
  };
}

export function main(argv, io = { stdout: process.stdout, stderr: process.stderr, env: process.env }) {
  let args;
  try {
    args = parseArgs(argv);
  } catch (e) {
    if (e instanceof UsageError) {
      io.stderr.write(`nianbao-check: ${e.message}\n\n${HELP}\n`);
      return 2;
    }
    throw e;
  }
  if (args.help) {
    io.stdout.write(`${HELP}\n`);
    return 0;
  }
  if (args.version) {
    io.stdout.write(`nianbao-check ${version()}\n`);
    return 0;
  }
  const { files, problems } = collect(args.inputs);
  let previous;
  if (args.previous !== undefined) {
    try {
      previous = readInput(args.previous);
    } catch (e) {
      problems.push({ path: args.previous, reason: e.message });
    }
  }
  if (files.length === 0 && problems.length === 0) problems.push({ path: args.inputs.join(' '), reason: '没有可检查的文件 / no report files found (.html .htm .txt .json .md .docx .pdf)' });

  const progress = progressBar(files.length, args.progress && io.stderr.isTTY === true);
  const results = [];
  const texts = new Map();
  files.forEach((path, i) => {
    progress.tick(i, relative('.', path) || path);
    let bytes;
    try {
      bytes = readInput(path);
    } catch (e) {
      problems.push({ path, reason: e.message });
      return;
    }
    texts.set(path, bytes);
    const options = previous ? { ...args.options, previous } : args.options;
    results.push({ path, result: check(bytes, options), previous: previous ? args.previous : undefined });
  });
  progress.tick(files.length, '');

  if (args.pairYears) {
    const byBody = new Map();
    for (const r of results) {
      if (r.result.year == null) continue;
      const key = bodyKey(r.path, r.result);
      byBody.set(`${key}\u0000${r.result.year}`, r);
    }
    for (const r of results) {
      if (r.result.year == null) continue;
      const prev = byBody.get(`${bodyKey(r.path, r.result)}\u0000${r.result.year - 1}`);
      if (prev) {
        r.result = check(texts.get(r.path), { ...args.options, previous: texts.get(prev.path) });
        r.previous = prev.path;
      }
    }
  }
  progress.done();

  const summary = { files: results.length, errors: 0, warnings: 0, infos: 0, unreadable: problems.length };
  const out = results.map(({ path, result, previous: prev }) => {
    summary.errors += result.summary.errors;
    summary.warnings += result.summary.warnings;
    summary.infos += result.summary.infos;
    const f = { path, format: result.format, year: result.year, title: result.title, diagnostics: result.diagnostics.map((d) => outDiagnostic(d, args.locale)) };
    if (prev) f.previous = prev;
    return f;
  });
  for (const p of problems) io.stderr.write(`nianbao-check: ${p.path}: ${p.reason}\n`);

  const colour = args.color ?? (io.stdout.isTTY === true && !io.env.NO_COLOR);
  const c = paint(colour);
  if (args.format === 'json') {
    const unreadable = problems.map((p) => ({ path: p.path, reason: p.reason }));
    io.stdout.write(`${JSON.stringify({ files: out, summary, unreadable }, null, 2)}\n`);
  } else if (args.format === 'csv') {
    const rows = [CSV_HEADER.join(',')];
    for (const f of out) {
      for (const d of f.diagnostics) {
        const cell = d.cells[0] ?? {};
        rows.push([f.path, d.rule, d.severity, cell.table, cell.block, cell.row, cell.column, cell.raw, cell.value, d.expected, d.actual, d.message].map(csvField).join(','));
      }
    }
    io.stdout.write(`${rows.join('\n')}\n`);
  } else {
    const blocks = out.map((f) => humanFile(f, args.locale, c));
    if (blocks.length) io.stdout.write(`${blocks.join('\n\n')}\n\n`);
    io.stdout.write(`${summaryLine(summary, args.locale, c)}\n`);
  }
  if (problems.length) return 2;
  return summary.errors > 0 ? 1 : 0;
}

const invokedDirectly = (() => {
  try {
    return import.meta.url === new URL(`file://${process.argv[1]}`).href || process.argv[1]?.endsWith('nianbao-check') || process.argv[1]?.endsWith('cli.js');
  } catch {
    return false;
  }
})();
if (invokedDirectly) {
  // A reader that goes away (`| head`) ends the run quietly with the status
  // the findings give; it is not an error of the check.
  process.stdout.on('error', (e) => {
    if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw e;
  });
  process.exitCode = main(process.argv.slice(2));
}
