'use strict';
// The checklist page: the list the API publishes for a standard (or grade) and level, and its printable page.

(async () => {
  const form = document.getElementById('choose');
  const name = document.getElementById('name');
  const level = document.getElementById('level');
  const print = document.getElementById('print');
  const kind = () => form.querySelector('input[name="kind"]:checked').value;
  const query = new URLSearchParams(location.search);
  let standards;
  let grades;
  let index;

  function fillNames() {
    const site = kind() === 'SITE';
    document.getElementById('name-label').textContent = Words.field(site ? 'subject.standard' : 'enterprise.performanceGrade');
    options(name, site ? standards.map((s) => [s, Words.label('STANDARD', s)])
      : grades.map((g) => [g, Words.label('PERFORMANCE_GRADE', g)]), query.get('name'));
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
    const grade = Words.label('PERFORMANCE_GRADE', list.performanceGrade);
    document.getElementById('checklist-title').textContent = Words.label('SUBJECT_KIND', list.kind) + ' · '
      + (site ? Words.field('subject.standard') + ' ' + Words.label('STANDARD', list.standard)
        : Words.field('enterprise.performanceGrade') + ' ' + grade) + ' · ' + Words.level(list.alertLevel);
    document.querySelector('#items tbody').replaceChildren(...list.items.map((item, i) => h('tr', { 'data-code': item.code, 'data-group': item.group },
      h('td', { 'data-label': '序号' }, i + 1),
      h('td', { 'data-label': '检查项目', class: 'title' }, item.title, h('span', { class: 'code' }, item.code), h('span', { class: 'tag' }, Words.label('CHECKLIST_GROUP', item.group))),
      h('td', { 'data-label': '检查内容' }, h('ul', {}, item.check.map((c) => h('li', {}, c)))),
      h('td', { 'data-label': '检查标准' }, h('ul', {}, item.criterion.map((c) => h('li', {}, c))),
        item.parameters.map((p) => h('div', { class: 'muted' }, '现行取值：' + p.title + ' ' + p.value + ' ' + p.unit))),
      h('td', { 'data-label': '法律依据' }, basisCell(item.legalBasis.code)))));
    document.getElementById('measures').replaceChildren(...list.measures.map((m) => h('div', { 'data-applies-to': m.appliesTo },
      h('h3', {}, site ? Words.label('SITE_CLASS', m.appliesTo) : (m.appliesTo === 'STAGGERED_PRODUCTION'
        ? Words.field('enterprise.staggeredProduction') + '的' : '') + '绩效 ' + grade + '企业'),
      m.orders.length ? h('ul', {}, m.orders.map((o) => h('li', { 'data-type': o.type }, h('strong', {}, orderLabel(o)), ' ',
        h('span', { class: 'muted' }, o.reason + ' 依据：' + (o.legalBasis.title || Words.basis(o.legalBasis.code))))))
        : h('p', { class: 'muted' }, '无'))));
    document.getElementById('checklist').hidden = false;
  }

  try {
    [index] = await Promise.all([Api.index(), Words.load()]);
    standards = index.standards;
    grades = index.performanceGrades;
    kindChoices(form.querySelector('fieldset.kind'), Object.keys(Words.labels.SUBJECT_KIND), query.get('kind'));
  } catch (e) {
    status('无法读取规则：' + e.message, true);
    return;
  }
  document.getElementById('level-label').textContent = Words.field('alertLevel');
  fillNames();
  options(level, index.alertLevels.map((l) => [l.level, Words.level(l.level)]), query.get('alertLevel'));
  print.href = url();
  form.querySelectorAll('input[name="kind"]').forEach((r) => r.addEventListener('change', () => { fillNames(); show(); }));
  [name, level].forEach((s) => s.addEventListener('change', () => { print.href = url(); }));
  form.addEventListener('submit', (e) => { e.preventDefault(); show(); });
  form.dataset.ready = 'true';
})();
