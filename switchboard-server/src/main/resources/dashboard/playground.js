// Playground: a prompt or a whole chat request through the dry run (no model is called, nothing is stored).
import { useState } from 'preact/hooks';
import { e, fmt, api, Page } from './ui.js';

const EXAMPLE = 'What is the integral of x^2 from 0 to 3?';

function request(text) {
  const trimmed = text.trim();
  if (trimmed.startsWith('{')) return trimmed; // a pasted chat completion request, sent as it is
  return JSON.stringify({ model: 'auto', messages: [{ role: 'user', content: text }] });
}

function describeGuard(name, verdict) {
  if (verdict === null) return name === 'pii' ? 'nothing found' : 'off';
  if (name === 'jailbreak') return `score ${fmt(verdict.score, 3)}: ${verdict.blocked ? 'blocked' : verdict.flagged ? 'flagged' : 'allowed'}`;
  if (name === 'pii') return `${verdict.action}: ${verdict.types.join(', ')}`;
  return JSON.stringify(verdict);
}

function Result({ plan }) {
  const guards = Object.entries(plan.guards || {});
  return e('div', { id: 'explain-result' },
    e('div', { class: 'panel' }, e('h2', null, 'Routing'),
      e('dl', { class: 'kv' },
        e('dt', null, 'Decision'), e('dd', { 'data-field': 'decision' }, plan.decision ?? 'none (default route)'),
        e('dt', null, 'Model'), e('dd', { 'data-field': 'model' }, plan.model),
        e('dt', null, 'Reasoning'), e('dd', null, plan.reasoning ?? '–'),
        e('dt', null, 'Category'), e('dd', null, plan.category ?? '–'),
        e('dt', null, 'Response path'), e('dd', null, plan.response_path),
        e('dt', null, 'Candidates'), e('dd', null, plan.candidates.map(c => c.model).join(' → ')),
        e('dt', null, 'Cache'), e('dd', null, plan.cache ? (plan.cache.would_hit ? `would hit (similarity ${fmt(plan.cache.similarity, 3)})` : 'would miss') : 'not cached'),
        e('dt', null, 'Planning time'), e('dd', null, fmt(plan.processing_time_ms, 2) + ' ms'))),
    e('div', { class: 'panel' }, e('h2', null, 'Signals'),
      plan.signals.length === 0 ? e('p', { class: 'muted' }, 'No signal matched.')
        : e('table', null, e('thead', null, e('tr', null, e('th', null, 'Type'), e('th', null, 'Name'), e('th', { class: 'num' }, 'Confidence'))),
          e('tbody', null, plan.signals.map(s => e('tr', null, e('td', null, s.type), e('td', null, s.name), e('td', { class: 'num' }, fmt(s.confidence, 3))))))),
    e('div', { class: 'panel' }, e('h2', null, 'Guards'),
      e('dl', { class: 'kv' }, guards.map(([name, verdict]) => [e('dt', null, name),
        e('dd', null, describeGuard(name, verdict))]))),
    e('div', { class: 'panel' }, e('h2', null, 'Tools'),
      !plan.tools ? e('p', { class: 'muted' }, 'No tool selection for this request.')
        : e('table', null, e('thead', null, e('tr', null, e('th', null, 'Tool'), e('th', { class: 'num' }, 'Score'), e('th', null, 'Kept'), e('th', null, 'Why'))),
          e('tbody', null, plan.tools.tools.map(t => e('tr', null, e('td', null, t.name), e('td', { class: 'num' }, fmt(t.score, 3)),
            e('td', null, t.kept ? 'yes' : 'no'), e('td', null, t.reason)))))));
}

export function Playground() {
  const [text, setText] = useState(EXAMPLE);
  const [plan, setPlan] = useState(null);
  const [error, setError] = useState(null);
  const run = async () => {
    try {
      setPlan(await api('api/explain', { method: 'POST', body: request(text), headers: { 'content-type': 'application/json' } }));
      setError(null);
    } catch (err) {
      setError(err.message);
      setPlan(null);
    }
  };
  return e(Page, { title: 'Playground', sub: 'Type a prompt, or paste a chat completion request (JSON). The dry run shows what the router would do; no model is called.' },
    e('div', { class: 'split' },
      e('div', { class: 'panel' },
        e('label', { for: 'prompt', class: 'muted' }, 'Prompt or chat request'),
        e('textarea', { id: 'prompt', rows: 12, value: text, onInput: ev => setText(ev.target.value),
          onKeyDown: ev => { if (ev.key === 'Enter' && (ev.ctrlKey || ev.metaKey)) run(); } }),
        e('div', { class: 'toolbar', style: 'margin-top: 10px' },
          e('button', { class: 'primary', id: 'explain', onClick: run }, 'Explain'),
          e('span', { class: 'muted' }, 'Ctrl+Enter')),
        error ? e('p', { class: 'notice bad', role: 'alert', id: 'explain-error' }, error) : null),
      plan ? e(Result, { plan }) : e('div', { class: 'panel empty' }, 'The routing plan appears here.')));
}
