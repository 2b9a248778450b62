#!/usr/bin/env node
// nianbao-check CLI: checks report files and folders with the wasm core.
// Exit status: 0 no errors, 1 errors found, 2 bad usage or unreadable input.
import { readdirSync, statSync } from 'node:fs';
import os from 'node:os';
import { basename, extname, join, relative } from 'node:path';
import { isMainThread, Worker } from 'node:worker_threads';
import { checkOne, CSV_HEADER, paint, readInput, WORKER_ROLE } from './cli-worker.js';
import { version } from './node.js';

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
  -j, --jobs <n>            check on n threads (default: the number of cores,
                            ${defaultJobs()} here; 1 = in this thread)
  -h, --help                this help
  -V, --version             version

exit status: 0 no errors, 1 errors found, 2 bad usage or unreadable input`;

class UsageError extends Error {}

/** The number of cores Node may use (os.availableParallelism, Node ≥ 18.14). */
function defaultJobs() {
  return Math.max(1, typeof os.availableParallelism === 'function' ? os.availableParallelism() : os.cpus().length);
}

function parseArgs(argv) {
  const a = { format: 'human', locale: 'zh-CN', previous: undefined, pairYears: false, inputs: [], options: {}, color: undefined, progress: true, jobs: undefined };
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
      case '-j':
      case '--jobs': {
        const v = value(i++, arg);
        if (!/^[1-9]\d{0,3}$/.test(v)) throw new UsageError(`--jobs: '${v}' 不是正整数 / is not a positive whole number`);
        a.jobs = Number(v);
        break;
      }
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

/** The body a report is about: its title without the year, else the file name without it. */
function bodyKey(path, result) {
  const strip = (s) => s.replace(/(19|20)\d{2}\s*年?度?/g, '').replace(/[\s\-_.（）()]/g, '');
  if (result.title) {
    const k = strip(result.title);
    if (k) return k;
  }
  return strip(basename(path, extname(path))) || path;
}

function summaryLine(s, locale, c) {
  return /^en/i.test(locale)
    ? `${s.files} file(s) checked: ${c.red(`${s.errors} error(s)`)}, ${c.yellow(`${s.warnings} warning(s)`)}, ${s.infos} info${s.unreadable ? `, ${s.unreadable} unreadable` : ''}`
    : `共检查 ${s.files} 个文件：${c.red(`错误 ${s.errors} 个`)}，${c.yellow(`警告 ${s.warnings} 个`)}，提示 ${s.infos} 个${s.unreadable ? `，无法读取 ${s.unreadable} 个` : ''}`;
}

function progressBar(total, enabled) {
  if (!enabled || total < 2) return { tick() {}, clear() {}, done() {} };
  let last = 0;
  let shown = false;
  const draw = (n, label) => {
    const width = 24;
    const fill = Math.round((n / total) * width);
    const text = `[${'#'.repeat(fill)}${' '.repeat(width - fill)}] ${n}/${total} ${label}`;
    const cols = process.stderr.columns || 80;
    process.stderr.write(`\r\x1b[K${text.slice(0, cols - 1)}`);
    shown = true;
  };
  return {
    tick(n, label) {
      const now = Date.now();
      if (now - last > 80 || n === total) {
        last = now;
        draw(n, label);
      }
    },
    /** Takes the bar off the line (before output to the same terminal); the next tick draws it again. */
    clear() {
      if (shown) process.stderr.write('\r\x1b[K');
      shown = false;
      last = 0;
    },
    done() {
      process.stderr.write('\r\x1b[K');
    },
  };
}

/**
 * Runs `run(item)` (a promise) over `items` with at most `concurrency` at once
 * and hands each result to `emit(result, index)` in the items' order, as soon
 * as it and all before it are done. At most `window` items are started and
 * not yet emitted, so the results held out of order stay bounded however many
 * items there are.
 */
export function orderedMap(items, run, { concurrency, window }, emit) {
  return new Promise((resolve, reject) => {
    const held = new Map();
    let started = 0;
    let emitted = 0;
    let active = 0;
    let failed = false;
    const pump = () => {
      if (failed) return;
      try {
        while (held.has(emitted)) {
          const r = held.get(emitted);
          held.delete(emitted);
          emit(r, emitted++);
        }
      } catch (e) {
        failed = true;
        reject(e);
        return;
      }
      if (emitted === items.length) {
        resolve();
        return;
      }
      while (active < concurrency && started < items.length && started < emitted + window) {
        const i = started++;
        active++;
        Promise.resolve()
          .then(() => run(items[i], i))
          .then(
            (r) => {
              active--;
              held.set(i, r);
              pump();
            },
            (e) => {
              failed = true;
              reject(e);
            },
          );
      }
    };
    pump();
  });
}

/**
 * A pool of worker threads running js/cli-worker.js, each with its own wasm
 * instance. `run(job)` resolves with the worker's answer. A worker that dies
 * (a crash the module could not recover from, out of memory) is replaced, and
 * the file it had is answered as a problem, so a run never hangs on it.
 */
/**
 * How many files a worker holds at once: the one it checks and the next,
 * so that it starts the next file as soon as it posts a result, without
 * waiting for this thread (which shares the cores with the workers) to be
 * scheduled and hand it one.
 */
const IN_FLIGHT_PER_WORKER = 2;

class Pool {
  constructor(size, data, url) {
    this.data = { role: WORKER_ROLE, ...data };
    this.url = url;
    this.workers = new Set();
    this.queue = [];
    this.nextId = 0;
    this.closed = false;
    this.broken = null;
    let waiting = size;
    this.started = new Promise((resolve, reject) => {
      this.onStarted = () => --waiting === 0 && resolve();
      this.onStartFailed = reject;
    });
    for (let i = 0; i < size; i++) this.spawn();
  }

  spawn() {
    const w = new Worker(this.url, { workerData: this.data });
    // The tasks posted to it, in the order it runs them.
    w.tasks = [];
    w.ready = false;
    w.lastError = null;
    this.workers.add(w);
    w.on('message', (m) => {
      if (m.ready) {
        w.ready = true;
        this.onStarted();
      } else {
        w.tasks.shift()?.resolve(m.out);
      }
      this.drain();
    });
    w.on('error', (e) => {
      w.lastError = e;
    });
    w.on('exit', (code) => {
      this.workers.delete(w);
      if (this.closed) return;
      const why = w.lastError ? (w.lastError.message ?? String(w.lastError)) : `exit code ${code}`;
      if (!w.ready) {
        // It died while loading: a replacement would too.
        this.onStartFailed(new Error(why));
        if (this.workers.size === 0) this.fail(new Error(`工作线程无法启动 / worker threads cannot start: ${why}`));
        return;
      }
      // The first task is the one it was checking; the ones after it never
      // started and go back to the front of the queue, in order.
      const [running, ...waiting] = w.tasks.splice(0);
      running?.resolve({ problem: `检查时工作线程崩溃 / the worker thread crashed while checking: ${why}` });
      this.queue.unshift(...waiting);
      this.spawn();
    });
  }

  run(job) {
    if (this.broken) return Promise.reject(this.broken);
    return new Promise((resolve, reject) => {
      this.queue.push({ job, resolve, reject });
      this.drain();
    });
  }

  drain() {
    while (this.queue.length) {
      // The ready worker holding the fewest tasks, if it can take one more.
      let best = null;
      for (const w of this.workers) {
        if (w.ready && w.tasks.length < IN_FLIGHT_PER_WORKER && (best === null || w.tasks.length < best.tasks.length)) best = w;
      }
      if (best === null) return;
      const task = this.queue.shift();
      best.tasks.push(task);
      best.postMessage({ ...task.job, id: this.nextId++ });
    }
  }

  fail(e) {
    this.broken = e;
    for (const t of this.queue.splice(0)) t.reject(e);
  }

  async close() {
    this.closed = true;
    await Promise.all([...this.workers].map((w) => w.terminate()));
  }
}

/**
 * Writes the output file by file, in order, as results come (each file's
 * part formatted by `checkOne`): byte for byte what one
 * `JSON.stringify(…, null, 2)` / one join of every block would give.
 */
function output(args, io, c, progress) {
  const write = (s) => {
    if (io.stdout.isTTY === true) progress.clear();
    io.stdout.write(s);
  };
  let n = 0;
  return {
    start() {
      if (args.format === 'json') write('{\n  "files": [');
      else if (args.format === 'csv') write(`${CSV_HEADER.join(',')}\n`);
    },
    file(text) {
      if (args.format === 'json') write(`${n === 0 ? '\n' : ',\n'}${text}`);
      else if (text) write(text);
      n++;
    },
    end(summary, problems) {
      if (args.format === 'json') {
        const unreadable = problems.map((p) => ({ path: p.path, reason: p.reason }));
        const rest = JSON.stringify({ summary, unreadable }, null, 2);
        write(`${n === 0 ? '],' : '\n  ],'}\n${rest.slice(2)}\n`);
      } else if (args.format !== 'csv') {
        write(`${summaryLine(summary, args.locale, c)}\n`);
      }
    },
  };
}

/** How far ahead of the output the checks may run, per worker. */
const AHEAD_PER_JOB = 4;

/** The exit status the output written so far gives (for a reader that goes away early). */
let statusSoFar = 0;

/**
 * Runs the CLI; resolves with the exit status. `io` is where output goes
 * (`stdout`, `stderr`, `env`); `io.workerUrl` (tests only) replaces the
 * worker script.
 */
export async function main(argv, io = { stdout: process.stdout, stderr: process.stderr, env: process.env }) {
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
  // Paths are listed up front (the progress bar shows n/total); each file's
  // bytes are read only when it is checked.
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
  if (problems.length) statusSoFar = 2;

  const colour = args.color ?? (io.stdout.isTTY === true && !io.env.NO_COLOR);
  const ctx = { options: args.options, format: args.format, colour, previous, previousPath: args.previous };
  const jobs = Math.min(args.jobs ?? defaultJobs(), files.length);
  let pool = null;
  if (jobs > 1) {
    pool = new Pool(jobs, ctx, io.workerUrl ?? new URL('./cli-worker.js', import.meta.url));
    try {
      await pool.started;
    } catch (e) {
      await pool.close();
      pool = null;
      io.stderr.write(`nianbao-check: 工作线程无法启动，改为单线程检查 / worker threads cannot start (${e.message}); checking in this thread\n`);
    }
  }
  const run = pool ? (job) => pool.run(job) : (job) => checkOne(job, ctx);
  const limits = { concurrency: pool ? jobs * IN_FLIGHT_PER_WORKER : 1, window: pool ? jobs * AHEAD_PER_JOB : 1 };

  const c = paint(colour);
  const progress = progressBar(files.length, args.progress && io.stderr.isTTY === true);
  const out = output(args, io, c, progress);
  const summary = { files: 0, errors: 0, warnings: 0, infos: 0, unreadable: 0 };
  const emit = ({ text, counts }) => {
    summary.files++;
    summary.errors += counts.errors;
    summary.warnings += counts.warnings;
    summary.infos += counts.infos;
    if (counts.errors > 0 && statusSoFar === 0) statusSoFar = 1;
    out.file(text);
  };

  try {
    out.start();
    const label = (i) => (i < files.length ? relative('.', files[i]) || files[i] : '');
    progress.tick(0, label(0));
    const jobsOf = files.map((path) => ({ path }));
    if (!args.pairYears) {
      await orderedMap(jobsOf, run, limits, (r, i) => {
        progress.tick(i + 1, label(i + 1));
        if (r.problem !== undefined) {
          problems.push({ path: files[i], reason: r.problem });
          statusSoFar = 2;
        } else emit(r);
      });
    } else {
      // First every file alone (results kept: the pairs are known only at
      // the end), then each one that has last year's report among the
      // inputs again, with it.
      const first = new Array(files.length);
      await orderedMap(jobsOf, run, limits, (r, i) => {
        progress.tick(i + 1, label(i + 1));
        if (r.problem !== undefined) {
          problems.push({ path: files[i], reason: r.problem });
          statusSoFar = 2;
        } else first[i] = r;
      });
      const byBody = new Map();
      first.forEach((r, i) => {
        if (r !== undefined && r.year != null) byBody.set(`${bodyKey(files[i], r)}\u0000${r.year}`, files[i]);
      });
      const again = first.map((r, i) => {
        if (r === undefined || r.year == null) return undefined;
        const prev = byBody.get(`${bodyKey(files[i], r)}\u0000${r.year - 1}`);
        return prev ? { path: files[i], previous: prev } : undefined;
      });
      byBody.clear();
      await orderedMap(
        first,
        (r, i) => (again[i] ? run(again[i]) : r),
        limits,
        (r, i) => {
          first[i] = undefined;
          if (r === undefined) return;
          if (r.problem !== undefined) {
            problems.push({ path: files[i], reason: r.problem });
            statusSoFar = 2;
            return;
          }
          emit(r);
        },
      );
    }
  } catch (e) {
    progress.done();
    io.stderr.write(`nianbao-check: ${e.message}\n`);
    return 2;
  } finally {
    if (pool) await pool.close();
  }
  progress.done();

  summary.unreadable = problems.length;
  for (const p of problems) io.stderr.write(`nianbao-check: ${p.path}: ${p.reason}\n`);
  out.end(summary, problems);
  if (problems.length) return 2;
  return summary.errors > 0 ? 1 : 0;
}

const invokedDirectly = (() => {
  if (!isMainThread) return false;
  try {
    return import.meta.url === new URL(`file://${process.argv[1]}`).href || process.argv[1]?.endsWith('nianbao-check') || process.argv[1]?.endsWith('cli.js');
  } catch {
    return false;
  }
})();
if (invokedDirectly) {
  // A reader that goes away (`| head`) ends the run quietly with the status
  // the findings written so far give; it is not an error of the check.
  process.stdout.on('error', (e) => {
    if (e.code === 'EPIPE') process.exit(process.exitCode ?? statusSoFar);
    throw e;
  });
  process.exitCode = await main(process.argv.slice(2));
}
