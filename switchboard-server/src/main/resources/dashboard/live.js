// Live requests: a sample of finished requests (at most 20 a second, chosen by the server), newest first.
import { useState } from 'preact/hooks';
import { e, fmt, time, Page } from './ui.js';
import { useLive } from './store.js';

const PATH_TAG = { upstream: 'ok', cache: 'ok', fast_response: 'ok', blocked: 'warn', error: 'bad' };

function guards(row) {
  if (!row.guards || row.guards.length === 0) return e('span', { class: 'muted' }, '–');
  return row.guards.map(g => e('span', { class: `tag ${g.action === 'block' ? 'bad' : g.action === 'rewrite' ? 'warn' : ''}`,
    title: g.reason }, `${g.guard}: ${g.action}`));
}

function Row({ row, showPrompt }) {
  return e('tr', { 'data-request': row.id },
    e('td', null, time(row.t)),
    e('td', null, row.tenant ?? e('span', { class: 'muted' }, '–')),
    e('td', { 'data-col': 'decision' }, row.decision ?? e('span', { class: 'muted' }, 'default')),
    e('td', null, row.category ? `${row.category} ${fmt(row.confidence * 100, 0)} %` : e('span', { class: 'muted' }, '–')),
    e('td', { 'data-col': 'model' }, row.model ?? '–', row.fallback ? e('span', { class: 'tag warn', title: 'answered after a fallback' }, ' fallback') : null),
    e('td', null, row.reasoning && row.reasoning !== 'unset' ? row.reasoning : e('span', { class: 'muted', title: 'reasoning left as the client sent it' }, '–')),
    e('td', null, row.cache ?? '–'),
    e('td', null, row.tools ?? '–'),
    e('td', null, guards(row)),
    e('td', { class: 'num' }, fmt(row.routing_ms, 2)),
    e('td', { class: 'num' }, fmt(row.latency_ms, 1)),
    e('td', null, e('span', { class: `tag ${PATH_TAG[row.path] || ''}`, title: row.error || '' }, row.error ? `error: ${row.error}` : row.path)),
    showPrompt ? e('td', { class: 'wrap' }, row.prompt ?? '') : null);
}

export function Live() {
  const live = useLive();
  const [paused, setPaused] = useState(null);
  const rows = paused ?? live.rows;
  const showPrompt = rows.some(r => 'prompt' in r);
  return e(Page, { title: 'Live requests', sub: 'A sample of finished requests (at most 20 a second), newest first. '
      + (showPrompt ? 'Prompt text is cut and masked (admin.dashboard.show_prompts).' : 'No request text is shown (admin.dashboard.show_prompts is off).') },
    e('div', { class: 'toolbar' },
      e('button', { onClick: () => setPaused(paused ? null : live.rows), 'aria-pressed': !!paused }, paused ? 'Resume' : 'Pause'),
      e('span', { class: 'muted' }, `${rows.length} rows · ${live.inFlight} in flight`)),
    e('div', { class: 'panel scroll' },
      rows.length === 0 ? e('p', { class: 'empty' }, 'No requests yet. Send one to the router and it appears here.')
        : e('table', { id: 'live-table' },
          e('thead', null, e('tr', null, ['Time', 'Tenant', 'Decision', 'Category', 'Model', 'Reasoning', 'Cache', 'Tools',
            'Guards', 'Routing ms', 'Total ms', 'Path'].concat(showPrompt ? ['Prompt (masked)'] : [])
            .map(name => e('th', { class: name.endsWith('ms') ? 'num' : '', scope: 'col' }, name)))),
          e('tbody', null, rows.map(row => e(Row, { key: row.id, row, showPrompt }))))));
}
