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

bash "$(dirname "$0")/apt-install.sh" install-registry "${need[@]}"
echo "install-registry: $(/usr/bin/docker-registry --version 2>&1 | head -1); $(skopeo --version)"
