// The official tables of the 年度报告 (2019 and 2021 formats) as HTML strings,
// with the layout the formats print: caption rows, merged header cells,
// rowspan group labels. Used by the demo (form mode: one input per value
// cell, data-nianbao="t3.new.natural") and by tools/seed-html.mjs (values as
// text). Pure string building, so it runs in Node and in the browser.

const T2 = {
  2019: [
    {
      block: 'item1', caption: '第二十条第（一）项',
      cols: [['made', '本年新制作数量'], ['published', '本年新公开数量'], ['total_public', '对外公开总数量']],
      rows: [['regulations', '规章'], ['normative', '规范性文件']],
    },
    {
      block: 'item5', caption: '第二十条第（五）项',
      cols: [['prev_items', '上一年项目数量'], ['change', '本年增/减'], ['decisions', '处理决定数量']],
      rows: [['licensing', '行政许可'], ['other_services', '其他对外管理服务事项']],
    },
    {
      block: 'item6', caption: '第二十条第（六）项',
      cols: [['prev_items', '上一年项目数量'], ['change', '本年增/减'], ['decisions', '处理决定数量']],
      rows: [['penalty', '行政处罚'], ['coercion', '行政强制']],
    },
    {
      block: 'item8', caption: '第二十条第（八）项',
      cols: [['prev_items', '上一年项目数量'], ['change', '本年增/减']],
      rows: [['fees', '行政事业性收费']],
    },
    {
      block: 'item9', caption: '第二十条第（九）项',
      cols: [['projects', '采购项目数量'], ['amount', '采购总金额']],
      rows: [['procurement', '政府集中采购']],
    },
  ],
  2021: [
    {
      block: 'item1', caption: '第二十条第（一）项',
      cols: [['issued', '本年制发件数'], ['repealed', '本年废止件数'], ['in_force', '现行有效件数']],
      rows: [['regulations', '规章'], ['normative', '行政规范性文件']],
    },
    {
      block: 'item5', caption: '第二十条第（五）项',
      cols: [['decisions', '本年处理决定数量']],
      rows: [['licensing', '行政许可']],
    },
    {
      block: 'item6', caption: '第二十条第（六）项',
      cols: [['decisions', '本年处理决定数量']],
      rows: [['penalty', '行政处罚'], ['coercion', '行政强制']],
    },
    {
      block: 'item8', caption: '第二十条第（八）项',
      cols: [['amount', '本年收费金额（单位：万元）']],
      rows: [['fees', '行政事业性收费']],
    },
  ],
};

const T3_COLS = ['natural', 'commercial', 'research', 'nonprofit', 'legal', 'other', 'total'];
const T3_GROUPS = (format) => [
  ['（三）不予公开', [
    ['denied_secret', '1．属于国家秘密'], ['denied_law', '2．其他法律行政法规禁止公开'],
    ['denied_security', '3．危及“三安全一稳定”'], ['denied_third_party', '4．保护第三方合法权益'],
    ['denied_internal', '5．属于三类内部事务信息'], ['denied_process', '6．属于四类过程性信息'],
    ['denied_enforcement', '7．属于行政执法案卷'], ['denied_inquiry', '8．属于行政查询事项'],
  ]],
  ['（四）无法提供', [
    ['unable_no_info', '1．本机关不掌握相关政府信息'], ['unable_need_creation', '2．没有现成信息需要另行制作'],
    ['unable_unclear', '3．补正后申请内容仍不明确'],
  ]],
  ['（五）不予处理', [
    ['rejected_petition', '1．信访举报投诉类申请'], ['rejected_duplicate', '2．重复申请'],
    ['rejected_publication', '3．要求提供公开出版物'], ['rejected_massive', '4．无正当理由大量反复申请'],
    ['rejected_confirmation', '5．要求行政机关确认或重新出具已获取信息'],
  ]],
  ...(String(format) === '2021'
    ? [['（六）其他处理', [
      ['other_no_correction', '1．申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请'],
      ['other_unpaid_fee', '2．申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请'],
      ['other_other', '3．其他'],
    ]]]
    : []),
];
const T4_GROUPS = ['review', 'suit_direct', 'suit_after_review'];
const T4_COLS = [['upheld', '结果维持'], ['corrected', '结果纠正'], ['other', '其他结果'], ['pending', '尚未审结'], ['total', '总计']];

export function escapeHtml(s) {
  return String(s).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]);
}

function td(text, attrs = '') {
  return `<td${attrs}>${escapeHtml(text)}</td>`;
}

/**
 * `value(key)` gives a cell's text ("" for empty); with `inputs: true` each
 * value cell holds an <input data-nianbao="key" name="key"> instead.
 */
function valueCell(key, { value, inputs, label }, attrs = '') {
  const v = value ? value(key) ?? '' : '';
  if (!inputs) return `<td class="num"${attrs}>${escapeHtml(v)}</td>`;
  return `<td class="num"${attrs}><input name="${escapeHtml(key)}" data-nianbao="${escapeHtml(key)}" value="${escapeHtml(v)}" inputmode="decimal" autocomplete="off" aria-label="${escapeHtml(label ?? key)}"></td>`;
}

export function table2(format, o = {}) {
  const blocks = T2[String(format)] ?? T2[2021];
  let h = '<table class="nb-table nb-t2" border="1"><tbody>';
  for (const b of blocks) {
    h += `<tr>${td(b.caption, ' colspan="4" class="caption"')}</tr>`;
    const wide = 4 - b.cols.length; // the last column spans what is left
    h += '<tr>' + td('信息内容', ' class="head"');
    b.cols.forEach(([, label], i) => {
      h += td(label, i === b.cols.length - 1 && wide > 1 ? ` colspan="${wide}" class="head"` : ' class="head"');
    });
    h += '</tr>';
    for (const [row, rlabel] of b.rows) {
      h += '<tr>' + td(rlabel);
      b.cols.forEach(([col, clabel], i) => {
        h += valueCell(`t2.${b.block}.${row}.${col}`, { ...o, label: `${b.caption} ${rlabel} ${clabel}` }, i === b.cols.length - 1 && wide > 1 ? ` colspan="${wide}"` : '');
      });
      h += '</tr>';
    }
  }
  return h + '</tbody></table>';
}

export function table3(format, o = {}) {
  const colLabels = { natural: '自然人', commercial: '商业企业', research: '科研机构', nonprofit: '社会公益组织', legal: '法律服务机构', other: '其他', total: '总计' };
  const vals = (row, rlabel) => T3_COLS.map((c) => valueCell(`t3.${row}.${c}`, { ...o, label: `${rlabel} ${colLabels[c]}` })).join('');
  const groups = T3_GROUPS(format);
  const resultRows = 2 + groups.reduce((n, [, rs]) => n + rs.length, 0) + (String(format) === '2021' ? 0 : 1) + 1;
  let h = '<table class="nb-table nb-t3" border="1"><tbody>';
  h += `<tr>${td('（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）', ' rowspan="3" colspan="3" class="head"')}${td('申请人情况', ' colspan="7" class="head"')}</tr>`;
  h += `<tr>${td('自然人', ' rowspan="2" class="head"')}${td('法人或其他组织', ' colspan="5" class="head"')}${td('总计', ' rowspan="2" class="head"')}</tr>`;
  h += `<tr>${['商业企业', '科研机构', '社会公益组织', '法律服务机构', '其他'].map((l) => td(l, ' class="head"')).join('')}</tr>`;
  h += `<tr>${td('一、本年新收政府信息公开申请数量', ' colspan="3"')}${vals('new', '一、本年新收')}</tr>`;
  h += `<tr>${td('二、上年结转政府信息公开申请数量', ' colspan="3"')}${vals('carried_in', '二、上年结转')}</tr>`;
  h += `<tr>${td('三、本年度办理结果', ` rowspan="${resultRows}"`)}${td('（一）予以公开', ' colspan="2"')}${vals('granted', '（一）予以公开')}</tr>`;
  h += `<tr>${td('（二）部分公开（区分处理的，只计这一情形，不计其他情形）', ' colspan="2"')}${vals('partial', '（二）部分公开')}</tr>`;
  for (const [glabel, rows] of groups) {
    rows.forEach(([row, rlabel], i) => {
      h += '<tr>' + (i === 0 ? td(glabel, ` rowspan="${rows.length}"`) : '') + td(rlabel) + vals(row, `${glabel} ${rlabel}`) + '</tr>';
    });
  }
  if (String(format) !== '2021') h += `<tr>${td('（六）其他处理', ' colspan="2"')}${vals('other', '（六）其他处理')}</tr>`;
  h += `<tr>${td('（七）总计', ' colspan="2"')}${vals('results_total', '（七）总计')}</tr>`;
  h += `<tr>${td('四、结转下年度继续办理', ' colspan="3"')}${vals('carried_out', '四、结转下年度')}</tr>`;
  return h + '</tbody></table>';
}

export function table4(format, o = {}) {
  let h = '<table class="nb-table nb-t4" border="1"><tbody>';
  h += `<tr>${td('行政复议', ' colspan="5" class="head"')}${td('行政诉讼', ' colspan="10" class="head"')}</tr>`;
  h += '<tr>' + T4_COLS.map(([, l]) => td(l, ' rowspan="2" class="head"')).join('') + td('未经复议直接起诉', ' colspan="5" class="head"') + td('复议后起诉', ' colspan="5" class="head"') + '</tr>';
  h += '<tr>' + [...T4_COLS, ...T4_COLS].map(([, l]) => td(l, ' class="head"')).join('') + '</tr>';
  const names = { review: '行政复议', suit_direct: '未经复议直接起诉', suit_after_review: '复议后起诉' };
  h += '<tr>' + T4_GROUPS.flatMap((g) => T4_COLS.map(([c, l]) => valueCell(`t4.${g}.${c}`, { ...o, label: `${names[g]} ${l}` }))).join('') + '</tr>';
  return h + '</tbody></table>';
}

export const HEADINGS = [
  '一、总体情况',
  '二、主动公开政府信息情况',
  '三、收到和处理政府信息公开申请情况',
  '四、政府信息公开行政复议、行政诉讼情况',
  '五、存在的主要问题及改进情况',
  '六、其他需要报告的事项',
];
