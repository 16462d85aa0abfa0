// Runs: newest first, with filters; refreshed every few seconds while the page is visible.
import {api} from './api.js';
import {badge, clear, fmtDuration, fmtTime, h, setTitle} from './dom.js';
import {runSummary} from './model.js';

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
  let limit = 50;
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
  more.addEventListener('click', () => { limit += 50; load(); });

  function apply() {
    filters.state = state.value; filters.outcome = outcome.value; filters.host = host.value.trim();
    const q = new URLSearchParams(Object.entries(filters).filter(([, v]) => v));
    history.replaceState(null, '', q.toString() ? `/?${q}` : '/');
    limit = 50;
    load();
  }

  async function load() {
    inflight?.abort();
    inflight = new AbortController();
    const q = new URLSearchParams(Object.entries(filters).filter(([, v]) => v));
    q.set('limit', String(limit));
    try {
      const data = await api(`/api/v1/runs?${q}`, {signal: inflight.signal});
      const list = (Array.isArray(data) ? data : data.runs || data.items || []).map(runSummary);
      list.sort((a, b) => String(b.submitted || '').localeCompare(String(a.submitted || '')));
      draw(list);
      more.hidden = !(data.next || data.next_page || data.has_more || (data.total && data.total > list.length));
      status.textContent = list.length ? '' : 'No runs match.';
    } catch (e) {
      if (e.name !== 'AbortError') status.textContent = `Could not load runs: ${e.message}`;
    }
  }

  function draw(list) {
    clear(body);
    for (const run of list) {
      body.append(h('tr', {dataset: {run: run.id, state: run.state}},
        h('td', {'data-label': 'Run'}, h('a', {href: `/runs/${encodeURIComponent(run.id)}`}, run.id)),
        h('td', {'data-label': 'State'}, badge(run.state)),
        h('td', {'data-label': 'Spec'}, run.spec),
        h('td', {'data-label': 'Hosts'}, run.hosts.join(', ') || '–'),
        h('td', {'data-label': 'Outcome'}, run.outcome ? badge(run.outcome) : '–'),
        h('td', {'data-label': 'Attempts', class: 'num'}, run.attempts ?? '–'),
        h('td', {'data-label': 'Duration', class: 'num'}, fmtDuration(run.duration)),
        h('td', {'data-label': 'Submitted'}, fmtTime(run.submitted), run.submittedBy ? h('span', {class: 'muted'}, ` by ${run.submittedBy}`) : '')));
    }
  }

  const tick = () => { if (document.visibilityState === 'visible') load(); };
  load();
  timer = setInterval(tick, REFRESH_MS);
  return () => { clearInterval(timer); inflight?.abort(); };
}
