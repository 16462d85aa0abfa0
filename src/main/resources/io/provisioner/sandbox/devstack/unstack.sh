#!/usr/bin/env bash

# unstack.sh - the simulator's unstack: stops what stack.sh started (systemd units now, the screen
# session in 2016). With -a (or UNSTACK_ALL) it also stops mysql and rabbit.

UNSTACK_ALL=${UNSTACK_ALL:-""}
[[ "$1" == "--all" ]] && UNSTACK_ALL="-1"
while getopts ":a" opt; do
    case $opt in
        a) UNSTACK_ALL="-1" ;;
        *) [[ "$OPTARG" == "-" ]] && UNSTACK_ALL="-1" ;;
    esac
done

if [[ $(id -u) -eq 0 ]]; then
    echo "You are running this script as root."
    echo "It might work but you will have a better day running it as $STACK_USER"
    exit 1
fi

TOP_DIR=$(cd $(dirname "$0") && pwd)

source $TOP_DIR/functions
GetDistro
source $TOP_DIR/stackrc
source $TOP_DIR/lib/database
source $TOP_DIR/lib/services

set -o xtrace

if [[ "$SIM_ERA" == "2016" ]]; then
    for service in key n-api n-cpu n-sch c-api g-api q-svc; do
        stop_process $service
    done
else
    for service in keystone n-api n-cpu n-sch c-api g-api neutron-api; do
        stop_process $service
    done
fi

if [[ -n "$UNSTACK_ALL" ]]; then
    stop_service mysql
    stop_service rabbitmq-server
fi

if [[ "$SIM_ERA" == "2016" ]]; then
    # Clean up the remainder of the screen processes
    SCREEN=$(which screen)
    if [[ -n "$SCREEN" ]]; then
        SESSION=$(screen -ls | awk "/[0-9]+.${SCREEN_NAME}/"'{ print $1 }')
        if [[ -n "$SESSION" ]]; then
            screen -X -S $SESSION quit
        fi
    fi
    rm -f $SERVICE_DIR/$SCREEN_NAME/*.failure
fi
