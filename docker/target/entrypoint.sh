#!/bin/bash
# A Docker lab target at start: fresh SSH host keys (so a recreated target is a changed host key), the lab's
# key for the stack user, MariaDB and ovsdb-server running, the simulator's endpoints on this host's address,
# the faults in FAULTS applied as host state (the seed article's six: git-protocol, stale-run, apt-source,
# mysql-root, ovs-socket, no-proxy), then sshd in the foreground.
#   AUTHORIZED_KEY   the public key the stack user accepts (or a file at /run/lab/authorized_keys)
#   FAULTS           comma list (seed = all six), default none
#   LAB_PROXY        the corporate proxy of the no-proxy fault (http://HOST:PORT)
#   SIM_TIME_SCALE   how fast the simulated stack.sh runs (default 0.002)
set -euo pipefail
faults=",${FAULTS:-none},"
[[ $faults == *,seed,* ]] && faults="$faults,git-protocol,stale-run,apt-source,mysql-root,ovs-socket,no-proxy,"
has() { [[ $faults == *",$1,"* ]]; }

ssh-keygen -A >/dev/null
install -d -o stack -g stack -m 0700 /opt/stack/.ssh
if [[ -r /run/lab/authorized_keys ]]; then cp /run/lab/authorized_keys /opt/stack/.ssh/authorized_keys
elif [[ -n ${AUTHORIZED_KEY:-} ]]; then printf '%s\n' "$AUTHORIZED_KEY" > /opt/stack/.ssh/authorized_keys; fi
[[ -e /opt/stack/.ssh/authorized_keys ]] && chown stack:stack /opt/stack/.ssh/authorized_keys && chmod 0600 /opt/stack/.ssh/authorized_keys

host_ip=$(ip -4 -o addr show scope global 2>/dev/null | awk '{ split($4, a, "/"); print a[1]; exit }')
host_ip=${host_ip:-127.0.0.1}
echo "$host_ip" > /etc/sim/host-ip
# the lab network is reached directly (not through the proxy): its /24
echo "${host_ip%.*}." > /etc/sim/direct-networks
cat > /etc/environment <<ENV
PATH="/opt/sim/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"
SIM_ROOT=/
SIM_USER=stack
SIM_STANDINS=/opt/sim/bin
SIM_TIME_SCALE=${SIM_TIME_SCALE:-0.002}
SIM_GIT_CONNECT_SECONDS=1
ENV
if has no-proxy; then
  proxy=${LAB_PROXY:-http://10.10.126.187:3129}
  printf 'http_proxy=%s\nhttps_proxy=%s\nno_proxy=localhost,127.0.0.1\n' "$proxy" "$proxy" >> /etc/environment
fi

# MariaDB, reachable from the lab network (the provisioner probes it)
printf '[mysqld]\nbind-address = 0.0.0.0\n' > /etc/mysql/mariadb.conf.d/90-lab.cnf
install -d -o mysql -g mysql /run/mysqld
mariadbd --user=mysql >/var/log/mariadb.log 2>&1 &
for _ in $(seq 1 60); do mariadb -uroot -e 'SELECT 1' >/dev/null 2>&1 && break; sleep 0.5; done
touch /run/sim/services/mysql   # the real one: the systemctl and ss stand-ins know it runs
if has mysql-root; then
  # installed before DevStack, root with a password DevStack does not know; the maintenance account in debian.cnf
  maint=$(head -c 12 /dev/urandom | od -An -tx1 | tr -d ' \n')
  mariadb -uroot <<SQL
CREATE USER IF NOT EXISTS 'debian-sys-maint'@'localhost' IDENTIFIED BY '$maint';
GRANT ALL PRIVILEGES ON *.* TO 'debian-sys-maint'@'localhost' WITH GRANT OPTION;
ALTER USER 'root'@'localhost' IDENTIFIED VIA mysql_native_password USING PASSWORD('oldroot2015');
FLUSH PRIVILEGES;
SQL
  printf '[client]\nhost     = localhost\nuser     = debian-sys-maint\npassword = %s\nsocket   = /run/mysqld/mysqld.sock\n' \
    "$maint" > /etc/mysql/debian.cnf
  chmod 0600 /etc/mysql/debian.cnf
fi

# Open vSwitch's database (no kernel module here: ovsdb-server alone)
install -d /var/run/openvswitch /etc/openvswitch
[[ -e /etc/openvswitch/conf.db ]] || ovsdb-tool create /etc/openvswitch/conf.db /usr/share/openvswitch/vswitch.ovsschema
ovsdb-server /etc/openvswitch/conf.db --remote=punix:/var/run/openvswitch/db.sock --pidfile --detach \
  --log-file=/var/log/ovsdb-server.log
for _ in $(seq 1 40); do [[ -S /var/run/openvswitch/db.sock ]] && break; sleep 0.25; done
ovs-vsctl --no-wait init
groupadd -f openvswitch
if has ovs-socket; then
  chown root:root /var/run/openvswitch/db.sock && chmod 0750 /var/run/openvswitch/db.sock
else
  usermod -aG openvswitch stack
  chgrp openvswitch /var/run/openvswitch/db.sock && chmod 0770 /var/run/openvswitch/db.sock
fi

if has apt-source; then
  echo "deb http://ppa.launchpad.net/ondrej/php/ubuntu trusty main" > /etc/apt/sources.list.d/ondrej-php.list
  echo "http://ppa.launchpad.net/ondrej/php/ubuntu" > /etc/sim/apt-dead
fi
if has stale-run; then
  touch /run/sim/services/keystone
  echo "uwsgi keystone-uwsgi-public.ini (pid 24511) from the previous run" > /run/sim/stale/keystone
  install -d /etc/systemd/system
  printf '[Unit]\nDescription=Devstack devstack@keystone.service\n' > /etc/systemd/system/devstack@keystone.service
fi
if has git-protocol; then
  # git:// is blocked here, and this host's DevStack tree defaults GIT_BASE to it (the article's tree)
  install -d /etc/sim/network
  echo "git:// (port 9418) is blocked; only the HTTP proxy gets out" > /etc/sim/network/git-blocked
  su stack -s /bin/bash -c '
    set -e; work=$(mktemp -d)
    git clone -q /srv/git/devstack.git "$work/devstack"
    sed -i "s|GIT_BASE=\${GIT_BASE:-https://opendev.org}|GIT_BASE=\${GIT_BASE:-git://git.openstack.org}|" "$work/devstack/stackrc"
    git -C "$work/devstack" -c user.name=lab -c user.email=lab@localhost commit -qam "Merge \"GIT_BASE defaults to git://\""
    git -C "$work/devstack" push -q origin master
    rm -rf "$work"'

fi

python3 /opt/sim/sim-endpoints.py "$host_ip" >/var/log/sim-endpoints.log 2>&1 &
touch /run/sim/ready
echo "target ready: $host_ip faults=${FAULTS:-none}"
exec /usr/sbin/sshd -D -e
