// Reads the API's run and host objects into the few fields the pages show, tolerating absent fields.

export function runSummary(run) {
  const hosts = Array.isArray(run.hosts) ? run.hosts.map((x) => (typeof x === 'string' ? x : x.name || x.host))
    : typeof run.hosts === 'string' ? run.hosts.split(',').filter(Boolean) : [];
  const attempts = run.attempts ?? (Array.isArray(run.hosts)
    ? run.hosts.reduce((sum, x) => sum + (typeof x === 'object' && x.attempts ? x.attempts : 0), 0) : null);
  const started = run.started_at ? Date.parse(run.started_at) : null;
  const finished = run.finished_at ? Date.parse(run.finished_at) : null;
  let duration = run.duration_ms ?? run.report?.duration_ms ?? null;
  if (duration === null && started) duration = (finished || Date.now()) - started;
  return {
    id: String(run.id),
    state: run.state || 'unknown',
    outcome: run.outcome || (run.state === 'finished' ? run.status : null) || null,
    spec: run.spec_name || run.name || run.spec?.name || '–',
    hosts,
    attempts,
    duration,
    submitted: run.submitted_at || run.created_at || null,
    submittedBy: run.submitted_by || null,
    message: run.message || null,
    sandbox: run.sandbox || null,
  };
}

/** One host of a run: its report fields (deploy --format json) and its live fields, whichever are present. */
export function hostView(host) {
  const live = host.live || {};
  return {
    name: host.name || host.host,
    role: host.role || '',
    status: host.status || live.status || 'pending',
    step: host.step || live.step || null,
    phase: host.phase || live.phase || null,
    attempt: host.attempt ?? live.attempt ?? host.attempts ?? 0,
    attempts: host.attempts ?? 0,
    elapsedMs: host.elapsed_ms ?? live.elapsed_ms ?? null,
    startedAt: host.started_at || live.started_at || null,
    lastLine: host.last_line || live.last_line || '',
    message: host.message || '',
    steps: Array.isArray(host.steps) ? host.steps : [],
    fixups: Array.isArray(host.fixups_applied) ? host.fixups_applied : [],
    diagnosis: host.diagnosis || null,
    probes: Array.isArray(host.probes) ? host.probes : [],
    timing: host.timing || {},
    logs: Array.isArray(host.logs) ? host.logs : [],
  };
}

export const FINAL_STATES = ['finished', 'cancelled', 'failed', 'succeeded'];
export const isFinal = (state) => FINAL_STATES.includes(String(state).toLowerCase());
