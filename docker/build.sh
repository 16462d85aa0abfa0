#!/usr/bin/env bash
# Builds every image from the repository root: devstack-provisioner (the tool, docker/provisioner) and
# devstack-target (a DevStack-shaped SSH host, docker/target). Where no registry answers, the Debian base
# is built locally first (base-image.sh) and passed as BASE. Layers are cached: a second run with the same
# sources takes seconds. Prints each image's size.
#   docker/build.sh [--from-target] [provisioner|target ...]     (default: both)
# --from-target: the provisioner image takes the jars ./mvnw package left in target/ (the Dockerfile's prebuilt
# stage) instead of running Maven inside docker build: what the Docker test tier and CI after a Maven build use.
set -euo pipefail
cd "$(dirname "$0")/.."
stage_args=()
images=()
for arg in "$@"; do
  case "$arg" in
    --from-target) stage_args=(--target prebuilt) ;;
    -*) echo "build: unknown option '$arg' (--from-target)" >&2; exit 2 ;;
    *) images+=("$arg") ;;
  esac
done
((${#images[@]})) || images=(provisioner target)
if ((${#stage_args[@]})); then
  for jar in target/provisioner.jar target/provisioner-sandbox.jar target/provisioner.rules.bin; do
    if [[ ! -f $jar ]]; then
      echo "build: --from-target needs $jar: run ./mvnw -B -ntp package -DskipTests first" >&2
      exit 2
    fi
  done
fi

base_args=()
if ! docker image inspect debian:bookworm-slim >/dev/null 2>&1; then
  if timeout 30 docker pull -q debian:bookworm-slim >/dev/null 2>&1; then
    :
  else
    echo "build: no registry answers; building the Debian base locally"
    docker/base-image.sh
    base_args=(--build-arg "BASE=${BASE_IMAGE:-devstack-provisioner/base:bookworm}")
  fi
fi

# a TLS-inspecting proxy's CA, if this machine has one (Maven Central is fetched in the build)
extra_ca=${EXTRA_CA_DIR:-/usr/local/share/ca-certificates}
if compgen -G "$extra_ca/*.crt" >/dev/null; then
  cp "$extra_ca"/*.crt docker/certs/
fi

for image in "${images[@]}"; do
  case "$image" in
    provisioner) tag=devstack-provisioner; stage=("${stage_args[@]}") ;;
    target) tag=devstack-target; stage=() ;;
    *) echo "build: unknown image '$image' (provisioner, target)" >&2; exit 2 ;;
  esac
  echo "build: $tag"
  log=$(mktemp)
  if ! docker build --network host "${base_args[@]}" "${stage[@]}" -t "$tag" -f "docker/$image/Dockerfile" . >"$log" 2>&1; then
    tail -30 "$log" >&2
    rm -f "$log"
    exit 1
  fi
  rm -f "$log"
  printf 'build: %s %s MB\n' "$tag" "$(( $(docker image inspect -f '{{.Size}}' "$tag") / 1000000 ))"
done
