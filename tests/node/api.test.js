import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { check, checkDocument, checkFile, rules, version, decode, init, ready, __detect, __panicForTest } from '../../js/node.js';
import { detectKind } from '../../js/core.js';
import { corpusDir, corpusFiles, corpusSkip, encodeGbk, gbkOnly, finding, root, rustJson, seedPath, seedText } from './helpers.js';

const seedRules = (r) => r.diagnostics.filter((d) => d.severity === 'error').map((d) => `${d.rule} ${d.cells[0].column}`);

test('seed: format, year, the four errors on table 3 (七)总计', () => {
  const r = check(seedText());
  assert.equal(r.format, '2019');
  assert.equal(r.year, 2020);
  assert.equal(r.input, 'text');
  assert.equal(r.summary.errors, 4);
  assert.deepEqual(seedRules(r), ['t3/balance natural', 't3/balance total', 't3/results-total natural', 't3/results-total total']);
  const rt = r.diagnostics.find((d) => d.rule === 't3/results-total');
  assert.equal(rt.cells[0].row, 'results_total');
  assert.equal(rt.cells[0].raw, '6');
  assert.equal(rt.expected, 0);
  assert.equal(rt.actual, 6);
  assert.equal(rt.cells[0].source.line, 332);
  assert.match(rt.message, /（七）总计/);
  assert.ok(r.report.tables.some((t) => t.id === 't3' && t.cells.length > 50), 'the model holds table 3');
});

test('seed: same findings through the API as through the Rust core', { skip: process.env.NIANBAO_SKIP_CARGO ? 'NIANBAO_SKIP_CARGO set' : false }, () => {
  const rust = rustJson(seedPath);
  const js = check(seedText());
  assert.deepEqual(js.diagnostics.map(finding), rust.diagnostics.map(finding));
  assert.deepEqual(js.diagnostics.map((d) => d.fingerprint), rust.diagnostics.map((d) => d.fingerprint));
  assert.deepEqual(js.summary, rust.summary);
});

test('locale en gives English messages; zh-CN is the default', () => {
  const zh = check(seedText());
  const en = check(seedText(), { locale: 'en' });
  assert.match(zh.diagnostics[0].message, /表三/);
  assert.match(en.diagnostics[0].message, /^Table 3/);
  assert.equal(en.diagnostics[0].messageZh, zh.diagnostics[0].message);
});

test('rules and skip select what runs', () => {
  const only = check(seedText(), { rules: ['t3/results-total'] });
  assert.deepEqual([...new Set(only.diagnostics.map((d) => d.rule))], ['t3/results-total']);
  const skipped = check(seedText(), { skip: ['t3/'] });
  assert.ok(skipped.diagnostics.every((d) => !d.rule.startsWith('t3/')));
  assert.equal(skipped.summary.errors, 0);
});

test('year and format options override detection', () => {
  const r = check(seedText(), { year: 2021, format: '2021' });
  assert.equal(r.year, 2021);
  assert.equal(r.format, '2021');
});

test('bad options give a readable error, not a crash', () => {
  assert.throws(() => check(seedText(), { locale: 5 }), (e) => e instanceof Error && /^invalid options: invalid type/.test(e.message));
  assert.throws(() => check(seedText(), 'en'), TypeError);
  assert.throws(() => check(42), TypeError);
  assert.throws(() => check(null), TypeError);
  // The module is still fine afterwards.
  assert.equal(check(seedText()).summary.errors, 4);
});

const model2020 = {
  title: '某某局2020年政府信息公开工作年度报告',
  year: 2020,
  format: '2019',
  tables: { t3: { carried_in: { natural: 2, total: 2 }, new: { natural: 1, total: 1 } } },
};
const model2019 = {
  title: '某某局2019年政府信息公开工作年度报告',
  year: 2019,
  format: '2019',
  tables: { t3: { carried_out: { natural: 3, total: 3 } } },
};

test('an object in the canonical model is read as JSON, same as its text', () => {
  const a = check(model2020);
  const b = check(JSON.stringify(model2020));
  assert.equal(a.input, 'json');
  assert.equal(a.year, 2020);
  assert.deepEqual(a, b);
  const cell = a.report.tables.find((t) => t.id === 't3').cells.find((c) => c.row === 'carried_in' && c.column === 'natural');
  assert.equal(cell.value, 2);
  assert.equal(cell.source.path, '/tables/t3/carried_in/natural');
});

test('options.previous (object, string or bytes) feeds the history rules', () => {
  const none = check(model2020);
  assert.ok(!none.diagnostics.some((d) => d.rule === 'history/carry-over'));
  for (const previous of [model2019, JSON.stringify(model2019), new TextEncoder().encode(JSON.stringify(model2019))]) {
    const r = check(model2020, { previous });
    const carry = r.diagnostics.filter((d) => d.rule === 'history/carry-over');
    assert.ok(carry.length >= 1, `history/carry-over with previous as ${typeof previous}`);
    assert.equal(carry[0].actual, 2);
    assert.equal(carry[0].expected, 3);
  }
});

test('options.previous as a .docx, a document or a Blob; unusable previous reports say why', async () => {
  // The Pingtan finance bureau's 2025 report (tests/fixtures/docx) as last
  // year's; this year's 上年结转 says 1 where 2025 carried over none.
  const docx = readFileSync(join(root, 'tests/fixtures/docx/pingtan-czjrj-2025.docx'));
  const now = JSON.parse(readFileSync(join(root, 'tests/fixtures/docx/pingtan-czjrj-2025.json'), 'utf8'));
  now.year = 2026;
  now.tables.t3.carried_in = { natural: 1, commercial: 0, research: 0, nonprofit: 0, legal: 0, other: 0, total: 1 };
  const carried = (r) => r.diagnostics.filter((d) => d.rule === 'history/carry-over').map((d) => `${d.cells[0].column} ${d.expected}→${d.actual}`);
  const want = ['natural 0→1', 'total 0→1'];
  assert.deepEqual(carried(check(now, { previous: docx })), want);
  assert.deepEqual(carried(check(now, { previous: new Uint8Array(docx).buffer })), want);
  assert.deepEqual(carried(await checkFile(now, { previous: new Blob([docx]) })), want);
  const viaDocx = check(now, { previous: docx }).diagnostics.find((d) => d.rule === 'history/carry-over');
  assert.equal(viaDocx.cells[1].source.kind, 'docx', 'the previous-year cell points into the Word file');

  // A document (what the browser's DOM reader makes) as last year's report.
  const document = {
    kind: 'html',
    blocks: [
      { type: 'para', text: '某局2025年政府信息公开工作年度报告' },
      {
        type: 'table',
        index: 0,
        rows: [
          ['本年新收政府信息公开申请数量', '', '自然人', '商业企业', '科研机构', '社会公益组织', '法律服务机构', '其他', '总计'],
          ['四、结转下年度继续办理', '', '2', '0', '0', '0', '0', '0', '2'],
        ].map((row, r) => row.map((text, c) => ({ text, col: c, origin: true, colStart: c, colspan: 1, rowStart: r }))),
      },
    ],
  };
  const r = check(now, { previous: document });
  assert.ok(!r.diagnostics.some((d) => d.rule === 'history/previous'), JSON.stringify(r.diagnostics.filter((d) => d.rule.startsWith('history'))));
  assert.deepEqual(carried(r), ['natural 2→1', 'total 2→1']);

  // Unusable: unreadable, the wrong year, no tables. Said once, in Chinese first.
  const said = (previous) => check(now, { previous }).diagnostics.filter((d) => d.rule === 'history/previous').map((d) => d.message);
  assert.match(said('{"year": 2025, "tables": {')[0], /^所给上年报告无法读取：JSON 无法解析/);
  assert.match(said(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0]))[0], /^所给上年报告无法读取：输入不是文本/);
  assert.match(said({ ...now, year: 2024 })[0], /^所给上年报告为2024年度，本报告为2026年度，应为2025年度的报告/);
  assert.match(said('关于做好2025年度工作的通知\n各单位：请按时报送。')[0], /未找到表二或表三/);
  assert.deepEqual(said(undefined), []);
  assert.match(check(now, { previous: '{', locale: 'en' }).diagnostics.find((d) => d.rule === 'history/previous').message, /^The previous report given could not be read/);
});

test('bytes: UTF-8 and GBK (by <meta charset> or by failing UTF-8) read like the string', () => {
  const text = seedText();
  const want = check(text).diagnostics.map(finding);
  assert.deepEqual(check(new TextEncoder().encode(text)).diagnostics.map(finding), want);
  const plain = gbkOnly(text);
  const gbkSeed = encodeGbk(plain);
  assert.equal(decode(gbkSeed).encoding, 'gb18030');
  assert.deepEqual(check(gbkSeed).diagnostics.map(finding), check(plain).diagnostics.map(finding));
  assert.equal(check(gbkSeed).summary.errors, 4);
  const html = '<html><head><meta http-equiv="Content-Type" content="text/html; charset=gb2312"><title>临淄区应急管理局2020年政府信息公开工作年度报告</title></head><body><p>一、总体情况</p></body></html>';
  const gbk = encodeGbk(html);
  assert.equal(decode(gbk).encoding, 'gb18030');
  assert.equal(decode(gbk).text, html);
  const bom = new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode(text)]);
  assert.equal(decode(bom).encoding, 'utf-8');
  assert.deepEqual(check(bom.buffer).diagnostics.map(finding), want);
});

test('bytes read in place (valid UTF-8, no BOM, no other <meta charset>) give the same whole result as the decoded string', () => {
  // Invalid UTF-8 under <meta charset="utf-8"> falls back to the host decoder (U+FFFD), as before.
  const html = '<html><head><meta charset="utf-8"><title>平潭综合实验区2019年政府信息公开工作年度报告</title></head><body><p>一、总体情况</p><table><tr><td>1</td></tr></table></body></html>';
  const enc = new TextEncoder().encode(html);
  const broken = new Uint8Array([...enc.subarray(0, 60), 0xff, 0xfe, ...enc.subarray(60)]);
  const latin = new TextEncoder().encode(html.replace('utf-8', 'iso-8859-1'));
  for (const bytes of [enc, broken, latin]) assert.deepEqual(check(bytes), check(decode(bytes).text));
  assert.match(decode(broken).text, /\ufffd/);
  if (corpusSkip) return;
  for (const f of corpusFiles()) {
    const bytes = new Uint8Array(readFileSync(join(corpusDir, f)));
    assert.deepEqual(check(bytes), check(decode(bytes).text), f);
  }
});

test('<meta charset> is found among any bytes of the head (0x80–0xFF next to it, C1 bytes in the tag)', () => {
  // The head is read as windows-1252 text for the pattern; bytes 0x80–0x9F
  // become other characters than in ISO-8859-1, none of them ASCII, so the
  // label found is the one in the bytes, wherever such bytes stand.
  const enc = (s) => new TextEncoder().encode(s);
  let x = 0x9e3779b9;
  const rnd = () => ((x = (Math.imul(x ^ (x >>> 15), 0x2c1b3c6d) + 0x7f4a7c15) >>> 0) >>> 8) & 0xff;
  for (let k = 0; k < 300; k++) {
    const noise = (n) => Array.from({ length: n }, () => 0x80 + (rnd() & 0x7f));
    const label = ['gbk', 'GB2312', 'utf-8', 'gb18030'][k % 4];
    const inside = k % 3 === 0 ? [0x20, ...noise(5), 0x20] : [0x20];
    const bytes = new Uint8Array([...noise(rnd() % 64), ...enc('<meta'), ...inside, ...enc(`http-equiv="Content-Type" content="text/html; charset=${label}">`), ...noise(200), 0x3c, 0x70, 0x3e]);
    // The label decides, even on bytes that are not valid in it.
    assert.equal(decode(bytes).encoding, /gb/i.test(label) ? 'gb18030' : 'utf-8', `${label} ${k}`);
  }
  const utf8 = enc('<meta charset="utf-8"><p>一、总体情况</p>');
  assert.equal(decode(utf8).encoding, 'utf-8');
  const gbkDeclared = new Uint8Array([0x81, 0x9f, ...enc('<meta charset="gbk">'), 0xd2, 0xbb]);
  assert.equal(decode(gbkDeclared).encoding, 'gb18030');
});

test('DOCX bytes are read by the Node module: the seed .docx has the four errors; checkFile is the same, as a promise', async () => {
  const docx = readFileSync(join(root, 'tests/fixtures/docx/seed-linzi-yingji-2020.docx'));
  const r = check(new Uint8Array(docx));
  assert.equal(r.input, 'docx');
  assert.equal(r.year, 2020);
  assert.deepEqual(seedRules(r), ['t3/balance natural', 't3/balance total', 't3/results-total natural', 't3/results-total total']);
  assert.deepEqual((await checkFile(new Blob([docx]))).diagnostics, r.diagnostics);
  assert.deepEqual((await checkFile(docx.buffer.slice(docx.byteOffset, docx.byteOffset + docx.length))).diagnostics, r.diagnostics);
  assert.deepEqual((await checkFile(seedText())).diagnostics, check(seedText()).diagnostics);
  const truncated = check(new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00, 0x06, 0x00, 0, 0, 0, 0]));
  assert.deepEqual(truncated.diagnostics.map((d) => d.rule), ['input/unreadable']);
  assert.match(truncated.diagnostics[0].message, /Word 文件已损坏/);
});

test('PDF bytes are read by the Node module: the seed as PDF has the four errors, cells point at page and box', async () => {
  const pdf = readFileSync(join(root, 'tests/fixtures/pdf/seed-linzi-yingji-2020.pdf'));
  const r = check(new Uint8Array(pdf));
  assert.equal(r.input, 'pdf');
  assert.equal(r.year, 2020);
  assert.deepEqual(seedRules(r), ['t3/balance natural', 't3/balance total', 't3/results-total natural', 't3/results-total total']);
  const src = r.diagnostics.find((d) => d.rule === 't3/results-total').cells[0].source;
  assert.equal(src.kind, 'pdf');
  assert.equal(src.page, 4);
  assert.equal(src.bbox.length, 4);
  assert.deepEqual((await checkFile(new Blob([pdf]))).diagnostics, r.diagnostics);
  const cut = check(new Uint8Array(pdf.subarray(0, 5000)));
  assert.deepEqual(cut.diagnostics.map((d) => d.rule), ['input/unreadable']);
  assert.match(cut.diagnostics[0].message, /PDF 文件已损坏或不完整/);
});

test('binary that is not a Word file is unreadable', () => {
  const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);
  const p = check(png);
  assert.equal(p.diagnostics[0].rule, 'input/unreadable');
  assert.equal(p.summary.errors, 1);
});

test('a panic inside the module becomes a readable error and the module keeps working', () => {
  const want = check(seedText()).diagnostics.map(finding);
  for (let i = 0; i < 3; i++) {
    assert.throws(
      () => __panicForTest(`round ${i}`),
      (e) => e.name === 'NianbaoCheckError' && e.message.includes(`deliberate panic for tests: round ${i}`) && e.cause instanceof WebAssembly.RuntimeError,
    );
    assert.deepEqual(check(seedText()).diagnostics.map(finding), want);
    assert.ok(rules().length > 0);
  }
});

test('rules(): every rule has an id, severity, titles and docs in both languages', () => {
  const rs = rules();
  const ids = rs.map((r) => r.id);
  assert.equal(new Set(ids).size, ids.length);
  for (const id of ['t3/balance', 't3/results-total', 't4/total', 'history/carry-over', 'input/unreadable']) assert.ok(ids.includes(id), id);
  for (const r of rs) {
    assert.match(r.id, /^[a-z0-9]+\/[a-z0-9-]+$/);
    assert.ok(['error', 'warning', 'info'].includes(r.severity));
    for (const k of ['titleZh', 'titleEn', 'docZh', 'docEn']) assert.ok(typeof r[k] === 'string' && r[k].length > 0, `${r.id} ${k}`);
  }
  // Every rule that fires on the seed is in the catalogue.
  for (const d of check(seedText()).diagnostics) assert.ok(ids.includes(d.rule));
});

test('version matches package.json; init/ready are no-ops in Node', async () => {
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
  assert.equal(version(), pkg.version);
  await Promise.all([init(), ready(), init()]);
  assert.equal(check(seedText()).summary.errors, 4);
});

test('checkDocument reads grids a host sends (the browser adapter shape)', () => {
  // Table 3 of the 2019 format as a grid: header rows, then the rows the seed has.
  const lines = seedText().split(/\r?\n/);
  const doc = {
    kind: 'html',
    blocks: [
      { type: 'para', text: '临淄区应急管理局2020年政府信息公开工作年度报告' },
      { type: 'para', text: '一、总体情况' },
    ],
  };
  const r = checkDocument(doc);
  assert.equal(r.year, 2020);
  assert.equal(r.input, 'html');
  assert.ok(r.diagnostics.some((d) => d.rule === 'structure/table-missing' || d.rule === 'format/unknown'));
  assert.ok(lines.length > 300);
  assert.throws(() => checkDocument({ blocks: [{ type: 'nope' }] }), (e) => /^invalid document: /.test(e.message));
  assert.throws(() => checkDocument({ blocks: [{ type: 'para' }] }), /^Error: invalid document: missing field `text`/);
  assert.throws(() => checkDocument({ blocks: [{ text: 'x' }] }), /^Error: invalid document: missing field `type`/);
  assert.throws(() => checkDocument({ blocks: [{ type: 'table', rows: [[{ text: 1 }]] }] }), /^Error: invalid document: invalid type/);
  assert.equal(checkDocument({}).input, 'text', 'every field has a default but a block\'s type');
  // A table block: index, rows and each slot's defaults (origin false unless given).
  const grid = checkDocument({
    kind: 'html',
    blocks: [
      { type: 'para', text: '三、收到和处理政府信息公开申请情况' },
      { type: 'table', index: 0, rows: [[{ text: '本年新收政府信息公开申请数量', col: 0, origin: true, colspan: 1 }, { text: '3', col: 1, origin: true, colStart: 1, colspan: 1 }]], source: { kind: 'html', table: 0 } },
    ],
  });
  assert.equal(grid.input, 'html');
  assert.ok(Array.isArray(grid.report.tables));
});

test('corpus: every report checks without throwing, with the year the README gives', { skip: corpusSkip }, () => {
  const years = { 'pingtan-2019.html': 2019, 'pingtan-2021.html': 2021, 'pingtan-2022.html': 2022, 'pingtan-2024.html': 2024, 'pingtan-2025.html': 2025, 'pingtan-czjrj-2025.html': 2025, 'seed-linzi-yingji-2020.txt': 2020, 'pingtan-2018-legacy.txt': 2018 };
  const files = corpusFiles();
  assert.ok(files.length >= 10);
  for (const f of files) {
    const bytes = readFileSync(join(corpusDir, f));
    const r = check(new Uint8Array(bytes));
    assert.ok(Array.isArray(r.diagnostics), f);
    assert.equal(typeof r.summary.errors, 'number');
    if (years[f]) assert.equal(r.year, years[f], f);
    // Bytes and string give the same result.
    assert.deepEqual(check(bytes.toString('utf8')).diagnostics.map(finding), r.diagnostics.map(finding), f);
  }
  const legacy = check(readFileSync(join(corpusDir, 'pingtan-2018-legacy.txt'), 'utf8'));
  assert.ok(legacy.diagnostics.some((d) => d.rule === 'format/unknown'), 'the pre-2019 report is flagged, not guessed');
});

test('the exact JSON shape of a result (what index.d.ts declares)', () => {
  const r = check(seedText());
  assert.deepEqual(Object.keys(r).sort(), ['diagnostics', 'format', 'input', 'report', 'summary', 'title', 'year']);
  assert.deepEqual(Object.keys(r.summary).sort(), ['errors', 'infos', 'warnings']);
  const diagKeys = new Set(['rule', 'severity', 'message', 'messageZh', 'messageEn', 'help', 'cells', 'expected', 'actual', 'source', 'fingerprint']);
  const cellRefKeys = ['block', 'column', 'label', 'raw', 'row', 'source', 'state', 'table', 'value'];
  for (const d of r.diagnostics) {
    for (const k of Object.keys(d)) assert.ok(diagKeys.has(k), `diagnostic key ${k}`);
    for (const k of ['rule', 'severity', 'message', 'messageZh', 'messageEn', 'cells', 'expected', 'actual', 'fingerprint']) assert.ok(k in d, k);
    for (const c of d.cells) assert.deepEqual(Object.keys(c).sort(), cellRefKeys);
  }
  const reportKeys = new Set(['title', 'year', 'yearSource', 'format', 'sourceKind', 'tables', 'sections', 'hasProse', 'preamble', 'readIssues']);
  for (const k of Object.keys(r.report)) assert.ok(reportKeys.has(k), `report key ${k}`);
  const cellKeys = new Set(['table', 'block', 'row', 'column', 'kind', 'raw', 'state', 'value', 'unit', 'normalised', 'note', 'reason', 'source']);
  for (const t of r.report.tables) {
    for (const k of Object.keys(t)) assert.ok(['id', 'format', 'cells', 'extraRows', 'source'].includes(k), `table key ${k}`);
    for (const c of t.cells) for (const k of Object.keys(c)) assert.ok(cellKeys.has(k), `cell key ${k}`);
  }
  const ruleKeys = ['docEn', 'docZh', 'id', 'severity', 'titleEn', 'titleZh'];
  for (const x of rules()) assert.deepEqual(Object.keys(x).sort(), ruleKeys);
});

// The browser entry sends HTML to DOMParser when js/core.js says a string is
// HTML: the answer must be Rust's detect() on every input.
const DETECT_CASES = [
  '', '{}', ' \ufeff\n{"a":1}', '\u00a0{', '<p>x', 'plain text', 'a <TABLE> b', 'a <Table> b', '<!doctype html>',
  'x'.repeat(5000) + '<p>', 'x'.repeat(5000) + '<table', 'x'.repeat(5000) + '<Table', '\u{1F600}'.repeat(4095) + '<p', '\u{1F600}'.repeat(4096) + '<p',
  'İ<DIV>', '| a |\n| - |\n| 1 |', '| a |\n| - |\n| 1 |\n\tx', ' \u3000| a |\n\u0085| b |\n\r| c |', '\ufeff| a |\n| b |\n| c |',
  '| a |\r\n|b|\r\n  |c', '| a |\n| b |', 'text\n<div>',
];

test('detectKind (JS) agrees with Rust detect() on crafted edge cases and the corpus', () => {
  for (const s of DETECT_CASES) assert.equal(detectKind(s), __detect(s), JSON.stringify(s.slice(0, 60)));
  if (corpusSkip) return;
  let n = 0;
  for (const f of corpusFiles()) {
    const text = decode(readFileSync(join(corpusDir, f))).text;
    assert.equal(detectKind(text), __detect(text), f);
    n++;
  }
  assert.ok(n > 5);
});

test('report: read when first asked for, in its place, the same model as the Rust core, from the input as it was given', { skip: process.env.NIANBAO_SKIP_CARGO ? 'NIANBAO_SKIP_CARGO set' : false }, () => {
  const bytes = new Uint8Array(readFileSync(seedPath));
  const options = { format: '2019', locale: 'en' };
  const r = check(bytes, options);
  assert.deepEqual(Object.keys(r), ['format', 'year', 'title', 'input', 'report', 'diagnostics', 'summary']);
  assert.equal(typeof Object.getOwnPropertyDescriptor(r, 'report').get, 'function', 'not read until asked for');
  // The caller reuses its buffer and options object before reading the model.
  bytes.fill(0x20);
  options.format = '2021';
  const report = r.report;
  assert.equal(Object.getOwnPropertyDescriptor(r, 'report').value, report, 'read once, then kept');
  assert.equal(r.report, report);
  assert.equal(report.year, 2020);
  assert.equal(report.format, '2019');
  const rust = rustJson(seedPath);
  assert.deepEqual(report, rust.report);
  assert.deepEqual(JSON.parse(JSON.stringify(check(seedText()))), rust, 'the whole result serialises as the Rust output');
  r.report = null;
  assert.equal(r.report, null, 'assignable like any property');
});

test('report of checkDocument: the document as it was when checked', () => {
  const doc = {
    kind: 'html',
    blocks: [
      { type: 'para', text: '临淄区应急管理局2020年政府信息公开工作年度报告' },
      { type: 'para', text: '一、总体情况' },
    ],
  };
  const r = checkDocument(doc);
  doc.blocks[0].text = '某局2024年政府信息公开工作年度报告';
  assert.equal(r.report.year, 2020);
  assert.equal(r.report.title, '临淄区应急管理局2020年政府信息公开工作年度报告');
  assert.equal(structuredClone(r).report.year, 2020);
});
