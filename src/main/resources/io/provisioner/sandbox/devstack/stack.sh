#!/usr/bin/env bash

# stack.sh - the devstack-provisioner's DevStack simulator.
#
# Not DevStack. It follows DevStack's phases and prints DevStack's output (xtrace frames, [Call Trace],
# [ERROR], Error on exit, the world dump, the timing table, the closing summary), and at the points
# where real deployments fail it runs the commands DevStack runs, so the host decides the outcome.
# Phases take DevStack-proportioned time scaled by SIM_TIME_SCALE.

# Print the commands being run so that we can see the command that triggers an error.
set -o xtrace

unset GREP_OPTIONS
unset LANG
unset LANGUAGE
export LC_ALL=C

# Clear all OpenStack related envvars
unset `env | grep -E '^OS_' | cut -d = -f 1`

umask 022

TOP_DIR=$(cd $(dirname "$0") && pwd)

# The progress marker of the previous run goes first
rm -f $TOP_DIR/.stackenv

for _dir in files inc lib; do
    if [[ ! -d $TOP_DIR/$_dir ]]; then
        set +o xtrace
        echo "ERROR: missing devstack/$_dir"
        exit 1
    fi
done

if [[ -n "$POSIXLY_CORRECT" ]]; then
    set +o xtrace
    echo "ERROR: stack.sh does not run with POSIXLY_CORRECT set"
    exit 1
fi

# DevStack tests $EUID; the simulator asks id(1) so the sandbox's stand-in decides (its JVM may be root)
if [[ $(id -u) -eq 0 ]]; then
    set +o xtrace
    echo "DevStack should be run as a user with sudo permissions, "
    echo "not root."
    echo "A \"stack\" user configured correctly can be created with:"
    echo " $TOP_DIR/tools/create-stack-user.sh"
    exit 1
fi

if [[ -n "$VIRTUAL_ENV" ]]; then
    set +o xtrace
    echo "You appear to be running under a python virtualenv."
    echo "DevStack does not support this, as we may break the"
    echo "virtualenv you are currently in by modifying "
    echo "external system-level components the virtualenv relies on."
    exit 1
fi

if [[ -f $HOME/.no-devstack ]]; then
    set +o xtrace
    echo "You've marked this host as a no-devstack host, to save yourself from"
    echo "running devstack accidentally. If this is in error, please remove the"
    echo "~/.no-devstack file"
    exit 1
fi

# Prepare the environment
source $TOP_DIR/functions

# Determine what system we are running on.
GetDistro

# Extract the localrc section of local.conf
rm -f $TOP_DIR/.localrc.auto
extract_localrc_section $TOP_DIR/local.conf $TOP_DIR/localrc $TOP_DIR/.localrc.auto

if [[ ! -r $TOP_DIR/stackrc ]]; then
    die $LINENO "missing $TOP_DIR/stackrc - did you grab more than just stack.sh?"
fi
source $TOP_DIR/stackrc

# Warn users who aren't on an explicitly supported distro
if [[ "$SIM_ERA" == "2016" ]]; then
    SUPPORTED_DISTROS="trusty|wily|xenial|7.0|wheezy|sid|testing|jessie|f22|f23|rhel7|kvmibm1"
else
    SUPPORTED_DISTROS="trixie|bookworm|noble|resolute|rhel9|rhel10"
fi
if [[ ! ${DISTRO} =~ $SUPPORTED_DISTROS ]]; then
    echo "WARNING: this script has not been tested on $DISTRO"
    if [[ "$FORCE" != "yes" ]]; then
        die $LINENO "If you wish to run this script anyway run with FORCE=yes"
    fi
fi

# 2016: refuse to run beside a live screen session
if [[ "$SIM_ERA" == "2016" ]]; then
    if type -p screen > /dev/null && screen -ls | egrep -q "[0-9]\.$SCREEN_NAME"; then
        echo "You are already running a stack.sh session."
        echo "To rejoin this session type 'screen -x stack'."
        echo "To destroy this session, type './unstack.sh'."
        exit 1
    fi
fi

# Make sure the proxy config is visible to sub-processes
export_proxy_variables

# Remove services which were negated in ``ENABLED_SERVICES``
disable_negated_services

# sudo: DevStack's own sudoers entry
sudo mkdir -p $SIM_ROOT/etc/sudoers.d
TEMPFILE=$(mktemp)
echo "$STACK_USER ALL=(root) NOPASSWD:ALL" >$TEMPFILE
echo "Defaults:$STACK_USER secure_path=/sbin:/usr/sbin:/usr/bin:/bin:/usr/local/sbin:/usr/local/bin" >> $TEMPFILE
echo "Defaults:$STACK_USER !requiretty" >> $TEMPFILE
chmod 0440 $TEMPFILE
sudo chown root:root $TEMPFILE
sudo mv $TEMPFILE $SIM_ROOT/etc/sudoers.d/50_stack_sh

# Destination and data directories
sudo mkdir -p $DEST
sudo chown -R $STACK_USER $DEST
sudo mkdir -p $DATA_DIR
sudo chown -R $STACK_USER:$(id -gn $STACK_USER) $DATA_DIR
sudo mkdir -p $LOGDIR
sudo chown -R $STACK_USER $LOGDIR

if [ "$HOST_IP" == "" ]; then
    die $LINENO "Could not determine host ip address.  See local.conf for suggestions on setting HOST_IP."
fi

# Logging
# -------

# Draw a spinner so the user knows something is happening (summary channel, fd 6)
function echo_summary {
    echo -e $@ >&6
}

function echo_nolog {
    echo $@ >&3
}

LOGDAYS=${LOGDAYS:-7}
CURRENT_LOG_TIME=$(date "+$TIMESTAMP_FORMAT")
# The current tree reads VERBOSE here (a known DevStack bug), so a verbose console has no timestamps
if [[ "$SIM_ERA" == "2016" ]]; then
    _OUTFILTER_BARE=""
else
    VERBOSE_NO_TIMESTAMP=$(trueorfalse False VERBOSE)
    _OUTFILTER_BARE=""
    [[ "$VERBOSE_NO_TIMESTAMP" == "True" ]] && _OUTFILTER_BARE="-b"
fi

_OUTFILTER_PIDS=""
if [[ -n "$LOGFILE" ]]; then
    LOGFILE_DIR="${LOGFILE%/*}"
    LOGFILE_NAME="${LOGFILE##*/}"
    mkdir -p $LOGFILE_DIR
    find $LOGFILE_DIR -maxdepth 1 -name $LOGFILE_NAME.\* -mtime +$LOGDAYS -exec rm {} \;
    LOGFILE=$LOGFILE.${CURRENT_LOG_TIME}
    SUMFILE=$LOGFILE.summary.${CURRENT_LOG_TIME}

    exec 3>&1
    if [[ "$VERBOSE" == "True" ]]; then
        exec 1> >( $TOP_DIR/tools/outfilter.py -v $_OUTFILTER_BARE -o "${LOGFILE}" ) 2>&1
        _OUTFILTER_PIDS+=" $!"
        exec 6> >( $TOP_DIR/tools/outfilter.py -o "${SUMFILE}" )
        _OUTFILTER_PIDS+=" $!"
    else
        exec 1> >( $TOP_DIR/tools/outfilter.py -o "${LOGFILE}" ) 2>&1
        _OUTFILTER_PIDS+=" $!"
        exec 6> >( $TOP_DIR/tools/outfilter.py -v -o "${SUMFILE}" >&3 )
        _OUTFILTER_PIDS+=" $!"
    fi

    echo_summary "stack.sh log $LOGFILE"
    ln -sf $LOGFILE $LOGFILE_DIR/$LOGFILE_NAME
    ln -sf $SUMFILE $LOGFILE_DIR/$LOGFILE_NAME.summary
else
    exec 3>&1
    if [[ "$VERBOSE" != "True" ]]; then
        exec 1>/dev/null 2>&1
    fi
    exec 6> >( $TOP_DIR/tools/outfilter.py -v >&3 )
    _OUTFILTER_PIDS+=" $!"
fi

# Basic test for ``$DEST`` path permissions (fatal on error unless skipped)
function check_path_perm_sanity {
    local real_path
    real_path=$(readlink -f $1)
    local rebuilt_path=""
    local i
    for i in $(echo ${real_path} | tr "/" " "); do
        rebuilt_path=$rebuilt_path"/"$i
        if [[ $(stat -c '%a' ${rebuilt_path}) = 700 ]]; then
            echo "*** DEST path element"
            echo "***    ${rebuilt_path}"
            echo "*** appears to have 0700 permissions."
            echo "*** This is very likely to cause fatal issues for DevStack daemons."
            if [[ -n "$SKIP_PATH_SANITY" ]]; then
                return
            else
                die $LINENO "Invalid path permissions"
            fi
        fi
    done
}
check_path_perm_sanity ${DEST}

# Error traps
# -----------

trap exit_trap EXIT
function exit_trap {
    local r=$?
    jobs=$(jobs -p)
    if [[ -n $jobs && -n "$LOGFILE" && "$VERBOSE" == "True" ]]; then
        echo "exit_trap: cleaning up child processes"
        kill 2>&1 $jobs
    fi

    if [[ $r -ne 0 ]]; then
        echo "Error on exit"
        if type -p generate-subunit > /dev/null; then
            generate-subunit $DEVSTACK_START_TIME $SECONDS 'fail' >> ${SUBUNIT_OUTPUT}
        elif [[ "$SIM_ERA" == "2016" ]]; then
            # os-testr is not installed yet early in a 2016 run
            generate-subunit $DEVSTACK_START_TIME $SECONDS 'fail' >> ${SUBUNIT_OUTPUT} || true
        fi
        if [[ -z $LOGDIR ]]; then
            $TOP_DIR/tools/worlddump.py
        else
            $TOP_DIR/tools/worlddump.py -d $LOGDIR
        fi
    fi

    # Not DevStack: close the log pipes and let the filters finish, so the log is complete on exit
    set +o xtrace
    exec 1>&3 2>&3 6>&-
    local pid
    for pid in $_OUTFILTER_PIDS; do
        wait $pid 2>/dev/null || true
    done
    exit $r
}

trap err_trap ERR
function err_trap {
    local r=$?
    set +o xtrace
    if [[ -n "$LOGFILE" ]]; then
        echo "${0##*/} failed: full log in $LOGFILE"
    else
        echo "${0##*/} failed"
    fi
    exit $r
}

set -o errexit

DEVSTACK_START_TIME=$(date +%s)
SUBUNIT_OUTPUT=$DEST/devstack.subunit
[[ -n "$LOGDIR" ]] && touch $LOGDIR/error.log

# Configure the services
source $TOP_DIR/lib/database
source $TOP_DIR/lib/keystone
source $TOP_DIR/lib/neutron
source $TOP_DIR/lib/services

# Passwords
# ---------

function read_password {
    local xtrace
    case $- in *x*) xtrace="set -o xtrace" ;; *) xtrace="set +o xtrace" ;; esac
    set +o xtrace
    var=$1; msg=$2
    pw=${!var}
    if [[ -f $RC_DIR/localrc ]]; then
        localrc=$TOP_DIR/localrc
    else
        localrc=$TOP_DIR/.localrc.password
    fi
    if [ ! $pw ]; then
        if [[ ! -e $localrc ]]; then
            if ! sim_writable $(dirname $localrc); then
                echo "touch: cannot touch '$localrc': Permission denied" >&2
                return 1
            fi
            touch $localrc
        fi
        echo ''
        echo '################################################################################'
        echo $msg
        echo '################################################################################'
        echo "This value will be written to ${localrc} file so you don't have to enter it "
        echo "again.  Use only alphanumeric characters."
        echo "If you leave this blank, a random default value will be used."
        pw=" "
        while true; do
            echo "Enter a password now:"
            # stdin at EOF (</dev/null) makes read fail, and errexit ends the run here
            read -e $var
            pw=${!var}
            [[ "$pw" = "`echo $pw | tr -cd [:alnum:]`" ]] && break
            echo "Invalid chars in password.  Try again:"
        done
        if [ ! $pw ]; then
            pw=$(head -c 10 /dev/urandom | od -An -tx1 | tr -d ' \n')
        fi
        eval "$var=$pw"
        echo "$var=$pw" >> $localrc
    fi
    $xtrace
}

if is_service_enabled mysql; then
    initialize_database_backends && echo "Using $DATABASE_TYPE database backend"
    read_password DATABASE_PASSWORD "ENTER A PASSWORD TO USE FOR THE DATABASE."
    define_database_baseurl
fi
if is_service_enabled rabbit; then
    read_password RABBIT_PASSWORD "ENTER A PASSWORD TO USE FOR RABBIT."
fi
if is_service_enabled keystone; then
    read_password SERVICE_PASSWORD "ENTER A SERVICE_PASSWORD TO USE FOR THE SERVICE AUTHENTICATION."
    read_password ADMIN_PASSWORD "ENTER A PASSWORD TO USE FOR HORIZON AND KEYSTONE (20 CHARS OR LESS)."
fi

save_stackenv $LINENO

# Install Packages
# ================

# Clone all required repos
echo_summary "Installing package prerequisites"
git_clone $REQUIREMENTS_REPO $REQUIREMENTS_DIR $REQUIREMENTS_BRANCH

source $TOP_DIR/tools/install_prereqs.sh

if is_service_enabled $DATABASE_BACKENDS; then
    install_database
fi
install_rpc_backend
restart_rpc_backend
if is_service_enabled neutron; then
    install_neutron_agent_packages
fi

echo_summary "Installing OpenStack project source"
if is_service_enabled keystone; then
    install_keystone
    configure_keystone
fi

if is_service_enabled $DATABASE_BACKENDS; then
    configure_database
fi

save_stackenv $LINENO

# 2016: services run in a screen session, created once the database is configured
if [[ "$SIM_ERA" == "2016" ]]; then
    screen -d -m -S $SCREEN_NAME -t shell -s /bin/bash
    sudo mkdir -p $SERVICE_DIR/$SCREEN_NAME
    sudo chown -R $STACK_USER $SERVICE_DIR
fi

if is_service_enabled neutron; then
    echo_summary "Configuring Neutron"
    configure_neutron
fi

if is_service_enabled keystone; then
    echo_summary "Starting Keystone"
    init_keystone
    start_keystone
    bootstrap_keystone
    create_keystone_accounts
fi

# Apply configuration from local.conf post-config sections
merge_config_group $TOP_DIR/local.conf post-config

start_support_services

if is_service_enabled neutron; then
    echo_summary "Starting Neutron"
    start_neutron
fi
if is_service_enabled placement-api; then
    echo_summary "Starting Placement"
    start_placement
fi
if is_service_enabled nova; then
    echo_summary "Starting Nova"
    start_nova
fi
if is_service_enabled cinder; then
    echo_summary "Starting Cinder"
    start_cinder
fi
if is_service_enabled glance; then
    echo_summary "Starting Glance"
    start_glance
fi
if is_service_enabled horizon; then
    echo_summary "Starting Horizon"
    start_horizon
fi

save_stackenv

merge_config_group $TOP_DIR/local.conf extra
merge_config_group $TOP_DIR/local.conf post-extra

service_check

if [[ "$SIM_ERA" != "2016" ]]; then
    merge_config_group $TOP_DIR/local.conf test-config
fi

# Wrap up
# =======

set +o xtrace

time_totals

echo ""
echo ""
echo ""
echo "This is your host IP address: $HOST_IP"
if [ "$HOST_IPV6" != "" ]; then
    echo "This is your host IPv6 address: $HOST_IPV6"
fi

if is_service_enabled horizon; then
    echo "Horizon is now available at http://$_SIM_APACHE$HORIZON_APACHE_ROOT"
fi

if is_service_enabled keystone; then
    echo "Keystone is serving at $KEYSTONE_SERVICE_URI/"
    echo "The default users are: admin and demo"
    echo "The password: $ADMIN_PASSWORD"
fi

if [[ -n "$DEPRECATED_TEXT" ]]; then
    echo
    echo -e "WARNING: $DEPRECATED_TEXT"
    echo
fi

if [[ "$SIM_ERA" != "2016" ]]; then
    echo
    echo "Services are running under systemd unit files."
    echo "For more information see: "
    echo "https://docs.openstack.org/devstack/latest/systemd.html"
    echo
fi

# Report the virtual runtime, as the timing table does
SECONDS=$(( _SIM_CLOCK_MS / 1000 ))
echo_summary "stack.sh completed in $SECONDS seconds."
