// Config: the running YAML, validated as you type (errors at their YAML path), a diff against the running
// version, apply (hot reload, then the file is rewritten) and the audit log of who applied what.
import { useEffect, useRef, useState } from 'preact/hooks';
import { e, api, time, Page } from './ui.js';
import { lineOf } from './yamlpath.js';

/** Line diff (longest common subsequence): [{op: ' ' | '+' | '-', line}]. */
export function diffLines(before, after) {
  const a = before.split('\n');
  const b = after.split('\n');
  const lcs = Array.from({ length: a.length + 1 }, () => new Uint32Array(b.length + 1));
  for (let i = a.length - 1; i >= 0; i--) {
    for (let j = b.length - 1; j >= 0; j--) {
      lcs[i][j] = a[i] === b[j] ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
    }
  }
  const out = [];
  let i = 0, j = 0;
  while (i < a.length || j < b.length) {
    if (i < a.length && j < b.length && a[i] === b[j]) { out.push({ op: ' ', line: a[i] }); i++; j++; }
    else if (i < a.length && (j === b.length || lcs[i + 1][j] >= lcs[i][j + 1])) out.push({ op: '-', line: a[i++] });
    else out.push({ op: '+', line: b[j++] });
  }
  return out;
}

function Diff({ running, draft }) {
  const changes = diffLines(running, draft);
  const changed = changes.filter(c => c.op !== ' ');
  if (changed.length === 0) return e('p', { class: 'muted', id: 'config-diff' }, 'No changes against the running config.');
  // show changed lines with one line of context
  const shown = changes.filter((c, k) => c.op !== ' ' || changes[k - 1]?.op !== ' ' && k > 0 || changes[k + 1]?.op !== ' ' && k + 1 < changes.length);
  return e('pre', { class: 'diff', id: 'config-diff' }, shown.map(c =>
    e('div', { class: c.op === '+' ? 'add' : c.op === '-' ? 'del' : '' }, `${c.op} ${c.line}`)));
}

/** Selects line `line` (0-based) of the editor and scrolls it into view. */
function jump(editor, line) {
  const lines = editor.value.split('\n');
  const start = lines.slice(0, line).reduce((n, l) => n + l.length + 1, 0);
  editor.focus();
  editor.setSelectionRange(start, start + lines[line].length);
  editor.scrollTop = Math.max(0, line - 5) * parseFloat(getComputedStyle(editor).lineHeight);
}

function Errors({ result, draft, editor }) {
  if (!result) return null;
  if (result.valid) return e('p', { class: 'notice ok', id: 'config-valid', role: 'status' }, 'Valid: this config would load.');
  return e('ul', { class: 'errors', id: 'config-errors', role: 'alert' }, result.errors.map(err => {
    const line = err.path ? lineOf(draft, err.path) : -1;
    return e('li', null, e('code', null, err.path || '(file)'), ': ', err.message,
      line >= 0 ? e('button', { class: 'link', onClick: () => jump(editor.current, line), 'data-line': line + 1 }, `line ${line + 1}`) : null,
      err.hint ? e('div', { class: 'muted' }, err.hint) : null);
  }),
    result.detail ? e('li', null, result.detail) : null);
}

function Audit({ entries }) {
  if (entries.length === 0) return e('p', { class: 'muted' }, 'No config changes from the dashboard since the router started.');
  return e('table', { id: 'audit-table' },
    e('thead', null, e('tr', null, ['Time', 'Who', 'Outcome', 'Lines', 'Detail'].map(n => e('th', { scope: 'col' }, n)))),
    e('tbody', null, entries.map(a => e('tr', null, e('td', null, time(Date.parse(a.time))), e('td', null, a.who),
      e('td', null, e('span', { class: `tag ${a.outcome === 'applied' ? 'ok' : 'bad'}` }, a.outcome)),
      e('td', null, `+${a.lines_added} −${a.lines_removed}`), e('td', { class: 'wrap' }, a.detail ?? '')))));
}

export function Config() {
  const [running, setRunning] = useState(null);
  const [draft, setDraft] = useState('');
  const [result, setResult] = useState(null);
  const [notice, setNotice] = useState(null);
  const [audit, setAudit] = useState([]);
  const timer = useRef(null);
  const editor = useRef(null);

  const load = async () => {
    const current = await api('api/config');
    setRunning(current);
    setDraft(current.yaml ?? '');
    setAudit((await api('api/audit')).entries);
  };
  useEffect(() => { load(); }, []);

  const validate = text => api('api/config/validate', { method: 'POST', body: text, headers: { 'content-type': 'text/plain' } }).then(setResult);
  const edit = text => {
    setDraft(text);
    setNotice(null);
    clearTimeout(timer.current);
    timer.current = setTimeout(() => validate(text), 300);
  };
  const apply = async () => {
    const outcome = await api('api/config/apply', { method: 'POST', body: draft, headers: { 'content-type': 'text/plain' } });
    setResult(outcome);
    if (outcome.applied) {
      setNotice('Applied: the router now serves this config' + (running.file ? ` and ${running.file} was rewritten.` : ' (in memory: no file behind it).'));
      await load();
    } else {
      setAudit((await api('api/audit')).entries);
    }
  };

  if (!running) return e(Page, { title: 'Config' }, e('p', { class: 'empty' }, 'Loading…'));
  if (!running.editable) return e(Page, { title: 'Config' }, e('p', { class: 'notice' }, 'This router was started without a config source the dashboard can edit.'));
  const changed = draft !== running.yaml;
  return e(Page, { title: 'Config', sub: `The running config${running.file ? ' from ' + running.file : ''}. Edits are checked as you type; Apply hot-reloads the router (a config that fails keeps the old one serving).` },
    e('div', { class: 'split' },
      e('div', { class: 'panel' },
        e('label', { for: 'config-editor', class: 'muted' }, 'YAML'),
        e('textarea', { id: 'config-editor', ref: editor, rows: 24, spellcheck: false, value: draft, onInput: ev => edit(ev.target.value) }),
        e('div', { class: 'toolbar', style: 'margin-top: 10px' },
          e('button', { class: 'primary', id: 'config-apply', disabled: !changed || (result && !result.valid), onClick: apply }, 'Apply'),
          e('button', { disabled: !changed, onClick: () => { setDraft(running.yaml); setResult(null); } }, 'Revert'),
          e('span', { class: 'grow' })),
        notice ? e('p', { class: 'notice ok', id: 'config-notice', role: 'status' }, notice) : null),
      e('div', null,
        e('div', { class: 'panel' }, e('h2', null, 'Validation'),
          result ? e(Errors, { result, draft, editor }) : e('p', { class: 'muted' }, changed ? 'Checking…' : 'Edit the YAML; it is checked as you type.')),
        e('div', { class: 'panel' }, e('h2', null, 'Diff against the running config'), e(Diff, { running: running.yaml, draft })),
        e('div', { class: 'panel' }, e('h2', null, 'Audit log'), e(Audit, { entries: audit })))));
}
