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

bash "$(dirname "$0")/apt-install.sh" install-chromium "${need[@]}"
echo "install-chromium: $(chromium --version 2>&1 | tail -1)"
