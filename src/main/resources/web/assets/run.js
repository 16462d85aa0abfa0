// One run: a live row per host (phase, attempt, elapsed, last line, progress), and per host the timeline of
// steps, the fix-ups with what each changed, the diagnosis with evidence linked into the log, DevStack's timing
// table, the probe results and the links to the reports and logs. Live through the run's event stream.
import {api, enc, follow, me} from './api.js';
import {announce, badge, clear, fmtDuration, fmtTime, h, setTitle, tone} from './dom.js';
import {hostView, isFinal, runSummary} from './model.js';
import {progressOf} from './phases.js';

const POLL_MS = 5000;

export function mount(main, {id}) {
  setTitle(`Run ${id}`);
  const live = new Map();         // host -> live fields from the event stream
  const best = new Map();         // host -> {attempt, progress}: the bar never runs backwards within an attempt
  let run = null;
  let lastJson = '';
  let closeStream = null;
  let refetchTimer = null;
  let stopped = false;

  const header = h('div', {id: 'run-header'});
  const hostBody = h('tbody');
  const hostTable = h('table', {class: 'cards', id: 'hosts'},
    h('caption', {class: 'sr-only'}, 'Hosts of this run, live'),
    h('thead', {}, h('tr', {}, ['Host', 'Status', 'Step / phase', 'Progress', 'Attempt', 'Elapsed', 'Last line', 'Log']
      .map((t) => h('th', {scope: 'col', class: ['Attempt', 'Elapsed'].includes(t) ? 'num' : null}, t)))),
    hostBody);
  const details = h('div', {id: 'host-details'});
  const streamState = h('span', {class: 'muted', id: 'stream-state'});
  main.append(header, h('section', {class: 'panel', 'aria-labelledby': 'hosts-h'},
    h('h2', {id: 'hosts-h'}, 'Hosts ', streamState), hostTable), details);

  async function load() {
    try {
      const data = await api(`/api/v1/runs/${enc(id)}`);
      if (stopped) return;
      run = data;
      const json = JSON.stringify(data);
      drawHeader();
      drawHosts();
      if (json !== lastJson) { lastJson = json; drawDetails(); }
      if (isFinal(data.state) && closeStream) { closeStream(); closeStream = null; streamState.textContent = ''; }
      else if (!isFinal(data.state) && !closeStream) openStream();
    } catch (e) {
      if (!stopped) { clear(header); header.append(h('h1', {}, `Run ${id}`), h('p', {class: 'error'}, `Could not load the run: ${e.message}`)); }
    }
  }

  function scheduleLoad(delay = 700) {
    if (refetchTimer) return;
    refetchTimer = setTimeout(() => { refetchTimer = null; load(); }, delay);
  }

  function openStream() {
    closeStream = follow(`/api/v1/runs/${enc(id)}/events`, (type, data) => {
      const events = Array.isArray(data) ? data : [data];
      for (const event of events) {
        if (event && typeof event === 'object' && (event.host || event.name)) {
          const name = event.host || event.name;
          const fields = {...(live.get(name) || {}), ...pick(event, type), at: Date.now()};
          live.set(name, fields);
        }
      }
      drawHosts();
      if (!['progress', 'line', 'last_line', 'phase'].includes(type)) scheduleLoad();
    }, (state) => { streamState.textContent = state === 'open' ? '· live' : state === 'retrying' ? '· reconnecting…' : ''; });
  }

  function pick(event, type) {
    const out = {};
    const k = event.kind || event.type || type;
    if (event.phase) out.phase = event.phase;
    if (event.step) out.step = event.step;
    if (event.attempt !== undefined) out.attempt = event.attempt;
    if (event.elapsed_ms !== undefined) out.elapsed_ms = event.elapsed_ms;
    if (event.elapsed !== undefined && typeof event.elapsed === 'number') out.elapsed_ms = event.elapsed;
    const line = event.last_line ?? event.lastLine ?? event.line;
    if (typeof line === 'string') out.last_line = line;
    if (event.status && (k === 'host' || k === 'host_finished' || k === 'finished' || event.report)) out.status = event.status;
    else if (event.status && k !== 'step_finished' && k !== 'step') out.status = event.status;
    if ((k === 'step_started' || k === 'step') && event.step) out.status = 'running';
    return out;
  }

  function drawHeader() {
    const s = runSummary(run);
    setTitle(`Run ${s.id} · ${s.state}`);
    clear(header);
    const cancel = me.isOperator && !isFinal(s.state)
      ? h('button', {type: 'button', id: 'cancel', onclick: cancelRun}, 'Cancel run') : null;
    header.append(
      h('h1', {}, `Run ${s.id} `, badge(s.state), ' ', s.outcome ? badge(s.outcome) : ''),
      h('p', {class: 'muted'}, `Spec ${s.spec} · ${s.hosts.length} host${s.hosts.length === 1 ? '' : 's'} · submitted ${fmtTime(s.submitted)}`
        + (s.submittedBy ? ` by ${s.submittedBy}` : '') + ` · ${fmtDuration(s.duration)}`),
      s.message ? h('p', {}, s.message) : '',
      h('p', {class: 'links'},
        h('a', {href: `/api/v1/runs/${enc(id)}/report.json`, 'data-external': '', id: 'report-json'}, 'report.json'),
        h('a', {href: `/api/v1/runs/${enc(id)}/report.xml`, 'data-external': '', id: 'report-xml'}, 'JUnit XML'),
        cancel));
  }

  async function cancelRun(event) {
    event.target.disabled = true;
    try { await api(`/api/v1/runs/${enc(id)}/cancel`, {method: 'POST', body: {}}); announce('Cancel requested'); }
    catch (e) { announce(`Cancel failed: ${e.message}`); event.target.disabled = false; }
    load();
  }

  function hostsOf() {
    const list = Array.isArray(run?.hosts) ? run.hosts : [];
    const views = list.map((x) => hostView(typeof x === 'string' ? {name: x} : x));
    for (const name of live.keys()) if (!views.some((v) => v.name === name)) views.push(hostView({name}));
    return views;
  }

  function drawHosts() {
    if (!run) return;
    const finished = isFinal(run.state);
    for (const host of hostsOf()) {
      const l = live.get(host.name) || {};
      const reportDone = ['healthy', 'failed', 'unhealthy', 'cancelled', 'skipped'].includes(String(host.status).toLowerCase());
      const status = reportDone ? host.status : (l.status || host.status);
      const step = reportDone ? host.step : (l.step || host.step);
      const phase = l.phase || host.phase;
      const attempt = Math.max(l.attempt || 0, host.attempt || 0);
      const b = best.get(host.name) || {attempt, progress: 0};
      if (attempt !== b.attempt) { b.attempt = attempt; b.progress = 0; }
      b.progress = reportDone && tone(status) === 'ok' ? 100 : progressOf(step, phase, status, b.progress);
      best.set(host.name, b);
      let elapsed = l.elapsed_ms ?? host.elapsedMs;
      if (elapsed !== null && elapsed !== undefined && l.at && !finished && !reportDone) elapsed += Date.now() - l.at;
      if ((elapsed === null || elapsed === undefined) && host.steps.length) elapsed = host.steps.reduce((t, x) => t + (x.duration_ms || 0), 0);
      const lastLine = l.last_line || host.lastLine;
      let row = hostBody.querySelector(`tr[data-host="${CSS.escape(host.name)}"]`);
      if (!row) {
        row = h('tr', {dataset: {host: host.name}},
          h('td', {'data-label': 'Host'}, h('a', {href: `#host-${host.name}`, 'data-external': ''}, host.name), ' ', h('span', {class: 'muted'}, host.role)),
          h('td', {'data-label': 'Status', class: 'c-status'}),
          h('td', {'data-label': 'Step / phase', class: 'c-phase'}),
          h('td', {'data-label': 'Progress', class: 'c-progress'}, h('div', {class: 'progress', role: 'progressbar', 'aria-valuemin': 0, 'aria-valuemax': 100}, h('span'))),
          h('td', {'data-label': 'Attempt', class: 'num c-attempt'}),
          h('td', {'data-label': 'Elapsed', class: 'num c-elapsed'}),
          h('td', {'data-label': 'Last line'}, h('div', {class: 'lastline c-line'})),
          h('td', {'data-label': 'Log'}, h('a', {href: `/runs/${enc(id)}/hosts/${enc(host.name)}/log`}, 'log')));
        hostBody.append(row);
      }
      setText(row.querySelector('.c-status'), status, true);
      row.dataset.status = status;
      row.dataset.phase = phase || '';
      setText(row.querySelector('.c-phase'), [step, phase].filter(Boolean).join(' · ') || '–');
      const bar = row.querySelector('.progress');
      bar.className = `progress ${tone(status)}`;
      bar.setAttribute('aria-valuenow', String(b.progress));
      bar.setAttribute('aria-label', `${host.name} ${b.progress}%`);
      bar.firstChild.style.width = `${b.progress}%`;
      setText(row.querySelector('.c-attempt'), attempt || '–');
      setText(row.querySelector('.c-elapsed'), fmtDuration(elapsed));
      const lineCell = row.querySelector('.c-line');
      setText(lineCell, lastLine || '');
      lineCell.title = lastLine || '';
    }
  }

  function setText(cell, value, asBadge = false) {
    const key = String(value);
    if (cell.dataset.v === key) return;
    cell.dataset.v = key;
    clear(cell);
    cell.append(asBadge ? badge(key) : key);
  }

  function drawDetails() {
    clear(details);
    for (const host of hostsOf()) details.append(hostDetail(host));
  }

  function hostDetail(host) {
    const logBase = `/runs/${enc(id)}/hosts/${enc(host.name)}/log`;
    const section = h('section', {class: 'panel', id: `host-${host.name}`, 'aria-label': `Host ${host.name}`},
      h('h2', {}, `${host.name} `, h('span', {class: 'muted'}, host.role), ' ', badge(host.status)));
    if (host.message) section.append(h('p', {class: 'message'}, host.message));
    section.append(h('h3', {}, 'Timeline'), gantt(host));
    section.append(h('h3', {}, 'Fix-ups'), fixups(host));
    section.append(h('h3', {}, 'Diagnosis'), diagnosis(host, logBase));
    if (Object.keys(host.timing).length) section.append(h('h3', {}, 'DevStack timing'), timing(host.timing));
    if (host.probes.length) section.append(h('h3', {}, 'Probes'), probes(host.probes));
    const attempts = Math.max(host.attempts, ...host.steps.filter((s) => s.step === 'stack').map((s) => s.attempt || 0));
    const attemptLinks = [];
    for (let n = 1; n <= attempts; n++) attemptLinks.push(h('a', {href: `${logBase}?attempt=${n}`, class: 'attempt-log'}, `stack.sh attempt ${n}`));
    section.append(h('h3', {}, 'Logs'), h('p', {class: 'links'}, h('a', {href: logBase, class: 'host-log'}, 'Whole log'), attemptLinks,
      h('a', {href: `/api/v1/runs/${enc(id)}/hosts/${enc(host.name)}/log`, 'data-external': '', download: `${host.name}.log`}, 'download')));
    return section;
  }

  function gantt(host) {
    const steps = host.steps;
    if (!steps.length) return h('p', {class: 'muted'}, 'No steps yet.');
    let cursor = 0;
    const placed = steps.map((s) => {
      const start = s.started_at ? Date.parse(s.started_at) : null;
      const item = {s, start: start ?? cursor, dur: s.duration_ms || 0};
      cursor = (start ?? cursor) + item.dur;
      return item;
    });
    const t0 = Math.min(...placed.map((p) => p.start));
    const t1 = Math.max(...placed.map((p) => p.start + p.dur), t0 + 1);
    const grid = h('div', {class: 'gantt', role: 'list', 'aria-label': `Steps of ${host.name}`});
    for (const p of placed) {
      const label = `${p.s.step}${p.s.attempt > 1 || p.s.step === 'stack' ? ` #${p.s.attempt}` : ''}`;
      const bar = h('span', {class: `bar ${tone(p.s.status)}`, title: `${label}: ${p.s.status}, ${fmtDuration(p.dur)}${p.s.detail ? ` — ${p.s.detail}` : ''}`});
      bar.style.left = `${(100 * (p.start - t0)) / (t1 - t0)}%`;
      bar.style.width = `${Math.max(0.3, (100 * p.dur) / (t1 - t0))}%`;
      grid.append(h('span', {role: 'listitem', class: 'gantt-label'}, label, ' ', h('span', {class: 'muted'}, `${p.s.status} ${fmtDuration(p.dur)}`)),
        h('div', {class: 'track', 'aria-hidden': 'true'}, bar));
    }
    return grid;
  }

  function fixups(host) {
    const fromSteps = host.steps.filter((s) => String(s.step).startsWith('fixup:'));
    const names = new Set(fromSteps.map((s) => s.step.slice(6)));
    const list = h('ul', {class: 'fixups', id: `fixups-${host.name}`});
    for (const s of fromSteps) {
      list.append(h('li', {}, h('strong', {}, s.step.slice(6)), ' ', badge(s.status), ' — ', s.detail || 'no detail', h('span', {class: 'muted'}, ` (before attempt ${s.attempt + 1})`)));
    }
    for (const name of host.fixups) if (!names.has(name)) list.append(h('li', {}, h('strong', {}, name), ' applied'));
    return list.children.length ? list : h('p', {class: 'muted'}, 'None applied.');
  }

  function diagnosis(host, logBase) {
    const d = host.diagnosis;
    if (!d) return h('p', {class: 'muted'}, host.status === 'healthy' ? 'Clean run: nothing to diagnose.' : 'No diagnosis yet.');
    const ok = String(d.outcome).toLowerCase() === 'succeeded';
    const where = d.failed_step ? ` at ${d.failed_step.file}:${d.failed_step.function}:${d.failed_step.line}` : '';
    const box = h('div', {class: `diagnosis ${ok ? 'ok' : ''}`, id: `diagnosis-${host.name}`},
      h('p', {}, ok ? 'The last stack.sh run succeeded. ' : `stack.sh ${d.outcome}${where}${d.category ? ` (${d.category})` : ''}. `,
        d.summary || '', d.fixups?.length ? ` Fix-ups that apply: ${d.fixups.join(', ')}.` : ''));
    if (d.failed_step) {
      box.append(h('p', {}, h('a', {href: `${logBase}?step=${enc(`${d.failed_step.function}:${d.failed_step.line}`)}`, class: 'failed-step'}, 'Jump to the failed step in the log')));
    }
    const evidence = Array.isArray(d.evidence) ? d.evidence : [];
    if (evidence.length) {
      box.append(h('ul', {class: 'evidence', 'aria-label': 'Evidence lines'}, evidence.map((e) =>
        h('li', {}, h('a', {href: `${logBase}?line=${e.line}`, class: 'evidence-line'}, `line ${e.line}`), ': ', e.text))));
    }
    return box;
  }

  function timing(table) {
    const entries = Object.entries(table).map(([k, v]) => [k, Number(v) || 0]).sort((a, b) => b[1] - a[1]);
    const max = Math.max(1, ...entries.map((e) => e[1]));
    const chart = h('div', {class: 'bars', role: 'list', 'aria-label': 'DevStack timing, seconds'});
    for (const [name, secs] of entries) {
      const fill = h('div', {class: 'fill'});
      fill.style.width = `${(100 * secs) / max}%`;
      chart.append(h('span', {role: 'listitem'}, name), h('div', {class: 'track', 'aria-hidden': 'true'}, fill), h('span', {class: 'num'}, `${secs}s`));
    }
    return chart;
  }

  function probes(list) {
    return h('table', {class: 'cards probes'},
      h('thead', {}, h('tr', {}, ['Target', 'Outcome', 'Time', 'Detail'].map((t) => h('th', {scope: 'col', class: t === 'Time' ? 'num' : null}, t)))),
      h('tbody', {}, list.map((p) => h('tr', {},
        h('td', {'data-label': 'Target', class: 'mono'}, p.target),
        h('td', {'data-label': 'Outcome'}, badge(p.outcome)),
        h('td', {'data-label': 'Time', class: 'num'}, `${p.elapsed_ms ?? '–'} ms`),
        h('td', {'data-label': 'Detail'}, p.detail || '')))));
  }

  load();
  const poll = setInterval(() => {
    if (stopped) return;
    if (!run || !isFinal(run.state)) load();
    drawHosts();
  }, POLL_MS);
  const tick = setInterval(() => { if (run && !isFinal(run.state)) drawHosts(); }, 1000);
  return () => { stopped = true; clearInterval(poll); clearInterval(tick); clearTimeout(refetchTimer); closeStream?.(); };
}
