#!/usr/bin/env bash
# Installs Debian's `chromium` when missing (the browser tests drive it with playwright-core; no
# browser is ever downloaded from anywhere else) and prints the path of its binary.
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
  ensure_debian_packages chromium chromium fonts-dejavu-core
fi
find_chromium || fail "chromium is not installed and could not be installed"
