// DevStack's phases in the order stack.sh reaches them (the echo_summary texts the provisioner's PhaseTracker
// reports), and where a host stands in its whole deploy: connect and preflight, prepare, stack.sh, verify.

export const DEVSTACK_PHASES = [
  'Starting stack.sh', 'Updating package lists', 'Installing package prerequisites', 'Installing pip',
  'Installing RabbitMQ', 'Configuring and starting MySQL', 'Installing OpenStack project source', 'Installing dstat',
  'Installing etcd3', 'Installing Keystone', 'Installing Glance', 'Installing Cinder', 'Installing Neutron',
  'Installing Nova', 'Installing Horizon', 'Installing Swift', 'Installing Tempest', 'Configuring Keystone',
  'Starting Keystone', 'Initializing Keystone', 'Creating Keystone accounts', 'Configuring Horizon',
  'Configuring Glance', 'Configuring Neutron', 'Configuring Nova', 'Configuring placement', 'Configuring Swift',
  'Configuring Cinder', 'Initializing Glance', 'Initializing Neutron', 'Initializing Nova', 'Initializing Placement',
  'Initializing Cinder', 'Starting rsyslog', 'Starting Swift', 'Starting Placement', 'Starting Glance',
  'Starting Nova API', 'Starting Neutron', 'Starting OVN services', 'Starting Nova', 'Starting Cinder',
  'Starting Horizon', 'Creating initial neutron network elements', 'Uploading images', 'Configuring Tempest',
  'Initializing Tempest', 'Starting Tempest', 'Finishing',
];

const STEP_SPAN = {connect: [0, 2], preflight: [2, 6], prepare: [6, 10], stack: [10, 90], diagnose: [10, 90],
  unstack: [10, 12], verify: [90, 99]};

/** 0..100: how far a host is, from its current step and (inside stack.sh) its DevStack phase. */
export function progressOf(step, phase, status, best = 0) {
  const s = String(status || '').toLowerCase();
  if (s === 'healthy' || s === 'succeeded') return 100;
  const name = String(step || '').split(':')[0];
  let value = best;
  if (name === 'fixup') value = Math.max(value, 10);
  const span = STEP_SPAN[name];
  if (span) {
    let within = 0;
    if ((name === 'stack' || name === 'diagnose') && phase) {
      const index = DEVSTACK_PHASES.indexOf(phase);
      if (index >= 0) within = (index + 1) / DEVSTACK_PHASES.length;
    }
    value = Math.max(value, span[0] + (span[1] - span[0]) * within);
  } else if (phase && DEVSTACK_PHASES.includes(phase)) {
    value = Math.max(value, 10 + 80 * (DEVSTACK_PHASES.indexOf(phase) + 1) / DEVSTACK_PHASES.length);
  }
  return Math.min(99, Math.round(value));
}
