#!/usr/bin/env bash
# Makes the Docker lab's SSH key (docker/lab/keys) and state/report directories, writable by the
# provisioner image's user (uid 1000). Removes an earlier run's state and report (FRESH=0 keeps them).
set -euo pipefail
cd "$(dirname "$0")"
mkdir -p keys state report
[[ -e keys/id_ed25519 ]] || ssh-keygen -q -t ed25519 -N '' -C devstack-provisioner-lab -f keys/id_ed25519
if [[ ${FRESH:-1} == 1 ]]; then rm -rf state/* report/*; fi
chmod 0600 keys/id_ed25519
if [[ $(id -u) -eq 0 ]]; then chown -R 1000:1000 keys state report; else chmod 0777 state report; fi
