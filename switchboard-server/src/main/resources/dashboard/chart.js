// A uPlot time series chart that sizes itself to its panel and follows the theme's colours.
import { useEffect, useRef } from 'preact/hooks';
import uPlot from 'uplot';
import { e } from './ui.js';

function css(name) {
  return getComputedStyle(document.documentElement).getPropertyValue(name).trim();
}

/**
 * series: [{ label, key, color: '--c1', scale?: 'y' }]; unit: the y axis label; points: [{t, ...}].
 * floor: the smallest top of the y axis. The chart is rebuilt when the theme changes (colours are read once per build).
 */
export function Chart({ title, unit, series, points, theme, format = v => v, id, floor = 1 }) {
  const box = useRef(null);
  const plot = useRef(null);

  useEffect(() => {
    const width = Math.max(box.current.clientWidth, 200);
    const axis = { stroke: css('--muted'), grid: { stroke: css('--grid') }, ticks: { stroke: css('--grid') } };
    const options = {
      width, height: 200,
      legend: { live: true },
      cursor: { drag: { x: false, y: false } },
      // from zero, and never a range narrower than `floor`: a flat line at 0 stays at the bottom, not mid-chart
      scales: { x: { time: true }, y: { range: (u, min, max) => [0, Math.max((max ?? 0) * 1.1, floor)] } },
      axes: [axis, { ...axis, label: unit, size: 60, values: (u, ticks) => ticks.map(format) }],
      series: [{}].concat(series.map(s => ({
        label: s.label, stroke: css(s.color), width: 1.5, spanGaps: false,
        fill: s.fill ? css(s.color) + '22' : undefined,
        value: (u, v) => v === null || v === undefined ? '–' : format(v) + ' ' + unit,
      }))),
    };
    plot.current = new uPlot(options, columns(points, series), box.current);
    const resize = new ResizeObserver(() => plot.current.setSize({ width: box.current.clientWidth, height: 200 }));
    resize.observe(box.current);
    return () => { resize.disconnect(); plot.current.destroy(); };
  }, [theme]);

  useEffect(() => { plot.current && plot.current.setData(columns(points, series)); }, [points]);

  return e('div', { class: 'panel', 'data-chart': id },
    e('h2', null, title, e('span', { class: 'muted' }, ` (${unit})`)),
    e('div', { class: 'chart', ref: box, role: 'img', 'aria-label': `${title} chart, ${unit}` }));
}

function columns(points, series) {
  return [points.map(p => p.t)].concat(series.map(s => points.map(p => p[s.key] ?? null)));
}
