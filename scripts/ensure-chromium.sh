#!/usr/bin/env bash
# Installs Debian's `chromium` when missing (the browser tests drive it with playwright-core; no
# browser is ever downloaded from anywhere else) and prints the path of its binary. Waits for
# another apt-get holding the dpkg lock (several agents or scripts may install at once).
source "$(dirname "$0")/lib/common.sh"

find_chromium() {
  local candidate
  for candidate in "${CHROMIUM_BIN:-}" /usr/bin/chromium /usr/lib/chromium/chromium; do
    if [ -n "$candidate" ] && [ -x "$candidate" ]; then
      echo "$candidate"
      return 0
    fi
  done
  return 1
}

if ! find_chromium >/dev/null; then
  step "Installing Debian package: chromium (for the browser tests)"
  export DEBIAN_FRONTEND=noninteractive
  if ! apt-cache policy chromium 2>/dev/null | grep -q 'Candidate: [0-9]'; then
    with_progress "apt-get update" "$GOMALL_CACHE_DIR/logs/apt-update.log" as_root apt-get update
  fi
  with_progress "apt-get install chromium" "$GOMALL_CACHE_DIR/logs/apt-chromium.log" \
    as_root apt-get -o DPkg::Lock::Timeout=600 install -y --no-install-recommends chromium fonts-dejavu-core
fi
find_chromium || fail "chromium is not installed and could not be installed"
