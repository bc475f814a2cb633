#!/usr/bin/env bash
# Installs Debian packages for a test suite, quietly: apt's log is printed only on failure.
#   bash .ci/apt-install.sh NAME PACKAGE...
# NAME prefixes every line. Exit status 3: no way to install as this user (not root and no
# password-less sudo), so the caller can skip its suite with a message instead of failing.
set -euo pipefail
name="$1"
shift

sudo=()
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1 && sudo -n true >/dev/null 2>&1; then
    sudo=(sudo -n)
  else
    echo "$name: root or password-less sudo is needed to apt-get install $*" >&2
    exit 3
  fi
fi

log="$(mktemp)"
trap 'rm -f "$log"' EXIT
echo "$name: apt-get install $*"
if ! "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -q >"$log" 2>&1 ||
  ! "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends \
    "$@" >>"$log" 2>&1; then
  cat "$log" >&2
  echo "$name: apt-get failed for $*" >&2
  exit 1
fi
