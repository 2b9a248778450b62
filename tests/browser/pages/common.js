// Shared by the test pages: attach the adapter unless ?adapter=0, and expose
// what the tests read (the form data as submitted, the controller).
import { attach } from '../../../www/adapter/index.js';

export const params = new URLSearchParams(location.search);
export const withAdapter = params.get('adapter') !== '0';

/** The form's data set as the browser would submit it, in order. */
export function formEntries(form) {
  return [...new FormData(form)].map(([k, v]) => [k, typeof v === 'string' ? v : `[file ${v.name}]`]);
}

/**
 * Wires a page: `attachTo()` returns the adapter's target (or null), `getContent()`
 * the editor's own serialisation. Submitting records the form data and stops
 * the navigation (there is nowhere to post to).
 */
export function setup({ form, attachTo, getContent, setContent, options = {} }) {
  const api = {
    controller: null,
    submissions: [],
    results: [],
    getContent,
    setContent,
    formEntries: () => formEntries(form),
  };
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    api.submissions.push({ entries: formEntries(form), content: getContent?.() });
  });
  if (withAdapter) {
    api.controller = attach(attachTo(), {
      delay: params.has('delay') ? Number(params.get('delay')) : 'auto',
      block: params.get('block') ?? 'errors',
      focus: params.get('focus') !== '0',
      locale: params.get('locale') ?? 'zh-CN',
      dismissed: params.getAll('dismissed'),
      onResult: (d) => api.results.push({ at: performance.now(), reason: d.reason, timing: d.timing, fingerprints: d.result.diagnostics.map((x) => x.fingerprint) }),
      ...options,
    });
    api.ready = api.controller.ready;
  } else {
    api.ready = Promise.resolve(null);
  }
  window.testPage = api;
  return api;
}
