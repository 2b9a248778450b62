// A CLI worker for the tests that dies on any file whose name has "trap" in
// it: js/cli-worker.js's message handler is wrapped so that, for such a file,
// a wasm trap (the test panic) is thrown out of it instead of the file being
// checked; uncaught, it ends the thread as a real crash would.
import { parentPort } from 'node:worker_threads';
import { __panicForTest } from '../../../js/node.js';

console.error = () => {}; // the panic hook's report: expected here, not test output
const on = parentPort.on.bind(parentPort);
parentPort.on = (event, handler) =>
  on(event, event !== 'message' ? handler : (job) => {
    if (/trap/.test(job.path)) __panicForTest(`trap on ${job.path}`);
    handler(job);
  });
await import('../../../js/cli-worker.js');
