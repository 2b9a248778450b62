// What each report must produce, checked by hand against the reports:
// - the seed: （七）总计 says 6 in the 自然人 and 总计 columns while every outcome row
//   above is 0 and 一+二 = 0 (format.md), and its 25.96万元 procurement amount is
//   read as money (an info);
// - pingtan-2022: the prose says 收到政府信息公开申请75件, table 3 一、本年新收 总计 is 74
//   and 二、上年结转 总计 is 1: 收到 counted with last year's carried-over request,
//   which text/table-mismatch accepts (no finding);
// - pingtan-2019: 采购总金额 written as 75394432.52元 (an info: unit normalised);
// - the other pingtan reports: no finding.
// Each entry: [rule, primary cell, its text in the report].
export const EXPECTED = {
  seed: [
    ['t3/balance', 't3.results_total.natural', '6'],
    ['t3/balance', 't3.results_total.total', '6'],
    ['t3/results-total', 't3.results_total.natural', '6'],
    ['t3/results-total', 't3.results_total.total', '6'],
    ['cell/normalised', 't2.item9.procurement.amount', '25.96万元'],
  ],
  'pingtan-2019.html': [['cell/normalised', 't2.item9.procurement.amount', '75394432.52元']],
  'pingtan-2021.html': [],
  'pingtan-2022.html': [],
  'pingtan-2024.html': [],
  'pingtan-2025.html': [],
  'pingtan-czjrj-2025.html': [],
};

/** The same triples from a result, sorted. */
export function findings(result) {
  return result.diagnostics
    .map((d) => {
      const c = d.cells[0];
      return [d.rule, c ? [c.table, c.block, c.row, c.column].filter(Boolean).join('.') : null, c?.raw ?? null];
    })
    .sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
}

export function sorted(list) {
  return [...list].sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
}
