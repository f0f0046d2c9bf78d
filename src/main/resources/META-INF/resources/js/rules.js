'use strict';
// The auditor's console (rules.html): the active version's packs as a tree, a table as a grid and a rule
// file as text, validated as they are edited; the fixture cases whose decisions the edit changes, old beside
// new; the chosen cases' new answers accepted as their expectations; the whole activated as a new version.

const Console = {
  ruleset: null,
  version: null,
  base: { rules: {}, fixtures: {} },
  edits: { rules: {}, fixtures: {} },
  accepted: [],
  open: null,
  comparison: null,
  phases: {},
  timer: null,
  validating: 0,
};

function editedText(kind, path) {
  return path in Console.edits[kind] ? Console.edits[kind][path] : Console.base[kind][path];
}

function setEdited(kind, path, text) {
  if (text === Console.base[kind][path]) delete Console.edits[kind][path];
  else Console.edits[kind][path] = text;
  const button = document.querySelector('.tree button.file[data-kind="' + kind + '"][data-path="' + CSS.escape(path) + '"]');
  if (button) button.classList.toggle('edited', path in Console.edits[kind]);
  const names = [...Object.keys(Console.edits.rules).map((p) => 'rules/' + p), ...Object.keys(Console.edits.fixtures).map((p) => 'fixtures/' + p)];
  document.getElementById('edited').textContent = names.length ? '已修改：' + names.join('、') : '尚未修改任何文件。';
}

async function loadActive() {
  Console.ruleset = await Api.get('/api/v1/ruleset');
  Console.version = Console.ruleset.storedVersion;
  if (Console.version === null || Console.version === undefined) {
    throw new Error('规则版本库暂不可用，无法在控制台修改规则');
  }
  const files = await Api.get('/api/v1/ruleset/versions/' + Console.version);
  Console.base = { rules: files.rules, fixtures: files.fixtures };
  Console.edits = { rules: {}, fixtures: {} };
  Console.accepted = [];
  Console.comparison = null;
  const phases = files.rules['phases.csv'];
  Console.phases = {};
  if (phases) {
    const table = RuleFiles.parseCsv(phases);
    table.rows.filter((r) => !r.note).slice(1).forEach((r) => (Console.phases[r.cells[0]] = r.cells[1]));
  }
  document.getElementById('active').textContent = '现行版本 ' + Console.version + '（' + files.version.author + '，'
    + Words.time(files.version.createdAt) + '）：' + files.version.reason;
  document.getElementById('edited').textContent = '尚未修改任何文件。';
  document.getElementById('comparison').replaceChildren();
  document.getElementById('accept').hidden = true;
  document.getElementById('accepted').textContent = '';
  tree();
}

function rulesOf(path) {
  return Console.ruleset.rules.filter((r) => r.file === 'rules/' + path);
}

function ruleLine(r) {
  const md = r.metadata || {};
  const phase = md.phase || Object.keys(Console.phases).find((p) => p === 'items') || 'items';
  const dates = md.effectiveFrom || md.effectiveTo ? '，施行 ' + (md.effectiveFrom || '…') + ' 至 ' + (md.effectiveTo || '…') : '';
  return h('li', { 'data-rule': r.name }, h('strong', {}, r.title), ' ', h('span', { class: 'muted' }, r.code),
    '：', Words.basis(r.legalBasis), dates, '，阶段：', Console.phases[phase] || phase);
}

function tree() {
  const folders = {};
  const add = (kind, path) => {
    const at = path.lastIndexOf('/');
    const folder = (kind === 'rules' ? '规则 rules/' : '测试用例 fixtures/') + (at < 0 ? '' : path.slice(0, at + 1));
    (folders[folder] = folders[folder] || []).push([kind, path]);
  };
  Object.keys(Console.base.rules).sort().forEach((p) => add('rules', p));
  Object.keys(Console.base.fixtures).sort().forEach((p) => add('fixtures', p));
  const root = h('ul', {}, Object.keys(folders).map((folder) => h('li', {}, h('div', { class: 'folder' }, folder),
    h('ul', {}, folders[folder].map(([kind, path]) => h('li', {},
      h('button', { type: 'button', class: 'file', 'data-kind': kind, 'data-path': path, onclick: () => openFile(kind, path) },
        path.slice(path.lastIndexOf('/') + 1)),
      path.endsWith('.drl') ? h('details', {}, h('summary', {}, rulesOf(path).length + ' 条规则'),
        h('ul', { class: 'rules' }, rulesOf(path).map(ruleLine))) : null))))));
  document.getElementById('tree').replaceChildren(root);
}

function openFile(kind, path) {
  Console.open = { kind, path };
  document.querySelectorAll('.tree button.file').forEach((b) => b.classList.toggle('open',
    b.dataset.kind === kind && b.dataset.path === path));
  document.getElementById('file-name').textContent = (kind === 'rules' ? 'rules/' : 'fixtures/') + path;
  const rules = kind === 'rules' && path.endsWith('.drl') ? rulesOf(path) : [];
  document.getElementById('rules-of-file').replaceChildren(rules.length ? h('ul', { class: 'rules' }, rules.map(ruleLine)) : '');
  const editor = document.getElementById('editor');
  const text = editedText(kind, path);
  if (path.endsWith('.csv')) {
    editor.replaceChildren(grid(path, text));
  } else {
    const area = h('textarea', { class: 'drl', id: 'text-editor', spellcheck: 'false' });
    area.value = text;
    area.addEventListener('input', () => {
      setEdited(kind, path, area.value);
      if (kind === 'rules') scheduleValidation();
    });
    editor.replaceChildren(area);
  }
  showDiagnostics(Console.lastDiagnostics || []);
}

function grid(path, text) {
  const table = RuleFiles.parseCsv(text);
  const header = table.rows.find((r) => !r.note);
  const width = header ? header.cells.length : 1;
  const body = table.rows.map((row, index) => {
    if (row.note) return h('tr', { class: 'note', 'data-line': row.line }, h('td', { class: 'line' }, row.line), h('td', { colspan: width }, row.raw));
    if (row === header) return h('tr', { 'data-line': row.line }, h('td', { class: 'line' }, row.line), row.cells.map((c) => h('th', {}, c)));
    const cells = [];
    for (let i = 0; i < Math.max(width, row.cells.length); i++) {
      const input = h('input', { type: 'text', 'data-col': i, 'data-column': header ? header.cells[i] : '' });
      input.value = row.cells[i] === undefined ? '' : row.cells[i];
      input.addEventListener('input', () => {
        while (row.cells.length <= i) row.cells.push('');
        row.cells[i] = input.value;
        row.edited = true;
        setEdited('rules', path, RuleFiles.writeCsv(table));
        scheduleValidation();
      });
      cells.push(h('td', {}, input));
    }
    return h('tr', { 'data-line': row.line, 'data-key': row.cells[0], 'data-row': index }, h('td', { class: 'line' }, row.line), cells);
  });
  return h('div', { class: 'grid-wrap' }, h('table', { class: 'grid-table', id: 'grid' }, h('tbody', {}, body)));
}

function scheduleValidation() {
  clearTimeout(Console.timer);
  const v = document.getElementById('validity');
  v.textContent = '正在校验…';
  v.className = 'validity';
  v.dataset.state = 'pending';
  Console.timer = setTimeout(validate, 600);
}

async function validate() {
  const run = ++Console.validating;
  const r = await Api.post('/api/v1/ruleset/validate', { files: Console.edits.rules, base: 'active' });
  if (run !== Console.validating) return;
  const v = document.getElementById('validity');
  if (r.status === 429) {
    Console.timer = setTimeout(validate, 1500);
    return;
  }
  if (!r.ok) {
    v.textContent = '无法校验：' + problemText(r.data);
    v.className = 'validity bad';
    v.dataset.state = 'error';
    return;
  }
  const errors = r.data.diagnostics.filter((d) => d.severity === 'ERROR');
  v.textContent = r.data.valid ? '校验通过：规则可以加载（' + r.data.rules + ' 条规则）' : '校验未通过：' + errors.length + ' 处错误';
  v.className = 'validity ' + (r.data.valid ? 'ok' : 'bad');
  v.dataset.state = r.data.valid ? 'valid' : 'invalid';
  Console.lastDiagnostics = r.data.diagnostics;
  showDiagnostics(r.data.diagnostics);
}

/** The diagnostics, those of the open file at their lines: a grid row marked, a rule file's line quoted. */
function showDiagnostics(diagnostics) {
  const list = document.getElementById('diagnostics');
  document.querySelectorAll('#grid tr.bad').forEach((tr) => tr.classList.remove('bad'));
  const open = Console.open && Console.open.kind === 'rules' ? 'rules/' + Console.open.path : null;
  const text = open ? editedText('rules', Console.open.path) : '';
  const lines = text ? text.split('\n') : [];
  list.replaceChildren(...diagnostics.map((d) => {
    const here = d.file === open;
    if (here && d.line > 0) {
      const row = document.querySelector('#grid tr[data-line="' + d.line + '"]');
      if (row) row.classList.add('bad');
    }
    return h('li', { class: d.severity, 'data-file': d.file, 'data-line': d.line },
      (d.severity === 'ERROR' ? '错误' : '提示') + '：' + d.file + (d.line ? ' 第 ' + d.line + ' 行' : '') + (d.column ? ' 第 ' + d.column + ' 列' : '') + '：' + d.message,
      here && d.line > 0 && lines[d.line - 1] !== undefined ? h('pre', {}, lines[d.line - 1]) : null);
  }));
}

function problemText(data) {
  if (!data) return '';
  const errors = (data.errors || []).map((e) => e.field + '：' + e.message);
  return [data.detail || data.title, ...errors].filter(Boolean).join('；');
}

async function compare() {
  status('正在比对全部测试用例…');
  const r = await Api.post('/api/v1/ruleset/compare', { files: Console.edits.rules, fixtures: Console.edits.fixtures, base: 'active' });
  const out = document.getElementById('comparison');
  if (!r.ok) {
    status('无法比对：' + problemText(r.data), true);
    out.replaceChildren(...((r.data && r.data.diagnostics) || []).map((d) => h('p', { class: 'status error' }, d.file + ' 第 ' + d.line + ' 行：' + d.message)));
    return;
  }
  status('');
  Console.comparison = r.data;
  renderComparison();
}

function isAccepted(d) {
  return Console.accepted.some((a) => a.file === d.file && a.name === d.name);
}

function renderComparison() {
  const c = Console.comparison;
  const out = document.getElementById('comparison');
  if (!c.differences.length) {
    out.replaceChildren(h('p', { id: 'no-change' }, '共 ' + c.cases + ' 个测试用例，结论均无变化。'));
    document.getElementById('accept').hidden = true;
    return;
  }
  const body = [];
  c.differences.forEach((d, i) => {
    const accepted = isAccepted(d);
    const state = accepted ? '已接受新结果为预期' : d.holds ? '预期仍然成立' : '预期不再成立';
    body.push(h('tr', { class: 'case-head', 'data-case': d.name, 'data-file': d.file, 'data-holds': String(d.holds) },
      h('td', { colspan: 3 },
        d.holds || accepted ? null : h('label', {}, h('input', { type: 'checkbox', class: 'accept-case', 'data-index': i }), ' 接受 '),
        d.name, h('span', { class: 'muted' }, '（' + d.file + '，' + state + '）'))));
    body.push(...DecisionWords.rows(c.labels, d));
  });
  out.replaceChildren(h('p', { id: 'changed-count' }, '共 ' + c.cases + ' 个测试用例，' + c.differences.length + ' 个结论有变化：'),
    h('table', { class: 'changes', id: 'changes' }, h('thead', {}, h('tr', {}, h('th', {}, '事项'), h('th', {}, '现行规则'), h('th', {}, '修改后'))),
      h('tbody', {}, body)));
  document.getElementById('accept').hidden = !c.differences.some((d) => !d.holds && !isAccepted(d));
}

function acceptChosen() {
  const c = Console.comparison;
  const chosen = [...document.querySelectorAll('input.accept-case:checked')].map((i) => c.differences[Number(i.dataset.index)]);
  if (!chosen.length) {
    status('请先勾选要接受新结果的用例', true);
    return;
  }
  try {
    for (const d of chosen) {
      const text = editedText('fixtures', d.file);
      setEdited('fixtures', d.file, RuleFiles.rewriteExpect(text, d.name, d.proposedExpect));
      if (!isAccepted(d)) Console.accepted.push({ file: d.file, name: d.name });
      d.holds = true;
    }
  } catch (e) {
    status(e.message, true);
    return;
  }
  status('');
  document.getElementById('accepted').textContent = '已接受 ' + Console.accepted.length + ' 个用例的新结果为预期：'
    + Console.accepted.map((a) => a.name).join('；');
  renderComparison();
}

async function activate() {
  const reason = document.getElementById('reason').value.trim();
  const out = document.getElementById('activation');
  if (!reason) {
    out.replaceChildren(h('p', { class: 'status error' }, '请填写修改原因'));
    return;
  }
  out.replaceChildren(h('p', { class: 'status' }, '正在测试并启用…'));
  const r = await Api.post('/api/v1/ruleset/activate', { files: Console.edits.rules, fixtures: Console.edits.fixtures,
    reason, baseVersion: Console.version, accepted: Console.accepted });
  if (r.ok) {
    out.replaceChildren(h('p', { class: 'status', id: 'activated', 'data-version': r.data.storedVersion },
      r.data.action === 'UNCHANGED' ? '内容与现行版本 ' + r.data.storedVersion + ' 相同，未产生新版本。'
        : '已启用版本 ' + r.data.storedVersion + '（替换版本 ' + r.data.previousStoredVersion + '）。', ' ',
      h('a', { href: '/rules-history.html' }, '查看规则版本')));
    document.getElementById('reason').value = '';
    await loadActive();
    return;
  }
  const items = refusalReasons(r.data && r.data.report);
  out.replaceChildren(h('p', { class: 'status error', id: 'not-activated' }, '未启用：' + problemText(r.data)),
    h('ul', { class: 'diagnostics' }, items.map((x) => h('li', { class: 'ERROR' }, x))));
}

async function start() {
  try {
    await Words.load();
    const me = await Api.me();
    if (!(me.roles || []).includes('AUDITOR')) {
      status('规则控制台仅供规则审核人员（AUDITOR）使用', true);
      return;
    }
    await loadActive();
    document.getElementById('compare').addEventListener('click', compare);
    document.getElementById('accept').addEventListener('click', acceptChosen);
    document.getElementById('activate').addEventListener('click', activate);
    document.querySelector('main').dataset.ready = 'true';
  } catch (e) {
    status(e.message || String(e), true);
  }
}

start();
