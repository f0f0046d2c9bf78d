'use strict';
// The subjects page: every registered or inspected subject of the jurisdictions I act in, with its latest
// evaluation, a page at a time (GET /api/v1/subjects), exported as CSV; a chief imports the city's list.

(async () => {
  const SIZE = 20;
  let page = 0;
  try {
    await Words.load();
  } catch (e) {
    status('无法读取规则：' + e.message, true);
    return;
  }
  const me = await Api.me();
  const jurisdiction = document.getElementById('f-jurisdiction');
  const kind = document.getElementById('f-kind');
  const places = (await Api.jurisdictions()).jurisdictions.map((j) => j.jurisdiction)
    .filter((j) => !me.jurisdictions || me.jurisdictions.length === 0 || me.jurisdictions.includes(j));
  const asked = new URLSearchParams(location.search).get('jurisdiction');
  if (asked && !places.includes(asked)) places.push(asked);
  options(jurisdiction, [['', '全部'], ...places.map((j) => [j, Words.label('JURISDICTION', j)])], asked || '');
  options(kind, [['', '全部'], ...Words.entries('SUBJECT_KIND')]);
  [jurisdiction, kind].forEach((e) => e.addEventListener('change', () => { page = 0; list(); }));
  document.getElementById('prev').addEventListener('click', () => { page = Math.max(0, page - 1); list(); });
  document.getElementById('next').addEventListener('click', () => { page += 1; list(); });
  if (me.roles.includes('CHIEF')) {
    document.getElementById('import-panel').hidden = false;
    document.getElementById('import-file').addEventListener('change', (e) => upload(e.target));
  }

  await list();
  document.querySelector('main').dataset.ready = 'true';

  function query() {
    const q = new URLSearchParams();
    if (jurisdiction.value) q.set('jurisdiction', jurisdiction.value);
    if (kind.value) q.set('kind', kind.value);
    return q;
  }

  async function list() {
    const q = query();
    const csv = new URLSearchParams(q);
    csv.set('format', 'csv');
    document.getElementById('export').href = '/api/v1/subjects?' + csv;
    csv.set('format', 'xlsx');
    document.getElementById('export-xlsx').href = '/api/v1/subjects?' + csv;
    q.set('page', page);
    q.set('size', SIZE);
    let found;
    try {
      found = await Api.get('/api/v1/subjects?' + q);
    } catch (e) {
      status('无法读取检查对象：' + e.message, true);
      return;
    }
    status('');
    document.getElementById('subjects').replaceChildren(...found.items.map(card));
    document.getElementById('count').textContent = '共 ' + found.total + ' 个';
    const pages = Math.max(1, Math.ceil(found.total / SIZE));
    document.getElementById('page').textContent = '第 ' + (page + 1) + '/' + pages + ' 页';
    document.getElementById('prev').disabled = page === 0;
    document.getElementById('next').disabled = page + 1 >= pages;
  }

  function card(s) {
    const e = s.latestEvaluation;
    return h('li', { 'data-subject': s.id, 'data-registered': String(s.registered) },
      h('a', { class: 'name', href: '/subject.html?id=' + encodeURIComponent(s.id) }, s.name || s.id),
      h('span', { class: 'id' }, s.id),
      h('span', {}, Words.label('SUBJECT_KIND', s.kind)),
      h('span', {}, Words.label('JURISDICTION', s.jurisdiction)),
      s.registered ? '' : h('span', { class: 'muted' }, '未登记'),
      e ? h('span', { class: e.compliant ? 'verdict-ok' : 'verdict-bad' }, Words.time(e.inspectedAt) + ' ' + (e.compliant ? '合规' : '不合规'))
        : h('span', { class: 'muted' }, '未检查'),
      e && e.violations.length ? h('span', {}, e.violations.map((v) => Words.title(v)).join('；')) : '');
  }

  async function upload(input) {
    const file = input.files[0];
    if (!file) return;
    const result = document.getElementById('import-result');
    const problems = document.getElementById('import-problems');
    problems.replaceChildren();
    result.textContent = '正在导入…';
    const q = jurisdiction.value ? '?jurisdiction=' + encodeURIComponent(jurisdiction.value) : '';
    const res = await fetch('/api/v1/subjects/import' + q, { method: 'POST', credentials: 'same-origin',
      headers: { 'Content-Type': file.type || 'application/octet-stream', Accept: 'application/json', 'Accept-Language': 'zh' }, body: file });
    const data = await res.json().catch(() => ({}));
    if (res.ok) {
      result.textContent = '已导入 ' + data.rows + ' 行（新增 ' + data.created + '，更新 ' + data.updated + '）。';
      list();
    } else {
      result.textContent = '未导入：' + (data.detail || data.title || res.status);
      problems.replaceChildren(...(data.rows || []).map((p) => h('li', {},
        '第 ' + p.line + ' 行' + (p.column ? '第 ' + p.column + ' 列' : '') + (p.header ? '（' + p.header + '）' : '') + '：' + p.message)));
    }
    input.value = '';
  }
})();
