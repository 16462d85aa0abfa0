// Small DOM and formatting helpers shared by the pages. Text always goes in as text nodes (never as HTML).

/** h('a', {href: '/x', class: 'y'}, 'text', child) builds an element. */
export function h(tag, attrs, ...children) {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs || {})) {
    if (value === null || value === undefined || value === false) continue;
    if (key.startsWith('on') && typeof value === 'function') el.addEventListener(key.slice(2), value);
    else if (key === 'dataset') Object.assign(el.dataset, value);
    else el.setAttribute(key, value === true ? '' : String(value));
  }
  append(el, children);
  return el;
}

export function append(el, children) {
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    el.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return el;
}

export function clear(el) {
  while (el.firstChild) el.removeChild(el.firstChild);
  return el;
}

export function fmtDuration(ms) {
  if (ms === null || ms === undefined || Number.isNaN(ms)) return '–';
  const s = Math.round(ms / 1000);
  if (s < 60) return `${s}s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m}m ${String(s % 60).padStart(2, '0')}s`;
  return `${Math.floor(m / 60)}h ${String(m % 60).padStart(2, '0')}m`;
}

export function fmtTime(iso) {
  if (!iso) return '–';
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? String(iso) : d.toLocaleString();
}

/** The badge colour of a state or outcome word. */
export function tone(word) {
  const w = String(word || '').toLowerCase();
  if (['healthy', 'succeeded', 'success', 'ok', 'up', 'passed', 'applied', 'done'].includes(w)) return 'ok';
  if (['failed', 'failure', 'error', 'down', 'unhealthy', 'unreachable', 'refused', 'timeout', 'timed-out'].includes(w)) return 'bad';
  if (['running', 'started', 'deploying', 'in-progress', 'in_progress'].includes(w)) return 'run';
  if (['cancelled', 'canceled', 'skipped', 'degraded', 'incomplete', 'warning', 'warned', 'retried'].includes(w)) return 'warn';
  return '';
}

export function badge(word) {
  return h('span', {class: `badge ${tone(word)}`}, word || '–');
}

/** Strips ANSI escape sequences and carriage-return overdraws from one log line. */
export function plain(line) {
  // eslint-disable-next-line no-control-regex
  let text = line.replace(/\x1b\[[0-9;?]*[ -\/]*[@-~]|\x1b\][^\x07]*\x07|\x1b[()][A-Za-z0-9]/g, '');
  const cr = text.lastIndexOf('\r', text.length - 2);
  if (cr >= 0) text = text.slice(cr + 1);
  return text.replace(/\r$/, '');
}

export function announce(message) {
  const region = document.getElementById('announce');
  if (region) region.textContent = message;
}

export function setTitle(title) {
  document.title = title ? `${title} · provisioner` : 'provisioner';
}
