#!/bin/bash
# **discover_hosts.sh**
#
# Maps compute hosts that registered with the controller into cell1, as DevStack's own tool does with
# nova-manage; the simulator answers with nova-manage's output for the hosts it knows.
set -o errexit
TOP_DIR=$(cd $(dirname "$0")/.. && pwd)
echo "Found 2 cell mappings."
echo "Skipping cell0 since it does not contain hosts."
echo "Getting computes from cell 'cell1': $(cat ${SIM_ROOT:-}/var/lib/nova/sim-cell-uuid 2>/dev/null || echo 3f5b1f9a-2c4d-4e8a-9b7c-1d2e3f4a5b6c)"
echo "Found 0 unmapped computes in cell: $(cat ${SIM_ROOT:-}/var/lib/nova/sim-cell-uuid 2>/dev/null || echo 3f5b1f9a-2c4d-4e8a-9b7c-1d2e3f4a5b6c)"
