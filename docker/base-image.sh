#!/usr/bin/env bash
# Builds the local base image when no registry answers: `debootstrap --variant=minbase bookworm` and
# `docker import`, tagged $BASE_IMAGE (default devstack-provisioner/base:bookworm). Cached: an existing
# image is kept (FORCE=1 rebuilds). The Dockerfiles default to debian:bookworm-slim; build.sh passes this
# image as --build-arg BASE only when it had to build it.
set -euo pipefail
image=${BASE_IMAGE:-devstack-provisioner/base:bookworm}
mirror=${DEBIAN_MIRROR:-http://deb.debian.org/debian}

if [[ -z ${FORCE:-} ]] && docker image inspect "$image" >/dev/null 2>&1; then
  echo "base image: $image (cached)"
  exit 0
fi
work=$(mktemp -d /var/tmp/provisioner-base.XXXXXX)
trap 'rm -rf "$work"' EXIT
echo "base image: debootstrap --variant=minbase bookworm from $mirror"
debootstrap --variant=minbase bookworm "$work/rootfs" "$mirror" >"$work/debootstrap.log" 2>&1 || {
  tail -20 "$work/debootstrap.log" >&2
  exit 1
}
# as the official slim image: no apt caches or lists, the Debian sources in deb822 form
rm -rf "$work/rootfs"/var/cache/apt/archives/*.deb "$work/rootfs"/var/lib/apt/lists/*
rm -f "$work/rootfs/etc/apt/sources.list"
cat > "$work/rootfs/etc/apt/sources.list.d/debian.sources" <<SOURCES
Types: deb
URIs: $mirror
Suites: bookworm bookworm-updates
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg

Types: deb
URIs: ${mirror%/debian}/debian-security
Suites: bookworm-security
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg
SOURCES
tar -C "$work/rootfs" -c . | docker import \
  -c 'CMD ["bash"]' -c 'ENV LANG=C.UTF-8' - "$image" >/dev/null
echo "base image: $image built"
