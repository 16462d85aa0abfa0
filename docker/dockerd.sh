#!/usr/bin/env bash
# Starts a Docker engine by hand (no systemd) with settings that work on a locked-down lab or CI machine:
# a data root of its own, overlay2, cgroupfs, no iptables/forwarding/masquerading, a bridge on
# 10.231.128.0/17 (or none: DOCKER_BRIDGE=none), and pulls that fail at once (HTTP(S)_PROXY point at a
# dead loopback port: images are built locally, see build.sh). Does nothing when an engine already answers.
# Environment: DOCKER_DATA_ROOT (default /var/lib/docker-prov), DOCKER_BRIDGE (bridge|none), DOCKERD_LOG.
set -euo pipefail

if docker info >/dev/null 2>&1; then
  echo "dockerd: an engine already answers"
  exit 0
fi
if [[ $(id -u) -ne 0 ]]; then
  echo "dockerd: not root, cannot start an engine" >&2
  exit 1
fi

data_root=${DOCKER_DATA_ROOT:-/var/lib/docker-prov}
conf_dir=/etc/devstack-provisioner
mkdir -p "$data_root" "$conf_dir"
if [[ ${DOCKER_BRIDGE:-bridge} == none ]]; then
  network='"bridge": "none"'
else
  network='"bip": "10.231.128.1/24", "default-address-pools": [{"base": "10.231.192.0/18", "size": 24}]'
fi
cat > "$conf_dir/daemon.json" <<JSON
{
  "data-root": "$data_root",
  "storage-driver": "overlay2",
  "exec-opts": ["native.cgroupdriver=cgroupfs"],
  "iptables": false,
  "ip-forward": false,
  "ip-masq": false,
  $network
}
JSON

log=${DOCKERD_LOG:-/var/log/dockerd-provisioner.log}
HTTP_PROXY=http://127.0.0.1:9 HTTPS_PROXY=http://127.0.0.1:9 NO_PROXY=localhost,127.0.0.1 \
  setsid dockerd --config-file "$conf_dir/daemon.json" >"$log" 2>&1 </dev/null &
for _ in $(seq 1 60); do
  if docker info >/dev/null 2>&1; then
    echo "dockerd: started (data root $data_root, log $log)"
    exit 0
  fi
  sleep 1
done
echo "dockerd: did not answer within 60 s; see $log" >&2
tail -5 "$log" >&2
exit 1
