# Common helpers for the sandbox stand-ins (sourced). A stand-in answers a system program's calls the
# way the real program does, but keeps every effect inside the host root $SIM_ROOT: the sandbox's JVM
# may run as root, so nothing here may touch the real system.
if [[ -z "${SIM_ROOT:-}" || ! -d "$SIM_ROOT" ]]; then
    echo "${0##*/}: sandbox stand-in used without SIM_ROOT" >&2
    exit 127
fi
SIM_USER=${SIM_USER:-stack}
# the effective user: sudo sets SIM_EUSER for the command it runs
SIM_EUSER=${SIM_EUSER:-$SIM_USER}
# on a real host (SIM_ROOT=/, the Docker lab's targets) the real sudo runs the stand-ins: the user is the real one
[[ "$SIM_ROOT" == / ]] && SIM_EUSER=$(id -un)
SIM_STATE=$SIM_ROOT/etc/sim

# real_cmd name: the real program, skipping the stand-in directories on PATH
real_cmd() {
    local name=$1 dir
    local IFS=:
    for dir in $PATH; do
        [[ "$dir" == "$SIM_STANDINS" || "$dir" == */tools/sim-bin ]] && continue
        [[ -x "$dir/$name" && ! -d "$dir/$name" ]] && { echo "$dir/$name"; return 0; }
    done
    return 1
}

# in_root path: true if the absolute path lies inside the host root (or is harmless)
in_root() {
    local p=$1
    [[ "$p" != /* ]] && return 0
    case "$p" in
        "$SIM_ROOT"|"$SIM_ROOT"/*|/dev/null|/dev/stdin|/dev/stdout|/dev/stderr|/dev/urandom) return 0 ;;
    esac
    return 1
}

# user_groups user: the user's groups from the host's etc/group (primary group first)
user_groups() {
    local user=$1 gid
    gid=$(awk -F: -v u="$user" '$1 == u { print $4 }' "$SIM_ROOT/etc/passwd" 2>/dev/null)
    awk -F: -v g="$gid" '$3 == g { print $1 }' "$SIM_ROOT/etc/group" 2>/dev/null
    awk -F: -v u="$user" '{ n = split($4, m, ","); for (i = 1; i <= n; i++) if (m[i] == u) print $1 }' \
        "$SIM_ROOT/etc/group" 2>/dev/null
}

# owner path: "user group" recorded for the path by the chown/chgrp stand-ins. A path never recorded
# belongs to the owner of its nearest recorded ancestor (whoever may write a directory creates files
# in it), or root.
OWNERS=$SIM_STATE/owners
owner_of() {
    local p
    p=$(readlink -m "$1")
    awk -F'\t' -v p="$p" '
        { own[$1] = $2 " " $3 }
        END {
            q = p
            while (q != "") {
                if (q in own) { print own[q]; exit }
                sub(/\/[^\/]*$/, "", q)
            }
            print "root root"
        }' "$OWNERS" 2>/dev/null || echo "root root"
}

# set_owners user group: records the owner of every path read from stdin (absolute, one a line);
# an empty user or group keeps the current one
set_owners() {
    local user=$1 group=$2 list p
    mkdir -p "$SIM_STATE"
    touch "$OWNERS"
    list=$(mktemp)
    if [[ -n "$user" && -n "$group" ]]; then
        # nothing of the current owner is kept: one readlink for every path (a fix-up may name hundreds)
        local paths=()
        mapfile -t paths
        ((${#paths[@]})) && readlink -m -- "${paths[@]}" | awk '{ print $0 "\t-" }' > "$list"
    else
        while IFS= read -r p; do
            p=$(readlink -m "$p")
            printf '%s\t%s\n' "$p" "$(owner_of "$p")" >> "$list"
        done
    fi
    [[ -s "$list" ]] || { rm -f "$list"; return 0; }
    awk -F'\t' -v OFS='\t' -v u="$user" -v g="$group" '
        NR == FNR { split($2, cur, " "); nu[$1] = (u != "" ? u : cur[1]); ng[$1] = (g != "" ? g : cur[2]); next }
        !($1 in nu) { print }
        END { for (p in nu) print p, nu[p], ng[p] }' "$list" "$OWNERS" > "$OWNERS.tmp"
    mv "$OWNERS.tmp" "$OWNERS"
    rm -f "$list"
}

# may_access user path bits: user may read(4)/write(2) the path by the recorded owner and real mode
may_access() {
    local user=$1 path=$2 bits=$3 mode o g
    [[ "$user" == "root" ]] && return 0
    mode=$(stat -c %a "$path" 2>/dev/null) || return 1
    mode=$(printf '%03d' "$mode")
    read -r o g < <(owner_of "$path")
    if [[ "$o" == "$user" ]]; then
        (( (${mode: -3:1} & bits) == bits ))
    elif user_groups "$user" | grep -qx "$g"; then
        (( (${mode: -2:1} & bits) == bits ))
    else
        (( (${mode: -1:1} & bits) == bits ))
    fi
}
