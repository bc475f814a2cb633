#!/usr/bin/env bash
# Installs what the oci tests need: Debian's distribution registry (docker-registry) and skopeo.
# Idempotent and quiet: does nothing when both are already there; prints apt's log only on failure.
set -euo pipefail

need=()
[ -x /usr/bin/docker-registry ] || command -v docker-registry >/dev/null 2>&1 || need+=(docker-registry)
command -v skopeo >/dev/null 2>&1 || need+=(skopeo)

if [ "${#need[@]}" -eq 0 ]; then
  echo "install-registry: docker-registry and skopeo already installed"
  exit 0
fi

# Exit status 3: no way to install as this user (not root, no password-less sudo).
sudo=()
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1 && sudo -n true >/dev/null 2>&1; then
    sudo=(sudo -n)
  else
    echo "install-registry: root or password-less sudo is needed to apt-get install ${need[*]}" >&2
    exit 3
  fi
fi

log="$(mktemp)"
trap 'rm -f "$log"' EXIT
echo "install-registry: apt-get install ${need[*]}"
if ! "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -q >"$log" 2>&1 ||
  ! "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends \
    "${need[@]}" >>"$log" 2>&1; then
  cat "$log" >&2
  echo "install-registry: apt-get failed for ${need[*]}" >&2
  exit 1
fi
echo "install-registry: $(/usr/bin/docker-registry --version 2>&1 | head -1); $(skopeo --version)"
