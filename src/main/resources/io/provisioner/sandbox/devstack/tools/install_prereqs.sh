#!/usr/bin/env bash
#
# tools/install_prereqs.sh - base packages (simulator; sourced by stack.sh)

PACKAGES="bridge-utils curl gettext git iputils-ping libffi-dev libssl-dev lsof python3-dev sudo tcpdump"

apt_get_update
install_package $PACKAGES
