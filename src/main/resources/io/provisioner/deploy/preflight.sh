# Preflight fact gathering: ONE round trip per host. Read-only. Prints key=value lines, nothing else.
# Arguments: $1 devstack dir, $2 ovs db socket, $3 apt dir ('' = skip apt check), $4 git:// URL to try
# ('' = skip), $5 https URL to try ('' = skip), $6 proxy host:port ('' = none), $7 ports to check (comma list)
# stdin: line 1 = the database password (never on a command line), further lines: proxy exports to eval.
#
# Cost: this runs on every host before anything else, often on fifty at once, and a fork+exec costs
# 5-10 ms of CPU on a small VM. So facts come from bash builtins, /proc and /sys where the kernel says it
# all, and from one program each where a program is the authority (id, sudo, df, locale -a, ss); the rest
# run only when what they check is there (a tree to read, a busy port to name, a MySQL listening, an OVS
# socket). A sandbox host (deploy --sandbox) answers through stand-ins of exactly those programs.
set -u
dir=$1 sock=$2 aptdir=$3 giturl=$4 httpsurl=$5 proxy=$6 ports=$7
IFS= read -r dbpw || dbpw=
IFS= read -r -d '' proxyenv || true
fact() { local v=${2//$'\n'/ }; v=${v//$'\r'/ }; printf '%s=%s\n' "$1" "${v:0:300}"; }

uid=$EUID user=""
re='^uid=([0-9]+)\(([^)]*)\)'
if [[ $(id 2>/dev/null) =~ $re ]]; then uid=${BASH_REMATCH[1]} user=${BASH_REMATCH[2]}; fi
fact uid "$uid"
fact user "$user"
if [ "$uid" = 0 ]; then fact sudo ok   # root needs no sudo: the provisioner does not use it for root
elif out=$(sudo -n true 2>&1); then fact sudo ok
else
  # sudo's own words, without its warning that this host's name does not resolve (the hostname check says so)
  why=""
  while IFS= read -r l; do [[ $l == "sudo: unable to resolve host "* ]] || why="${why:+$why }$l"; done <<<"$out"
  fact sudo "${why:-refused}"
fi

if [ -r /etc/os-release ]; then . /etc/os-release; fi
fact distro_id "${ID:-unknown}"
fact distro_codename "${VERSION_CODENAME:-}"
fact distro_version "${VERSION_ID:-}"
if [ -f "$dir/stack.sh" ]; then
  line=$(grep -m1 -oE 'SUPPORTED_DISTROS="[^"]*"|DISTRO\} =~ \([^)]*\)' "$dir/stack.sh")
  re='[("]([^")]*)[")]'
  if [[ $line =~ $re ]]; then fact supported "${BASH_REMATCH[1]}"; else fact supported "$line"; fi
fi

# /proc files are read whole with mapfile: bash's `read` reads ahead and seeks back for every line,
# and the kernel regenerates a /proc file up to the offset on each seek
set -f   # the fields split below are numbers and names, never patterns
# CPUs this shell may run on, as nproc counts them (the affinity mask)
cpus=0
mapfile -t rows </proc/self/status
for row in "${rows[@]}"; do
  set -- $row
  if [ "${1-}" = Cpus_allowed_list: ]; then
    for range in ${2//,/ }; do
      if [[ $range == *-* ]]; then cpus=$((cpus + ${range#*-} - ${range%-*} + 1)); else cpus=$((cpus + 1)); fi
    done
    break
  fi
done
[ "$cpus" -gt 0 ] || cpus=$(nproc 2>/dev/null || echo 0)
fact cpus "$cpus"
mem=""
mapfile -t rows </proc/meminfo
for row in "${rows[@]}"; do set -- $row; [ "${1-}" = MemTotal: ] && { mem=$2; break; }; done
set +f
fact mem_kb "$mem"
p=$dir
while [ ! -d "$p" ] && [ "$p" != / ]; do
  case $p in */*) p=${p%/*}; p=${p:-/} ;; *) p=. ;; esac
done
avail=""
if out=$(df -Pk "$p" 2>/dev/null); then read -r _ _ _ avail _ <<<"${out#*$'\n'}"; fi
fact disk_kb "$avail"
fact disk_path "$p"
# timedatectl asks systemd-timedated; without systemd there is nobody to ask
ntp=unknown
if [ -d /run/systemd/system ] && command -v timedatectl >/dev/null 2>&1; then
  ntp=$(timedatectl show -p NTPSynchronized --value 2>/dev/null) || ntp=unknown
fi
fact ntp "${ntp:-unknown}"
locales=$(locale -a 2>/dev/null) || locales=""
re=$'(^|\n)en_us[.]utf-?8(\n|$)'
if [[ ${locales,,} =~ $re ]]; then fact locale 1; else fact locale 0; fi

# the host's own name: where it does not resolve, every sudo warns "unable to resolve host NAME" (DevStack
# adds `hostname -s` to /etc/hosts only part-way through stack.sh), and RabbitMQ's node is named after it.
# /etc/hosts is read here; the resolver is asked only when the name is not in it.
resolves=""
if [ -r /etc/hosts ]; then
  mapfile -t rows </etc/hosts
  set -f   # host names, never patterns
  for row in "${rows[@]}"; do
    set -- ${row%%#*}
    [ $# -gt 1 ] || continue
    shift
    for n in "$@"; do if [ "$n" = "$HOSTNAME" ] || [ "$n" = "${HOSTNAME%%.*}" ]; then resolves=hosts; break 2; fi; done
  done
  set +f
fi
if [ -z "$resolves" ] && timeout 5 getent hosts "$HOSTNAME" >/dev/null 2>&1; then resolves=resolver; fi
fact hostname "$HOSTNAME"
fact hostname_resolves "${resolves:-no}"

# only a stack.sh running in this tree counts (other trees, other users' runs are not ours to judge):
# -ef compares /proc/PID/cwd with the tree by device and inode, so symlinked paths match too. A process
# counts when one of its arguments IS stack.sh (bash stack.sh, ./stack.sh), not when it merely names it
# (tail -f stack.sh.log, this script's own text).
running=""
if [ -d "$dir" ]; then
  for proc in /proc/[0-9]*; do
    [ "${proc#/proc/}" = "$$" ] && continue
    [[ $proc/cwd -ef $dir ]] || continue
    mapfile -d '' -t args 2>/dev/null <"$proc/cmdline" || continue
    for arg in "${args[@]:0:3}"; do
      if [ "$arg" = stack.sh ] || [[ $arg == */stack.sh ]]; then running="$running ${proc#/proc/}"; break; fi
    done
  done
fi
fact stack_running "$running"
# screen's sessions are the sockets PID.NAME in its directory; `screen -ls` would read the same
screens=0
screendir=${SCREENDIR:-/run/screen/S-$user}
if [ -d "$screendir" ]; then
  for s in "$screendir"/*.stack; do [[ ${s##*/} =~ ^[0-9]+[.]stack$ ]] && screens=$((screens + 1)); done
elif [ ! -d /run/screen ] && [ "$uid" != 0 ] && command -v screen >/dev/null 2>&1; then
  # never as root: root's `screen -ls` would create /run/screen 0755 (on a host booted without
  # systemd-tmpfiles), and a stack user's screen then refuses it ("must have mode 777"); root's own
  # sessions are not DevStack's anyway, stack.sh refuses to run as root
  out=$(screen -ls 2>/dev/null)
  re=$'[0-9]+[.]stack[[:space:]]'
  while IFS= read -r l; do [[ $l =~ $re ]] && screens=$((screens + 1)); done <<<"$out"
fi
fact screen_stack "$screens"
stale=""
[ -e "$dir/localrc" ] && stale=localrc
[ -e "$dir/.localrc.password" ] && stale="$stale .localrc.password"
fact stale_localrc "$stale"

# listening TCP ports; ss -p names the owners only for root, so sudo asks again if a DevStack port is busy
declare -A listening=()
ports_known=""
if command -v ss >/dev/null 2>&1; then
  if [ "$uid" = 0 ]; then listen=$(ss -Hltnp 2>/dev/null); else listen=$(ss -Hltn 2>/dev/null); fi
  ports_known=1
  set -f   # rows are split into fields below; they hold no patterns
  ifs=$IFS; IFS=$'\n'; rows=($listen); IFS=$ifs
  for row in "${rows[@]}"; do set -- $row; [ -n "${4-}" ] && listening[${4##*:}]=1; done   # State Recv-Q Send-Q Local ...
  busy=""
  for port in ${ports//,/ }; do [ -n "${listening[$port]:-}" ] && busy="$busy $port"; done
  if [ -n "$busy" ]; then
    if [ "$uid" != 0 ] && owners=$(sudo -n ss -Hltnp 2>/dev/null); then listen=$owners; fi
    IFS=$'\n'; rows=($listen); IFS=$ifs
    re='\(\("([^"]+)"'
    for port in $busy; do
      owner=in-use
      for row in "${rows[@]}"; do
        set -- $row
        [[ ${4-} == *:"$port" ]] || continue
        [[ $row =~ $re ]] && owner=${BASH_REMATCH[1]}
        break
      done
      fact "port_$port" "$owner"
    done
  fi
  set +f
fi

if command -v mysql >/dev/null 2>&1; then
  if [ -z "$dbpw" ]; then :
  elif [ -n "$ports_known" ] && [ -z "${listening[3306]:-}" ]; then fact mysql down   # installed, not running
  else
    # the option file is a private regular file (mktemp: 0600), not a here-string on /dev/fd/N: that is a
    # pipe in bash 5.1+, which option-file readers that check the file first (the sandbox's stand-in among
    # them) refuse, and then the root password went unchecked; printf is a builtin: the password is on no argv
    if cnf=$(mktemp 2>&1); then
      esc=${dbpw//\\/\\\\}; esc=${esc//\"/\\\"}
      printf '[client]\nuser=root\npassword="%s"\n' "$esc" >"$cnf"
      if out=$(timeout 10 mysql --defaults-extra-file="$cnf" -h127.0.0.1 -e 'SELECT 1' 2>&1); then fact mysql ok
      else fact mysql "$out"; fi
      rm -f -- "$cnf"
    else fact mysql "cannot create a temporary option file: $cnf"; fi
  fi
else
  fact mysql absent
fi
# a socket in a directory this login may not search is not absent: ovs-vsctl says what stops it
sockdir=${sock%/*}
if { [ -e "$sock" ] || { [ -d "$sockdir" ] && [ ! -x "$sockdir" ]; }; } && command -v ovs-vsctl >/dev/null 2>&1; then
  # --timeout bounds a server that does not answer; the outer one only a wedged client (a loaded host is slow)
  if out=$(timeout 30 ovs-vsctl --db="unix:$sock" --timeout=5 show 2>&1 >/dev/null); then fact ovs ok
  else rc=$?; fact ovs "${out:-ovs-vsctl show gave no answer (exit $rc)}"; fi
else
  fact ovs absent
fi
eval "$proxyenv"
# The network checks wait on the network, up to 5 s (proxy), 15 s (git://, often blocked by a firewall that drops
# it), 20 s (https) and 120 s (apt-get update) when something on the way drops packets: they run at once, each in
# a process substitution, and their facts are read back in this order. Only a check that runs costs a fork.
net=()
if [ -n "$proxy" ]; then
  exec {fd}< <(if timeout 5 bash -c "exec 3<>/dev/tcp/${proxy%:*}/${proxy##*:}" 2>/dev/null; then fact proxy ok; else fact proxy unreachable; fi)
  net+=("$fd")
fi
if [ -n "$giturl" ]; then
  exec {fd}< <(if out=$(GIT_TERMINAL_PROMPT=0 timeout 15 git ls-remote "$giturl" HEAD 2>&1 >/dev/null); then fact git_proto ok; else fact git_proto "${out:-timed out}"; fi)
  net+=("$fd")
fi
if [ -n "$httpsurl" ]; then
  exec {fd}< <(if out=$(GIT_TERMINAL_PROMPT=0 timeout 20 git ls-remote "$httpsurl" HEAD 2>&1 >/dev/null); then fact git_https ok; else fact git_https "${out:-timed out}"; fi)
  net+=("$fd")
fi
if [ -n "$aptdir" ] && command -v apt-get >/dev/null 2>&1; then
  exec {fd}< <(
    out=$(timeout 120 sudo -n apt-get -o Dir::Etc="$aptdir" -q update 2>&1)
    rc=$?
    bad=$(printf '%s\n' "$out" | grep -E '^(Err:|E: |W: Failed to fetch)' | head -3 | tr '\n' ' ')
    if [ $rc -eq 0 ] && [ -z "$bad" ]; then fact apt ok
    elif [ -n "$bad" ]; then fact apt "$bad"
    else fact apt "apt-get update exited $rc: ${out%%$'\n'*}"; fi)
  net+=("$fd")
fi
# ${net[@]+...}: an empty array is "unbound" to set -u in bash before 4.4
for fd in ${net[@]+"${net[@]}"}; do
  while IFS= read -r line <&"$fd"; do printf '%s\n' "$line"; done
  exec {fd}<&-
done
fact done yes
