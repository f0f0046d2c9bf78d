'use strict';
// The inspection page: the record goes to /api/v1/evaluations; the decision is shown with the legal
// basis and the reason of every violation, order and penalty (a penalty's calculation line by line), how much of the standard was inspected, and
// every time as a Chinese date in the jurisdiction's zone.

(async () => {
  const form = document.getElementById('record');
  const record = new RecordForm(form, { inspection: true, notes: true, omit: ['inspectionId'], objects: ['circumstances'],
    hints: { circumstances: '处罚裁量用，未填写的按无此情节' } });
  try {
    await record.init();
  } catch (e) {
    status('无法读取规则：' + e.message, true);
    return;
  }
  const subjectId = new URLSearchParams(location.search).get('subject');
  let followed = [];
  if (subjectId) await followUp(subjectId);

  /** What an item is judged by, as its checklist states it; a duty outside the checklist has none to show. */
  function criterionOf(code) {
    const item = record.checklistItems && record.checklistItems.get(code);
    return item && item.criterion && item.criterion.length ? item.criterion.join('；') : '—';
  }

  /**
   * A follow-up (回头看) of a known subject: its latest record's particulars put back in the form, its open
   * cases listed with their replies and evidence, and their items marked and listed first.
   */
  async function followUp(id) {
    try {
      const latest = await Api.get('/api/v1/subjects/' + encodeURIComponent(id) + '/evaluations?size=1');
      if (latest.evaluations.length) {
        const kept = await Api.get('/api/v1/evaluations/' + encodeURIComponent(latest.evaluations[0].evaluationId) + '/record');
        await record.prefill(JSON.parse(kept.request).subject);
      }
      const open = await Api.get('/api/v1/cases?open=true&size=100&subject=' + encodeURIComponent(id));
      followed = open.items;
      showCases(followed);
      record.markOrdered(followed);
    } catch (e) {
      status('无法读取该检查对象的记录：' + e.message, true);
    }
  }

  function showCases(cases) {
    const panel = document.getElementById('open-cases');
    panel.querySelector('ul').replaceChildren(...cases.map((c) => {
      const last = c.replies[c.replies.length - 1];
      return h('li', { 'data-case': c.id, 'data-violation': c.violation, 'data-state': c.state },
        h('a', { href: '/case.html?id=' + encodeURIComponent(c.id) }, h('strong', {}, c.title)),
        h('span', { class: 'state' }, ' ' + Words.label('CASE_STATE', c.state) + (c.overdue ? ' · 已逾期' : '')),
        c.deadline ? h('div', { class: 'deadline muted' }, '整改期限 ' + Words.time(c.deadline)) : '',
        last ? h('div', { class: 'reply' }, Words.time(last.at) + ' 答复' + (last.rectified.length ? '（称已整改到位）' : '') + '：' + last.note,
          evidenceList(last.evidence)) : h('div', { class: 'muted' }, '尚未答复'));
    }));
    panel.hidden = cases.length === 0;
  }

  /** Where the phone is, when the inspector asks for it to be kept with the record (never required). */
  function position() {
    const box = document.getElementById('with-location');
    if (!box || !box.checked || !navigator.geolocation) return Promise.resolve(null);
    return new Promise((resolve) => navigator.geolocation.getCurrentPosition(
      (p) => resolve({ latitude: p.coords.latitude, longitude: p.coords.longitude, accuracyM: Math.round(p.coords.accuracy) }),
      () => resolve(null), { timeout: 5000, maximumAge: 60000 }));
  }

  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    record.clearErrors();
    status('正在判定…');
    let answer;
    try {
      const body = record.body();
      const notes = await record.notes();
      if (notes.length) body.notes = notes;
      const where = await position();
      if (where) body.location = where;
      answer = await Api.post('/api/v1/evaluations', body);
    } catch (err) {
      status('提交失败：' + err.message, true);
      return;
    }
    status('');
    if (!answer.ok) {
      document.getElementById('result').hidden = true;
      record.showErrors(answer.data || {});
      return;
    }
    render(answer.data, record.inUse);
    if (followed.length) {
      // what the follow-up did to the cases it verified
      const now = await Api.get('/api/v1/cases?size=100&subject=' + encodeURIComponent(subjectId));
      showCases(followed.map((c) => now.items.find((n) => n.id === c.id) || c));
    }
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
      h('td', { 'data-label': '判定标准', class: 'muted', title: v.rule }, criterionOf(v.code))), '无');
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
    // 打印文书: each document the decision gives ground for (GET /api/v1/evaluations/{id}/documents/{kind})
    const docs = [['inspection-record', '现场检查笔录', true],
      ['rectification-notice', '责令改正通知书', d.orders.some((o) => o.type === 'RECTIFY')],
      ['penalty-notice', '行政处罚事先告知书', d.penalties.some((p) => p.recommendedFineYuan > 0)],
      ['penalty-decision', '行政处罚决定书（草稿）', d.penalties.some((p) => p.recommendedFineYuan > 0)]].filter((k) => k[2]);
    const docBase = '/api/v1/evaluations/' + encodeURIComponent(d.evaluationId || '') + '/documents/';
    document.querySelector('#documents ul').replaceChildren(...docs.map((k) => h('li', { 'data-kind': k[0] },
      h('a', { href: docBase + k[0], target: '_blank', rel: 'noopener' }, k[1]))));
    document.getElementById('documents').hidden = !d.evaluationId;
    const result = document.getElementById('result');
    result.dataset.evaluationId = d.evaluationId;
    result.hidden = false;
    result.scrollIntoView({ block: 'start' });
  }
})();
