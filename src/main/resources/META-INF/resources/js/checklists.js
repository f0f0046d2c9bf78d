'use strict';
// The checklist page: the list the API publishes for a standard (or grade) and level, and its printable page.

const GROUPS = { STANDARD: '标准检查项', DUTY: '相关义务', ALERT: '预警期间' };
const APPLIES_TO = { ORDINARY: '一般工地', KEY_PROJECT: '重点项目（无扬尘违法行为）', STAGGERED_PRODUCTION: '列入错峰生产的企业' };

(async () => {
  const form = document.getElementById('choose');
  const name = document.getElementById('name');
  const level = document.getElementById('level');
  const print = document.getElementById('print');
  const kind = () => form.querySelector('input[name="kind"]:checked').value;
  const query = new URLSearchParams(location.search);
  let standards;
  let grades;

  function fillNames() {
    const site = kind() === 'SITE';
    document.getElementById('name-label').textContent = site ? '执行标准' : '环保绩效分级';
    options(name, site ? standards.map((s) => [s, s]) : grades.map((g) => [g, label(GRADES, g)]), query.get('name'));
  }

  function url() {
    return '/api/v1/checklists/' + encodeURIComponent(name.value) + '?kind=' + kind() + '&alertLevel=' + level.value;
  }

  async function show() {
    print.href = url();
    history.replaceState(null, '', '?kind=' + kind() + '&name=' + encodeURIComponent(name.value) + '&alertLevel=' + level.value);
    status('正在生成检查表…');
    try {
      render(await Api.get(url()));
      status('');
    } catch (e) {
      status('无法生成检查表：' + e.message, true);
    }
  }

  function render(list) {
    const site = list.kind === 'SITE';
    document.getElementById('checklist-title').textContent = (site ? '施工工地 · 执行标准 ' + list.standard
      : '工业企业 · 环保绩效 ' + label(GRADES, list.performanceGrade)) + ' · ' + (list.alertTitle || list.alertLevel);
    document.querySelector('#items tbody').replaceChildren(...list.items.map((item, i) => h('tr', { 'data-code': item.code, 'data-group': item.group },
      h('td', { 'data-label': '序号' }, i + 1),
      h('td', { 'data-label': '检查项目', class: 'title' }, item.title, h('span', { class: 'code' }, item.code), h('span', { class: 'tag' }, GROUPS[item.group])),
      h('td', { 'data-label': '检查内容' }, h('ul', {}, item.check.map((c) => h('li', {}, c)))),
      h('td', { 'data-label': '检查标准' }, h('ul', {}, item.criterion.map((c) => h('li', {}, c))),
        item.parameters.map((p) => h('div', { class: 'muted' }, '现行取值：' + p.title + ' ' + p.value + ' ' + p.unit))),
      h('td', { 'data-label': '法律依据' }, basisCell(item.legalBasis.code)))));
    document.getElementById('measures').replaceChildren(...list.measures.map((m) => h('div', { 'data-applies-to': m.appliesTo },
      h('h3', {}, m.appliesTo === 'ORDINARY' && !site ? '绩效 ' + label(GRADES, list.performanceGrade) + ' 企业' : label(APPLIES_TO, m.appliesTo)),
      m.orders.length ? h('ul', {}, m.orders.map((o) => h('li', { 'data-type': o.type }, h('strong', {}, orderLabel(o)), ' ',
        h('span', { class: 'muted' }, o.reason + ' 依据：' + (o.legalBasis.title || o.legalBasis.code)))))
        : h('p', { class: 'muted' }, '无'))));
    document.getElementById('checklist').hidden = false;
  }

  try {
    const [index, ruleset] = await Promise.all([Names.load(), Api.ruleset()]);
    standards = ruleset.standards;
    grades = index.performanceGrades;
  } catch (e) {
    status('无法读取规则：' + e.message, true);
    return;
  }
  if (query.get('kind') === 'ENTERPRISE') form.querySelector('input[value="ENTERPRISE"]').checked = true;
  fillNames();
  options(level, Names.levels.map((l) => [l.level, l.title]), query.get('alertLevel'));
  print.href = url();
  form.querySelectorAll('input[name="kind"]').forEach((r) => r.addEventListener('change', () => { fillNames(); show(); }));
  [name, level].forEach((s) => s.addEventListener('change', () => { print.href = url(); }));
  form.addEventListener('submit', (e) => { e.preventDefault(); show(); });
  form.dataset.ready = 'true';
})();
