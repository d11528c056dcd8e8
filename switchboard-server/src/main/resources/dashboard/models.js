// Models and decisions: totals since the router started, per model and per decision.
import { e, fmt, money, pct, Page } from './ui.js';
import { useLive } from './store.js';

// Cache hits and guard blocks never reach a model: they are counted per decision only.
function Table({ rows, field, label, id, routerAnswers }) {
  const total = rows.reduce((t, r) => t + r.requests, 0);
  if (rows.length === 0) return e('p', { class: 'empty' }, `No ${label.toLowerCase()} traffic yet.`);
  const only = cell => routerAnswers ? cell : null;
  return e('table', { id },
    e('thead', null, e('tr', null, [label, 'Share', 'Requests', 'Errors', 'Fallbacks'].concat(routerAnswers ? ['Cache hits', 'Blocked'] : [],
      ['Mean latency ms', 'Tokens', 'Est. cost', 'Saved']).map((n, i) => e('th', { class: i > 1 ? 'num' : '', scope: 'col' }, n)))),
    e('tbody', null, rows.map(r => e('tr', { 'data-name': r[field] },
      e('td', null, r[field]),
      e('td', { style: 'width: 18%' }, e('div', { class: 'bar', style: `width: ${total ? (100 * r.requests / total) : 0}%`,
        title: pct(total ? r.requests / total : null) })),
      e('td', { class: 'num' }, fmt(r.requests, 0)),
      e('td', { class: 'num' }, fmt(r.errors, 0)),
      e('td', { class: 'num' }, fmt(r.fallbacks, 0)),
      only(e('td', { class: 'num' }, fmt(r.cache_hits, 0))),
      only(e('td', { class: 'num' }, fmt(r.blocks, 0))),
      e('td', { class: 'num' }, fmt(r.mean_latency_ms, 1)),
      e('td', { class: 'num' }, fmt(r.tokens, 0)),
      e('td', { class: 'num' }, money(r.cost)),
      e('td', { class: 'num' }, money(r.cost_saved))))));
}

export function Models() {
  const live = useLive();
  return e(Page, { title: 'Models and decisions', sub: 'Totals since the router started. A fallback is a failed attempt on that model after which the next candidate was tried; "saved" compares with the decision\'s most expensive model.' },
    e('div', { class: 'panel' }, e('h2', null, 'Per model (the model that answered)'),
      e(Table, { rows: live.models, field: 'model', label: 'Model', id: 'models-table' })),
    e('div', { class: 'panel' }, e('h2', null, 'Per decision'),
      e(Table, { rows: live.decisions, field: 'decision', label: 'Decision', id: 'decisions-table', routerAnswers: true })));
}
