# Preflight fact gathering: ONE round trip per host. Read-only. Prints key=value lines, nothing else.
# Arguments: $1 devstack dir, $2 ovs db socket, $3 apt dir ('' = skip apt check), $4 git:// URL to try
# ('' = skip), $5 https URL to try ('' = skip), $6 proxy host:port ('' = none), $7 ports to check (comma list)
# stdin: line 1 = the database password (never on a command line), further lines: proxy exports to eval.
set -u
dir=$1 sock=$2 aptdir=$3 giturl=$4 httpsurl=$5 proxy=$6 ports=$7
IFS= read -r dbpw || dbpw=
proxyenv=$(cat)
# builtins only: on a slow host every fork counts, and this runs ~25 times
fact() { local v=${2//$'\n'/ }; v=${v//$'\r'/ }; printf '%s=%s\n' "$1" "${v:0:300}"; }

fact uid "$(id -u)"
fact user "$(id -un)"
if out=$(sudo -n true 2>&1); then fact sudo ok; else fact sudo "${out:-refused}"; fi
if [ -r /etc/os-release ]; then . /etc/os-release; fi
fact distro_id "${ID:-unknown}"
fact distro_codename "${VERSION_CODENAME:-}"
fact distro_version "${VERSION_ID:-}"
if [ -f "$dir/stack.sh" ]; then
  fact supported "$(grep -m1 -oE 'SUPPORTED_DISTROS="[^"]*"|DISTRO\} =~ \([^)]*\)' "$dir/stack.sh" | sed -E 's/.*[("]([^")]*)[")].*/\1/')"
fi
fact cpus "$(nproc 2>/dev/null || echo 0)"
mem=""; while read -r k v _; do [ "$k" = MemTotal: ] && { mem=$v; break; }; done </proc/meminfo 2>/dev/null
fact mem_kb "$mem"
p=$dir; while [ ! -d "$p" ] && [ "$p" != / ]; do p=$(dirname "$p"); done
fact disk_kb "$(df -Pk "$p" 2>/dev/null | awk 'NR==2{print $4}')"
fact disk_path "$p"
fact ntp "$(timedatectl show -p NTPSynchronized --value 2>/dev/null || echo unknown)"
fact locale "$(locale -a 2>/dev/null | grep -ciE '^en_US\.utf-?8$')"
# only a stack.sh running in this tree counts (other trees, other users' runs are not ours to judge)
running=""
tree=$(cd "$dir" 2>/dev/null && pwd -P) || tree=""
if [ -n "$tree" ]; then
  for pid in $(pgrep -f '[s]tack\.sh' 2>/dev/null); do
    [ "$(readlink "/proc/$pid/cwd" 2>/dev/null)" = "$tree" ] && running="$running $pid"
  done
fi
fact stack_running "$running"
fact screen_stack "$( (screen -ls 2>/dev/null || true) | grep -c '[.]stack[[:space:]]')"
fact stale_localrc "$( [ -e "$dir/localrc" ] && echo localrc) $( [ -e "$dir/.localrc.password" ] && echo .localrc.password)"
listen=$( (sudo -n ss -Hltnp 2>/dev/null || ss -Hltn 2>/dev/null) | awk '{print $4" "$6}')
for port in ${ports//,/ }; do
  owner=$(printf '%s\n' "$listen" | awk -v p=":$port" '$1 ~ p"$" {print $2; exit}')
  [ -n "$owner" ] || owner=$(printf '%s\n' "$listen" | awk -v p=":$port" '$1 ~ p"$" {print "in-use"; exit}')
  [ -n "$owner" ] && fact "port_$port" "$(printf '%s' "$owner" | sed -E 's/.*\(\("([^"]+)".*/\1/')"
done
if command -v mysql >/dev/null 2>&1; then
  if [ -n "$dbpw" ]; then
    cnf=$(umask 077; mktemp)
    printf '[client]\nuser=root\npassword=%s\n' "$dbpw" > "$cnf"
    if out=$(timeout 10 mysql --defaults-extra-file="$cnf" -h127.0.0.1 -e 'SELECT 1' 2>&1); then fact mysql ok; else fact mysql "$out"; fi
    rm -f "$cnf"
  fi
else
  fact mysql absent
fi
if command -v ovs-vsctl >/dev/null 2>&1 && [ -e "$sock" ]; then
  if out=$(timeout 10 ovs-vsctl --db="unix:$sock" --timeout=5 show 2>&1 >/dev/null); then fact ovs ok
  else rc=$?; fact ovs "${out:-ovs-vsctl show gave no answer (exit $rc)}"; fi
else
  fact ovs absent
fi
eval "$proxyenv"
if [ -n "$proxy" ]; then
  if timeout 5 bash -c "exec 3<>/dev/tcp/${proxy%:*}/${proxy##*:}" 2>/dev/null; then fact proxy ok; else fact proxy unreachable; fi
fi
if [ -n "$giturl" ]; then
  if out=$(GIT_TERMINAL_PROMPT=0 timeout 15 git ls-remote "$giturl" HEAD 2>&1 >/dev/null); then fact git_proto ok; else fact git_proto "${out:-timed out}"; fi
fi
if [ -n "$httpsurl" ]; then
  if out=$(GIT_TERMINAL_PROMPT=0 timeout 20 git ls-remote "$httpsurl" HEAD 2>&1 >/dev/null); then fact git_https ok; else fact git_https "${out:-timed out}"; fi
fi
if [ -n "$aptdir" ] && command -v apt-get >/dev/null 2>&1; then
  out=$(timeout 120 sudo -n apt-get -o Dir::Etc="$aptdir" -q update 2>&1)
  rc=$?
  bad=$(printf '%s\n' "$out" | grep -E '^(Err:|E: |W: Failed to fetch)' | head -3 | tr '\n' ' ')
  if [ $rc -eq 0 ] && [ -z "$bad" ]; then fact apt ok; else fact apt "${bad:-apt-get update exited $rc}"; fi
fi
fact done yes
