// The live data: history once from /api/history, then one SSE `tick` a second from /api/stream. Pages subscribe
// with useLive(); the server does all aggregation, the page only appends points and rows.
import { useEffect, useState } from 'preact/hooks';
import { api } from './ui.js';

const MAX_SECONDS = 600;
const MAX_ROWS = 200;

const state = { seconds: [], rows: [], models: [], decisions: [], connected: false, inFlight: 0 };
const subscribers = new Set();

function publish() {
  subscribers.forEach(fn => fn({ ...state }));
}

function appendSeconds(points) {
  const last = state.seconds.length ? state.seconds[state.seconds.length - 1].t : -1;
  const fresh = points.filter(p => p.t > last);
  state.seconds = state.seconds.concat(fresh).slice(-MAX_SECONDS);
}

function applyTick(tick) {
  appendSeconds(tick.seconds);
  state.rows = tick.rows.slice().reverse().concat(state.rows).slice(0, MAX_ROWS);
  state.models = tick.models;
  state.decisions = tick.decisions;
  state.inFlight = tick.in_flight;
  publish();
}

export async function start() {
  const history = await api('api/history?minutes=60');
  state.seconds = history.seconds;
  state.rows = history.rows.slice().reverse();
  state.models = history.models;
  state.decisions = history.decisions;
  publish();
  const source = new EventSource('api/stream');
  source.addEventListener('tick', event => applyTick(JSON.parse(event.data)));
  source.onopen = () => { state.connected = true; publish(); };
  source.onerror = () => { state.connected = false; publish(); }; // EventSource reconnects by itself
}

/** The live state, re-rendering the caller on every tick. */
export function useLive() {
  const [live, setLive] = useState({ ...state });
  useEffect(() => {
    subscribers.add(setLive);
    return () => subscribers.delete(setLive);
  }, []);
  return live;
}

/** Minute points for the longer ranges, fetched on demand (and refreshed by the caller). */
export async function minutes(count) {
  return (await api(`api/history?minutes=${count}`)).minutes;
}
