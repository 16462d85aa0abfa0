// Submit (operators): paste or upload a spec, see the validator's LINE:COL problems as you type, choose the
// hosts or a sandbox with its faults, start. Viewers see why they cannot.
import {api, ApiError, me} from './api.js';
import {announce, clear, h, setTitle} from './dom.js';
import {navigate} from './app.js';

const FAULTS = ['git-protocol', 'stale-run', 'apt-source', 'mysql-root', 'ovs-socket', 'no-proxy', 'dir-ownership',
  'pip-distutils', 'apt-lock', 'service-start', 'disk-full'];
const SEED = FAULTS.slice(0, 6);

export function mount(main) {
  setTitle('Submit a run');
  main.append(h('h1', {}, 'Submit a run'));
  if (!me.isOperator) {
    main.append(h('p', {class: 'panel', id: 'not-operator', role: 'note'},
      `You are signed in as ${me.name} (${me.role}). Only operators can submit runs; viewers can watch every run and its logs.`));
    return null;
  }

  const spec = h('textarea', {id: 'spec', name: 'spec', rows: 16, spellcheck: 'false',
    'aria-describedby': 'spec-problems', placeholder: 'version: 1\nhosts:\n  - {name: ..., address: ..., role: controller}'});
  const file = h('input', {type: 'file', id: 'spec-file', accept: '.yaml,.yml,text/yaml,text/plain'});
  const problems = h('ul', {class: 'problems', id: 'spec-problems', 'aria-live': 'polite'});
  const validity = h('p', {id: 'spec-validity', class: 'muted'}, 'No spec: the built-in sandbox spec will be used.');
  const hostsBox = h('div', {id: 'host-choices', class: 'links'});
  const target = {
    sandbox: h('input', {type: 'radio', name: 'target', id: 'target-sandbox', value: 'sandbox', checked: true}),
    hosts: h('input', {type: 'radio', name: 'target', id: 'target-hosts', value: 'hosts'}),
  };
  const faultMode = h('select', {id: 'faults'}, ['seed', 'none', 'custom'].map((v) => h('option', {value: v}, v === 'seed' ? 'seed (the article\'s six)' : v)));
  const faultBoxes = h('div', {class: 'links', id: 'fault-choices', hidden: true},
    FAULTS.map((f) => h('label', {}, h('input', {type: 'checkbox', value: f, checked: SEED.includes(f)}), ` ${f}`)));
  const era = h('select', {id: 'era'}, ['current', '2016'].map((v) => h('option', {value: v}, v)));
  const sandboxHosts = h('input', {type: 'number', id: 'sandbox-hosts', min: 1, max: 16, value: 1});
  const retries = h('input', {type: 'number', id: 'retries', min: 0, max: 20, value: 6});
  const start = h('button', {type: 'submit', class: 'primary', id: 'start'}, 'Start run');
  const outcome = h('p', {id: 'submit-outcome', role: 'alert'});
  const sandboxOptions = h('fieldset', {id: 'sandbox-options'}, h('legend', {}, 'Sandbox'),
    h('div', {class: 'toolbar'},
      h('div', {class: 'field'}, h('label', {for: 'faults'}, 'Faults'), faultMode),
      h('div', {class: 'field'}, h('label', {for: 'era'}, 'DevStack era'), era),
      h('div', {class: 'field'}, h('label', {for: 'sandbox-hosts'}, 'Simulated hosts'), sandboxHosts)),
    h('p', {class: 'muted'}, 'With no spec above, the built-in sandbox spec is used.'),
    faultBoxes);

  const form = h('form', {id: 'submit-form', class: 'panel', novalidate: true},
    h('div', {class: 'toolbar'},
      h('div', {class: 'field grow'}, h('label', {for: 'spec'}, 'Spec (YAML)')),
      h('div', {class: 'field'}, h('label', {for: 'spec-file'}, 'or upload'), file)),
    spec, validity, problems,
    h('fieldset', {}, h('legend', {}, 'Where'),
      h('label', {}, target.sandbox, ' Sandbox (simulated hosts, like deploy --sandbox)'), ' ',
      h('label', {}, target.hosts, ' The spec\'s hosts'),
      h('div', {id: 'host-subset', hidden: true}, h('p', {class: 'muted'}, 'Hosts to deploy (all when none is ticked):'), hostsBox)),
    sandboxOptions,
    h('div', {class: 'toolbar'}, h('div', {class: 'field'}, h('label', {for: 'retries'}, 'stack.sh retries'), retries)),
    start, outcome);
  main.append(form);

  let timer = null;
  let lastChecked = null;
  let valid = false;
  let inflight = null;

  spec.addEventListener('input', () => { clearTimeout(timer); timer = setTimeout(validate, 400); });
  file.addEventListener('change', async () => {
    const chosen = file.files[0];
    if (!chosen) return;
    if (chosen.size > 1024 * 1024) { validity.textContent = 'That file is over 1 MB; a spec is a few KB.'; return; }
    spec.value = await chosen.text();
    validate();
  });
  faultMode.addEventListener('change', () => { faultBoxes.hidden = faultMode.value !== 'custom'; });
  for (const radio of Object.values(target)) {
    radio.addEventListener('change', () => {
      sandboxOptions.hidden = !target.sandbox.checked;
      form.querySelector('#host-subset').hidden = target.sandbox.checked;
    });
  }
  form.addEventListener('submit', (e) => { e.preventDefault(); submit(); });

  async function validate() {
    const text = spec.value;
    if (text === lastChecked && text.trim()) return valid;
    lastChecked = text;
    drawHosts(text);
    if (!text.trim()) {
      clear(problems);
      valid = target.sandbox.checked;
      validity.className = 'muted';
      validity.textContent = valid ? 'No spec: the built-in sandbox spec will be used.' : 'Paste or upload a spec.';
      return valid;
    }
    inflight?.abort();
    inflight = new AbortController();
    try {
      const answer = await api('/api/v1/validate', {method: 'POST', body: {spec: text}, signal: inflight.signal});
      showProblems(answer?.problems || []);
    } catch (e) {
      if (e.name === 'AbortError') return valid;
      if (e instanceof ApiError && Array.isArray(e.body?.problems)) showProblems(e.body.problems);
      else { valid = false; validity.textContent = `Could not validate: ${e.message}`; }
    }
    return valid;
  }

  function showProblems(list) {
    clear(problems);
    valid = list.length === 0;
    validity.className = valid ? 'ok-text' : 'bad-text';
    validity.textContent = valid ? 'Spec is valid.' : `${list.length} problem${list.length === 1 ? '' : 's'}:`;
    for (const p of list) {
      const where = p.line ? `${p.line}:${p.column ?? 1}` : '';
      problems.append(h('li', {}, h('button', {type: 'button', onclick: () => caretTo(p.line, p.column)},
        where ? `${where}: ${p.message}` : String(p.message || p))));
    }
  }

  function caretTo(line, column) {
    if (!line) return;
    const lines = spec.value.split('\n');
    let offset = 0;
    for (let i = 0; i < line - 1 && i < lines.length; i++) offset += lines[i].length + 1;
    offset += Math.max(0, (column || 1) - 1);
    spec.focus();
    spec.setSelectionRange(offset, offset);
    const lineHeight = spec.scrollHeight / Math.max(1, lines.length);
    spec.scrollTop = Math.max(0, (line - 3) * lineHeight);
  }

  /** Host names under hosts: ("- name: x" or "- {name: x, ...}"), for choosing a subset. */
  function drawHosts(text) {
    const names = [];
    const section = text.split(/^hosts:\s*$/m)[1] || '';
    for (const m of section.matchAll(/^\s*-\s*(?:\{\s*)?name:\s*["']?([A-Za-z0-9._-]+)/gm)) names.push(m[1]);
    const ticked = new Set([...hostsBox.querySelectorAll('input:checked')].map((i) => i.value));
    clear(hostsBox);
    if (!names.length) hostsBox.append(h('span', {class: 'muted'}, 'none found yet'));
    for (const name of names) hostsBox.append(h('label', {}, h('input', {type: 'checkbox', value: name, checked: ticked.has(name)}), ` ${name}`));
  }

  async function submit() {
    clearTimeout(timer);
    if (!(await validate())) { outcome.textContent = 'Fix the problems above first.'; spec.focus(); return; }
    const body = {retries: Number(retries.value)};
    if (spec.value.trim()) body.spec = spec.value;
    const hosts = [...hostsBox.querySelectorAll('input:checked')].map((i) => i.value);
    if (hosts.length && target.hosts.checked) body.hosts = hosts;
    if (target.sandbox.checked) {
      const faults = faultMode.value === 'custom'
        ? [...faultBoxes.querySelectorAll('input:checked')].map((i) => i.value) : faultMode.value;
      body.sandbox = {faults: Array.isArray(faults) && !faults.length ? 'none' : faults, era: era.value, hosts: Number(sandboxHosts.value)};
    }
    start.disabled = true;
    outcome.textContent = 'Submitting…';
    try {
      const created = await api('/api/v1/runs', {method: 'POST', body});
      announce(`Run ${created.id} queued`);
      navigate(`/runs/${encodeURIComponent(created.id)}`);
    } catch (e) {
      start.disabled = false;
      if (e instanceof ApiError && Array.isArray(e.body?.problems)) { showProblems(e.body.problems); outcome.textContent = 'The server refused the spec.'; }
      else outcome.textContent = `Not started: ${e.message}`;
    }
  }

  return () => { clearTimeout(timer); inflight?.abort(); };
}
