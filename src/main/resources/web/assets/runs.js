// Runs: newest first, with filters; refreshed every few seconds while the page is visible.
import {api} from './api.js';
import {badge, clear, fmtDuration, fmtTime, h, setTitle} from './dom.js';
import {isFinal, runSummary} from './model.js';

const REFRESH_MS = 3000;

export function mount(main, params, query) {
  setTitle('Runs');
  const filters = {state: query.get('state') || '', outcome: query.get('outcome') || '', host: query.get('host') || ''};
  const state = h('select', {id: 'f-state', name: 'state'},
    ['', 'queued', 'running', 'finished', 'cancelled'].map((v) => h('option', {value: v, selected: v === filters.state}, v || 'any')));
  const outcome = h('select', {id: 'f-outcome', name: 'outcome'},
    ['', 'healthy', 'failed'].map((v) => h('option', {value: v, selected: v === filters.outcome}, v || 'any')));
  const host = h('input', {id: 'f-host', name: 'host', type: 'search', value: filters.host, placeholder: 'host name'});
  const status = h('p', {class: 'muted', id: 'runs-status', 'aria-live': 'polite'});
  const body = h('tbody');
  const more = h('button', {type: 'button', hidden: true}, 'Older runs');
  let pageSize = 50;
  const details = new Map();   // id -> the full run, for ended runs (they no longer change)
  const wanted = new Set();
  let timer = null;
  let inflight = null;

  const table = h('table', {class: 'cards', id: 'runs'},
    h('caption', {class: 'sr-only'}, 'Runs, newest first'),
    h('thead', {}, h('tr', {},
      ['Run', 'State', 'Spec', 'Hosts', 'Outcome', 'Attempts', 'Duration', 'Submitted'].map((t) =>
        h('th', {scope: 'col', class: ['Attempts', 'Duration'].includes(t) ? 'num' : null}, t)))),
    body);

  main.append(
    h('h1', {}, 'Runs'),
    h('form', {class: 'toolbar', role: 'search', onsubmit: (e) => { e.preventDefault(); apply(); }},
      h('div', {class: 'field'}, h('label', {for: 'f-state'}, 'State'), state),
      h('div', {class: 'field'}, h('label', {for: 'f-outcome'}, 'Outcome'), outcome),
      h('div', {class: 'field grow'}, h('label', {for: 'f-host'}, 'Host'), host),
      h('button', {type: 'submit'}, 'Filter')),
    h('div', {class: 'panel'}, table, status, more));

  state.addEventListener('change', apply);
  outcome.addEventListener('change', apply);
  more.addEventListener('click', () => { pageSize = Math.min(200, pageSize + 50); load(); });

  function apply() {
    filters.state = state.value; filters.outcome = outcome.value; filters.host = host.value.trim();
    const q = new URLSearchParams(Object.entries(filters).filter(([, v]) => v));
    history.replaceState(null, '', q.toString() ? `/?${q}` : '/');
    pageSize = 50;
    load();
  }

  async function load() {
    inflight?.abort();
    inflight = new AbortController();
    const q = new URLSearchParams(Object.entries(filters).filter(([, v]) => v));
    q.set('page_size', String(pageSize));
    try {
      const data = await api(`/api/v1/runs?${q}`, {signal: inflight.signal});
      const runs = data.results || [];
      draw(runs.map((r) => runSummary(r, details.get(r.id))));
      more.hidden = !data.next || pageSize >= 200;
      status.textContent = runs.length ? `${data.count} run${data.count === 1 ? '' : 's'}` : 'No runs match.';
      fillIn(runs.filter((r) => isFinal(r.state) && !details.has(r.id)).map((r) => r.id));
    } catch (e) {
      if (e.name !== 'AbortError') status.textContent = `Could not load runs: ${e.message}`;
    }
  }

  /** Ended runs' hosts and attempts come from their reports: fetched once each, a few at a time. */
  async function fillIn(ids) {
    const todo = ids.filter((id) => !wanted.has(id));
    todo.forEach((id) => wanted.add(id));
    for (let i = 0; i < todo.length; i += 4) {
      const batch = await Promise.all(todo.slice(i, i + 4).map((id) => api(`/api/v1/runs/${encodeURIComponent(id)}`).catch(() => null)));
      batch.forEach((full, k) => { if (full) details.set(todo[i + k], full); });
      if (inflight?.signal.aborted) return;
    }
    if (todo.length) load();
  }

  let drawn = '';

  function draw(list) {
    const key = JSON.stringify(list.map((r) => ({...r, duration: Math.round((r.duration || 0) / 1000)})));
    if (key === drawn) return;
    drawn = key;
    clear(body);
    for (const run of list) {
      body.append(h('tr', {dataset: {run: run.id, state: run.state}},
        h('td', {'data-label': 'Run'}, h('a', {href: `/runs/${encodeURIComponent(run.id)}`}, run.id)),
        h('td', {'data-label': 'State'}, badge(run.state)),
        h('td', {'data-label': 'Spec'}, run.spec),
        h('td', {'data-label': 'Hosts'}, run.hosts.join(', ') || '–'),
        h('td', {'data-label': 'Outcome'}, run.outcome ? badge(run.outcome) : '–'),
        h('td', {'data-label': 'Attempts', class: 'num'}, run.attempts ?? '–', run.executions > 1 ? h('span', {class: 'muted', title: 'picked up again after its instance died'}, ` (resumed)`) : ''),
        h('td', {'data-label': 'Duration', class: 'num'}, fmtDuration(run.duration)),
        h('td', {'data-label': 'Submitted'}, fmtTime(run.submitted), run.submittedBy ? h('span', {class: 'muted'}, ` by ${run.submittedBy}`) : '')));
    }
  }

  const tick = () => { if (document.visibilityState === 'visible') load(); };
  load();
  timer = setInterval(tick, REFRESH_MS);
  return () => { clearInterval(timer); inflight?.abort(); };
}
