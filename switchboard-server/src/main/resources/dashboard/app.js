// The dashboard shell: navigation (hash routes, so every page has a URL and the back button works), theme, and
// the live connection status.
import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { e } from './ui.js';
import { start, useLive } from './store.js';
import { Overview } from './overview.js';
import { Live } from './live.js';
import { Models } from './models.js';
import { Cache } from './cache.js';
import { Config } from './config.js';
import { Playground } from './playground.js';

const PAGES = [
  { id: 'overview', label: 'Overview', view: Overview },
  { id: 'live', label: 'Live requests', view: Live },
  { id: 'models', label: 'Models & decisions', view: Models },
  { id: 'cache', label: 'Cache', view: Cache },
  { id: 'config', label: 'Config', view: Config },
  { id: 'playground', label: 'Playground', view: Playground },
];

function currentPage() {
  const id = location.hash.replace(/^#\/?/, '');
  return PAGES.find(p => p.id === id) || PAGES[0];
}

function useTheme() {
  const [theme, setTheme] = useState(document.documentElement.dataset.theme);
  const toggle = () => {
    const next = theme === 'dark' ? 'light' : 'dark';
    document.documentElement.dataset.theme = next;
    localStorage.setItem('switchboard-theme', next);
    setTheme(next);
  };
  return [theme, toggle];
}

function App() {
  const [page, setPage] = useState(currentPage());
  const [theme, toggleTheme] = useTheme();
  const live = useLive();
  useEffect(() => {
    const onHash = () => setPage(currentPage());
    addEventListener('hashchange', onHash);
    return () => removeEventListener('hashchange', onHash);
  }, []);
  useEffect(() => { document.title = `${page.label} · Switchboard`; }, [page]);
  return e('div', { class: 'shell' },
    e('nav', { class: 'side', 'aria-label': 'Dashboard pages' },
      e('div', { class: 'brand' }, 'Switchboard', e('small', null, 'semantic router')),
      PAGES.map(p => e('a', { href: `#/${p.id}`, id: `nav-${p.id}`, 'aria-current': p.id === page.id ? 'page' : null }, p.label)),
      e('div', { class: 'grow' }),
      e('div', { class: 'status', id: 'live-status' }, e('span', { class: `dot ${live.connected ? 'live' : ''}` }), live.connected ? 'live' : 'connecting…'),
      e('button', { onClick: toggleTheme, id: 'theme-toggle', 'aria-label': `Switch to ${theme === 'dark' ? 'light' : 'dark'} theme` },
        theme === 'dark' ? 'Light theme' : 'Dark theme')),
    e('main', { id: 'main' }, e(page.view, { theme, key: page.id })));
}

render(e(App), document.getElementById('app'));
start().catch(err => console.error('Dashboard could not load its data:', err));
