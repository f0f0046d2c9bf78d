'use strict';
// The rule console's reading and writing of rule files: CSV tables as rows of cells (a row not edited is
// written back as it was read), a fixture case's expectation rewritten in its file's own layout, and a
// decision difference put in Chinese words (labels of the comparison and of the vocabulary).

const RuleFiles = (() => {
  /** A CSV text as rows: {line (from 1), raw, note (a # line or a blank one), cells}. */
  function parseCsv(text) {
    const rows = [];
    const newline = text.includes('\r\n') ? '\r\n' : '\n';
    let i = 0;
    let line = 1;
    while (i < text.length) {
      const start = i;
      const startLine = line;
      if (text[i] === '#' || text[i] === '\n' || text[i] === '\r') {
        let end = text.indexOf('\n', i);
        if (end < 0) end = text.length;
        const raw = text.slice(start, end).replace(/\r$/, '');
        rows.push({ line: startLine, raw, note: true, cells: [] });
        i = end + 1;
        line++;
        continue;
      }
      const cells = [];
      let cell = '';
      let quoted = false;
      for (; i < text.length; i++) {
        const c = text[i];
        if (quoted) {
          if (c === '"' && text[i + 1] === '"') { cell += '"'; i++; }
          else if (c === '"') quoted = false;
          else { if (c === '\n') line++; cell += c; }
        } else if (c === '"') quoted = true;
        else if (c === ',') { cells.push(cell); cell = ''; }
        else if (c === '\n') break;
        else if (c !== '\r') cell += c;
      }
      cells.push(cell);
      rows.push({ line: startLine, raw: text.slice(start, i).replace(/\r$/, ''), note: false, cells });
      i++;
      line++;
    }
    return { rows, newline, finalNewline: text.endsWith('\n') };
  }

  function quote(cell) {
    return /[",\r\n]/.test(cell) ? '"' + cell.replace(/"/g, '""') + '"' : cell;
  }

  /** The table as text again: rows not edited exactly as read, edited ones with their cells quoted as needed. */
  function writeCsv(table) {
    const lines = table.rows.map((r) => (r.edited ? r.cells.map(quote).join(',') : r.raw));
    return lines.join(table.newline) + (table.finalNewline ? table.newline : '');
  }

  /** A JSON value on one line, as the fixture files write entries: {"type": "RECTIFY", "violation": "…"}. */
  function compact(v) {
    if (Array.isArray(v)) return '[' + v.map(compact).join(', ') + ']';
    if (v && typeof v === 'object') return '{' + Object.entries(v).map(([k, x]) => JSON.stringify(k) + ': ' + compact(x)).join(', ') + '}';
    return JSON.stringify(v);
  }

  /** An expectation laid out as the fixture files lay it out, indented from {@code indent}. */
  function layoutExpect(expect, indent) {
    const inner = indent + '  ';
    const fields = Object.entries(expect).map(([k, v]) => {
      if (Array.isArray(v) && v.some((x) => x && typeof x === 'object')) {
        return inner + JSON.stringify(k) + ': [\n' + v.map((x) => inner + '  ' + compact(x)).join(',\n') + '\n' + inner + ']';
      }
      return inner + JSON.stringify(k) + ': ' + compact(v);
    });
    return '{\n' + fields.join(',\n') + '\n' + indent + '}';
  }

  /** The end (exclusive) of the JSON value starting at {@code from}, strings and nesting respected. */
  function valueEnd(text, from) {
    let depth = 0;
    let inString = false;
    for (let i = from; i < text.length; i++) {
      const c = text[i];
      if (inString) {
        if (c === '\\') i++;
        else if (c === '"') inString = false;
      } else if (c === '"') inString = true;
      else if (c === '{' || c === '[') depth++;
      else if (c === '}' || c === ']') {
        depth--;
        if (depth === 0) return i + 1;
      }
    }
    return -1;
  }

  function sameJson(a, b) {
    return JSON.stringify(a) === JSON.stringify(b);
  }

  /**
   * A fixture file with one case's {@code expect} replaced, the rest of the file untouched; when the case
   * cannot be found in the text as written, the whole file laid out again.
   */
  function rewriteExpect(text, caseName, expect) {
    const cases = JSON.parse(text);
    const index = cases.findIndex((c) => c.name === caseName);
    if (index < 0) throw new Error('用例不在文件中：' + caseName);
    const named = new RegExp('"name"\\s*:\\s*' + JSON.stringify(caseName).replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
    const at = text.search(named);
    if (at >= 0) {
      // the case's own keys follow its name at its depth: find "expect" there, skipping nested values
      let i = at;
      let depth = 0;
      let inString = false;
      for (; i < text.length; i++) {
        const c = text[i];
        if (inString) {
          if (c === '\\') i++;
          else if (c === '"') inString = false;
          continue;
        }
        if (c === '{' || c === '[') depth++;
        else if (c === '}' || c === ']') { if (depth === 0) break; depth--; }
        else if (c === '"') {
          if (depth === 0 && text.startsWith('"expect"', i)) break;
          inString = true;
        }
      }
      if (text.startsWith('"expect"', i)) {
        const open = text.indexOf('{', i);
        const end = valueEnd(text, open);
        const lineStart = text.lastIndexOf('\n', i) + 1;
        const indent = text.slice(lineStart, i).match(/^\s*/)[0];
        const rewritten = text.slice(0, open) + layoutExpect(expect, indent) + text.slice(end);
        try {
          const check = JSON.parse(rewritten);
          if (sameJson(check[index].expect, expect) && check.length === cases.length) return rewritten;
        } catch (e) {
          // laid out again below
        }
      }
    }
    cases[index].expect = expect;
    return JSON.stringify(cases, null, 2) + '\n';
  }

  return { parseCsv, writeCsv, rewriteExpect };
})();

/** A decision difference in words: one row per aspect that differs, the active answer beside the candidate's. */
const DecisionWords = (() => {
  function label(labels, kind, code) {
    if (code === null || code === undefined) return '';
    const own = (labels && labels[kind]) || {};
    if (own[code]) return own[code];
    return kind === 'VIOLATION' ? Words.title(code) : Words.label(kind, code);
  }

  function order(labels, o) {
    return label(labels, 'ORDER_TYPE', o.type)
      + (o.activity ? '：' + label(labels, 'ACTIVITY', o.activity) : '')
      + (o.violation ? '：' + label(labels, 'VIOLATION', o.violation) : '')
      + (o.limitPercent != null ? ' ' + o.limitPercent + '%' : '')
      + (o.maxBannedStandard ? '：' + label(labels, 'VEHICLE_STANDARD', o.maxBannedStandard) + '及以下' : '')
      + (o.deadline ? '（期限 ' + Words.time(o.deadline) + '）' : '');
  }

  function penalty(labels, p) {
    const parts = [label(labels, 'LEGAL_BASIS', p.legalBasis)];
    if (p.fineMinYuan != null || p.fineMaxYuan != null) parts.push('罚款 ' + yuan(p.fineMinYuan) + '至' + yuan(p.fineMaxYuan));
    if (p.recommendedFineYuan != null) parts.push('建议 ' + yuan(p.recommendedFineYuan));
    if (p.days != null) parts.push(p.days + ' 日');
    if (p.measures && p.measures.length) parts.push(p.measures.map((m) => label(labels, 'PENALTY_MEASURE', m)).join('、'));
    return parts.join('，');
  }

  function side(labels, d, aspect) {
    switch (aspect) {
      case 'compliant': return [d.compliant === true ? '合格' : d.compliant === false ? '不合格' : '—'];
      case 'level': return [d.level ? label(labels, 'ALERT_LEVEL', d.level) : '—'];
      case 'violations': return (d.violations || []).map((v) => label(labels, 'VIOLATION', v));
      case 'orders': return (d.orders || []).map((o) => order(labels, o));
      case 'penalties': return (d.penalties || []).map((p) => penalty(labels, p));
      case 'errors': return d.errors ? ['请求被拒绝：' + d.errors.map((e) => e.field + ' ' + e.message).join('；')] : [];
      case 'failure': return d.failure ? ['规则执行失败：' + d.failure] : [];
      default: return [];
    }
  }

  const ASPECTS = [['compliant', '结论'], ['level', '预警级别'], ['violations', '违法事项'], ['orders', '责令事项'],
    ['penalties', '处罚'], ['errors', '请求'], ['failure', '执行']];

  /** Table rows (tr) of the aspects in which the two sides differ. */
  function rows(labels, difference) {
    const out = [];
    for (const [aspect, name] of ASPECTS) {
      const was = JSON.stringify(difference.active[aspect]);
      const now = JSON.stringify(difference.candidate[aspect]);
      if (was === now) continue;
      const list = (items) => (items.length ? h('ul', {}, items.map((x) => h('li', {}, x))) : '无');
      out.push(h('tr', { 'data-aspect': aspect }, h('th', {}, name),
        h('td', { class: 'was' }, list(side(labels, difference.active, aspect))),
        h('td', { class: 'now' }, list(side(labels, difference.candidate, aspect)))));
    }
    return out;
  }

  return { rows };
})();

/**
 * Why the gate refused an activation, one line each, as the console and the history page list it: the
 * compiler's errors, the cases that fail, the rules no case fires and the table rows no case reaches.
 */
function refusalReasons(report) {
  if (!report) return [];
  const items = [];
  (report.diagnostics || []).filter((d) => d.severity === 'ERROR').forEach((d) => items.push(d.file + ' 第 ' + d.line + ' 行：' + d.message));
  (report.fixtureFailures || []).forEach((f) => items.push('用例未通过：' + f.name + '（' + f.file + '）'
    + (f.mismatches && f.mismatches.length ? '：' + f.mismatches.join('；') : '')));
  (report.uncoveredRules || []).forEach((name) => items.push('没有用例触发的规则：' + name));
  (report.unreachedRows || []).forEach((row) => items.push('没有用例用到的表格行：' + row.file + ' 第 ' + row.line + ' 行（' + row.key
    + '），请补充用例，或在 noFixtureBecause 列写明无需用例的理由'));
  return items;
}
