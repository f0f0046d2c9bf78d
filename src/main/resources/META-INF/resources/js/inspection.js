'use strict';
// The inspection page: the record goes to /api/v1/evaluations; the decision is shown with the legal
// basis and the reason of every violation, order and penalty (a penalty's calculation line by line), how much of the standard was inspected, and
// every time as a Chinese date in the jurisdiction's zone.

(async () => {
  const form = document.getElementById('record');
  const record = new RecordForm(form, { inspection: true, omit: ['inspectionId'], objects: ['circumstances'],
    hints: { circumstances: '处罚裁量用，未填写的按无此情节' } });
  try {
    await record.init();
  } catch (e) {
    status('无法读取规则：' + e.message, true);
    return;
  }

  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    record.clearErrors();
    status('正在判定…');
    let answer;
    try {
      answer = await Api.post('/api/v1/evaluations', record.body());
    } catch (err) {
      status('无法连接服务：' + err.message, true);
      return;
    }
    status('');
    if (!answer.ok) {
      document.getElementById('result').hidden = true;
      record.showErrors(answer.data || {});
      return;
    }
    render(answer.data, record.inUse);
  });

  function rows(id, list, row, empty) {
    document.querySelector('#' + id + ' tbody').replaceChildren(...(list.length ? list.map(row)
      : [h('tr', { class: 'none' }, h('td', { colspan: 6 }, empty))]));
  }

  /** "已检查 n/m 项": the items of the subject's standard (a plant's checks) the record holds, and those it does not. */
  function coverage(d) {
    const inspected = d.inspected || [];
    const missing = d.notInspected || [];
    const total = inspected.length + missing.length;
    const c = document.getElementById('coverage');
    c.dataset.inspected = inspected.length;
    c.dataset.total = total;
    c.replaceChildren(h('strong', {}, '已检查 ' + inspected.length + '/' + total + ' 项'),
      missing.length ? h('span', { class: 'muted' }, '　未检查：' + missing.map((code) => Words.title(code)).join('、')) : '');
  }

  function render(d, inUse) {
    const verdict = document.getElementById('verdict');
    verdict.className = 'banner ' + (d.compliant ? 'compliant' : 'not-compliant');
    verdict.textContent = d.compliant ? '未发现违法问题' : '发现 ' + d.violations.length + ' 项违法问题';
    coverage(d);
    Words.warnings(document.getElementById('warnings'), d.warnings);
    const where = [];
    if (inUse && inUse.place) where.push(Words.field('subject.jurisdiction') + ' ' + Words.label('JURISDICTION', inUse.place.jurisdiction));
    if (inUse && inUse.name && record.kind === 'SITE') {
      where.push(Words.field('subject.standard') + ' ' + Words.label('STANDARD', inUse.name) + (inUse.standardFromPlace ? '（辖区标准）' : ''));
    }
    if (inUse) where.push(Words.field('alertLevel') + ' ' + Words.level(inUse.levels[0]) + (inUse.levelFromPlace ? '（辖区现行）' : ''));
    document.getElementById('result-meta').textContent = where.concat(['判定编号 ' + d.evaluationId,
      '规则版本 ' + d.rulesetVersion.slice(0, 19) + '…']).join(' · ');
    rows('violations', d.violations, (v) => h('tr', { 'data-code': v.code },
      h('td', { 'data-label': '问题' }, v.title, h('span', { class: 'code' }, v.code)),
      h('td', { 'data-label': '情况' }, v.message),
      h('td', { 'data-label': '法律依据', class: 'legal-basis' }, basisCell(v.legalBasis)),
      h('td', { 'data-label': '规则', class: 'muted' }, v.rule)), '无');
    rows('orders', d.orders, (o) => h('tr', { 'data-type': o.type },
      h('td', { 'data-label': '事项' }, orderLabel(o), h('span', { class: 'code' }, o.type)),
      h('td', { 'data-label': '理由' }, o.reason),
      h('td', { 'data-label': '期限', class: 'deadline' }, o.deadline ? Words.time(o.deadline)
        : o.alertLevel ? Words.level(o.alertLevel) + '期间' : '—'),
      h('td', { 'data-label': '法律依据', class: 'legal-basis' }, basisCell(o.legalBasis))), '无');
    rows('penalties', d.penalties, (p) => h('tr', { 'data-basis': p.legalBasis },
      h('td', { 'data-label': '法律依据', class: 'legal-basis' }, basisCell(p.legalBasis),
        p.verified === false ? h('span', { class: 'unverified' }, '（待核）') : ''),
      h('td', { 'data-label': '罚款幅度', class: 'money' }, p.fineMinYuan === p.fineMaxYuan ? yuan(p.fineMaxYuan)
        : yuan(p.fineMinYuan) + ' – ' + yuan(p.fineMaxYuan)),
      h('td', { 'data-label': '建议罚款', class: 'money' }, yuan(p.recommendedFineYuan) + (p.days ? '（' + p.days + ' 日）' : '')),
      h('td', { 'data-label': '措施' }, h('ul', {}, p.measures.map((m) => h('li', { 'data-measure': m }, Words.label('PENALTY_MEASURE', m))))),
      h('td', { 'data-label': '涉及问题' }, p.violations.map((c) => (d.violations.find((v) => v.code === c) || { title: Words.title(c) }).title).join('、')),
      h('td', { 'data-label': '计算过程' }, calculation(p)),
      h('td', { 'data-label': '理由' }, p.reason)), '无');
    const result = document.getElementById('result');
    result.dataset.evaluationId = d.evaluationId;
    result.hidden = false;
    result.scrollIntoView({ block: 'start' });
  }
})();
