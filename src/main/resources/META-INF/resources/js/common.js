'use strict';
// Shared by every page: building DOM safely, talking to the API, showing its problems, and the words of
// the rules. The pages spell no name of their own: every label of a code (an activity, an order, a level, a
// standard, a field of the record…) comes from /api/v1/vocabulary, that is from rules/labels.csv.

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
    // The pages speak Chinese: problems come back with Chinese titles and messages (field paths unchanged).
    const headers = { Accept: 'application/json', 'Accept-Language': 'zh' };
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    return answer(await fetch(url, { method, headers, credentials: 'same-origin',
      body: body === undefined ? undefined : JSON.stringify(body) }));
  }

  /** An answer as the pages read it: signed out sends to the login page; the body as JSON when it is JSON. */
  async function answer(res) {
    if (res.status === 401 && !location.pathname.startsWith('/login')) {
      // Not signed in, or the session has ended: sign in, then come back here.
      location.assign('/login.html?next=' + encodeURIComponent(location.pathname + location.search));
      return new Promise(() => {});
    }
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

  const cache = new Map();
  const once = (url) => {
    if (!cache.has(url)) cache.set(url, get(url));
    return cache.get(url);
  };
  /** A file sent as multipart form data (evidence from the phone): the answer as call gives it. */
  async function upload(url, form) {
    return answer(await fetch(url, { method: 'POST', headers: { Accept: 'application/json', 'Accept-Language': 'zh' },
      credentials: 'same-origin', body: form }));
  }

  return {
    get,
    post: (url, body) => call('POST', url, body),
    upload,
    /** Who is signed in, with the roles, subjects and jurisdictions of the account. */
    me: () => once('/api/v1/users/me'),
    /** The checklists the rules publish: standards and the performance grades the production table holds. */
    index: () => once('/api/v1/checklists'),
    /** Every label, unit and rule title, and the calendar's time zone. */
    vocabulary: () => once('/api/v1/vocabulary'),
    /** The record's fields, as the Java records declare them, with their labels. */
    schema: () => once('/api/v1/vocabulary/record'),
    /** The jurisdictions of rules/jurisdictions.csv with their standards. */
    jurisdictions: () => once('/api/v1/jurisdictions'),
    /** The alerts declared for a jurisdiction, latest declared first (asked afresh each time). */
    alerts: (jurisdiction) => get('/api/v1/alerts/' + encodeURIComponent(jurisdiction)),
  };
})();

/** The words of the loaded rules: labels by kind and code, field labels and units, rule titles, the time zone. */
const Words = {
  labels: {},
  units: {},
  titles: {},
  timeZone: 'UTC',
  async load() {
    const v = await Api.vocabulary();
    this.labels = v.labels;
    this.units = v.units;
    this.titles = v.titles;
    this.timeZone = v.timeZone;
    return v;
  },
  /** The label of a code of a kind; a code the rules do not name stands for itself. */
  label(kind, code) {
    if (code === null || code === undefined) return '';
    const byCode = this.labels[kind] || {};
    return byCode[code] || code;
  },
  /** The codes of a kind in the table's order, each with its label. */
  entries(kind) {
    return Object.entries(this.labels[kind] || {});
  },
  level(code) {
    return this.label('ALERT_LEVEL', code);
  },
  basis(code) {
    return this.label('LEGAL_BASIS', code);
  },
  field(path) {
    return this.label('FIELD', path);
  },
  unit(path) {
    return this.units[path];
  },
  /** The rules' title of a violation or item code. */
  title(code) {
    return this.titles[code] || code;
  },
  /** Shows a decision's warnings (an article not yet verified, …) in the list element, or hides it when there are none. */
  warnings(list, warnings) {
    const all = warnings || [];
    list.replaceChildren(...all.map((w) => h('li', { 'data-code': w.code, 'data-basis': w.legalBasis || '' }, w.message)));
    list.hidden = all.length === 0;
  },
  /** An instant as a Chinese date and time in the jurisdiction's zone: "2026年12月17日 10:30". */
  time(iso) {
    if (!iso) return '';
    const at = new Date(iso);
    if (Number.isNaN(at.getTime())) return iso;
    const parts = {};
    new Intl.DateTimeFormat('zh-CN', {
      timeZone: this.timeZone, year: 'numeric', month: 'numeric', day: 'numeric',
      hour: '2-digit', minute: '2-digit', hourCycle: 'h23',
    }).formatToParts(at).forEach((p) => (parts[p.type] = p.value));
    return parts.year + '年' + Number(parts.month) + '月' + Number(parts.day) + '日 ' + parts.hour + ':' + parts.minute;
  },
};

/** An order as a short phrase: "停止作业：土方作业", "限产 30%", "停用重型柴油货车：国四及以下". */
function orderLabel(o) {
  return Words.label('ORDER_TYPE', o.type) + (o.activity ? '：' + Words.label('ACTIVITY', o.activity) : '')
    + (o.limitPercent != null ? ' ' + o.limitPercent + '%' : '')
    + (o.maxBannedStandard ? '：' + Words.label('VEHICLE_STANDARD', o.maxBannedStandard) + '及以下' : '');
}

/** A legal basis as the article title with its code beneath. */
function basisCell(code) {
  if (!code) return '';
  return h('span', { class: 'basis' }, Words.basis(code), h('span', { class: 'code' }, code));
}

/** A penalty's calculation (the discretion benchmark's arithmetic), one line per step, in its order. */
function calculation(p) {
  const lines = p.calculation || [];
  return lines.length ? h('ol', { class: 'calculation' }, lines.map((line) => h('li', {}, line))) : '—';
}

/**
 * Uploads the files chosen in a file input as evidence about a subject; the ids in order, or throws with the
 * service's problem (its message names the file).
 */
async function uploadEvidence(input, subject, jurisdiction) {
  const ids = [];
  for (const file of input.files) {
    const form = new FormData();
    form.append('file', file, file.name);
    form.append('subject', subject);
    if (jurisdiction) form.append('jurisdiction', jurisdiction);
    const r = await Api.upload('/api/v1/evidence', form);
    if (!r.ok) {
      const why = (r.data && ((r.data.errors && r.data.errors[0] && r.data.errors[0].message) || r.data.detail || r.data.title)) || ('HTTP ' + r.status);
      throw new Error(file.name + '：' + why);
    }
    ids.push(r.data.id);
  }
  return ids;
}

/** Thumbnails of evidence files, each a link to the file itself (a PDF shows as its name). */
function evidenceList(ids) {
  return h('ul', { class: 'evidence' }, (ids || []).map((id) => h('li', { 'data-evidence': id },
    h('a', { href: '/api/v1/evidence/' + encodeURIComponent(id), target: '_blank', rel: 'noopener' },
      h('img', { src: '/api/v1/evidence/' + encodeURIComponent(id) + '/thumbnail', alt: '现场照片', loading: 'lazy',
        onerror: (e) => e.target.replaceWith(h('span', { class: 'file' }, '查看文件')) })))));
}

function yuan(n) {
  return Number(n || 0).toLocaleString('zh-CN') + ' 元';
}

/** An option list for a select. */
function options(select, entries, selected) {
  select.replaceChildren(...entries.map(([value, label]) => h('option', { value, selected: value === selected }, label)));
}

/** Radio buttons named "kind", one per subject kind of the rules, the first checked. */
function kindChoices(fieldset, kinds, checked) {
  fieldset.append(...kinds.map((k) => h('label', {},
    h('input', { type: 'radio', name: 'kind', value: k, checked: k === (checked || kinds[0]) }), ' ' + Words.label('SUBJECT_KIND', k))));
}

/** A message in the page's status line (loading, network failure). */
function status(text, isError) {
  const s = document.getElementById('status');
  if (!s) return;
  s.textContent = text || '';
  s.className = isError ? 'status error' : 'status';
}
