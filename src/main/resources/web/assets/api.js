// The JSON API, called with the session cookie; state-changing calls carry the page's CSRF token.

const meta = (name) => document.querySelector(`meta[name="${name}"]`)?.content || '';

export const me = {
  name: meta('provisioner-user'),
  role: meta('provisioner-role'),
  get isOperator() { return this.role === 'operator'; },
};

export class ApiError extends Error {
  constructor(status, body) {
    super(body?.error || body?.message || `HTTP ${status}`);
    this.status = status;
    this.body = body;
  }
}

/** Calls the API; resolves to the parsed JSON body (or null), rejects with ApiError for a non-2xx answer. */
export async function api(path, {method = 'GET', body, signal, accept} = {}) {
  const headers = {Accept: accept || 'application/json'};
  if (method !== 'GET' && method !== 'HEAD') headers['X-CSRF-Token'] = meta('csrf-token');
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  const response = await fetch(path, {
    method, headers, signal, credentials: 'same-origin',
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (response.status === 401) {
    location.assign(`/login?next=${encodeURIComponent(location.pathname + location.search)}`);
    throw new ApiError(401, {error: 'signed out'});
  }
  const type = response.headers.get('Content-Type') || '';
  const data = type.includes('json') ? await response.json().catch(() => null) : await response.text();
  if (!response.ok) throw new ApiError(response.status, typeof data === 'object' ? data : {error: data});
  return data;
}

/**
 * Follows a Server-Sent Events stream; calls onEvent(type, data, id) for every event, whatever its name.
 * Returns a function that closes the stream. EventSource resumes with Last-Event-ID by itself.
 */
export function follow(path, onEvent, onState) {
  const source = new EventSource(path, {withCredentials: true});
  const names = ['message', 'phase', 'progress', 'attempt', 'line', 'last_line', 'step', 'step_started',
    'step_finished', 'fixup', 'fix-up', 'diagnosis', 'host', 'host_finished', 'state', 'run', 'finished', 'done', 'end'];
  const handler = (event) => {
    let data = event.data;
    try { data = JSON.parse(event.data); } catch { /* plain text event */ }
    onEvent(event.type, data, event.lastEventId);
  };
  for (const name of names) source.addEventListener(name, handler);
  source.onopen = () => onState?.('open');
  source.onerror = () => onState?.(source.readyState === EventSource.CLOSED ? 'closed' : 'retrying');
  return () => source.close();
}

/** Path segments encoded for the API (host names may contain dots, never slashes). */
export const enc = encodeURIComponent;
