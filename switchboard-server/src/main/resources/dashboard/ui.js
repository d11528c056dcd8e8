// Small shared pieces: the element helper, number formats, fetch helpers.
import { h } from 'preact';

/** h() with children as rest arguments: e('div', {class: 'x'}, child, ...). */
export const e = h;

export function fmt(value, digits = 1) {
  if (value === null || value === undefined || Number.isNaN(value)) return '–';
  if (Math.abs(value) >= 1e6) return (value / 1e6).toFixed(1) + 'M';
  if (Math.abs(value) >= 1e4) return (value / 1e3).toFixed(1) + 'k';
  return Number(value).toFixed(digits).replace(/\.0+$/, '');
}

export function money(value) {
  if (value === null || value === undefined) return '–';
  return value < 0.01 && value > 0 ? '$' + value.toFixed(5) : '$' + value.toFixed(2);
}

export function pct(value) {
  return value === null || value === undefined ? '–' : (value * 100).toFixed(1) + ' %';
}

export function time(ms) {
  return new Date(ms).toLocaleTimeString([], { hour12: false });
}

/** fetch that throws with the server's OpenAI-style message on a non-2xx answer. */
export async function api(path, options = {}) {
  const response = await fetch(path, { credentials: 'same-origin', ...options });
  const text = await response.text();
  const body = text ? JSON.parse(text) : null;
  if (!response.ok) {
    throw new Error(body?.error?.message || `${response.status} ${response.statusText}`);
  }
  return body;
}

export function Card({ label, value, unit, id }) {
  return e('div', { class: 'card', 'data-metric': id },
    e('div', { class: 'label' }, label),
    e('div', { class: 'value' }, value, unit ? e('span', { class: 'unit' }, unit) : null));
}

export function Page({ title, sub, children }) {
  return e('section', { 'aria-labelledby': 'page-title' },
    e('h1', { id: 'page-title' }, title),
    sub ? e('p', { class: 'sub' }, sub) : null,
    children);
}
