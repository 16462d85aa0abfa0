#!/usr/bin/env bash
#
# tools/create-stack-user.sh - creates the stack user (simulator; acts under SIM_ROOT)
set -o errexit
STACK_USER=${STACK_USER:-stack}
echo "Creating a group called $STACK_USER"
sudo groupadd $STACK_USER || true
echo "Creating a user called $STACK_USER"
sudo useradd -g $STACK_USER -s /bin/bash -d ${DEST:-/opt/stack} -m $STACK_USER || true
echo "Giving $STACK_USER user passwordless sudo privileges"
