#!/usr/bin/env bash
# Installs what the summary screenshots need: Debian's chromium, and a colour emoji font so the
# summary's ✅ ❌ ⚠️ show as they do on GitHub. Idempotent and quiet: does nothing when both are
# there; prints apt's log only on failure.
set -euo pipefail

need=()
[ -x /usr/bin/chromium ] || command -v chromium >/dev/null 2>&1 || need+=(chromium)
[ -e /usr/share/fonts/truetype/noto/NotoColorEmoji.ttf ] || need+=(fonts-noto-color-emoji)

if [ "${#need[@]}" -eq 0 ]; then
  echo "install-chromium: chromium and the emoji font already installed"
  exit 0
fi

# Exit status 3: no way to install as this user (not root, no password-less sudo).
sudo=()
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1 && sudo -n true >/dev/null 2>&1; then
    sudo=(sudo -n)
  else
    echo "install-chromium: root or password-less sudo is needed to apt-get install ${need[*]}" >&2
    exit 3
  fi
fi

log="$(mktemp)"
trap 'rm -f "$log"' EXIT
echo "install-chromium: apt-get install ${need[*]}"
if ! "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -q >"$log" 2>&1 ||
  ! "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends \
    "${need[@]}" >>"$log" 2>&1; then
  cat "$log" >&2
  echo "install-chromium: apt-get failed for ${need[*]}" >&2
  exit 1
fi
echo "install-chromium: $(chromium --version 2>&1 | tail -1)"
