'use strict';
// Shared by every page: building DOM safely, talking to the API, showing its problems and names.
// Every name of an item, standard, level, article or measure comes from the API, that is from rules/.

/** An element with attributes (on… as listeners) and children (strings become text, never HTML). */
function h(tag, attrs, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === null || v === undefined || v === false) continue;
    if (k.startsWith('on')) e.addEventListener(k.slice(2), v);
    else e.setAttribute(k, v === true ? '' : v);
  }
  for (const c of children.flat()) {
    if (c !== null && c !== undefined && c !== false) e.append(c instanceof Node ? c : String(c));
  }
  return e;
}

const Api = (() => {
  async function call(method, url, body) {
    const headers = { Accept: 'application/json' };
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    const res = await fetch(url, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
    const text = await res.text();
    let data;
    try {
      data = text ? JSON.parse(text) : null;
    } catch (e) {
      data = { title: text };
    }
    return { ok: res.ok, status: res.status, data };
  }

  async function get(url) {
    const r = await call('GET', url);
    if (!r.ok) throw Object.assign(new Error((r.data && (r.data.detail || r.data.title)) || ('HTTP ' + r.status)), r);
    return r.data;
  }

  let index;
  let ruleset;
  return {
    get,
    post: (url, body) => call('POST', url, body),
    /** Standards, grades, alert levels and legal bases as the loaded rules name them. */
    index: () => (index = index || get('/api/v1/checklists')),
    ruleset: () => (ruleset = ruleset || get('/api/v1/ruleset')),
  };
})();

/** Names from the loaded rules: alert level titles and article titles. */
const Names = {
  levels: [],
  bases: new Map(),
  async load() {
    const index = await Api.index();
    this.levels = index.alertLevels;
    this.bases = new Map(index.legalBases.map((b) => [b.code, b.title]));
    return index;
  },
  level(level) {
    const l = this.levels.find((x) => x.level === level);
    return l ? l.title : level;
  },
  basis(code) {
    return this.bases.get(code) || code;
  },
};

/** A legal basis as the article title with its code beneath. */
function basisCell(code) {
  if (!code) return '';
  return h('span', { class: 'basis' }, Names.basis(code), h('span', { class: 'code' }, code));
}

function yuan(n) {
  return Number(n || 0).toLocaleString('zh-CN') + ' 元';
}

/** An option list for a select. */
function options(select, entries, selected) {
  select.replaceChildren(...entries.map(([value, label]) => h('option', { value, selected: value === selected }, label)));
}

/** A message in the page's status line (loading, network failure). */
function status(text, isError) {
  const s = document.getElementById('status');
  if (!s) return;
  s.textContent = text || '';
  s.className = isError ? 'status error' : 'status';
}
