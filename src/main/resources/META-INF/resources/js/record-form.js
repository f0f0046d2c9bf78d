'use strict';
// The record form of the self-check and inspection pages, built from the record's schema
// (/api/v1/vocabulary/record: the fields of the Java records, labelled from rules/labels.csv). The subject
// comes first with what no item records; then, for each item of the published checklist of the standard (or
// grade) and level, the rules' own title, what to check, and an input for each field its rules record.
// Values typed in survive a change of list.
//
// Where the record was made decides the rest: the jurisdiction (from rules/jurisdictions.csv) gives the
// standard and, on the inspection page, the alert declared and in force at the inspection time. Either can be
// overridden; left at its default, the record names neither and the service applies the jurisdiction's own.

const PLACE = 'subject.jurisdiction';
const STANDARD = 'subject.standard';
const LEVEL = 'alertLevel';
const TIME = 'inspectedAt';
const GRADE = 'enterprise.performanceGrade';

class RecordForm {
  /**
   * @param form the <form>, holding #kinds, #subject, #items and #form-errors
   * @param page {inspection: the items are those of one level, the time is required and prefilled "now";
   *              omit: top-level fields the page does not ask for; objects: top-level objects whose fields it
   *              asks for, each as a group of optional fields; hints: a hint after a field's label, by path}
   */
  constructor(form, page) {
    this.form = form;
    this.page = Object.assign({ inspection: false, omit: [], objects: [], hints: {} }, page);
    this.subject = form.querySelector('#subject');
    this.items = form.querySelector('#items');
    this.errors = form.querySelector('#form-errors');
    this.loading = 0;
  }

  async init() {
    const [schema, places] = await Promise.all([Api.schema(), Api.jurisdictions(), Words.load()]);
    this.fields = schema.fields;
    this.byPath = new Map();
    const index = (fields) => fields.forEach((f) => {
      this.byPath.set(f.path, f);
      if (f.fields) index(f.fields);
    });
    index(this.fields);
    this.places = places.jurisdictions;
    kindChoices(this.form.querySelector('#kinds'), this.byPath.get('subject.kind').values);
    this.form.querySelectorAll('input[name="kind"]').forEach((r) => r.addEventListener('change', () => this.render()));
    await this.render();
  }

  get kind() {
    return this.form.querySelector('input[name="kind"]:checked').value;
  }

  /** The jurisdiction chosen, with its configured standard; null when the rules list none. */
  get place() {
    const code = this.value(PLACE);
    return this.places.find((p) => p.jurisdiction === code) || null;
  }

  /** Rebuilds the subject fields and the items for the current kind, keeping what was typed. */
  async render() {
    const kept = this.values();
    this.subject.replaceChildren(...this.subjectFields());
    this.restore(kept);
    const time = this.form.querySelector('[data-field="' + TIME + '"]');
    if (this.page.inspection && time && !time.value) {
      const now = new Date();
      now.setMinutes(now.getMinutes() - now.getTimezoneOffset());
      time.value = now.toISOString().slice(0, 16);
    }
    [PLACE, STANDARD, LEVEL, GRADE, TIME].forEach((path) => {
      const e = this.subject.querySelector('[data-field="' + path + '"]');
      if (e) e.addEventListener('change', () => this.renderItems());
    });
    await this.renderItems();
  }

  applies(f) {
    return !f.forKinds || f.forKinds.includes(this.kind);
  }

  /**
   * Where and what: the jurisdiction, the subject's fields for its kind, the fields of the site or plant that
   * no item records (or that every record needs), and the record's own fields the page asks for.
   */
  subjectFields() {
    const subject = this.byPath.get('subject');
    const own = this.fields.find((f) => f.fields && f.forKinds && f.forKinds.includes(this.kind));
    const fields = [];
    if (this.places.length) fields.push(this.widget(this.byPath.get(PLACE)));
    subject.fields.filter((f) => f.name !== 'kind' && f.path !== PLACE && this.applies(f)).forEach((f) => fields.push(this.widget(f)));
    if (own) own.fields.filter((f) => f.required || !f.items).forEach((f) => fields.push(this.widget(f)));
    this.fields.filter((f) => !f.fields && !this.page.omit.includes(f.path)).forEach((f) => fields.push(this.widget(f)));
    const objects = this.fields.filter((f) => f.type === 'object' && this.page.objects.includes(f.path) && this.applies(f))
      .map((f) => h('fieldset', { class: 'object', 'data-object': f.path }, h('legend', {}, this.labelOf(f)),
        h('div', { class: 'grid' }, f.fields.filter((c) => this.applies(c)).map((c) => this.widget(c)).filter((c) => c))));
    return [h('div', { class: 'grid' }, fields.filter((f) => f)), ...objects];
  }

  /** The items of the standard (or grade) in use: at the level in use, or at every level for a self-check. */
  async renderItems() {
    const ticket = ++this.loading;
    // ready again (for the page and its tests) once the latest list is shown
    delete this.form.dataset.ready;
    const site = this.kind === 'SITE';
    const place = this.place;
    let inForce = null;
    let levels;
    if (this.page.inspection) {
      const chosen = this.value(LEVEL);
      if (!chosen) inForce = await this.levelInForce(place);
      levels = [chosen || inForce.level];
    } else {
      levels = this.byPath.get(LEVEL).values;
    }
    if (ticket !== this.loading) return;
    this.showDefaults(place, inForce);
    const name = site ? this.value(STANDARD) || (place && place.standard) : this.value(GRADE);
    const lists = name ? await Promise.all(levels.map((level) => Api.get('/api/v1/checklists/' + encodeURIComponent(name)
      + '?kind=' + this.kind + '&alertLevel=' + level))) : [];
    if (ticket !== this.loading) return;
    const items = new Map();
    lists.forEach((l) => l.items.forEach((i) => items.has(i.code) || items.set(i.code, i)));
    /** The items shown, by code: what each is judged by (its criterion), for the page to show beside a violation. */
    this.checklistItems = items;
    const kept = this.values();
    const done = new Set([...this.subject.querySelectorAll('[data-field], [data-block]')]
      .map((e) => e.dataset.field || e.dataset.block));
    this.items.replaceChildren(...[...items.values()].map((item) => this.itemSection(item, done)));
    this.restore(kept);
    this.applyOrdered();
    /** What the record is judged by, for the page to say beside the decision. */
    this.inUse = {
      place, name, levels,
      standardFromPlace: site && !this.value(STANDARD),
      levelFromPlace: this.page.inspection && !this.value(LEVEL),
    };
    this.form.dataset.ready = levels.join(',') + ':' + name;
  }

  /** The alert declared for the jurisdiction and in force at the inspection time, as the service applies it. */
  async levelInForce(place) {
    if (!place) return { level: 'NONE' };
    const time = this.value(TIME);
    const at = time ? new Date(time) : new Date();
    try {
      const alerts = await Api.alerts(place.jurisdiction);
      const alert = alerts.find((a) => new Date(a.from) <= at && (!a.to || new Date(a.to) > at));
      return { level: alert ? alert.level : 'NONE', alert };
    } catch (e) {
      return { level: 'NONE', unknown: true };
    }
  }

  /** The default choices say what they stand for: the jurisdiction's standard, the alert in force then. */
  showDefaults(place, inForce) {
    const standard = this.subject.querySelector('[data-field="' + STANDARD + '"] option[value=""]');
    if (standard) standard.textContent = '按辖区标准：' + (place ? Words.label('STANDARD', place.standard) : '—');
    const level = this.subject.querySelector('[data-field="' + LEVEL + '"] option[value=""]');
    const hint = this.subject.querySelector('[data-hint-for="' + LEVEL + '"]');
    if (level && inForce) {
      level.textContent = '按辖区现行预警：' + Words.level(inForce.level);
      if (hint) {
        const where = place ? Words.label('JURISDICTION', place.jurisdiction) : '';
        hint.textContent = inForce.unknown ? '无法读取' + where + '已发布的预警，请选择预警级别。'
          : inForce.alert ? where + '已发布' + Words.level(inForce.alert.level) + '：' + Words.time(inForce.alert.from)
            + (inForce.alert.to ? ' 至 ' + Words.time(inForce.alert.to) : ' 起') + '。'
            : where + '在检查时间无预警。';
      }
    } else if (hint) {
      hint.textContent = '';
    }
    const timeHint = this.subject.querySelector('[data-hint-for="' + TIME + '"]');
    const time = this.value(TIME);
    if (timeHint) {
      if (!time) {
        timeHint.textContent = '';
      } else {
        const at = new Date(time);
        const minutes = -at.getTimezoneOffset();
        const offset = 'UTC' + (minutes < 0 ? '-' : '+') + String(Math.floor(Math.abs(minutes) / 60)).padStart(2, '0')
          + ':' + String(Math.abs(minutes) % 60).padStart(2, '0');
        timeHint.textContent = '按本机时间（' + offset + '）填写，即' + (place ? Words.label('JURISDICTION', place.jurisdiction) : '')
          + '当地时间 ' + Words.time(at.toISOString()) + '。';
      }
    }
  }

  itemSection(item, done) {
    const inputs = [];
    for (const path of item.record) {
      const f = this.holder(path);
      if (!f || done.has(f.path)) continue;
      done.add(f.path);
      const w = this.widget(f);
      if (w) inputs.push(w);
    }
    return h('fieldset', { class: 'item', 'data-item': item.code },
      h('legend', {}, item.title),
      h('ul', { class: 'hint' }, item.check.map((c) => h('li', {}, c))),
      inputs.length ? h('div', { class: 'grid' }, inputs) : h('p', { class: 'hint' }, '记录项已在上文填写。'),
      this.page.notes ? h('div', { class: 'item-note', 'data-note-for': item.code },
        h('label', {}, Words.field('notes[].text'), h('textarea', { rows: 2, maxlength: 2000, 'data-note-text': item.code })),
        h('label', {}, Words.field('notes[].evidence'), h('input', { type: 'file', multiple: true,
          accept: 'image/jpeg,image/png,application/pdf', 'data-note-files': item.code }))) : '');
  }

  /**
   * The items under open cases, marked on their sections and listed first, with the case's deadline: what a
   * follow-up (回头看) must look at. Kept across a change of list.
   */
  markOrdered(cases) {
    this.ordered = cases;
    this.applyOrdered();
  }

  applyOrdered() {
    for (const c of [...(this.ordered || [])].reverse()) {
      const section = this.items.querySelector('[data-item="' + c.violation + '"]');
      if (!section) continue;
      section.classList.add('ordered');
      section.dataset.case = c.id;
      if (!section.querySelector('.ordered-badge')) {
        section.querySelector('legend').after(h('p', { class: 'ordered-badge' }, '整改复查：' + Words.label('CASE_STATE', c.state)
          + (c.deadline ? '，整改期限 ' + Words.time(c.deadline) : '')));
      }
      this.items.prepend(section);
    }
  }

  /** The subject of an earlier record put back in the form (a follow-up of a known subject): kind first, then its fields. */
  async prefill(subject) {
    const radio = this.form.querySelector('input[name="kind"][value="' + subject.kind + '"]');
    if (radio && !radio.checked) {
      radio.checked = true;
      await this.render();
    }
    for (const [key, value] of Object.entries(subject)) {
      if (key === 'kind' || value === null || typeof value === 'object') continue;
      const e = this.form.querySelector('[data-field="subject.' + key + '"]');
      if (!e) continue;
      if (e.type === 'checkbox') e.checked = value === true;
      else e.value = String(value);
    }
    await this.renderItems();
  }

  /**
   * The notes typed beside the items, their files uploaded first as evidence about the subject: the
   * record's {@code notes}, or none when nothing was noted.
   */
  async notes() {
    const out = [];
    const subject = this.value('subject.id');
    const place = this.value(PLACE);
    for (const box of this.items.querySelectorAll('[data-note-for]')) {
      const text = box.querySelector('[data-note-text]').value.trim();
      const files = box.querySelector('[data-note-files]');
      if (!text && !files.files.length) continue;
      const evidence = files.files.length ? await uploadEvidence(files, subject, place) : [];
      const note = { item: box.dataset.noteFor, evidence };
      if (text) note.text = text;
      out.push(note);
    }
    return out;
  }

  /** The field an item's path is entered in: the block (or map) holding it, else the field itself. */
  holder(path) {
    const names = path.split('.');
    for (let i = 1; i <= names.length; i++) {
      const f = this.byPath.get(names.slice(0, i).join('.'));
      if (f && (f.type === 'block' || f.type === 'map' || i === names.length)) return f;
    }
    return null;
  }

  labelOf(f) {
    const hint = this.page.hints[f.path];
    return (f.label || f.path) + (hint ? '（' + hint + '）' : '');
  }

  /** The input of a field, as its type in the schema asks. */
  widget(f) {
    if (!f) return null;
    switch (f.type) {
      case 'block':
        return h('div', { class: 'block', 'data-block': f.path },
          f.fields.map((c) => this.field(c.path, this.labelOf(c), this.control(c), c.unit)));
      case 'map':
        return this.map(f);
      case 'choices':
        return h('div', { class: 'field wide', 'data-for': f.path },
          h('span', { class: 'label' }, this.labelOf(f)),
          h('div', { class: 'checks', 'data-field': f.path, 'data-type': 'choices' },
            f.values.map((code) => h('label', {}, h('input', { type: 'checkbox', value: code, name: f.path }),
              Words.label(f.kind, code)))));
      case 'bool':
        if (!f.required) {
          return h('div', { class: 'field flag', 'data-for': f.path },
            h('label', {}, h('input', { id: this.id(f.path), 'data-field': f.path, 'data-type': 'flag', name: f.path, type: 'checkbox' }),
              ' ' + this.labelOf(f)));
        }
        return this.field(f.path, this.labelOf(f), this.control(f), f.unit);
      case 'list':
      case 'object':
        return null;
      default: {
        const field = this.field(f.path, this.labelOf(f), this.control(f), f.unit);
        if (f.path === LEVEL || f.path === TIME) field.append(h('p', { class: 'hint', 'data-hint-for': f.path }));
        return field;
      }
    }
  }

  /** A map of objects by code (an emergency plan by alert level): one row per code. */
  map(f) {
    return h('div', { class: 'field wide', 'data-for': f.path },
      h('span', { class: 'label' }, this.labelOf(f)),
      h('div', { class: 'plan', 'data-field': f.path, 'data-type': 'map' },
        f.values.map((key) => h('div', { class: 'plan-row', 'data-key': key },
          h('span', {}, Words.label(f.kind, key)),
          f.fields.map((c) => {
            const path = f.path + '.' + key + '.' + c.name;
            const control = this.control(Object.assign({}, c, { path, required: c.type !== 'bool' }));
            return c.type === 'bool' || c.type === 'flag'
              ? h('label', {}, this.control(Object.assign({}, c, { path })), ' ' + (c.label || c.name))
              : h('label', {}, (c.label || c.name) + ' ', control, c.unit ? ' ' + c.unit : '');
          })))));
  }

  /** The control of a single field. */
  control(f) {
    const common = { id: this.id(f.path), 'data-field': f.path, name: f.path };
    switch (f.type) {
      case 'number':
        return h('input', { ...common, 'data-type': 'number', type: 'number', step: f.integer ? '1' : 'any',
          inputmode: f.integer ? 'numeric' : 'decimal', min: f.min, max: f.max });
      case 'bool':
        if (!f.required) return h('input', { ...common, 'data-type': 'flag', type: 'checkbox' });
        return h('select', { ...common, 'data-type': 'bool' }, h('option', { value: '' }, Words.label('ITEM_STATUS', 'NOT_INSPECTED')),
          h('option', { value: 'true' }, '是'), h('option', { value: 'false' }, '否'));
      case 'time':
        return h('input', { ...common, 'data-type': 'time', type: 'datetime-local', step: '60' });
      case 'date':
        return h('input', { ...common, 'data-type': 'text', type: 'date' });
      case 'choice': {
        const s = h('select', { ...common, 'data-type': 'text' });
        const entries = (f.values || []).map((code) => [code, Words.label(f.kind, code)]);
        const byDefault = f.path === STANDARD || f.path === LEVEL ? this.places.length > 0
          : !f.required && f.path !== PLACE;
        options(s, byDefault ? [['', '—'], ...entries] : entries);
        return s;
      }
      default:
        return h('input', { ...common, 'data-type': 'text', type: 'text', maxlength: f.maxLength });
    }
  }

  field(path, text, input, unit) {
    return h('div', { class: 'field', 'data-for': path },
      h('label', { for: this.id(path) }, text + (unit ? '（' + unit + '）' : '')), input);
  }

  id(path) {
    return 'f-' + path.replace(/[^A-Za-z0-9]/g, '-');
  }

  value(path) {
    const e = this.form.querySelector('[data-field="' + path + '"]');
    return e ? e.value : '';
  }

  /** Everything typed, by field, to put back after the form is rebuilt. */
  values() {
    const kept = new Map();
    this.form.querySelectorAll('input[data-field], select[data-field]').forEach((e) =>
      kept.set(e.dataset.field, e.type === 'checkbox' ? e.checked : e.value));
    this.form.querySelectorAll('[data-type="choices"]').forEach((e) =>
      kept.set(e.dataset.field, [...e.querySelectorAll('input:checked')].map((c) => c.value)));
    return kept;
  }

  restore(kept) {
    this.form.querySelectorAll('input[data-field], select[data-field]').forEach((e) => {
      if (!kept.has(e.dataset.field)) return;
      if (e.type === 'checkbox') e.checked = kept.get(e.dataset.field);
      else if (e.tagName !== 'SELECT' || [...e.options].some((o) => o.value === kept.get(e.dataset.field))) e.value = kept.get(e.dataset.field);
    });
    this.form.querySelectorAll('[data-type="choices"]').forEach((e) => {
      const on = kept.get(e.dataset.field) || [];
      e.querySelectorAll('input').forEach((c) => (c.checked = on.includes(c.value)));
    });
  }

  /**
   * The request body: blocks with nothing typed are left out ("not inspected"); so are empty fields, and the
   * default standard and alert level (the service then applies the jurisdiction's).
   */
  body() {
    const body = { subject: { kind: this.kind } };
    const inside = (e) => e.closest('[data-block]') || e.closest('[data-type="map"]');
    this.form.querySelectorAll('[data-block]').forEach((b) => {
      const fields = [...b.querySelectorAll('[data-field]')];
      if (fields.every((f) => f.value === '')) return;
      fields.forEach((f) => put(body, f.dataset.field, read(f)));
    });
    this.form.querySelectorAll('[data-field]').forEach((e) => {
      if (inside(e)) return;
      const v = read(e);
      if (v !== null && v !== undefined) put(body, e.dataset.field, v);
    });
    this.form.querySelectorAll('[data-type="map"]').forEach((m) => {
      const value = {};
      m.querySelectorAll('.plan-row').forEach((row) => {
        const entry = {};
        row.querySelectorAll('[data-field]').forEach((e) => {
          const v = read(e);
          if (v !== null && v !== undefined) entry[e.dataset.field.split('.').pop()] = v;
        });
        if (Object.keys(entry).length) value[row.dataset.key] = entry;
      });
      if (Object.keys(value).length) put(body, m.dataset.field, value);
    });
    return body;

    function read(e) {
      switch (e.dataset.type) {
        case 'number':
          return e.value === '' ? null : number(e.value);
        case 'bool':
          return e.value === '' ? null : e.value === 'true';
        case 'flag':
          return e.checked ? true : undefined;
        case 'choices':
          return [...e.querySelectorAll('input:checked')].map((c) => c.value);
        case 'time':
          return e.value === '' ? undefined : withOffset(e.value);
        default:
          return e.value.trim() === '' ? undefined : e.value.trim();
      }
    }
    function number(v) {
      const n = Number(v);
      return Number.isNaN(n) ? v : n;
    }
    /** The time the inspector sees, in the browser's zone, written with that zone's offset on that day. */
    function withOffset(local) {
      const at = new Date(local);
      const minutes = -at.getTimezoneOffset();
      const sign = minutes < 0 ? '-' : '+';
      const pad = (n) => String(Math.floor(Math.abs(n))).padStart(2, '0');
      return (local.length === 16 ? local + ':00' : local) + sign + pad(minutes / 60) + ':' + pad(minutes % 60);
    }
    function put(target, path, value) {
      const keys = path.split('.');
      let at = target;
      keys.slice(0, -1).forEach((k) => (at = at[k] = at[k] || {}));
      at[keys[keys.length - 1]] = value;
    }
  }

  clearErrors() {
    this.form.querySelectorAll('.field-error').forEach((e) => e.remove());
    this.form.querySelectorAll('.invalid').forEach((e) => e.classList.remove('invalid'));
    this.errors.hidden = true;
    this.errors.replaceChildren();
  }

  /** Shows each error of a problem beside the field it names, or above the form when no field shows it. */
  showErrors(problem) {
    this.clearErrors();
    const general = [];
    for (const e of problem.errors || []) {
      const target = this.fieldFor(e.field);
      if (!target) {
        general.push(h('li', {}, (e.field && e.field !== '$' ? this.named(e.field) + '：' : '') + e.message));
        continue;
      }
      const wrapper = target.closest('.field') || target;
      wrapper.classList.add('invalid');
      wrapper.append(h('p', { class: 'field-error', 'data-error-for': e.field }, e.message));
    }
    this.errors.append(h('p', {}, '记录未通过校验，请按提示修改后重新提交。'));
    if (general.length || !(problem.errors || []).length) {
      this.errors.append(h('ul', {}, general.length ? general : [h('li', {}, problem.detail || problem.title)]));
    }
    this.errors.hidden = false;
    const first = this.form.querySelector('.invalid') || this.errors;
    first.scrollIntoView({ block: 'center' });
  }

  /** A JSON path by the label of its field when the schema has one ("site.activities[1]" by 检查时正在进行的作业). */
  named(path) {
    const f = this.byPath.get((path || '').replace(/\[\d+\]/g, '[]').replace(/\[\]$/, ''));
    return f && f.label ? f.label : path;
  }

  /** The element showing a JSON path: "site.activities[1]" is shown by site.activities, "site.x.y" by its block. */
  fieldFor(path) {
    let p = (path || '').replace(/\[\d+\]/g, '');
    while (p) {
      const e = this.form.querySelector('[data-field="' + p + '"]') || this.form.querySelector('[data-block="' + p + '"]');
      if (e) return e;
      p = p.includes('.') ? p.slice(0, p.lastIndexOf('.')) : '';
    }
    return null;
  }
}
