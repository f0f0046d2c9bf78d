'use strict';
// One subject's file (一地一档 / 一企一档): its profile (GET /api/v1/subjects/{id}), its evaluations a page at
// a time, its rectification cases, and the penalties its latest evaluations recommend.

(async () => {
  const id = new URLSearchParams(location.search).get('id');
  if (!id) {
    status('请从检查对象列表打开档案。', true);
    return;
  }
  try {
    await Words.load();
  } catch (e) {
    status('无法读取规则：' + e.message, true);
    return;
  }
  let file;
  try {
    file = await Api.get('/api/v1/subjects/' + encodeURIComponent(id));
  } catch (e) {
    status(e.status === 404 ? '没有这个检查对象。' : '无法读取档案：' + e.message, true);
    return;
  }
  document.title = (file.name || id) + ' · 蓝天';
  document.getElementById('title').textContent = (file.kind === 'SITE' ? '一地一档：' : '一企一档：') + (file.name || id);
  document.getElementById('unregistered').hidden = file.registered;
  const p = file.profile || {};
  const facts = [
    ['编号', id],
    ['类型', Words.label('SUBJECT_KIND', file.kind)],
    ['辖区', Words.label('JURISDICTION', file.jurisdiction)],
    ['名称', file.name],
    ['统一社会信用代码', p.creditCode],
    ['项目编号', p.projectCode],
    ['地址', p.address],
    ['法定代表人', p.legalRepresentative],
    ['建设单位', p.builder],
    ['施工单位', p.contractor],
    ['绩效分级', p.performanceGrade ? Words.label('PERFORMANCE_GRADE', p.performanceGrade) : null],
    ['行业', p.industry],
    ['未销号案件', file.openCases + ' 件' + (file.overdueCases ? '（逾期 ' + file.overdueCases + ' 件）' : '')],
  ].filter(([, v]) => v !== null && v !== undefined && v !== '');
  document.getElementById('profile').replaceChildren(...facts.flatMap(([k, v]) => [h('dt', {}, k), h('dd', {}, v)]));

  const [evaluations, cases, alarms] = await Promise.all([
    Api.get('/api/v1/subjects/' + encodeURIComponent(id) + '/evaluations?size=20').catch(() => ({ evaluations: [] })),
    Api.get('/api/v1/cases?size=100&subject=' + encodeURIComponent(id)).catch(() => ({ items: [] })),
    Api.get('/api/v1/alarms?subject=' + encodeURIComponent(id)).catch(() => []),
  ]);
  // each alarm: its day, what the rules found (their own Chinese message), where its verification stands and the case
  // it opened; an inspector of the jurisdiction verifies an open one here (核实属实 records an inspection with the
  // alarm's fact, 排除 needs a note)
  const me = await Api.me().catch(() => ({ roles: [], jurisdictions: [] }));
  const inspector = (me.roles || []).includes('INSPECTOR')
    && (!(me.jurisdictions || []).length || me.jurisdictions.includes(file.jurisdiction));
  document.getElementById('alarms').replaceChildren(...alarms.map((a) => h('li', { 'data-alarm': a.id, 'data-state': a.state },
    h('span', { class: 'verdict-bad' }, a.alarm.day + ' ' + Words.label('ALARM', a.alarm.code)),
    h('span', {}, a.alarm.message || ''),
    h('span', { class: 'state' }, Words.label('ALARM_STATE', a.state)
      + (a.verifiedBy ? '（' + a.verifiedBy + ' ' + Words.time(a.verifiedAt) + '）' : '')),
    a.verificationNote ? h('span', { class: 'muted' }, a.verificationNote) : '',
    a.evaluationId ? h('span', { class: 'code' }, a.evaluationId) : '',
    a.caseId ? h('a', { href: '/case.html?id=' + encodeURIComponent(a.caseId) }, '查看案件') : '',
    a.state === 'OPEN' && inspector ? verification(a) : '')));
  document.getElementById('no-alarms').hidden = alarms.length > 0;
  document.getElementById('evaluations').replaceChildren(...evaluations.evaluations.map((e) => h('li', { 'data-evaluation': e.evaluationId },
    h('span', { class: e.compliant ? 'verdict-ok' : 'verdict-bad' }, Words.time(e.inspectedAt) + ' ' + (e.compliant ? '合规' : '不合规')),
    e.violations.length ? h('span', {}, e.violations.map((v) => Words.title(v)).join('；')) : '')));
  document.getElementById('no-evaluations').hidden = evaluations.evaluations.length > 0;

  document.getElementById('cases').replaceChildren(...cases.items.map((c) => h('li', {
    class: 'case-card state-' + c.state + (c.overdue ? ' overdue' : ''), 'data-case': c.id },
    h('a', { href: '/case.html?id=' + encodeURIComponent(c.id) }, h('strong', {}, c.title),
      h('span', { class: 'state' }, Words.label('CASE_STATE', c.state) + (c.overdue ? ' · 已逾期' : '')),
      c.deadline ? h('span', { class: 'deadline' }, '整改期限 ' + Words.time(c.deadline)) : ''))));
  document.getElementById('no-cases').hidden = cases.items.length > 0;

  // the penalties of the latest ten evaluations with violations, each read whole
  const withViolations = evaluations.evaluations.filter((e) => !e.compliant).slice(0, 10);
  const decisions = await Promise.all(withViolations.map((e) =>
    Api.get('/api/v1/evaluations/' + encodeURIComponent(e.evaluationId)).catch(() => null)));
  const penalties = [];
  decisions.forEach((d, i) => (d && d.penalties || []).forEach((pen) => penalties.push([withViolations[i], pen])));
  document.getElementById('penalties').replaceChildren(...penalties.map(([e, pen]) => h('li', { 'data-evaluation': e.evaluationId },
    h('span', {}, Words.time(e.inspectedAt)),
    basisCell(pen.legalBasis),
    h('strong', {}, '建议罚款 ' + yuan(pen.recommendedFineYuan)),
    h('span', { class: 'muted' }, '幅度 ' + yuan(pen.fineMinYuan) + '～' + yuan(pen.fineMaxYuan)))));
  document.getElementById('no-penalties').hidden = penalties.length > 0;
  document.querySelector('main').dataset.ready = 'true';

  /** An open alarm's verification: a note, and the two outcomes. */
  function verification(a) {
    const note = h('textarea', { name: 'note', rows: '2', maxlength: '2000', placeholder: '核实情况（排除报警时必填）' });
    const send = (outcome) => async (event) => {
      const body = { outcome };
      if (note.value.trim()) body.note = note.value.trim();
      const buttons = event.target.parentElement.querySelectorAll('button');
      buttons.forEach((b) => { b.disabled = true; });
      const r = await Api.post('/api/v1/alarms/' + encodeURIComponent(a.id) + '/verification', body);
      buttons.forEach((b) => { b.disabled = false; });
      if (!r.ok) {
        const errors = (r.data && r.data.errors || []).map((e) => e.field + '：' + e.message).join('；');
        status('核实未保存：' + ((r.data && (r.data.detail || r.data.title)) || 'HTTP ' + r.status) + (errors ? '（' + errors + '）' : ''), true);
        return;
      }
      location.reload();
    };
    return h('details', { class: 'verify' }, h('summary', {}, '核实报警'),
      h('p', { class: 'muted' }, '核实属实：以报警数据（' + Words.label('ALARM', a.alarm.code) + '）记入一份现场检查记录并作出决定；排除：写明理由。案件的报警均核实后，未责令整改的报警案件销号。'),
      note,
      h('button', { type: 'button', 'data-outcome': 'CONFIRMED', onclick: send('CONFIRMED') }, '核实属实'),
      h('button', { type: 'button', 'data-outcome': 'DISMISSED', onclick: send('DISMISSED') }, '排除报警'));
  }
})();
