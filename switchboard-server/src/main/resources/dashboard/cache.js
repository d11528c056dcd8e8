// Cache: the store's partitions and counters from /admin/cache; clearing a partition asks for confirmation.
import { useEffect, useRef, useState } from 'preact/hooks';
import { e, fmt, pct, api, Card, Page } from './ui.js';
import { useLive } from './store.js';

function hitRate(points) {
  const looked = points.filter(p => p.cache_hit_rate !== null);
  return looked.length ? looked.reduce((t, p) => t + p.cache_hit_rate, 0) / looked.length : null;
}

function Confirm({ partition, onConfirm, onCancel }) {
  const dialog = useRef(null);
  useEffect(() => { partition ? dialog.current.showModal() : dialog.current.close(); }, [partition]);
  return e('dialog', { ref: dialog, id: 'confirm-clear', onCancel, 'aria-labelledby': 'confirm-title' },
    e('h2', { id: 'confirm-title' }, 'Clear cache partition?'),
    e('p', null, 'Every cached answer in ', e('code', null, partition || ''), ' is removed. Requests then go to the model until the cache fills again.'),
    e('div', { class: 'toolbar' },
      e('span', { class: 'grow' }),
      e('button', { onClick: onCancel, autofocus: true }, 'Cancel'),
      e('button', { class: 'danger primary', id: 'confirm-clear-yes', onClick: onConfirm }, 'Clear')));
}

export function Cache() {
  const live = useLive();
  const [cache, setCache] = useState(null);
  const [error, setError] = useState(null);
  const [pending, setPending] = useState(null);
  const [notice, setNotice] = useState(null);
  const load = () => api('/admin/cache').then(c => { setCache(c); setError(null); }, err => setError(err.message));
  useEffect(() => { load(); const t = setInterval(load, 5000); return () => clearInterval(t); }, []);

  const clear = async () => {
    const partition = pending;
    setPending(null);
    try {
      const result = await api('/admin/cache?partition=' + encodeURIComponent(partition), { method: 'DELETE' });
      setNotice(`Cleared ${partition}: ${result.removed} entries removed.`);
    } catch (err) {
      setNotice(`Could not clear ${partition}: ${err.message}`);
    }
    load();
  };

  if (error) return e(Page, { title: 'Cache' }, e('p', { class: 'notice bad' }, error));
  if (!cache) return e(Page, { title: 'Cache' }, e('p', { class: 'empty' }, 'Loading…'));
  return e(Page, { title: 'Cache', sub: 'The response cache store. Partitions are decision / model / context fingerprint; their names carry no request text.' },
    e('div', { class: 'cards' },
      e(Card, { id: 'cache-entries', label: 'Entries', value: fmt(cache.entries, 0) }),
      e(Card, { id: 'cache-partitions', label: 'Partitions', value: fmt(cache.partitions.length, 0) }),
      e(Card, { id: 'cache-hits', label: 'Hit rate (last 10 min)', value: pct(hitRate(live.seconds)) }),
      e(Card, { id: 'cache-evictions', label: 'Evictions', value: fmt(cache.evictions, 0) }),
      e(Card, { id: 'cache-expirations', label: 'Expirations', value: fmt(cache.expirations, 0) }),
      e(Card, { id: 'cache-health', label: 'Store', value: cache.healthy ? 'healthy' : 'unavailable' })),
    notice ? e('p', { class: 'notice ok', role: 'status' }, notice) : null,
    e('div', { class: 'panel' },
      cache.partitions.length === 0 ? e('p', { class: 'empty' }, 'The cache is empty.')
        : e('table', { id: 'cache-table' },
          e('thead', null, e('tr', null, e('th', { scope: 'col' }, 'Partition'), e('th', { class: 'num', scope: 'col' }, 'Entries'), e('th', { scope: 'col' }, ''))),
          e('tbody', null, cache.partitions.map(p => e('tr', { 'data-partition': p.partition },
            e('td', null, e('code', null, p.partition)),
            e('td', { class: 'num' }, fmt(p.entries, 0)),
            e('td', { class: 'num' }, e('button', { class: 'danger', onClick: () => setPending(p.partition),
              'aria-label': `Clear partition ${p.partition}` }, 'Clear…'))))))),
    e(Confirm, { partition: pending, onConfirm: clear, onCancel: () => setPending(null) }));
}
