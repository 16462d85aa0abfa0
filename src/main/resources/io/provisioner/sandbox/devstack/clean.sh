#!/usr/bin/env bash

# clean.sh - the simulator's full reset: unstack --all, remove configuration, the database server,
# data and logs. Clones under DEST survive, as with DevStack.

TOP_DIR=$(cd $(dirname "$0") && pwd)

source $TOP_DIR/functions
GetDistro
source $TOP_DIR/stackrc
source $TOP_DIR/lib/database
source $TOP_DIR/lib/services

$TOP_DIR/unstack.sh --all

set -o xtrace

sudo rm -rf $SIM_ROOT/etc/keystone $SIM_ROOT/etc/glance $SIM_ROOT/etc/nova $SIM_ROOT/etc/cinder \
    $SIM_ROOT/etc/neutron $SIM_ROOT/etc/openstack
cleanup_database
if [[ "$SIM_ERA" != "2016" ]]; then
    sudo rm -f $SIM_ROOT/etc/systemd/system/devstack@*.service
fi
sudo rm -rf $DATA_DIR $DEST/status
if [[ -n "$LOGFILE" ]]; then
    sudo rm -rf ${LOGFILE%/*}
fi
sudo rm -rf $LOGDIR
rm -f $TOP_DIR/.localrc.auto $TOP_DIR/.localrc.password $TOP_DIR/.stackenv $TOP_DIR/.prereqs
