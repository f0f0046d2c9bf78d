'use strict';
// One rectification case: what was ordered, by when, where it stands; the replies with their evidence as
// thumbnails; the evaluations it went through. The subject's own account (or an inspector of its
// jurisdiction) replies here with a note and photos; an inspector goes on to the follow-up from here.

(async () => {
  const id = new URLSearchParams(location.search).get('id');
  const main = document.querySelector('main');
  try {
    await Words.load();
  } catch (e) {
    status('无法读取规则：' + e.message, true);
    return;
  }
  const me = await Api.me();
  let kase;
  try {
    kase = await Api.get('/api/v1/cases/' + encodeURIComponent(id || ''));
  } catch (e) {
    status('无法读取案件：' + e.message, true);
    return;
  }
  render(kase);

  const form = document.getElementById('reply');
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    const errors = document.getElementById('reply-errors');
    errors.hidden = true;
    const send = document.getElementById('send');
    send.disabled = true;
    status('正在提交…');
    try {
      const evidence = await uploadEvidence(document.getElementById('files'), kase.subject.id, kase.subject.jurisdiction);
      const body = { note: document.getElementById('note').value, evidence,
        rectified: document.getElementById('rectified').checked ? [kase.violation] : [] };
      const r = await Api.post('/api/v1/cases/' + encodeURIComponent(kase.id) + '/replies', body);
      if (!r.ok) throw new Error(problemText(r.data));
      form.reset();
      status('答复已提交。');
      render(r.data);
    } catch (err) {
      status('');
      errors.textContent = err.message;
      errors.hidden = false;
    } finally {
      send.disabled = false;
    }
  });

  function problemText(p) {
    if (!p) return '提交失败';
    const first = (p.errors || [])[0];
    return first ? (Words.field(first.field) !== first.field ? Words.field(first.field) + '：' : '') + first.message
      : p.detail || p.title;
  }

  function render(c) {
    kase = c;
    document.title = c.title + ' · 整改案件 · 蓝天';
    document.getElementById('title').textContent = c.title;
    const banner = document.getElementById('banner');
    banner.className = 'banner case-state state-' + c.state + (c.overdue ? ' overdue' : '');
    banner.dataset.state = c.state;
    banner.textContent = Words.label('CASE_STATE', c.state) + (c.overdue ? ' · 已逾期' : '');
    const facts = [
      ['检查对象', (c.subject.name || '') + '（' + c.subject.id + '）'],
      [Words.field('subject.jurisdiction'), Words.label('JURISDICTION', c.subject.jurisdiction)],
      ['来源', Words.label('CASE_ORIGIN', c.origin)],
      [c.origin === 'ALARM' ? '报警时间' : '责令整改', Words.time(c.orderedAt)],
      ['整改期限', c.deadline ? Words.time(c.deadline) : '—'],
      ['法律依据', Words.basis(c.legalBasis)],
      ['整改要求', c.reason || '—'],
      ['已作出的罚款', yuan(c.originalFineYuan)],
    ];
    if (c.closedAt) facts.push(['销号时间', Words.time(c.closedAt)]);
    document.getElementById('facts').replaceChildren(...facts.flatMap(([k, v]) => [h('dt', {}, k), h('dd', { 'data-fact': k }, v)]));
    document.getElementById('replies').replaceChildren(...c.replies.map((r) => h('li', { 'data-seq': r.seq },
      h('div', { class: 'muted' }, Words.time(r.at) + ' · ' + r.by + (r.rectified.length ? ' · 称已整改到位' : '')),
      h('p', {}, r.note), evidenceList(r.evidence))));
    document.getElementById('no-replies').hidden = c.replies.length > 0;
    document.getElementById('evaluations').replaceChildren(...c.evaluations.map((s) => h('li', { 'data-outcome': s.outcome },
      Words.time(s.inspectedAt) + ' ' + Words.label('CASE_OUTCOME', s.outcome),
      h('span', { class: 'code' }, s.evaluationId))));
    const open = c.state !== 'CLOSED';
    const own = me.roles.includes('ENTERPRISE') && (me.subjects || []).includes(c.subject.id);
    const inspector = me.roles.includes('INSPECTOR')
      && (!me.jurisdictions.length || me.jurisdictions.includes(c.subject.jurisdiction));
    document.getElementById('reply').hidden = !(open && (own || inspector));
    const followUp = document.getElementById('follow-up');
    followUp.hidden = !(open && inspector);
    document.getElementById('to-follow-up').href = '/inspection.html?subject=' + encodeURIComponent(c.subject.id);
    document.getElementById('case').hidden = false;
    main.dataset.ready = c.state + ':' + c.replies.length;
  }
})();
