'use strict';
// The overview page (GET /api/v1/overview): figures, four charts drawn with ECharts, and the alert in force
// with the subjects it stops, each marked 已检查 or 未检查 since the alert began. Every word of a code comes
// from the vocabulary; the charts take the width of their box and are redrawn when it changes.

(async () => {
  try {
    await Words.load();
  } catch (e) {
    status('无法读取规则：' + e.message, true);
    return;
  }
  const me = await Api.me();
  const jurisdiction = document.getElementById('f-jurisdiction');
  const from = document.getElementById('f-from');
  const to = document.getElementById('f-to');
  const places = (await Api.jurisdictions()).jurisdictions.map((j) => j.jurisdiction)
    .filter((j) => !me.jurisdictions || me.jurisdictions.length === 0 || me.jurisdictions.includes(j));
  const asked = new URLSearchParams(location.search).get('jurisdiction');
  if (asked && !places.includes(asked)) places.push(asked);
  options(jurisdiction, [['', '全部'], ...places.map((j) => [j, Words.label('JURISDICTION', j)])], asked || '');
  [jurisdiction, from, to].forEach((e) => e.addEventListener('change', load));

  const charts = {};
  const chart = (id) => {
    if (!charts[id]) charts[id] = echarts.init(document.getElementById(id), null, { renderer: 'canvas' });
    return charts[id];
  };
  window.addEventListener('resize', () => Object.values(charts).forEach((c) => c.resize()));

  await load();
  document.querySelector('main').dataset.ready = 'true';

  async function load() {
    const q = new URLSearchParams();
    if (jurisdiction.value) q.set('jurisdiction', jurisdiction.value);
    if (from.value) q.set('from', from.value);
    if (to.value) q.set('to', to.value);
    let o;
    try {
      o = await Api.get('/api/v1/overview?' + q);
    } catch (e) {
      status('无法读取概览：' + ((e.data && e.data.errors && e.data.errors[0] && e.data.errors[0].message) || e.message), true);
      return;
    }
    status('');
    if (!from.value) from.value = o.from;
    if (!to.value) to.value = o.to;
    document.getElementById('period').textContent = '统计期间：' + o.from + ' 至 ' + o.to
      + (o.jurisdiction ? '，' + Words.label('JURISDICTION', o.jurisdiction) : '');
    text('n-subjects', o.subjects);
    text('n-inspections', o.inspections);
    text('n-share', o.compliantShare == null ? '—' : Math.round(o.compliantShare * 1000) / 10 + '%');
    text('n-open', o.cases.open);
    text('n-overdue', o.cases.overdue);
    const alarmTotal = o.alarms.reduce((n, a) => n + a.count, 0);
    text('n-alarms', alarmTotal);
    const alarmList = document.getElementById('alarm-list');
    alarmList.replaceChildren(...o.alarms.map((a) => {
      const li = document.createElement('li');
      li.textContent = Words.label('ALARM', a.code) + '：' + a.count + ' 次';
      return li;
    }));
    document.getElementById('no-alarm').hidden = alarmTotal > 0;
    if (alarmTotal > 0) {
      const li = document.createElement('li');
      li.className = 'muted';
      li.textContent = '涉及 ' + o.alarmSubjects + ' 个检查对象；' + o.alarmsUnverified + ' 次待检查人员核实；每次报警均已立案，见未销号案件。';
      alarmList.append(li);
    }
    const suffix = o.jurisdiction ? '&jurisdiction=' + encodeURIComponent(o.jurisdiction) : '';
    document.getElementById('open-cases').href = '/cases.html' + (suffix ? '?' + suffix.slice(1) : '');
    document.getElementById('overdue-cases').href = '/cases.html?overdue=true' + suffix;
    const partial = document.getElementById('partial');
    partial.hidden = o.violationsComplete;
    partial.textContent = o.violationsComplete ? '' : '违法问题按最近 ' + o.violationsRead + ' 次不合规检查统计。';
    alerts(o.alerts);
    draw(o);
  }

  function text(id, value) {
    document.getElementById(id).textContent = String(value);
  }

  function alerts(list) {
    const box = document.getElementById('alert-list');
    box.replaceChildren(...list.map((a) => h('div', { class: 'alert-in-force', 'data-jurisdiction': a.jurisdiction, 'data-level': a.level },
      h('p', {}, h('strong', {}, Words.label('JURISDICTION', a.jurisdiction) + ' ' + Words.level(a.level)),
        ' 自 ' + Words.time(a.from) + (a.to ? ' 至 ' + Words.time(a.to) : ' 起')),
      a.stopped.length
        ? h('ul', { class: 'stopped' }, a.stopped.map((s) => h('li', { 'data-subject': s.subjectId,
          'data-checked': String(s.inspectedSinceAlert) },
          h('a', { href: '/subject.html?id=' + encodeURIComponent(s.subjectId) }, s.name || s.subjectId),
          h('span', {}, s.orders.map((t) => Words.label('ORDER_TYPE', t)).join('、')),
          s.inspectedSinceAlert
            ? h('span', { class: 'checked' }, '已检查' + (s.lastInspectedAt ? '（' + Words.time(s.lastInspectedAt) + '）' : ''))
            : h('span', { class: 'unchecked' }, '未检查'))))
        : h('p', { class: 'muted' }, '没有应停止作业或生产的对象。'))));
    document.getElementById('no-alert').hidden = list.length > 0;
  }

  function draw(o) {
    const grid = { left: 8, right: 16, top: 24, bottom: 8, containLabel: true };
    chart('chart-share').setOption({
      tooltip: { trigger: 'item' },
      legend: { bottom: 0 },
      series: [{ type: 'pie', radius: ['40%', '65%'], label: { formatter: '{b}\n{d}%' },
        data: [{ name: '合规', value: o.compliant, itemStyle: { color: '#1a7f37' } },
          { name: '不合规', value: o.inspections - o.compliant, itemStyle: { color: '#cf222e' } }] }],
    }, true);
    const items = o.violations.slice(0, 10).reverse();
    chart('chart-items').setOption({
      tooltip: { trigger: 'axis' },
      grid,
      xAxis: { type: 'value', minInterval: 1 },
      yAxis: { type: 'category', data: items.map((v) => short(Words.title(v.code))),
        axisLabel: { width: 120, overflow: 'truncate' } },
      series: [{ type: 'bar', name: '次数', data: items.map((v) => v.count), itemStyle: { color: '#cf222e' } }],
    }, true);
    chart('chart-weeks').setOption({
      tooltip: { trigger: 'axis' },
      legend: { top: 0 },
      grid: { ...grid, top: 32 },
      xAxis: { type: 'category', data: o.byWeek.map((w) => week(w)) },
      yAxis: { type: 'value', minInterval: 1 },
      series: [
        { type: 'line', name: '检查', data: o.byWeek.map((w) => w.inspections), itemStyle: { color: '#1f6feb' } },
        { type: 'line', name: '不合规', data: o.byWeek.map((w) => w.notCompliant), itemStyle: { color: '#cf222e' } }],
    }, true);
    chart('chart-places').setOption({
      tooltip: { trigger: 'axis' },
      legend: { top: 0 },
      grid: { ...grid, top: 32 },
      xAxis: { type: 'category', data: o.byJurisdiction.map((j) => Words.label('JURISDICTION', j.jurisdiction)),
        axisLabel: { interval: 0, width: 80, overflow: 'truncate' } },
      yAxis: { type: 'value', minInterval: 1 },
      series: [
        { type: 'bar', name: '检查对象', data: o.byJurisdiction.map((j) => j.subjects), itemStyle: { color: '#8c959f' } },
        { type: 'bar', name: '检查', data: o.byJurisdiction.map((j) => j.inspections), itemStyle: { color: '#1f6feb' } },
        { type: 'bar', name: '合规', data: o.byJurisdiction.map((j) => j.compliant), itemStyle: { color: '#1a7f37' } }],
    }, true);
  }

  /** A week as the date of its Monday: "12月7日起". */
  function week(w) {
    const [, m, d] = w.monday.split('-');
    return Number(m) + '月' + Number(d) + '日';
  }

  function short(s) {
    return s.length > 14 ? s.slice(0, 13) + '…' : s;
  }
})();
