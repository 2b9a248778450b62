import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main, orderedMap } from '../../js/cli.js';
import { corpusDir, corpusFiles, corpusSkip, finding, root, rustJson, seedPath } from './helpers.js';

const cli = join(root, 'js/cli.js');
function run(args, env = {}) {
  const r = spawnSync(process.execPath, [cli, ...args], { cwd: root, encoding: 'utf8', env: { ...process.env, NO_COLOR: '', ...env }, maxBuffer: 64 << 20 });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

test('--format json: the documented shape with exactly named fields; exit 1 on errors', () => {
  const r = run(['--format', 'json', seedPath]);
  assert.equal(r.code, 1);
  const j = JSON.parse(r.out);
  assert.deepEqual(Object.keys(j).slice(0, 2), ['files', 'summary']);
  assert.equal(j.files.length, 1);
  const f = j.files[0];
  for (const k of ['path', 'format', 'year', 'diagnostics']) assert.ok(k in f, k);
  assert.equal(f.path, seedPath);
  assert.equal(f.format, '2019');
  assert.equal(f.year, 2020);
  for (const d of f.diagnostics) {
    for (const k of ['rule', 'severity', 'message', 'cells', 'expected', 'actual']) assert.ok(k in d, k);
    for (const c of d.cells) for (const k of ['table', 'block', 'row', 'column', 'raw', 'value']) assert.ok(k in c, k);
  }
  assert.deepEqual({ files: j.summary.files, errors: j.summary.errors, warnings: j.summary.warnings, infos: j.summary.infos }, { files: 1, errors: 4, warnings: 0, infos: 1 });
});

test('the seed gives the same findings through the CLI as through Rust', { skip: process.env.NIANBAO_SKIP_CARGO ? 'NIANBAO_SKIP_CARGO set' : false }, () => {
  const rust = rustJson(seedPath);
  const js = JSON.parse(run(['--format', 'json', seedPath]).out).files[0];
  assert.equal(js.format, rust.format);
  assert.equal(js.year, rust.year);
  assert.deepEqual(js.diagnostics.map(finding), rust.diagnostics.map(finding));
  assert.ok(rust.diagnostics.length >= 5);
});

test('every corpus report gives the same findings through the CLI as through Rust', { skip: corpusSkip || (process.env.NIANBAO_SKIP_CARGO ? 'NIANBAO_SKIP_CARGO set' : false) }, () => {
  const files = corpusFiles().map((f) => join(corpusDir, f));
  const js = JSON.parse(run(['--format', 'json', ...files]).out).files;
  assert.equal(js.length, files.length);
  for (const [i, file] of files.entries()) {
    const rust = rustJson(file);
    assert.equal(js[i].path, file);
    assert.equal(js[i].year, rust.year, file);
    assert.equal(js[i].format, rust.format, file);
    assert.deepEqual(js[i].diagnostics.map(finding), rust.diagnostics.map(finding), file);
  }
});

test('--format csv: a header and one quoted line per finding', () => {
  const r = run(['--format', 'csv', seedPath]);
  assert.equal(r.code, 1);
  const lines = r.out.trimEnd().split('\n');
  assert.equal(lines[0], 'path,rule,severity,table,block,row,column,raw,value,expected,actual,message');
  assert.equal(lines.length, 1 + 5);
  assert.ok(lines.slice(1).every((l) => l.startsWith(`${seedPath},`)));
  assert.ok(lines.some((l) => l.startsWith(`${seedPath},t3/results-total,error,t3,,results_total,natural,6,6,0,6,`)), lines.join('\n'));
});

test('human output: grouped by file with locations; colour only when asked or on a TTY', () => {
  const r = run([seedPath]);
  assert.equal(r.code, 1);
  assert.ok(r.out.startsWith(`${seedPath}  格式 2019 · 年度 2020`));
  assert.match(r.out, /错误 \[t3\/results-total\]/);
  assert.match(r.out, /位置：表三“（七）总计”行“自然人”列（第332行）/);
  assert.match(r.out, /共检查 1 个文件：错误 4 个，警告 0 个，提示 1 个/);
  assert.ok(!r.out.includes('\x1b['), 'no colour when stdout is not a TTY');
  assert.ok(run(['--color', seedPath]).out.includes('\x1b[31m'));
  const en = run(['--locale', 'en', seedPath]);
  assert.match(en.out, /error \[t3\/balance\] Table 3/);
  assert.match(en.out, /\(line 332\)|（line 332）/);
  assert.match(en.out, /1 file\(s\) checked: 4 error\(s\)/);
});

test('exit 0 when no errors are found', () => {
  const r = run(['--rules', 'cell/', seedPath]);
  assert.equal(r.code, 0, r.out + r.err);
  assert.match(r.out, /错误 0 个/);
});

test('exit 2 with the reason: bad usage and unreadable input', () => {
  for (const [args, why] of [
    [[], /没有输入文件/],
    [['--format', 'xml', seedPath], /unknown format 'xml'/],
    [['--bogus', seedPath], /unknown option '--bogus'/],
    [['--locale'], /needs a value/],
    [[join(root, 'no-such-file.txt')], /no-such-file\.txt: 文件不存在/],
    [['--previous', join(root, 'nope.json'), seedPath], /nope\.json/],
  ]) {
    const r = run(args);
    assert.equal(r.code, 2, `${args.join(' ')}: ${r.err}`);
    assert.match(r.err, why);
  }
  assert.equal(run(['--help']).code, 0);
  assert.match(run(['--version']).out, /^nianbao-check \d+\.\d+\.\d+/);
});

test('folders are read recursively; only report extensions; hidden entries skipped', { skip: corpusSkip }, () => {
  const dir = mkdtempSync(join(tmpdir(), 'nbc-cli-'));
  try {
    mkdirSync(join(dir, 'a/b'), { recursive: true });
    mkdirSync(join(dir, '.hidden'));
    cpSync(join(corpusDir, 'pingtan-2021.html'), join(dir, 'a/pingtan-2021.html'));
    cpSync(join(corpusDir, 'shanghai-kewei-2024.md'), join(dir, 'a/b/kewei.md'));
    cpSync(seedPath, join(dir, 'seed.txt'));
    cpSync(seedPath, join(dir, '.hidden/seed.txt'));
    writeFileSync(join(dir, 'notes.xlsx'), 'not a report');
    writeFileSync(join(dir, 'a/b/report.docx'), Buffer.from([0x50, 0x4b, 3, 4, 0, 0, 0, 0]));
    writeFileSync(join(dir, 'a/scan.pdf'), Buffer.from('%PDF-1.7\n'));
    const j = JSON.parse(run(['--format', 'json', dir]).out);
    const paths = j.files.map((f) => f.path.slice(dir.length + 1));
    assert.deepEqual(paths, ['a/b/kewei.md', 'a/b/report.docx', 'a/pingtan-2021.html', 'a/scan.pdf', 'seed.txt']);
    const pdf = j.files.find((f) => f.path.endsWith('.pdf'));
    assert.equal(pdf.diagnostics[0].rule, 'input/unreadable');
    assert.match(pdf.diagnostics[0].message, /PDF/);
    const docx = j.files.find((f) => f.path.endsWith('.docx'));
    assert.equal(docx.diagnostics[0].rule, 'input/unreadable');
    assert.match(docx.diagnostics[0].message, /Word 文件已损坏/);
    assert.equal(j.files.find((f) => f.path.endsWith('pingtan-2021.html')).year, 2021);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('--previous and --pair-years run the history rules on the right pairs', () => {
  const dir = mkdtempSync(join(tmpdir(), 'nbc-pair-'));
  try {
    const report = (year, t3, body = '某某局') => JSON.stringify({ title: `${body}${year}年政府信息公开工作年度报告`, year, format: '2019', tables: { t3 } });
    writeFileSync(join(dir, 'a-2019.json'), report(2019, { carried_out: { natural: 3, total: 3 } }));
    writeFileSync(join(dir, 'a-2020.json'), report(2020, { carried_in: { natural: 2, total: 2 }, carried_out: { total: 1 } }));
    writeFileSync(join(dir, 'a-2021.json'), report(2021, { carried_in: { total: 1 } }));
    writeFileSync(join(dir, 'b-2019.json'), report(2019, { carried_out: { total: 9 } }, '另一单位'));
    const history = (f) => f.diagnostics.filter((d) => d.rule.startsWith('history/')).map((d) => `${d.rule} ${d.cells[0].column} ${d.expected}->${d.actual}`);

    const plain = JSON.parse(run(['--format', 'json', dir]).out);
    assert.ok(plain.files.every((f) => history(f).length === 0));

    const paired = JSON.parse(run(['--format', 'json', '--pair-years', dir]).out);
    const by = Object.fromEntries(paired.files.map((f) => [f.path.slice(dir.length + 1), f]));
    assert.equal(by['a-2020.json'].previous, join(dir, 'a-2019.json'));
    assert.deepEqual(history(by['a-2020.json']), ['history/carry-over natural 3->2', 'history/carry-over total 3->2']);
    assert.equal(by['a-2021.json'].previous, join(dir, 'a-2020.json'));
    assert.deepEqual(history(by['a-2021.json']), []);
    assert.equal(by['a-2019.json'].previous, undefined);
    assert.equal(by['b-2019.json'].previous, undefined);

    const prev = JSON.parse(run(['--format', 'json', '--previous', join(dir, 'b-2019.json'), join(dir, 'a-2020.json')]).out);
    assert.deepEqual(history(prev.files[0]), ['history/carry-over total 9->2']);
    assert.equal(run(['--previous', join(dir, 'b-2019.json'), '--pair-years', dir]).code, 2);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('the whole corpus through the CLI: every file reported, summary adds up', { skip: corpusSkip }, () => {
  const r = run(['--format', 'json', corpusDir]);
  assert.ok(r.code === 1 || r.code === 0, r.err);
  const j = JSON.parse(r.out);
  const expected = readdirSync(corpusDir).filter((f) => /\.(html?|txt|md|json)$/.test(f)).length;
  assert.equal(j.files.length, expected);
  const errors = j.files.reduce((n, f) => n + f.diagnostics.filter((d) => d.severity === 'error').length, 0);
  assert.equal(j.summary.errors, errors);
});

const hasScript = spawnSync('script', ['--version'], { encoding: 'utf8' }).status === 0;
test('on a TTY: colour by default, NO_COLOR turns it off, a progress bar on stderr', { skip: hasScript ? false : 'util-linux `script` (pseudo-terminal) not available' }, () => {
  const inTty = (cmd, env = {}) => spawnSync('script', ['-qec', cmd, '/dev/null'], { cwd: root, encoding: 'utf8', env: { ...process.env, NO_COLOR: '', ...env } });
  const coloured = inTty(`${process.execPath} ${cli} ${seedPath}`);
  assert.equal(coloured.status, 1);
  assert.ok(coloured.stdout.includes('\x1b[31m'), 'red errors on a TTY');
  const plain = inTty(`${process.execPath} ${cli} ${seedPath}`, { NO_COLOR: '1' });
  assert.ok(!plain.stdout.includes('\x1b[31m'), 'NO_COLOR respected');
  const bar = inTty(`${process.execPath} ${cli} --format csv ${seedPath} ${seedPath} ${seedPath} > /dev/null`);
  assert.match(bar.stdout, /\[#+ *\] 3\/3/);
  const none = inTty(`${process.execPath} ${cli} --no-progress --format csv ${seedPath} ${seedPath} > /dev/null`);
  assert.ok(!/\[#+/.test(none.stdout));
});

test('a reader that closes the pipe early (| head) ends the run quietly', () => {
  // Many findings (every example and fixture), read by a shell pipeline that
  // keeps only the first line.
  const r = spawnSync('bash', ['-c', `"${process.execPath}" "${cli}" --format json "${join(root, 'tests')}" | head -c 1 >/dev/null; echo "status \${PIPESTATUS[0]}"`], { cwd: root, encoding: 'utf8' });
  assert.doesNotMatch(r.stderr, /EPIPE|Unhandled/, r.stderr);
  assert.match(r.stdout, /status [0-2]\n/);
});

test('--pair-years pairs a JSON report with last year\'s .docx and compares them', () => {
  const dir = mkdtempSync(join(tmpdir(), 'nbc-pair-docx-'));
  try {
    cpSync(join(root, 'tests/fixtures/docx/pingtan-czjrj-2025.docx'), join(dir, 'czjrj-2025.docx'));
    const now = JSON.parse(readFileSync(join(root, 'tests/fixtures/docx/pingtan-czjrj-2025.json'), 'utf8'));
    now.title = '平潭综合实验区财政金融局2026年度政府信息公开工作年度报告';
    now.year = 2026;
    now.tables.t3.carried_in = { natural: 1, commercial: 0, research: 0, nonprofit: 0, legal: 0, other: 0, total: 1 };
    writeFileSync(join(dir, 'czjrj-2026.json'), JSON.stringify(now));
    const j = JSON.parse(run(['--format', 'json', '--pair-years', dir]).out);
    const f = j.files.find((x) => x.path.endsWith('czjrj-2026.json'));
    assert.equal(f.previous, join(dir, 'czjrj-2025.docx'));
    const carry = f.diagnostics.filter((d) => d.rule === 'history/carry-over').map((d) => `${d.cells[0].column} ${d.expected}->${d.actual}`);
    assert.deepEqual(carry, ['natural 0->1', 'total 0->1']);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

// ---- --jobs: worker threads give exactly the serial output ----

/** A folder of real inputs (the example, the HTML and DOCX fixtures) and broken ones, in subfolders. */
function mixedFolder(prefix) {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  mkdirSync(join(dir, 'html'));
  mkdirSync(join(dir, 'docx'));
  mkdirSync(join(dir, 'broken'));
  cpSync(seedPath, join(dir, 'seed-2020.txt'));
  for (const f of readdirSync(join(root, 'tests/fixtures/html')).filter((f) => f.endsWith('.html'))) cpSync(join(root, 'tests/fixtures/html', f), join(dir, 'html', f));
  for (const f of readdirSync(join(root, 'tests/fixtures/docx')).filter((f) => /\.(docx|json)$/.test(f))) cpSync(join(root, 'tests/fixtures/docx', f), join(dir, 'docx', f));
  writeFileSync(join(dir, 'broken/cut.json'), '{"year": 2020, "format": "2019", "tables": {"t3": ');
  writeFileSync(join(dir, 'broken/binary.html'), Buffer.from([0, 1, 2, 0xff, 0xfe, 0, 0x50, 0x4b]));
  writeFileSync(join(dir, 'broken/empty.txt'), '');
  return dir;
}

/** Runs the CLI with --jobs 1, 2 and 3 and checks stdout, stderr and the exit code are the same. */
function sameForEveryJobCount(args) {
  const [one, ...more] = [1, 2, 3].map((j) => run(['--jobs', String(j), ...args]));
  for (const [k, r] of more.entries()) {
    assert.equal(r.code, one.code, `--jobs ${k + 2} exit code: ${r.err}`);
    assert.ok(r.out === one.out, `--jobs ${k + 2}: stdout differs from --jobs 1 (${args.join(' ')})`);
    assert.equal(r.err, one.err, `--jobs ${k + 2} stderr`);
  }
  return one;
}

test('--jobs 1, 2, 3: byte-identical output and exit code on a folder with broken files, in every format', () => {
  const dir = mixedFolder('nbc-jobs-');
  try {
    const missing = join(dir, 'no-such-report.html');
    const files = readdirSync(dir, { recursive: true }).filter((f) => /\.(html|txt|json|docx)$/.test(f)).length;
    assert.ok(files >= 20, 'more files than workers');
    const json = sameForEveryJobCount(['--format', 'json', dir, missing]);
    assert.equal(json.code, 2, 'a missing input: exit 2');
    const j = JSON.parse(json.out);
    assert.equal(j.files.length, files);
    assert.equal(json.out, `${JSON.stringify(j, null, 2)}\n`, 'streamed JSON is what JSON.stringify(…, null, 2) gives');
    const rel = j.files.map((f) => f.path.slice(dir.length + 1));
    assert.deepEqual(rel, [...rel].sort(), 'files in the sorted walk order');
    assert.deepEqual(j.unreadable, [{ path: missing, reason: '文件不存在 / no such file or directory' }]);
    assert.equal(j.summary.unreadable, 1);
    for (const f of ['broken/cut.json', 'broken/binary.html', 'docx/bad-truncated.docx', 'docx/bad-encrypted.docx']) {
      assert.equal(j.files[rel.indexOf(f)].diagnostics[0].rule, 'input/unreadable', f);
    }
    assert.match(json.err, /no-such-report\.html: 文件不存在/);

    const human = sameForEveryJobCount([dir]);
    assert.equal(human.code, 1);
    assert.match(human.out, new RegExp(`共检查 ${files} 个文件：错误 ${j.summary.errors} 个`));
    const csv = sameForEveryJobCount(['--format', 'csv', '--locale', 'en', '--skip', 'cell/', dir]);
    assert.ok(csv.out.split('\n').length > files);
    const prev = sameForEveryJobCount(['--format', 'json', '--previous', seedPath, join(dir, 'seed-2020.txt'), join(dir, 'html')]);
    assert.ok(JSON.parse(prev.out).files.every((f) => f.previous === seedPath));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('--jobs 1, 2, 3: byte-identical output on the corpus', { skip: corpusSkip }, () => {
  const json = sameForEveryJobCount(['--format', 'json', corpusDir]);
  assert.equal(JSON.parse(json.out).files.length, readdirSync(corpusDir).filter((f) => /\.(html?|txt|md|json)$/.test(f)).length);
  sameForEveryJobCount([corpusDir, seedPath]);
});

test('--pair-years: the same pairs and output for --jobs 1, 2, 3', () => {
  const dir = mkdtempSync(join(tmpdir(), 'nbc-jobs-pair-'));
  try {
    const report = (year, t3, body = '某某局') => JSON.stringify({ title: `${body}${year}年政府信息公开工作年度报告`, year, format: '2019', tables: { t3 } });
    writeFileSync(join(dir, 'a-2019.json'), report(2019, { carried_out: { natural: 3, total: 3 } }));
    writeFileSync(join(dir, 'a-2020.json'), report(2020, { carried_in: { natural: 2, total: 2 }, carried_out: { total: 1 } }));
    writeFileSync(join(dir, 'a-2021.json'), report(2021, { carried_in: { total: 1 } }));
    writeFileSync(join(dir, 'b-2019.json'), report(2019, { carried_out: { total: 9 } }, '另一单位'));
    writeFileSync(join(dir, 'b-2020.json'), '{"title": "另一单位2020年');
    cpSync(join(root, 'tests/fixtures/docx/pingtan-czjrj-2025.docx'), join(dir, 'czjrj-2025.docx'));
    const now = JSON.parse(readFileSync(join(root, 'tests/fixtures/docx/pingtan-czjrj-2025.json'), 'utf8'));
    now.title = '平潭综合实验区财政金融局2026年度政府信息公开工作年度报告';
    now.year = 2026;
    writeFileSync(join(dir, 'czjrj-2026.json'), JSON.stringify(now));
    const inputs = [dir];
    if (!corpusSkip) for (const f of ['pingtan-2021.html', 'pingtan-2022.html', 'pingtan-2024.html', 'pingtan-2025.html']) inputs.push(join(corpusDir, f));
    const json = sameForEveryJobCount(['--format', 'json', '--pair-years', ...inputs]);
    const j = JSON.parse(json.out);
    const paired = Object.fromEntries(j.files.filter((f) => f.previous).map((f) => [f.path.slice(f.path.lastIndexOf('/') + 1), f.previous.slice(f.previous.lastIndexOf('/') + 1)]));
    const want = { 'a-2020.json': 'a-2019.json', 'a-2021.json': 'a-2020.json', 'czjrj-2026.json': 'czjrj-2025.docx' };
    if (!corpusSkip) Object.assign(want, { 'pingtan-2022.html': 'pingtan-2021.html', 'pingtan-2025.html': 'pingtan-2024.html' });
    assert.deepEqual(paired, want);
    assert.ok(j.files.find((f) => f.path.endsWith('a-2020.json')).diagnostics.some((d) => d.rule === 'history/carry-over'));
    sameForEveryJobCount(['--pair-years', '--locale', 'en', ...inputs]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('--jobs: a positive whole number, documented in --help', () => {
  for (const bad of ['0', 'x', '-1', '1.5']) {
    const r = run(['--jobs', bad, seedPath]);
    assert.equal(r.code, 2, bad);
    assert.match(r.err, /--jobs/);
  }
  assert.match(run(['--help']).out, /-j, --jobs <n>/);
  assert.equal(run(['-j', '4', seedPath]).code, 1);
  assert.equal(run(['--jobs=2', seedPath, seedPath]).code, 1);
});

/** Runs main() in this process with a given worker script; returns its exit code and output. */
async function runMain(args, workerUrl) {
  let out = '';
  let err = '';
  const io = { stdout: { write: (s) => (out += s) }, stderr: { write: (s) => (err += s) }, env: {}, workerUrl };
  const code = await main(args, io);
  return { code, out, err };
}

test('a worker thread that crashes is replaced; its file is reported unreadable, the others checked', async () => {
  const dir = mixedFolder('nbc-crash-');
  try {
    // Two files that kill their worker, early in the order, and more files after them than workers.
    cpSync(seedPath, join(dir, 'html/a-trap.txt'));
    cpSync(seedPath, join(dir, 'docx/trap-again.txt'));
    const crashing = new URL('./workers/crash-on-trap.js', import.meta.url);
    const r = await runMain(['--format', 'json', '--jobs', '2', dir], crashing);
    assert.equal(r.code, 2, r.err);
    const j = JSON.parse(r.out);
    const traps = [join(dir, 'docx/trap-again.txt'), join(dir, 'html/a-trap.txt')];
    assert.deepEqual(j.unreadable.map((u) => u.path), traps);
    for (const u of j.unreadable) assert.match(u.reason, /工作线程崩溃 .*worker thread crashed.*trap on/s);
    assert.match(r.err, /a-trap\.txt: 检查时工作线程崩溃/);
    const serial = await runMain(['--format', 'json', '--jobs', '1', dir]);
    const all = JSON.parse(serial.out);
    assert.deepEqual(j.files, all.files.filter((f) => !traps.includes(f.path)));
    assert.equal(j.files.length, all.files.length - 2);
    assert.equal(j.summary.unreadable, 2);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('worker threads that cannot start: the run goes on in this thread, same output, with a note', async () => {
  const cannot = new URL('./workers/cannot-start.js', import.meta.url);
  const r = await runMain(['--format', 'json', '--jobs', '2', seedPath, join(root, 'tests/fixtures/html')], cannot);
  const serial = await runMain(['--format', 'json', '--jobs', '1', seedPath, join(root, 'tests/fixtures/html')]);
  assert.equal(r.code, serial.code);
  assert.ok(r.out === serial.out, 'same output as --jobs 1');
  assert.match(r.err, /工作线程无法启动.*this worker cannot start/);
});

test('orderedMap: results in order, and never more than the window started ahead of the output', async () => {
  const n = 200;
  for (const limits of [{ concurrency: 1, window: 1 }, { concurrency: 3, window: 12 }, { concurrency: 8, window: 8 }]) {
    let started = 0;
    let emittedCount = 0;
    let widest = 0;
    const order = [];
    // Every 25th item is slow, so the ones after it finish first and wait.
    const work = (x, i) => {
      started++;
      widest = Math.max(widest, started - emittedCount);
      return new Promise((resolve) => setTimeout(() => resolve(x * 10), i % 25 === 0 ? 30 : i % 3));
    };
    await orderedMap(Array.from({ length: n }, (_, i) => i), work, limits, (r, i) => {
      assert.equal(r, i * 10);
      order.push(i);
      emittedCount++;
    });
    assert.deepEqual(order, Array.from({ length: n }, (_, i) => i));
    assert.ok(widest <= limits.window, `${widest} started ahead with window ${limits.window}`);
    assert.equal(widest, limits.window, 'the window is used');
  }
  await assert.rejects(orderedMap([1, 2, 3], (x) => (x === 2 ? Promise.reject(new Error('boom')) : x), { concurrency: 2, window: 2 }, () => {}), /boom/);
});
