// Reads the API's run objects (docs/service-api.md) into the fields the pages show.

export const FINAL_STATES = ['finished', 'cancelled'];
export const isFinal = (state) => FINAL_STATES.includes(String(state).toLowerCase());

/** What the runs list shows of a run: from its summary, and from its report once it has one. */
export function runSummary(run, full) {
  const request = run.request || {};
  const sandbox = request.sandbox || null;
  const reportHosts = full?.hosts?.length ? full.hosts : null;
  let hosts = reportHosts ? reportHosts.map((x) => x.name) : (request.hosts || []);
  if (!hosts.length && sandbox) hosts = [`${sandbox.hosts || 1} simulated`];
  const started = run.started_at ? Date.parse(run.started_at) : null;
  const finished = run.finished_at ? Date.parse(run.finished_at) : null;
  const duration = full?.report?.duration_ms ?? (started ? (finished || Date.now()) - started : null);
  const faults = sandbox ? [].concat(sandbox.faults || []).join(',') : '';
  return {
    id: String(run.id),
    state: run.state || 'unknown',
    outcome: run.outcome || null,
    spec: sandbox ? `sandbox${full?.spec || request.spec ? '' : ' (built-in spec)'}${faults ? ` · faults ${faults}` : ''}` : 'spec',
    hosts,
    attempts: reportHosts ? reportHosts.reduce((sum, x) => sum + (x.attempts || 0), 0) : null,
    duration,
    submitted: run.submitted_at || null,
    submittedBy: run.submitted_by || null,
    message: run.message || null,
    executions: run.executions || 0,
  };
}
