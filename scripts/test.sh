#!/usr/bin/env bash
# The project's test command: installs what the tests need (Debian packages, only as root and only when
# missing), then runs every test tier with the Maven wrapper. Idempotent; safe to run twice.
set -euo pipefail
cd "$(dirname "$0")/.."

# The JDK, and the real components the tests start on loopback / in namespaces they create themselves.
PACKAGES=(
  openjdk-17-jdk-headless  # the build itself (./mvnw needs a JDK 17)
  openssh-server openssh-client sudo iproute2 procps util-linux psmisc
  mariadb-server mariadb-client openvswitch-switch tinyproxy rabbitmq-server memcached redis-server
  git dpkg-dev apt-utils netcat-openbsd curl python3 python3-venv python3-pip locales screen
  time  # ColdStartIT runs the launcher through lab/TimedCommand
  postgresql postgresql-client  # service tests: lab/PostgresServer
  chromium chromium-driver  # dashboard tests: lab/ChromiumBrowser
)
# The Docker tier (*DockerIT, docker/): an engine and debootstrap for the local base image.
PACKAGES+=(docker.io docker-compose debootstrap)  # docker-compose: ComposeLabDockerIT
# Tools the benchmarks compare against (scripts/bench.sh).
BENCH_PACKAGES=(pssh nmap ansible hyperfine)

missing=()
for p in "${PACKAGES[@]}" ${WITH_BENCH:+"${BENCH_PACKAGES[@]}"}; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
if ((${#missing[@]})); then
  if [[ $(id -u) -eq 0 ]]; then
    echo "installing: ${missing[*]}"
    # Packages must not start their services system-wide: the tests start private instances.
    if [[ ! -e /usr/sbin/policy-rc.d ]]; then
      printf '#!/bin/sh\nexit 101\n' > /usr/sbin/policy-rc.d && chmod +x /usr/sbin/policy-rc.d
      trap 'rm -f /usr/sbin/policy-rc.d' EXIT
    fi
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  else
    echo "not root: cannot install ${missing[*]}; real-component tests will skip (CI=true makes them fail)" >&2
  fi
fi

# The Docker tier needs an engine: start one (docker/dockerd.sh) when none answers and we may. Without one
# the tier skips, or fails with CI=true.
if command -v docker >/dev/null && ! docker info >/dev/null 2>&1 && [[ $(id -u) -eq 0 ]]; then
  docker/dockerd.sh || echo "no Docker engine: the Docker tier will skip (CI=true: fail)" >&2
fi

exec ./mvnw -B -ntp verify "$@"
