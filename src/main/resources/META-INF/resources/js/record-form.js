'use strict';
// The record form of the self-check and inspection pages. Which items it asks about is the published
// checklist of the chosen standard (or grade) and level: each item shows the rules' own title and what to
// check, with an input for each request field its rules record. Values typed in survive a change of list.

class RecordForm {
  /**
   * @param form    the <form>, holding #subject, #items and #form-errors
   * @param inspection true on the inspection page: the time is required and an alert level is chosen,
   *                   and the items are those of that level; a self-check asks about every level's items
   */
  constructor(form, inspection) {
    this.form = form;
    this.inspection = inspection;
    this.subject = form.querySelector('#subject');
    this.items = form.querySelector('#items');
    this.errors = form.querySelector('#form-errors');
    this.loading = 0;
  }

  async init() {
    const [index, ruleset] = await Promise.all([Names.load(), Api.ruleset()]);
    this.standards = ruleset.standards;
    this.grades = index.performanceGrades;
    this.form.querySelectorAll('input[name="kind"]').forEach((r) => r.addEventListener('change', () => this.render()));
    await this.render();
  }

  get kind() {
    return this.form.querySelector('input[name="kind"]:checked').value;
  }

  /** Rebuilds the subject fields and the items for the current kind, keeping what was typed. */
  async render() {
    const kept = this.values();
    this.subject.replaceChildren(...this.subjectFields());
    this.restore(kept);
    this.subject.querySelectorAll('[data-field="subject.standard"], [data-field="enterprise.performanceGrade"], [data-field="alertLevel"]')
      .forEach((s) => s.addEventListener('change', () => this.renderItems()));
    await this.renderItems();
  }

  subjectFields() {
    const site = this.kind === 'SITE';
    const fields = site
      ? [
          this.text('subject.name', '工地名称'),
          this.text('subject.id', '工地编号'),
          this.select('subject.standard', '执行标准', this.standards.map((s) => [s, s])),
          this.check('subject.keyProject', '重点项目（保障工程）'),
          this.check('subject.nearMonitoringStation', '距国控空气质量监测站点 1 公里内'),
        ]
      : [
          this.text('subject.name', '企业名称'),
          this.text('subject.id', '企业编号'),
          this.text('enterprise.industry', '行业'),
          this.select('enterprise.performanceGrade', '环保绩效分级', this.grades.map((g) => [g, label(GRADES, g)])),
          this.single('enterprise.productionLoadPercent'),
          this.check('enterprise.livelihoodGuarantee', '民生保障企业'),
          this.check('enterprise.staggeredProduction', '列入错峰生产'),
          this.check('enterprise.controlFacilitiesBypassed', '防治污染设施不正常运行（暗管、旁路等）'),
        ];
    if (this.inspection) {
      fields.push(this.single('inspectedAt'));
      fields.push(this.select('alertLevel', '预警级别', Names.levels.map((l) => [l.level, l.title])));
    } else {
      fields.push(this.field('inspectedAt', '自查时间（留空为当前时间）', this.input('inspectedAt', 'time')));
    }
    return [h('div', { class: 'grid' }, fields)];
  }

  /** The items of the chosen standard or grade: at the chosen level, or at every level for a self-check. */
  async renderItems() {
    const ticket = ++this.loading;
    const site = this.kind === 'SITE';
    const name = this.value(site ? 'subject.standard' : 'enterprise.performanceGrade');
    const levels = this.inspection ? [this.value('alertLevel')] : Names.levels.map((l) => l.level);
    const lists = await Promise.all(levels.map((level) => Api.get('/api/v1/checklists/' + encodeURIComponent(name)
      + '?kind=' + this.kind + '&alertLevel=' + level)));
    if (ticket !== this.loading) return;
    const items = new Map();
    lists.forEach((l) => l.items.forEach((i) => items.has(i.code) || items.set(i.code, i)));
    const kept = this.values();
    const done = new Set([...this.subject.querySelectorAll('[data-field]')].map((e) => e.dataset.field));
    this.items.replaceChildren(...[...items.values()].map((item) => this.itemSection(item, done)));
    this.restore(kept);
    this.form.dataset.ready = levels.join(',') + ':' + name;
  }

  itemSection(item, done) {
    const inputs = [];
    for (const field of item.record) {
      const block = Object.keys(BLOCKS).find((b) => field === b || field.startsWith(b + '.'));
      const key = block || field;
      if (done.has(key)) continue;
      done.add(key);
      inputs.push(block ? this.block(block) : this.single(field));
    }
    return h('fieldset', { class: 'item', 'data-item': item.code },
      h('legend', {}, item.title),
      h('ul', { class: 'hint' }, item.check.map((c) => h('li', {}, c))),
      inputs.length ? h('div', { class: 'grid' }, inputs) : h('p', { class: 'hint' }, '记录项已在上文填写。'));
  }

  block(path) {
    return h('div', { class: 'block', 'data-block': path },
      BLOCKS[path].map(([name, type, text, unit]) => this.field(path + '.' + name, text, this.input(path + '.' + name, type), unit)));
  }

  single(path) {
    const [type, text, unit] = SINGLES[path] || ['auto', path];
    if (type === 'activities') {
      return h('div', { class: 'field wide', 'data-for': path },
        h('span', { class: 'label' }, text),
        h('div', { class: 'checks', 'data-field': path, 'data-type': 'activities' },
          Object.entries(ACTIVITIES).map(([code, name]) =>
            h('label', {}, h('input', { type: 'checkbox', value: code, name: path }), name))));
    }
    if (type === 'plan') {
      return h('div', { class: 'field wide', 'data-for': path },
        h('span', { class: 'label' }, text),
        h('div', { class: 'plan', 'data-field': path, 'data-type': 'plan' },
          Names.levels.filter((l) => l.level !== 'NONE').map((l) => h('div', { class: 'plan-row' },
            h('span', {}, l.title),
            h('label', {}, '限产 ', this.input(path + '.' + l.level + '.limitPercent', 'number'), ' %'),
            h('label', {}, this.input(path + '.' + l.level + '.stopProduction', 'flag'), ' 停产')))));
    }
    return this.field(path, text, this.input(path, type), unit);
  }

  text(path, text) {
    return this.field(path, text, this.input(path, 'text'));
  }

  check(path, text) {
    return h('div', { class: 'field flag', 'data-for': path }, h('label', {}, this.input(path, 'flag'), ' ' + text));
  }

  select(path, text, entries) {
    const s = h('select', { id: this.id(path), 'data-field': path, 'data-type': 'text' });
    options(s, entries);
    return this.field(path, text, s);
  }

  field(path, text, input, unit) {
    return h('div', { class: 'field', 'data-for': path },
      h('label', { for: this.id(path) }, text + (unit ? '（' + unit + '）' : '')), input);
  }

  input(path, type) {
    const common = { id: this.id(path), 'data-field': path, 'data-type': type, name: path };
    switch (type) {
      case 'number':
        return h('input', { ...common, type: 'number', step: 'any', inputmode: 'decimal' });
      case 'bool':
        return h('select', common, h('option', { value: '' }, '未检查'), h('option', { value: 'true' }, '是'),
          h('option', { value: 'false' }, '否'));
      case 'flag':
        return h('input', { ...common, type: 'checkbox' });
      case 'time':
        return h('input', { ...common, type: 'datetime-local', step: '60' });
      default:
        return h('input', { ...common, type: 'text' });
    }
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
    this.form.querySelectorAll('[data-type="activities"]').forEach((e) =>
      kept.set(e.dataset.field, [...e.querySelectorAll('input:checked')].map((c) => c.value)));
    return kept;
  }

  restore(kept) {
    this.form.querySelectorAll('input[data-field], select[data-field]').forEach((e) => {
      if (!kept.has(e.dataset.field)) return;
      if (e.type === 'checkbox') e.checked = kept.get(e.dataset.field);
      else if (e.tagName !== 'SELECT' || [...e.options].some((o) => o.value === kept.get(e.dataset.field))) e.value = kept.get(e.dataset.field);
    });
    this.form.querySelectorAll('[data-type="activities"]').forEach((e) => {
      const on = kept.get(e.dataset.field) || [];
      e.querySelectorAll('input').forEach((c) => (c.checked = on.includes(c.value)));
    });
  }

  /** The request body: blocks with nothing typed are left out ("not inspected"); so are empty fields. */
  body() {
    const body = { subject: { kind: this.kind } };
    const inBlock = (e) => e.closest('[data-block]');
    this.form.querySelectorAll('[data-block]').forEach((b) => {
      const fields = [...b.querySelectorAll('[data-field]')];
      if (fields.every((f) => f.value === '')) return;
      fields.forEach((f) => put(body, f.dataset.field, read(f)));
    });
    this.form.querySelectorAll('[data-field]').forEach((e) => {
      if (inBlock(e) || e.closest('[data-type="plan"]') || e.dataset.type === 'plan') return;
      const v = read(e);
      if (v !== null && v !== undefined) put(body, e.dataset.field, v);
    });
    this.form.querySelectorAll('[data-type="plan"]').forEach((p) => {
      const plan = {};
      p.querySelectorAll('.plan-row').forEach((row) => {
        const [limit, stop] = row.querySelectorAll('input');
        const level = limit.dataset.field.split('.')[2];
        if (limit.value !== '' || stop.checked) {
          plan[level] = {};
          if (limit.value !== '') plan[level].limitPercent = number(limit.value);
          if (stop.checked) plan[level].stopProduction = true;
        }
      });
      if (Object.keys(plan).length) put(body, p.dataset.field, plan);
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
        case 'activities':
          return [...e.querySelectorAll('input:checked')].map((c) => c.value);
        case 'time':
          return e.value === '' ? undefined : withOffset(e.value);
        case 'auto':
          return e.value === '' ? undefined : e.value === 'true' || e.value === 'false' ? e.value === 'true' : number(e.value);
        default:
          return e.value.trim() === '' ? undefined : e.value.trim();
      }
    }
    function number(v) {
      const n = Number(v);
      return Number.isNaN(n) ? v : n;
    }
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
        general.push(h('li', {}, (e.field && e.field !== '$' ? e.field + '：' : '') + e.message));
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
