// A CLI worker for the tests that fails while loading, as a thread that
// cannot start (no memory, a broken install) would.
throw new Error('this worker cannot start');
