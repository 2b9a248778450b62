// The CLI's work on one file: read it, check it, shape the result as the CLI
// prints it. `js/cli.js` calls `checkOne` in its own thread (`--jobs 1`, or a
// single file) and runs this module as a worker thread otherwise (one wasm
// instance per worker, through the package's Node entry): the same function
// either way, so the output does not depend on the number of workers.
import { readFileSync } from 'node:fs';
import { isMainThread, parentPort, workerData } from 'node:worker_threads';
import { check } from './node.js';

/** The worker's role mark in `workerData`. */
export const WORKER_ROLE = 'nianbao-check/cli-worker';

export function readInput(path) {
  const bytes = readFileSync(path);
  return new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
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
    // A finding on cells that also points into the prose (text/table-mismatch:
    // the sentence that states the figure).
    textLocation: d.cells.length && d.source ? location(d.source, locale) || null : null,
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

export const CSV_HEADER = ['path', 'rule', 'severity', 'table', 'block', 'row', 'column', 'raw', 'value', 'expected', 'actual', 'message'];

export function paint(enabled) {
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
    if (d.textLocation) lines.push(`    ${c.dim(zh ? `正文位置：${d.textLocation}` : `text at: ${d.textLocation}`)}`);
    if (d.help) lines.push(`    ${c.dim(zh ? `建议：${d.help}` : `help: ${d.help}`)}`);
  }
  return lines.join('\n');
}

/**
 * Checks one file. `job` is `{ path, previous? }` (`previous`: the path of
 * last year's report, for --pair-years); `ctx` is `{ options, format, colour,
 * previous?, previousPath? }` (`previous`: the bytes of --previous, read from
 * `previousPath`). Returns `{ text, counts, year, title }` — the file's part
 * of the output in `ctx.format` (for JSON: its entry in `files`, indented),
 * its error/warning/info counts, and what --pair-years pairs by — or
 * `{ problem }` when the file cannot be read or the check fails inside the
 * module.
 */
export function checkOne(job, ctx) {
  let bytes;
  let previous = ctx.previous;
  try {
    bytes = readInput(job.path);
    if (job.previous !== undefined) previous = readInput(job.previous);
  } catch (e) {
    return { problem: e.message };
  }
  let result;
  try {
    result = check(bytes, previous ? { ...ctx.options, previous } : ctx.options);
  } catch (e) {
    // A trap inside the module: js/core.js has already restarted it.
    return { problem: `检查时出现内部错误 / internal error while checking: ${e.message}` };
  }
  const locale = ctx.options.locale;
  const f = { path: job.path, format: result.format, year: result.year, title: result.title, diagnostics: result.diagnostics.map((d) => outDiagnostic(d, locale)) };
  if (job.previous !== undefined) f.previous = job.previous;
  else if (ctx.previous) f.previous = ctx.previousPath;
  let text;
  if (ctx.format === 'json') {
    text = `    ${JSON.stringify(f, null, 2).split('\n').join('\n    ')}`;
  } else if (ctx.format === 'csv') {
    text = '';
    for (const d of f.diagnostics) {
      const cell = d.cells[0] ?? {};
      text += `${[f.path, d.rule, d.severity, cell.table, cell.block, cell.row, cell.column, cell.raw, cell.value, d.expected, d.actual, d.message].map(csvField).join(',')}\n`;
    }
  } else {
    text = `${humanFile(f, locale, paint(ctx.colour))}\n\n`;
  }
  const { errors, warnings, infos } = result.summary;
  return { text, counts: { errors, warnings, infos }, year: result.year, title: result.title };
}

if (!isMainThread && workerData?.role === WORKER_ROLE) {
  const { role, ...ctx } = workerData;
  parentPort.on('message', (job) => {
    parentPort.postMessage({ id: job.id, out: checkOne(job, ctx) });
  });
  parentPort.postMessage({ ready: true });
}
