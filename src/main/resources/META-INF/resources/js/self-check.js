'use strict';
// The self-check page: the record goes to /api/v1/self-checks; the answer is shown per alert level
// (green compliant, red not, with the fine exposure and each fine's calculation), then the gaps worst first, then each item.

(async () => {
  const form = document.getElementById('record');
  const record = new RecordForm(form, { omit: ['inspectionId', 'alertLevel'], hints: { inspectedAt: '留空为当前时间' } });
  try {
    await record.init();
  } catch (e) {
    status('无法读取规则：' + e.message, true);
    return;
  }

  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    record.clearErrors();
    status('正在自查…');
    let answer;
    try {
      answer = await Api.post('/api/v1/self-checks', record.body());
    } catch (err) {
      status('无法连接服务：' + err.message, true);
      return;
    }
    if (!answer.ok) {
      status('');
      document.getElementById('result').hidden = true;
      record.showErrors(answer.data || {});
      return;
    }
    status('');
    render(answer.data);
  });

  function render(report) {
    const levelNames = (levels) => levels.map((l) => Words.level(l)).join('、');
    const place = record.inUse && record.inUse.place;
    document.getElementById('result-meta').textContent = '自查时间 ' + Words.time(report.assessedAt)
      + (place ? ' · ' + Words.field('subject.jurisdiction') + ' ' + Words.label('JURISDICTION', place.jurisdiction) : '')
      + (report.standard ? ' · ' + Words.field('subject.standard') + ' ' + Words.label('STANDARD', report.standard)
        + (record.inUse && record.inUse.standardFromPlace ? '（辖区标准）' : '') : '')
      + ' · 规则版本 ' + report.rulesetVersion.slice(0, 19) + '…';
    Words.warnings(document.getElementById('warnings'), report.warnings);
    document.querySelector('#readiness tbody').replaceChildren(...report.levels.map((l) => {
      const titles = [...new Set(l.violations.map((v) => v.title))];
      const measures = l.orders.filter((o) => o.alertLevel);
      return h('tr', { class: 'level-row ' + (l.compliant ? 'compliant' : 'not-compliant'), 'data-level': l.alertLevel },
        h('td', { 'data-label': '预警级别', class: 'level-name' }, Words.level(l.alertLevel)),
        h('td', { 'data-label': '结论', class: 'verdict' }, l.compliant ? '达标' : '不达标'),
        h('td', { 'data-label': '违法问题' }, titles.length ? h('ul', {}, titles.map((t) => h('li', {}, t))) : '无'),
        h('td', { 'data-label': '应急措施' }, measures.length ? h('ul', {}, measures.map((o) => h('li', { title: o.reason }, orderLabel(o)))) : '无'),
        h('td', { 'data-label': '罚款风险', class: 'money' }, yuan(l.exposureYuan),
          l.penalties.filter((p) => (p.calculation || []).length).map((p) => h('details', { class: 'calculation-of', 'data-basis': p.legalBasis },
            h('summary', {}, '计算过程：' + Words.basis(p.legalBasis) + ' ' + yuan(p.recommendedFineYuan)),
            calculation(p)))));
    }));
    document.getElementById('gaps').replaceChildren(...report.gaps.map((g) => h('li', { 'data-code': g.code },
      h('span', { class: 'gap-title' }, g.title), h('span', { class: 'code' }, g.code),
      h('div', {}, g.message),
      h('div', { class: 'muted' }, (g.maxFineYuan ? '最高罚款 ' + yuan(g.maxFineYuan) : '不罚款，须限期整改')
        + ' · 不达标的预警级别：' + levelNames(g.failingAt)
        + (g.stopOrderLevels.length ? ' · 同时下达停止令：' + levelNames(g.stopOrderLevels) : '')
        + ' · 依据：' + Words.basis(g.legalBasis)))));
    document.getElementById('no-gaps').hidden = report.gaps.length > 0;
    document.querySelector('#item-status tbody').replaceChildren(...report.items.map((i) => h('tr', { 'data-code': i.code, 'data-status': i.status },
      h('td', { 'data-label': '检查项目' }, i.title, h('span', { class: 'code' }, i.code)),
      h('td', { 'data-label': '结论', class: 'status-' + i.status }, Words.label('ITEM_STATUS', i.status)),
      h('td', { 'data-label': '说明' }, i.condition),
      h('td', { 'data-label': '法律依据' }, basisCell(i.legalBasis)))));
    const result = document.getElementById('result');
    result.hidden = false;
    result.scrollIntoView({ block: 'start' });
  }
})();
