'use strict';
// The rule versions (rules-history.html): every version kept, the differences between any two (file by file
// and in the fixtures' decisions), an earlier or later version activated again with a reason, and export.

const ORIGINS = { START: '启动时加载的规则目录', RELOAD: '重新加载规则目录', EDIT: '规则控制台修改' };
const ACTIONS = { ACTIVATED: '启用', ROLLED_BACK: '回退' };

function problemText(data) {
  if (!data) return '';
  const errors = (data.errors || []).map((e) => e.field + '：' + e.message);
  return [data.detail || data.title, ...errors].filter(Boolean).join('；');
}

async function loadVersions() {
  const list = await Api.get('/api/v1/ruleset/versions');
  const body = document.querySelector('#versions tbody');
  body.replaceChildren(...list.versions.map((v) => h('tr', { 'data-version': v.number, class: v.active ? 'active-version' : null },
    h('td', {}, String(v.number)),
    h('td', {}, Words.time(v.createdAt)),
    h('td', {}, v.author),
    h('td', { class: 'reason' }, v.reason),
    h('td', {}, ORIGINS[v.origin] || v.origin),
    h('td', {}, '通过 ' + v.fixturesPassed + '，未通过 ' + v.fixturesFailed),
    h('td', {}, '触发 ' + v.coverage.rulesReached + ' / ' + v.coverage.rules + ' 条规则'),
    h('td', { class: 'state' }, v.active ? '现行' : ''),
    h('td', {}, h('a', { href: '/api/v1/ruleset/versions/' + v.number + '/export', download: 'lantian-rules-v' + v.number + '.zip' }, '导出')))));
  const choices = list.versions.map((v) => [String(v.number), '版本 ' + v.number + (v.active ? '（现行）' : '') + '：' + v.reason]);
  const from = document.getElementById('diff-from');
  const to = document.getElementById('diff-to');
  options(from, choices, list.versions[1] ? String(list.versions[1].number) : choices[0] && choices[0][0]);
  options(to, choices, choices[0] && choices[0][0]);
  const earlier = list.versions.find((v) => !v.active);
  options(document.getElementById('target'), choices, earlier ? String(earlier.number) : undefined);
  document.getElementById('activations').replaceChildren(...list.activations.map((a) => h('li', { 'data-serial': a.serial },
    Words.time(a.activatedAt) + ' ' + a.activatedBy + ' ' + (ACTIONS[a.action] || a.action) + '版本 ' + a.version
      + (a.previous ? '（替换版本 ' + a.previous + '）' : '') + '：' + a.reason)));
  return list;
}

function diffText(text) {
  return h('pre', { class: 'diff' }, text.split('\n').map((line) => h('span', {
    class: line.startsWith('+++') || line.startsWith('---') ? null : line.startsWith('+') ? 'add' : line.startsWith('-') ? 'del'
      : line.startsWith('@@') ? 'hunk' : null,
  }, line + '\n')));
}

async function diff() {
  const a = document.getElementById('diff-from').value;
  const b = document.getElementById('diff-to').value;
  const out = document.getElementById('diff-result');
  out.replaceChildren(h('p', { class: 'status' }, '正在比较…'));
  const r = await fetchJson('/api/v1/ruleset/versions/' + encodeURIComponent(a) + '/diff/' + encodeURIComponent(b));
  if (!r.ok) {
    out.replaceChildren(h('p', { class: 'status error' }, '无法比较：' + problemText(r.data)));
    return;
  }
  const d = r.data;
  const files = d.files.length ? d.files.map((f) => h('div', { class: 'file-diff', 'data-file': f.file },
    h('h3', {}, f.file + '（' + ({ ADDED: '新增', REMOVED: '删除', CHANGED: '修改' }[f.change] || f.change) + '）'), diffText(f.diff)))
    : [h('p', {}, '两个版本的文件相同。')];
  const c = d.decisions;
  const rows = [];
  c.differences.forEach((x) => {
    rows.push(h('tr', { class: 'case-head', 'data-case': x.name }, h('td', { colspan: 3 }, x.name, h('span', { class: 'muted' }, '（' + x.file + '）'))));
    rows.push(...DecisionWords.rows(c.labels, x));
  });
  out.replaceChildren(h('h3', {}, '文件差异'), ...files,
    h('h3', {}, '测试用例结论差异（版本 ' + d.to + ' 的 ' + c.cases + ' 个用例）'),
    c.differences.length ? h('table', { class: 'changes', id: 'decision-changes' },
      h('thead', {}, h('tr', {}, h('th', {}, '事项'), h('th', {}, '版本 ' + d.from), h('th', {}, '版本 ' + d.to))), h('tbody', {}, rows))
      : h('p', {}, '结论均无变化。'));
}

/** A GET whose failure is shown rather than thrown. */
async function fetchJson(url) {
  const res = await fetch(url, { headers: { Accept: 'application/json', 'Accept-Language': 'zh' }, credentials: 'same-origin' });
  const text = await res.text();
  let data = null;
  try { data = text ? JSON.parse(text) : null; } catch (e) { data = { title: text }; }
  return { ok: res.ok, status: res.status, data };
}

async function rollback() {
  const version = document.getElementById('target').value;
  const reason = document.getElementById('rollback-reason').value.trim();
  const out = document.getElementById('rollback-result');
  if (!reason) {
    out.replaceChildren(h('p', { class: 'status error' }, '请填写原因'));
    return;
  }
  out.replaceChildren(h('p', { class: 'status' }, '正在测试并启用版本 ' + version + '…'));
  const r = await Api.post('/api/v1/ruleset/versions/' + encodeURIComponent(version) + '/activate', { reason });
  if (r.ok) {
    out.replaceChildren(h('p', { class: 'status', id: 'rolled-back', 'data-version': r.data.storedVersion },
      r.data.action === 'UNCHANGED' ? '版本 ' + version + ' 已是现行版本。'
        : (r.data.action === 'RULESET_ROLLED_BACK' ? '已回退到版本 ' : '已启用版本 ') + r.data.storedVersion + '（替换版本 ' + r.data.previousStoredVersion + '）。'));
    document.getElementById('rollback-reason').value = '';
    await loadVersions();
    return;
  }
  const items = refusalReasons(r.data && r.data.report);
  out.replaceChildren(h('p', { class: 'status error', id: 'not-rolled-back' }, '未启用：' + problemText(r.data)),
    h('ul', { class: 'diagnostics' }, items.map((x) => h('li', { class: 'ERROR' }, x))));
}

async function start() {
  try {
    await Words.load();
    const me = await Api.me();
    if (!(me.roles || []).includes('AUDITOR')) {
      status('规则版本仅供规则审核人员（AUDITOR）查看', true);
      return;
    }
    await loadVersions();
    document.getElementById('diff').addEventListener('click', diff);
    document.getElementById('rollback').addEventListener('click', rollback);
    document.querySelector('main').dataset.ready = 'true';
  } catch (e) {
    status(e.message || String(e), true);
  }
}

start();
