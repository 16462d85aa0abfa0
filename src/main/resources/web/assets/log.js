// The log viewer: loads the host's log (one stack.sh attempt's: the latest, or ?attempt=N) with Range requests,
// then, while the run goes on, follows the log itself: the run's event stream says there is more, and the new
// bytes are fetched by Range from what the page holds. Only the rows in view exist in the DOM, so a 40 MB log scrolls freely.
// xtrace runs fold into one row; ANSI codes are stripped; search, jump to a line, to the failed step, to evidence.
import {api, enc, follow} from './api.js';
import {announce, badge, clear, h, plain, setTitle} from './dom.js';
import {isFinal} from './model.js';
import {LogStore} from './logstore.js';

const ROW_H = 18;
const OVERSCAN = 30;
const ERROR_LINE = /\b(ERROR|Error|error:|FAILED|Failed|fatal|Traceback|CRITICAL)\b/;

export function mount(main, {id, host}, query) {
  setTitle(`${host} log · run ${id}`);
  const logUrl = `/api/v1/runs/${enc(id)}/hosts/${enc(host)}/log`;
  let store = new LogStore();
  let view = new RowIndex(store);
  let target = query.has('line') ? Number(query.get('line')) - 1 : null;   // 0-based line to show
  let pendingStep = query.get('step');
  let following = !query.has('line') && !query.has('step');
  let searchRegex = null;
  let stopped = false;
  let closeStream = null;
  let frame = 0;
  let tick = 0;
  const pinned = query.has('attempt') ? Number(query.get('attempt')) || null : null;   // an attempt chosen in the address
  let shown = pinned;          // the attempt whose log is shown (null: the latest, named by the first answer)
  let attemptsKnown = [];

  const status = h('span', {class: 'muted', id: 'log-status', 'aria-live': 'polite'}, 'loading…');
  const search = h('input', {type: 'search', id: 'log-search', placeholder: 'Search (Enter, Shift+Enter)', 'aria-label': 'Search the log'});
  const searchInfo = h('span', {class: 'muted', id: 'search-info'});
  const foldBox = h('input', {type: 'checkbox', id: 'fold', checked: true});
  const followBox = h('input', {type: 'checkbox', id: 'follow', checked: following});
  const jumps = h('span', {class: 'links', id: 'log-jumps'});
  const attemptBar = h('span', {class: 'links', id: 'log-attempts'});
  const download = h('a', {href: logUrl, 'data-external': '', download: `${host}.log`, id: 'log-download'}, 'download');
  const rows = h('div', {class: 'rows', role: 'list'});
  const spacer = h('div', {class: 'spacer'});
  const viewport = h('div', {class: 'logview', id: 'logview', tabindex: '0', 'aria-label': `Log of ${host}`}, spacer, rows);

  main.append(
    h('p', {}, h('a', {href: `/runs/${enc(id)}`}, `← run ${id}`)),
    h('h1', {}, `Log of ${host}`, pinned ? ` · stack.sh attempt ${pinned}` : ''),
    h('div', {class: 'logbar'},
      search, h('button', {type: 'button', onclick: () => next(false)}, 'Next'), h('button', {type: 'button', onclick: () => next(true)}, 'Previous'), searchInfo,
      h('label', {}, foldBox, ' fold xtrace'), h('label', {}, followBox, ' follow'),
      h('button', {type: 'button', onclick: () => jumpToRow(view.rowCount() - 1)}, 'End'),
      download, status),
    h('div', {class: 'logbar'}, attemptBar, jumps),
    viewport);

  // --- rendering -----------------------------------------------------------------------------------------
  function schedule() {
    if (!frame) frame = requestAnimationFrame(() => { frame = 0; render(); });
  }

  function size() {
    const total = view.rowCount();
    spacer.style.height = `${total * ROW_H}px`;
    return total;
  }

  function render() {
    const total = size();
    if (following) viewport.scrollTop = viewport.scrollHeight;
    const first = Math.max(0, Math.floor(viewport.scrollTop / ROW_H) - OVERSCAN);
    const last = Math.min(total, Math.ceil((viewport.scrollTop + viewport.clientHeight) / ROW_H) + OVERSCAN);
    rows.style.transform = `translateY(${first * ROW_H}px)`;
    const fragment = document.createDocumentFragment();
    for (let r = first; r < last; r++) fragment.append(rowElement(r));
    rows.replaceChildren(fragment);
  }

  function rowElement(r) {
    const entry = view.entry(r);
    if (entry.fold) {
      return h('div', {class: 'logrow fold', role: 'listitem'}, h('span', {class: 'ln'}, String(entry.start + 1)),
        h('span', {class: 'tx'}, h('button', {type: 'button', class: 'link', onclick: () => { view.expand(entry.start); schedule(); }},
          `⋯ ${entry.count} xtrace lines folded (show)`)));
    }
    const text = plain(store.line(entry.line));
    const classes = ['logrow'];
    if (entry.line === target) classes.push('target');
    else if (searchRegex && (searchRegex.lastIndex = 0, searchRegex.test(text))) classes.push('hit');
    if (!store.isTrace(entry.line) && ERROR_LINE.test(text)) classes.push('err');
    return h('div', {class: classes.join(' '), role: 'listitem', dataset: {line: entry.line + 1}},
      h('span', {class: 'ln'}, String(entry.line + 1)), h('span', {class: 'tx'}, text));
  }

  function jumpToLine(line) {
    if (line < 0 || line > store.lines) return false;
    target = line;
    view.reveal(line);
    jumpToRow(view.rowOf(line));
    return true;
  }

  function jumpToRow(row) {
    following = row >= size() - 1 && followBox.checked;
    viewport.scrollTop = Math.max(0, row * ROW_H - viewport.clientHeight / 3);
    render();
  }

  viewport.addEventListener('scroll', () => {
    const atBottom = viewport.scrollTop + viewport.clientHeight >= viewport.scrollHeight - ROW_H * 2;
    following = followBox.checked && atBottom;
    schedule();
  }, {passive: true});
  foldBox.addEventListener('change', () => { view.setFolding(foldBox.checked); if (target !== null) jumpToLine(target); else schedule(); });
  followBox.addEventListener('change', () => { following = followBox.checked; if (following) jumpToRow(view.rowCount() - 1); });

  // --- search --------------------------------------------------------------------------------------------
  function next(backwards) {
    const q = search.value;
    if (!q) return;
    searchRegex = new RegExp(q.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), 'gi');
    const from = target ?? view.lineAtRow(Math.floor(viewport.scrollTop / ROW_H));
    const found = store.find(searchRegex, backwards ? from : from, backwards);
    if (found < 0) { searchInfo.textContent = 'no match'; announce('No match'); schedule(); return; }
    const n = store.count(new RegExp(searchRegex.source, 'gi'));
    searchInfo.textContent = `line ${found + 1} · ${n >= 10000 ? '10000+' : n} matching lines`;
    jumpToLine(found);
  }
  search.addEventListener('keydown', (e) => { if (e.key === 'Enter') { e.preventDefault(); next(e.shiftKey); } });
  viewport.addEventListener('keydown', (e) => {
    if (e.key === '/') { e.preventDefault(); search.focus(); }
    else if (e.key === 'n' || e.key === 'N') { e.preventDefault(); next(e.key === 'N'); }
  });

  // --- loading and following -----------------------------------------------------------------------------
  /** The log's address: one attempt's, or (none chosen yet) the latest attempt's. */
  function attemptUrl() {
    return shown ? `${logUrl}?attempt=${shown}` : logUrl;
  }

  function signIn() {
    location.assign(`/login?next=${encodeURIComponent(location.pathname + location.search)}`);
  }

  /** One request for the log (with a Range header when given); null after a sign-out. */
  async function fetchLog(range) {
    const response = await fetch(attemptUrl(), {credentials: 'same-origin', headers: range ? {Range: range} : {}});
    if (response.status === 401) { signIn(); return null; }
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    if (!shown && response.headers.get('X-Log-Attempt')) shown = Number(response.headers.get('X-Log-Attempt'));
    return {bytes: new Uint8Array(await response.arrayBuffer()), response};
  }

  /**
   * What is new since the bytes the page holds: the whole log so far when it holds none (empty while
   * stack.sh has written nothing), else {@code bytes=HELD-1-} — one byte the page has and the new ones, a range
   * the server can always satisfy, so following never shows an error for "nothing new yet".
   */
  async function fetchNew() {
    const asked = store;
    const held = asked.bytes;
    const got = await fetchLog(held ? `bytes=${held - 1}-` : null);
    if (!got || store !== asked) return null;   // signed out, or another attempt is shown now
    return held ? got.bytes.subarray(1) : got.bytes;
  }

  /** The log as stored now (the size the run said), in windows of 4 MiB, drawn as each arrives. */
  async function loadAll(size) {
    const WINDOW = 4 * 1024 * 1024;
    let total = size;
    status.textContent = 'loading…';
    while (store.bytes < total && !stopped) {
      const from = store.bytes;
      const got = await fetchLog(`bytes=${from}-${from + WINDOW - 1}`);
      if (!got) return;
      store.append(got.bytes);
      if (!got.bytes.length || got.response.status === 200) break;
      total = Number((got.response.headers.get('Content-Range') || '').split('/')[1]) || from + got.bytes.length;
      view.extend();
      status.textContent = `${(store.bytes / 1048576).toFixed(1)} of ${(total / 1048576).toFixed(1)} MB · ${store.lines} lines`;
      schedule();
    }
    view.extend();
    drawAttempts();
  }

  function finishedLoading() {
    store.finish();
    view.extend();
    if (pendingStep) {
      const line = store.findLast(`:${pendingStep}`);
      if (line >= 0) jumpToLine(line); else announce(`Step ${pendingStep} not found in the log`);
      pendingStep = null;
    } else if (target !== null) {
      jumpToLine(target);
    } else {
      schedule();
    }
    status.textContent = `${shown ? `attempt ${shown} · ` : ''}${(store.bytes / 1048576).toFixed(1)} MB · ${store.lines} lines`;
  }

  /**
   * While the run goes on: the run's event stream says when there is more (a progress line, a step of this
   * host, the end); the new bytes are fetched by Range from what the page holds. One fetch at a time; a slow
   * tick catches what arrived after the last event. A new stack.sh attempt is followed unless one was chosen.
   */
  function followLive() {
    let fetching = false;
    let again = false;
    let ended = false;
    const liveStatus = () => { status.textContent = `live${shown ? ` · attempt ${shown}` : ''} · ${store.lines} lines`; };
    liveStatus();
    const more = async () => {
      if (stopped) return;
      if (fetching) { again = true; return; }
      fetching = true;
      try {
        do {
          again = false;
          const fresh = await fetchNew();
          if (fresh?.length && !stopped) {
            store.append(fresh);
            view.extend();
            schedule();
            drawAttempts();
          }
        } while (again && !stopped);
      } catch (e) {
        status.textContent = `could not read the log: ${e.message}`;
      } finally {
        fetching = false;
      }
      if (ended && !stopped && closeStream) {
        stopFollowing();
        await loadRun();
        finishedLoading();
      } else if (!stopped) {
        liveStatus();
      }
    };
    closeStream = follow(`/api/v1/runs/${enc(id)}/events`, (type, data) => {
      if (!data || typeof data !== 'object' || stopped) return;
      if (type === 'finished') { ended = true; more(); return; }
      if (data.host !== host) return;
      if (type === 'step_started' && data.step === 'stack' && !pinned && data.attempt && shown && data.attempt > shown) {
        switchTo(data.attempt);
      }
      if (type === 'progress' || type === 'step_started' || type === 'step_finished' || type === 'host_finished') more();
    });
    tick = setInterval(more, 2000);
    more();
  }

  /** The page shows another attempt's log (a new stack.sh attempt began while following the latest). */
  function switchTo(attempt) {
    shown = attempt;
    store = new LogStore();
    view = new RowIndex(store);
    view.setFolding(foldBox.checked);
    following = followBox.checked;
    announce(`stack.sh attempt ${attempt} started`);
    drawAttempts();
    schedule();
  }

  /** Links to each attempt's log of this host; the one shown is marked. */
  function drawAttempts() {
    const numbers = new Set(attemptsKnown);
    if (shown) numbers.add(shown);
    clear(attemptBar);
    if (numbers.size < 1) return;
    attemptBar.append('attempts: ');
    for (const n of [...numbers].sort((a, b) => a - b)) {
      const href = `/runs/${enc(id)}/hosts/${enc(host)}/log?attempt=${n}`;
      attemptBar.append(n === shown ? h('strong', {'aria-current': 'page', class: 'attempt-shown'}, `#${n}`) : h('a', {href, class: 'attempt-log'}, `#${n}`), ' ');
    }
    download.href = attemptUrl();
    download.download = `${host}${shown ? `-attempt-${shown}` : ''}.log`;
  }

  async function loadRun() {
    try {
      const run = await api(`/api/v1/runs/${enc(id)}`);
      const reported = (run.hosts || []).find((x) => x.name === host);
      attemptsKnown = (run.logs || []).filter((l) => l.host === host).map((l) => l.attempt);
      clear(jumps);
      jumps.append(badge(run.state));
      const last = attemptsKnown.length ? Math.max(...attemptsKnown) : null;
      const d = (!shown || shown === last) ? reported?.diagnosis : null;   // the diagnosis reads the last attempt's log
      if (d?.failed_step) {
        const step = `${d.failed_step.function}:${d.failed_step.line}`;
        jumps.append(h('button', {type: 'button', id: 'jump-failed', onclick: () => {
          const line = store.findLast(`:${step}`);
          if (line >= 0) jumpToLine(line); else announce('failed step not found in the log');
        }}, `Failed step ${d.failed_step.file}:${step}`));
      }
      for (const e of d?.evidence || []) {
        jumps.append(h('button', {type: 'button', class: 'evidence-jump', onclick: () => jumpToLine(e.line - 1), title: e.text}, `evidence line ${e.line}`));
      }
      drawAttempts();
      return run;
    } catch (e) {
      jumps.append(h('span', {class: 'error'}, `run not available: ${e.message}`));
      return null;
    }
  }

  (async () => {
    const run = await loadRun();
    if (stopped || !run) return;
    const logs = (run.logs || []).filter((l) => l.host === host);
    const stored = logs.find((l) => l.attempt === (shown ?? Math.max(...logs.map((x) => x.attempt))));
    const reported = (run.hosts || []).find((x) => x.name === host);
    // a run from before live logs has one log, stored whole when it ended (its size is learnt on the way)
    const size = stored ? stored.bytes : !logs.length && isFinal(run.state) && reported?.log ? Infinity : 0;
    if (stored) shown = stored.attempt;   // the windows below all read this attempt, whatever begins meanwhile
    if (size) await loadAll(size);
    if (stopped) return;
    if (isFinal(run.state) || (pinned && attemptsKnown.some((n) => n > pinned))) {
      if (!store.bytes) { status.textContent = 'no log was stored for this host'; return; }
      finishedLoading();
    } else {
      if (target !== null || pendingStep) finishedLoadingTargets();
      followLive();
    }
  })().catch((e) => { status.textContent = `could not load the log: ${e.message}`; });

  /** A line or step asked for in the address, shown while the log goes on growing. */
  function finishedLoadingTargets() {
    view.extend();
    if (pendingStep) {
      const line = store.findLast(`:${pendingStep}`);
      if (line >= 0) { jumpToLine(line); pendingStep = null; }
    } else if (target !== null && target < store.lines) {
      jumpToLine(target);
    }
  }

  function stopFollowing() {
    closeStream?.(); closeStream = null;
    clearInterval(tick); tick = 0;
  }

  const resize = () => schedule();
  window.addEventListener('resize', resize);
  return () => { stopped = true; stopFollowing(); window.removeEventListener('resize', resize); cancelAnimationFrame(frame); };
}

/**
 * Which line (or folded run of xtrace lines) each row shows. Rows are an Int32Array: a line index, or -(k+1)
 * for fold k. Built incrementally as lines arrive; rebuilt when folding is switched or a fold is opened.
 */
class RowIndex {
  constructor(store) {
    this.store = store;
    this.folding = true;
    this.expanded = new Set();
    this.reset();
  }

  reset() {
    this.rows = new Int32Array(1024);
    this.size = 0;
    this.folds = [];
    this.built = 0;
    this.run = null;   // the trailing xtrace run: {start, count, rowStart}
  }

  push(value) {
    if (this.size === this.rows.length) {
      const bigger = new Int32Array(this.rows.length * 2);
      bigger.set(this.rows);
      this.rows = bigger;
    }
    this.rows[this.size++] = value;
  }

  extend() {
    const store = this.store;
    for (let line = this.built; line < store.lines; line++) {
      const trace = this.folding && store.isTrace(line);
      if (!trace) { this.run = null; this.push(line); continue; }
      if (this.run && this.run.folded && this.expanded.has(this.run.start)) { this.push(line); continue; }
      if (!this.run) { this.run = {start: line, count: 1, rowStart: this.size, folded: false}; this.push(line); continue; }
      this.run.count++;
      if (!this.run.folded && this.run.count === 3 && !this.expanded.has(this.run.start)) {
        this.size = this.run.rowStart;
        this.folds.push({start: this.run.start, count: this.run.count});
        this.push(-this.folds.length);
        this.run.folded = true;
      } else if (this.run.folded && !this.expanded.has(this.run.start)) {
        this.folds[this.folds.length - 1].count = this.run.count;
      } else {
        this.push(line);
      }
    }
    this.built = store.lines;
  }

  rebuild() { this.reset(); this.extend(); }
  setFolding(on) { this.folding = on; this.rebuild(); }
  expand(start) { this.expanded.add(start); this.rebuild(); }

  /** Makes a line visible: opens the fold it is in. */
  reveal(line) {
    const row = this.rowOf(line);
    const entry = this.entry(row);
    if (entry.fold && line >= entry.start && line < entry.start + entry.count) this.expand(entry.start);
  }

  rowCount() { return this.size + (this.store.pending ? 1 : 0); }

  entry(row) {
    if (row >= this.size) return {line: this.store.lines};
    const value = this.rows[row];
    if (value >= 0) return {line: value};
    const fold = this.folds[-value - 1];
    return {fold: true, start: fold.start, count: fold.count};
  }

  firstLine(row) { const e = this.entry(row); return e.fold ? e.start : e.line; }
  lineAtRow(row) { return this.size ? this.firstLine(Math.min(row, this.size - 1)) : 0; }

  /** The row showing a line: binary search over the rows' first lines. */
  rowOf(line) {
    if (line >= this.store.lines) return Math.max(0, this.rowCount() - 1);
    let lo = 0;
    let hi = this.size - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.firstLine(mid) <= line) lo = mid; else hi = mid - 1;
    }
    return lo;
  }
}
