'use strict';
// The cases page: what waits on me (GET /api/v1/tasks), then the cases I may read, by jurisdiction, state
// and overdue, a page at a time, the earliest deadline first. Each case opens its own page.

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
  const staff = me.roles.some((r) => r === 'INSPECTOR' || r === 'CHIEF');

  const jurisdiction = document.getElementById('f-jurisdiction');
  const state = document.getElementById('f-state');
  const overdue = document.getElementById('f-overdue');
  const places = (await Api.jurisdictions()).jurisdictions.map((j) => j.jurisdiction)
    .filter((j) => !me.jurisdictions || me.jurisdictions.length === 0 || me.jurisdictions.includes(j));
  options(jurisdiction, [['', '全部'], ...places.map((j) => [j, Words.label('JURISDICTION', j)])]);
  jurisdiction.closest('.field').hidden = !staff;
  options(state, [['', '未销号'], ...Words.entries('CASE_STATE'), ['ALL', '全部']]);
  // a link may ask for a list (the overview's overdue cases: ?overdue=true, ?jurisdiction=, ?state=)
  const asked = new URLSearchParams(location.search);
  if (asked.get('overdue') === 'true') overdue.checked = true;
  if (asked.get('jurisdiction') && places.includes(asked.get('jurisdiction'))) jurisdiction.value = asked.get('jurisdiction');
  if (asked.get('state') && Words.labels.CASE_STATE && Words.labels.CASE_STATE[asked.get('state')]) state.value = asked.get('state');
  [jurisdiction, state, overdue].forEach((e) => e.addEventListener('change', () => { page = 0; list(); }));
  document.getElementById('prev').addEventListener('click', () => { page = Math.max(0, page - 1); list(); });
  document.getElementById('next').addEventListener('click', () => { page += 1; list(); });

  await Promise.all([tasks(), list()]);
  document.querySelector('main').dataset.ready = 'true';

  async function tasks() {
    const all = await Api.get('/api/v1/tasks');
    document.getElementById('tasks').replaceChildren(...all.map((t) => card(t.kase, t.kind)));
    document.getElementById('no-tasks').hidden = all.length > 0;
  }

  async function list() {
    const q = new URLSearchParams({ page, size: SIZE });
    if (jurisdiction.value) q.set('jurisdiction', jurisdiction.value);
    if (state.value === '') q.set('open', 'true');
    else if (state.value !== 'ALL') q.set('state', state.value);
    if (overdue.checked) q.set('overdue', 'true');
    let found;
    try {
      found = await Api.get('/api/v1/cases?' + q);
    } catch (e) {
      status('无法读取案件：' + e.message, true);
      return;
    }
    status('');
    document.getElementById('cases').replaceChildren(...found.items.map((c) => card(c)));
    document.getElementById('count').textContent = '共 ' + found.total + ' 件';
    const pages = Math.max(1, Math.ceil(found.total / SIZE));
    document.getElementById('page').textContent = '第 ' + (page + 1) + '/' + pages + ' 页';
    document.getElementById('prev').disabled = page === 0;
    document.getElementById('next').disabled = page + 1 >= pages;
  }

  function card(c, task) {
    return h('li', { class: 'case-card state-' + c.state + (c.overdue ? ' overdue' : ''), 'data-case': c.id,
      'data-violation': c.violation, 'data-state': c.state, 'data-task': task || null },
      h('a', { href: '/case.html?id=' + encodeURIComponent(c.id) },
        task ? h('span', { class: 'task' }, Words.label('TASK', task)) : '',
        h('strong', {}, c.title),
        h('span', { class: 'subject' }, (c.subject.name || '') + ' ' + c.subject.id),
        h('span', { class: 'state' }, Words.label('CASE_STATE', c.state) + (c.overdue ? ' · 已逾期' : '')),
        c.deadline ? h('span', { class: 'deadline' }, '整改期限 ' + Words.time(c.deadline)) : ''));
  }
})();
