// Overview: headline numbers and charts over the last minutes (per second, live) or hours (per minute).
import { useEffect, useState } from 'preact/hooks';
import { e, fmt, money, pct, Card, Page } from './ui.js';
import { Chart } from './chart.js';
import { useLive, minutes } from './store.js';

const RANGES = [
  { id: '10m', label: '10 min', minutes: 0 },
  { id: '1h', label: '1 hour', minutes: 60 },
  { id: '24h', label: '24 hours', minutes: 1440 },
];

function sum(points, key) {
  return points.reduce((total, p) => total + (p[key] || 0), 0);
}

function latest(points, key) {
  for (let i = points.length - 1; i >= 0; i--) if (points[i][key] !== null) return points[i][key];
  return null;
}

function useRange(range) {
  const live = useLive();
  const [perMinute, setPerMinute] = useState([]);
  useEffect(() => {
    if (!range.minutes) return undefined;
    let alive = true;
    const load = () => minutes(range.minutes).then(points => alive && setPerMinute(points));
    load();
    const timer = setInterval(load, 15000);
    return () => { alive = false; clearInterval(timer); };
  }, [range.id]);
  return { live, points: range.minutes ? perMinute : live.seconds };
}

function Headline({ live, points, rangeLabel }) {
  const recent = live.seconds.slice(-10);
  const lookups = points.filter(p => p.cache_hit_rate !== null);
  const hitRate = lookups.length ? lookups.reduce((t, p) => t + p.cache_hit_rate, 0) / lookups.length : null;
  return e('div', { class: 'cards' },
    e(Card, { id: 'rps', label: 'Requests / s (last 10 s)', value: fmt(sum(recent, 'rps') / 10, 2) }),
    e(Card, { id: 'routing-p99', label: 'Routing p99 (latest)', value: fmt(latest(recent, 'routing_p99'), 2), unit: 'ms' }),
    e(Card, { id: 'upstream-p50', label: 'Upstream p50 (latest)', value: fmt(latest(recent, 'upstream_p50')), unit: 'ms' }),
    e(Card, { id: 'requests', label: `Requests (${rangeLabel})`, value: fmt(sum(points, 'requests'), 0) }),
    e(Card, { id: 'errors', label: `Errors (${rangeLabel})`, value: fmt(sum(points, 'errors'), 0) }),
    e(Card, { id: 'cache-hit-rate', label: `Cache hit rate (${rangeLabel})`, value: pct(hitRate) }),
    e(Card, { id: 'guard-blocks', label: `Guard blocks (${rangeLabel})`, value: fmt(sum(points, 'guard_blocks'), 0) }),
    e(Card, { id: 'tokens', label: `Tokens (${rangeLabel})`, value: fmt(sum(points, 'tokens'), 0) }),
    e(Card, { id: 'cost', label: `Est. cost (${rangeLabel})`, value: money(sum(points, 'cost')) }),
    e(Card, { id: 'cost-saved', label: `Saved vs dearest model (${rangeLabel})`, value: money(sum(points, 'cost_saved')) }));
}

export function Overview({ theme }) {
  const [range, setRange] = useState(RANGES[0]);
  const { live, points } = useRange(range);
  const slot = range.minutes ? 'per minute' : 'per second';
  const rate = range.minutes ? 'req/s (avg)' : 'req/s';
  return e(Page, { title: 'Overview', sub: `Live traffic through the router, ${slot}. Costs at the configured model prices.` },
    e('div', { class: 'toolbar', role: 'group', 'aria-label': 'Time range' },
      RANGES.map(r => e('button', { 'aria-pressed': r.id === range.id, onClick: () => setRange(r), 'data-range': r.id }, r.label))),
    e(Headline, { live, points, rangeLabel: range.label }),
    e('div', { class: 'charts' },
      e(Chart, { id: 'traffic', title: 'Requests', unit: rate, theme, points, format: v => fmt(v, 1),
        series: [{ label: 'requests', key: 'rps', color: '--c1', fill: true }] }),
      e(Chart, { id: 'errors', title: 'Error rate', unit: '%', theme, points, floor: 0.05, format: v => fmt(v * 100, 1),
        series: [{ label: 'errors', key: 'error_rate', color: '--c2' }] }),
      e(Chart, { id: 'routing', title: 'Routing latency', unit: 'ms', theme, points, floor: 0.1, format: v => fmt(v, 2),
        series: [{ label: 'p50', key: 'routing_p50', color: '--c1' }, { label: 'p99', key: 'routing_p99', color: '--c2' }] }),
      e(Chart, { id: 'upstream', title: 'Upstream latency and time to first token', unit: 'ms', theme, points,
        series: [{ label: 'upstream p50', key: 'upstream_p50', color: '--c1' }, { label: 'upstream p99', key: 'upstream_p99', color: '--c2' },
          { label: 'TTFT p50', key: 'ttft_p50', color: '--c3' }, { label: 'TTFT p99', key: 'ttft_p99', color: '--c4' }], format: v => fmt(v, 0) }),
      e(Chart, { id: 'tokens', title: 'Tokens', unit: `tokens ${slot}`, theme, points, format: v => fmt(v, 0),
        series: [{ label: 'tokens', key: 'tokens', color: '--c3', fill: true }] }),
      e(Chart, { id: 'cost', title: 'Estimated cost and saving', unit: `$ ${slot}`, theme, points, floor: 0.0001, format: v => fmt(v, 4),
        series: [{ label: 'cost', key: 'cost', color: '--c4' }, { label: 'saved vs dearest', key: 'cost_saved', color: '--c3' }] }),
      e(Chart, { id: 'cache', title: 'Cache hit rate', unit: '%', theme, points, format: v => fmt(v * 100, 0),
        series: [{ label: 'hit rate', key: 'cache_hit_rate', color: '--c3' }] }),
      e(Chart, { id: 'guards', title: 'Guard blocks', unit: `blocks ${slot}`, theme, points, format: v => fmt(v, 0),
        series: [{ label: 'blocked', key: 'guard_blocks', color: '--c2' }] })));
}
