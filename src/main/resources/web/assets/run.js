// One run: a live row per host (step and DevStack phase, attempt, elapsed, last log line, progress bar), and
// per host the timeline of steps, the fix-ups with what each changed, the diagnosis with its evidence linked
// into the log, DevStack's timing table, the probe results and links to the reports and the log.
// Live from the run's event stream (replayed from its first event on every visit); the report, once the run
// has ended, is the final word.
import {api, enc, follow, me} from './api.js';
import {announce, badge, clear, fmtDuration, fmtTime, h, setTitle, tone} from './dom.js';
import {isFinal, runSummary} from './model.js';
import {progressOf} from './phases.js';

export function mount(main, {id}) {
  setTitle(`Run ${id}`);
  const live = new Map();     // host -> what the events said
  let run = null;
  let closeStream = null;
  let drawTimer = null;
  let detailsKey = '';
  let stopped = false;
  let firstDraw = true;

  const header = h('div', {id: 'run-header'});
  const hostBody = h('tbody');
  const hostTable = h('table', {class: 'cards', id: 'hosts'},
    h('caption', {class: 'sr-only'}, 'Hosts of this run, live'),
    h('thead', {}, h('tr', {}, ['Host', 'Status', 'Step · phase', 'Progress', 'Attempt', 'Elapsed', 'Last line', 'Log']
      .map((t) => h('th', {scope: 'col', class: ['Attempt', 'Elapsed'].includes(t) ? 'num' : null}, t)))),
    hostBody);
  const empty = h('p', {class: 'muted', id: 'hosts-empty'}, 'Waiting for the first host to start…');
  const details = h('div', {id: 'host-details'});
  const streamState = h('span', {class: 'muted', id: 'stream-state'});
  main.append(header, h('section', {class: 'panel', 'aria-labelledby': 'hosts-h'},
    h('h2', {id: 'hosts-h'}, 'Hosts ', streamState), hostTable, empty), details);

  function hostLive(name) {
    if (!live.has(name)) live.set(name, {name, steps: [], open: [], current: null, phase: null, lastLine: '', stackElapsed: null,
      progressAt: null, status: 'pending', attempt: 0, fixups: [], diagnosis: null, message: ''});
    return live.get(name);
  }

  function onEvent(type, data) {
    if (!data || typeof data !== 'object') return;
    const host = data.host ? hostLive(data.host) : null;
    switch (type) {
      case 'state':
        if (run) run.state = data.state;
        break;
      case 'step_started':
        host.open.push({step: data.step, attempt: data.attempt || 0, at: Date.now()});
        host.current = host.open[host.open.length - 1];
        host.attempt = Math.max(host.attempt, data.step === 'stack' ? data.attempt || 0 : host.attempt);
        if (data.step === 'stack') { host.phase = null; host.stackElapsed = null; }
        host.status = 'running';
        break;
      case 'step_finished':
        host.steps.push({step: data.step, attempt: data.attempt || 0, status: data.status, duration_ms: data.duration_ms || 0, detail: data.detail || ''});
        host.open = host.open.filter((o) => o.step !== data.step);
        host.current = host.open[host.open.length - 1] || null;
        break;
      case 'progress':
        if (data.phase) host.phase = data.phase;
        if (typeof data.last_line === 'string') host.lastLine = data.last_line;
        if (typeof data.elapsed_ms === 'number') { host.stackElapsed = data.elapsed_ms; host.progressAt = Date.now(); }
        break;
      case 'host_finished':
        host.status = data.status || host.status;
        host.attempt = data.attempts ?? host.attempt;
        host.fixups = data.fixups_applied || host.fixups;
        host.diagnosis = data.diagnosis || host.diagnosis;
        host.message = data.message || '';
        host.open = [];
        host.current = null;
        break;
      case 'finished':
        if (run) { run.state = data.state; run.outcome = data.outcome; run.message = data.message; }
        closeStream?.(); closeStream = null;
        streamState.textContent = '';
        load();
        break;
      default:
        break;
    }
    scheduleDraw();
  }

  function scheduleDraw() {
    if (!drawTimer) drawTimer = setTimeout(() => { drawTimer = null; draw(); }, 100);
  }

  async function load() {
    try {
      const data = await api(`/api/v1/runs/${enc(id)}`);
      if (stopped) return;
      run = data;
      draw();
      if (!isFinal(run.state) && !closeStream) {
        closeStream = follow(`/api/v1/runs/${enc(id)}/events`, onEvent,
          (state) => { streamState.textContent = state === 'open' ? '· live' : state === 'retrying' ? '· reconnecting…' : ''; });
      }
    } catch (e) {
      if (!stopped) { clear(header); header.append(h('h1', {}, `Run ${id}`), h('p', {class: 'error'}, `Could not load the run: ${e.message}`)); }
    }
  }

  /** Each host as the pages show it: the report's when the run has one, else what the events said. */
  function hosts() {
    const reported = Array.isArray(run?.hosts) ? run.hosts : [];
    const names = [...new Set([...reported.map((x) => x.name), ...live.keys()])];
    return names.map((name) => {
      const r = reported.find((x) => x.name === name);
      const l = live.get(name) || hostLive(name);
      if (!r) return {...l, role: '', probes: [], timing: {}, live: true};
      return {name, role: r.role, status: r.status, steps: r.steps || [], current: null, phase: l.phase, lastLine: l.lastLine,
        stackElapsed: null, attempt: r.attempts, fixups: r.fixups_applied || [], diagnosis: r.diagnosis, message: r.message,
        probes: r.probes || [], timing: r.timing || {}, live: false};
    });
  }

  function draw() {
    if (!run || stopped) return;
    drawHeader();
    const list = hosts();
    empty.hidden = list.length > 0;
    for (const host of list) drawRow(host);
    const key = JSON.stringify(list.map((x) => [x.name, x.status, x.steps.length, x.current?.step, x.current?.attempt, x.diagnosis, x.fixups, x.live]));
    if (key !== detailsKey) { detailsKey = key; clear(details); for (const host of list) details.append(hostDetail(host)); }
    if (firstDraw && list.length) { firstDraw = false; performance.mark('run-hosts-drawn'); }
  }

  function drawHeader() {
    const s = runSummary(run, run);
    setTitle(`Run ${s.id} · ${s.state}`);
    clear(header);
    const cancel = me.isOperator && !isFinal(s.state) ? h('button', {type: 'button', id: 'cancel', onclick: cancelRun}, 'Cancel run') : null;
    const reports = isFinal(s.state) && run.report
      ? [h('a', {href: `/api/v1/runs/${enc(id)}/report.json`, 'data-external': '', id: 'report-json'}, 'report.json'),
        h('a', {href: `/api/v1/runs/${enc(id)}/report.xml`, 'data-external': '', id: 'report-xml'}, 'JUnit XML')]
      : [h('span', {class: 'muted'}, 'report.json and JUnit XML when the run ends')];
    header.append(
      h('h1', {}, `Run ${s.id} `, badge(s.state), ' ', s.outcome ? badge(s.outcome) : ''),
      h('p', {class: 'muted'}, `${s.spec} · submitted ${fmtTime(s.submitted)}${s.submittedBy ? ` by ${s.submittedBy}` : ''} · ${fmtDuration(s.duration)}`
        + (s.executions > 1 ? ` · resumed on another instance (${s.executions} executions)` : '')),
      s.message ? h('p', {id: 'run-message'}, s.message) : '',
      h('p', {class: 'links'}, reports, cancel));
  }

  async function cancelRun(event) {
    event.target.disabled = true;
    try { await api(`/api/v1/runs/${enc(id)}/cancel`, {method: 'POST', body: {}}); announce('Cancel requested'); }
    catch (e) { announce(`Cancel failed: ${e.message}`); event.target.disabled = false; }
    load();
  }

  function elapsedOf(host) {
    let total = host.steps.filter((x) => !nested(x)).reduce((t, x) => t + (x.duration_ms || 0), 0);
    const outer = host.open?.[0];
    if (outer) {
      if (outer.step === 'stack' && host.stackElapsed !== null) total += host.stackElapsed + (Date.now() - host.progressAt);
      else total += Date.now() - outer.at;
    }
    return total;
  }

  function drawRow(host) {
    let row = hostBody.querySelector(`tr[data-host="${CSS.escape(host.name)}"]`);
    if (!row) {
      row = h('tr', {dataset: {host: host.name}},
        h('td', {'data-label': 'Host'}, h('a', {href: `#host-${host.name}`, 'data-external': ''}, host.name), ' ', h('span', {class: 'muted c-role'})),
        h('td', {'data-label': 'Status', class: 'c-status'}),
        h('td', {'data-label': 'Step · phase', class: 'c-phase'}),
        h('td', {'data-label': 'Progress'}, h('div', {class: 'progress', role: 'progressbar', 'aria-valuemin': 0, 'aria-valuemax': 100}, h('span'))),
        h('td', {'data-label': 'Attempt', class: 'num c-attempt'}),
        h('td', {'data-label': 'Elapsed', class: 'num c-elapsed'}),
        h('td', {'data-label': 'Last line'}, h('div', {class: 'lastline c-line'})),
        h('td', {'data-label': 'Log'}, h('a', {href: `/runs/${enc(id)}/hosts/${enc(host.name)}/log`, class: 'c-log'}, 'log')));
      hostBody.append(row);
    }
    const step = host.current?.step || (host.live ? null : '');
    const done = !host.live || !['running', 'pending'].includes(host.status);
    const shownStep = done ? 'done' : step || (host.steps.length ? host.steps[host.steps.length - 1].step : '–');
    const progress = done && tone(host.status) === 'ok' ? 100 : progressOf(step, host.phase, host.status);
    setText(row.querySelector('.c-role'), host.role || '');
    setText(row.querySelector('.c-status'), host.status, true);
    row.dataset.status = host.status;
    row.dataset.phase = host.phase || '';
    row.dataset.step = step || '';
    setText(row.querySelector('.c-phase'), [shownStep, done ? null : host.phase].filter(Boolean).join(' · '));
    const bar = row.querySelector('.progress');
    bar.className = `progress ${done ? tone(host.status) : ''}`;
    bar.setAttribute('aria-valuenow', String(progress));
    bar.setAttribute('aria-label', `${host.name}: ${progress}%`);
    bar.firstChild.style.width = `${progress}%`;
    setText(row.querySelector('.c-attempt'), host.attempt || '–');
    setText(row.querySelector('.c-elapsed'), fmtDuration(elapsedOf(host)));
    const cell = row.querySelector('.c-line');
    setText(cell, host.lastLine || '');
    cell.title = host.lastLine || '';
  }

  function setText(cell, value, asBadge = false) {
    const key = String(value ?? '');
    if (cell.dataset.v === key) return;
    cell.dataset.v = key;
    clear(cell);
    cell.append(asBadge ? badge(key) : key);
  }

  function hostDetail(host) {
    const logPage = `/runs/${enc(id)}/hosts/${enc(host.name)}/log`;
    const section = h('section', {class: 'panel host', id: `host-${host.name}`, 'aria-label': `Host ${host.name}`},
      h('h2', {}, `${host.name} `, h('span', {class: 'muted'}, host.role || ''), ' ', badge(host.status)));
    if (host.message) section.append(h('p', {class: 'message'}, host.message));
    section.append(h('h3', {}, 'Timeline'), gantt(host));
    section.append(h('h3', {}, 'Fix-ups'), fixups(host));
    section.append(h('h3', {}, 'Diagnosis'), diagnosis(host, logPage));
    if (Object.keys(host.timing).length) section.append(h('h3', {}, 'DevStack timing'), timing(host.timing));
    if (host.probes.length) section.append(h('h3', {}, 'Probes'), probes(host.probes));
    section.append(h('h3', {}, 'Logs'), attemptLinks(host, logPage));
    return section;
  }

  /** The log (the latest attempt's, followed while it runs) and one link per stack.sh attempt. */
  function attemptLinks(host, logPage) {
    const attempts = new Map();   // attempt -> status
    for (const l of run.logs || []) if (l.host === host.name) attempts.set(l.attempt, '');
    for (const s of host.steps) if (s.step === 'stack' && s.attempt) attempts.set(s.attempt, outcomeOf(s));
    for (const o of host.open || []) if (o.step === 'stack' && o.attempt) attempts.set(o.attempt, 'running');
    const numbers = [...attempts.keys()].sort((a, b) => a - b);
    const list = h('ul', {class: 'links attempt-logs', id: `logs-${host.name}`});
    for (const n of numbers) {
      const status = attempts.get(n);
      list.append(h('li', {}, h('a', {href: `${logPage}?attempt=${n}`, class: 'attempt-log', dataset: {attempt: n}}, `stack.sh attempt ${n}`),
        status ? ' ' : '', status ? badge(status) : '', ' ',
        h('a', {href: `/api/v1/runs/${enc(id)}/hosts/${enc(host.name)}/log?attempt=${n}`, 'data-external': '', download: `${host.name}-attempt-${n}.log`}, 'download')));
    }
    return h('div', {},
      h('p', {class: 'links'}, h('a', {href: logPage, class: 'host-log'}, host.live ? 'Live log' : 'stack.sh log (last attempt)')),
      numbers.length ? list : h('p', {class: 'muted'}, 'stack.sh has not started yet.'));
  }

  /** A stack step "passes" when stack.sh ran to its end; its exit code says whether DevStack succeeded. */
  function outcomeOf(s) {
    const exit = s.step === 'stack' ? /^exit (\d+)/.exec(s.detail || '') : null;
    return exit && exit[1] !== '0' ? 'failed' : s.status;
  }

  /** Fix-ups preflight applies (attempt 0) run inside the preflight step: they are drawn within its bar. */
  function nested(s) {
    return String(s.step).startsWith('fixup:') && !s.attempt;
  }

  /** Start offsets in finish order: a step follows the one before it, except fix-ups nested in preflight. */
  function place(steps) {
    const placed = [];
    let cursor = 0;
    let pending = [];
    for (const s of steps) {
      if (nested(s)) { pending.push(s); continue; }
      if (s.step === 'preflight' && pending.length) {
        const inner = pending.reduce((t, x) => t + (x.duration_ms || 0), 0);
        placed.push({s, start: cursor});
        let at = cursor + Math.max(0, (s.duration_ms || 0) - inner);
        for (const x of pending) { placed.push({s: x, start: at}); at += x.duration_ms || 0; }
        pending = [];
      } else {
        for (const x of pending) { placed.push({s: x, start: cursor}); cursor += x.duration_ms || 0; }
        pending = [];
        placed.push({s, start: cursor});
      }
      cursor += s.duration_ms || 0;
    }
    for (const x of pending) { placed.push({s: x, start: cursor}); cursor += x.duration_ms || 0; }
    return placed;
  }

  function gantt(host) {
    const steps = host.steps.map((s) => ({...s, status: outcomeOf(s)}));
    if (host.current) steps.push({step: host.current.step, attempt: host.current.attempt, status: 'running', duration_ms: Date.now() - host.current.at, detail: ''});
    if (!steps.length) return h('p', {class: 'muted'}, 'No steps yet.');
    const placed = place(steps);
    const total = Math.max(1, ...placed.map((p) => p.start + (p.s.duration_ms || 0)));
    const grid = h('div', {class: 'gantt', role: 'list', 'aria-label': `Steps of ${host.name}`});
    for (const {s, start} of placed) {
      const label = s.step === 'stack' || s.attempt > 1 ? `${s.step} #${s.attempt}` : s.step;
      const bar = h('span', {class: `bar ${tone(s.status)}`, title: `${label}: ${s.status}, ${fmtDuration(s.duration_ms)}${s.detail ? ` — ${s.detail}` : ''}`});
      bar.style.left = `${(100 * start) / total}%`;
      bar.style.width = `${Math.max(0.4, (100 * (s.duration_ms || 0)) / total)}%`;
      grid.append(h('span', {role: 'listitem', class: 'gantt-label', dataset: {step: s.step, status: s.status, attempt: s.attempt}}, nested(s) ? '  ↳ ' : '', label, ' ',
        h('span', {class: 'muted'}, `${s.status} ${fmtDuration(s.duration_ms)}`)), h('div', {class: 'track', 'aria-hidden': 'true'}, bar));
    }
    return grid;
  }

  function fixups(host) {
    const ran = host.steps.filter((s) => String(s.step).startsWith('fixup:'));
    const list = h('ul', {class: 'fixups', id: `fixups-${host.name}`});
    for (const s of ran) {
      const detail = s.detail || 'no detail';
      const shown = detail.length > 220 ? h('details', {}, h('summary', {}, `${detail.slice(0, 200)}…`), detail) : detail;
      list.append(h('li', {dataset: {fixup: s.step.slice(6)}}, h('strong', {}, s.step.slice(6)), ' ', badge(s.status), ' — ', shown,
        h('span', {class: 'muted'}, s.attempt ? ` (after stack.sh attempt ${s.attempt})` : ' (preflight, before the first stack.sh)')));
    }
    for (const name of host.fixups) {
      if (!ran.some((s) => s.step === `fixup:${name}`)) list.append(h('li', {dataset: {fixup: name}}, h('strong', {}, name), ' applied'));
    }
    return list.children.length ? list : h('p', {class: 'muted'}, 'None applied.');
  }

  function diagnosis(host, logPage) {
    const d = host.diagnosis;
    const along = host.steps.filter((s) => s.step === 'diagnose');
    const history = along.length ? h('ul', {class: 'fixups diagnoses'}, along.map((s) => h('li', {}, `stack.sh attempt ${s.attempt}: `, s.detail || s.status))) : '';
    if (!d) {
      return h('div', {}, h('p', {class: 'muted'}, host.status === 'healthy'
        ? (along.length ? `Healthy after ${along.length + 1} runs of stack.sh; what each failed run was diagnosed as:` : 'Clean run: nothing to diagnose.')
        : 'No diagnosis yet.'), history);
    }
    const ok = String(d.outcome).toLowerCase() === 'succeeded';
    const where = d.failed_step ? ` at ${d.failed_step.file}:${d.failed_step.function}:${d.failed_step.line}` : '';
    const box = h('div', {class: `diagnosis ${ok ? 'ok' : ''}`, id: `diagnosis-${host.name}`},
      h('p', {}, ok ? 'The last stack.sh run succeeded. ' : `The last stack.sh run ${d.outcome}${where}${d.category ? ` (${d.category})` : ''}. `,
        d.summary || '', d.fixups?.length ? ` Fix-ups for it: ${d.fixups.join(', ')}.` : ''));
    const linkable = !host.live;
    if (d.failed_step && linkable) {
      box.append(h('p', {}, h('a', {href: `${logPage}?step=${enc(`${d.failed_step.function}:${d.failed_step.line}`)}`, class: 'failed-step'}, 'Open the log at the failed step')));
    }
    const evidence = Array.isArray(d.evidence) ? d.evidence : [];
    if (evidence.length) {
      box.append(h('ul', {class: 'evidence', 'aria-label': 'Evidence lines'}, evidence.map((e) =>
        h('li', {}, linkable ? h('a', {href: `${logPage}?line=${e.line}`, class: 'evidence-line'}, `line ${e.line}`) : `line ${e.line}`, ': ', e.text))));
    }
    if (along.length > 1) box.append(h('p', {}, 'Earlier runs of stack.sh were diagnosed as:'), history);
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
  const tick = setInterval(() => { if (run && !isFinal(run.state)) { for (const host of hosts()) drawRow(host); } }, 1000);
  return () => { stopped = true; clearInterval(tick); clearTimeout(drawTimer); closeStream?.(); };
}
