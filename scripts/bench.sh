#!/usr/bin/env bash
# Runs every benchmark of the project (JUnit tests tagged "benchmark": *BenchmarkTest in surefire,
# *BenchmarkIT in failsafe) with the bench profile, after installing the tools they compare against
# (pssh, nmap, ansible; time for the timings) when root and missing. Benchmarks print figures and assert only correctness;
# each also leaves its table in target/bench-*.txt, printed at the end.
# Usage: scripts/bench.sh [extra maven args, e.g. -Dit.test=PreflightBenchmarkIT -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false]
set -euo pipefail
cd "$(dirname "$0")/.."

BENCH_PACKAGES=(pssh nmap ansible time)
missing=()
for p in "${BENCH_PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
if ((${#missing[@]})); then
  if [[ $(id -u) -eq 0 ]]; then
    echo "installing: ${missing[*]}"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  else
    echo "not root: cannot install ${missing[*]}; the benchmarks that need them will skip" >&2
  fi
fi

echo "benchmarks: $(grep -rl '@Tag("benchmark")' src/test | sed 's|.*/||; s|\.java$||' | sort | tr '\n' ' ')"
echo "load before: $(cat /proc/loadavg)"
rm -f target/bench-*.txt
mvn_cmd=(mvn)
[[ -x ./mvnw ]] && mvn_cmd=(./mvnw)
status=0
"${mvn_cmd[@]}" -B -ntp -Pbench verify "$@" || status=$?
echo "load after: $(cat /proc/loadavg)"
for f in target/bench-*.txt; do
  [[ -e $f ]] && { echo "== $f"; cat "$f"; }
done
exit "$status"
