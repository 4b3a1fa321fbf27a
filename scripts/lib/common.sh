# Shared helpers for Gomall's scripts. Sourced, never run.
set -euo pipefail

REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
# Built tools are cached by version outside the repository and reused across clones.
GOMALL_CACHE_DIR="${GOMALL_CACHE_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/gomall}"
export REPO_ROOT GOMALL_CACHE_DIR

step() { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }
info() { printf '    %s\n' "$*" >&2; }
fail() { printf '\033[31mxx  %s\033[0m\n' "$*" >&2; exit 1; }
# One yellow line per argument: what the user must know, though the run goes on.
warn() { printf '\033[33m!!  %s\033[0m\n' "$@" >&2; }

# Runs a long command with a heartbeat, so a cold build shows it is alive; its output goes to a
# log file whose tail is shown if it fails.
with_progress() {
  local label="$1" log="$2"
  shift 2
  mkdir -p "$(dirname "$log")"
  local started=$SECONDS
  "$@" >"$log" 2>&1 &
  local pid=$!
  while kill -0 "$pid" 2>/dev/null; do
    sleep 10
    kill -0 "$pid" 2>/dev/null && info "$label… $((SECONDS - started))s"
  done
  if ! wait "$pid"; then
    tail -n 40 "$log" >&2
    fail "$label failed (full log: $log)"
  fi
  info "$label done in $((SECONDS - started))s"
}

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; elif command -v sudo >/dev/null; then sudo "$@"; else
    fail "need root to run: $* (install it by hand, or run as root)"
  fi
}

# Installs the Debian packages named (a label for the logs first), those not yet installed only.
# Waits for another apt-get holding the dpkg lock (several scripts may install at once), and a
# temporary policy-rc.d keeps the packages' own init scripts from starting system-wide servers:
# Gomall starts MariaDB, Redis, containerd… itself, as plain processes.
ensure_debian_packages() {
  local label="$1"
  shift
  local pkg missing=()
  for pkg in "$@"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  step "Installing Debian packages ($label): ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  local apt=(apt-get -o DPkg::Lock::Timeout=600)
  if ! apt-cache policy "${missing[0]}" 2>/dev/null | grep -q 'Candidate: [0-9]'; then
    with_progress "apt-get update" "$GOMALL_CACHE_DIR/logs/apt-update-$label.log" as_root "${apt[@]}" update
  fi
  local policy=/usr/sbin/policy-rc.d created_policy=0
  if [ ! -e "$policy" ]; then
    printf '#!/bin/sh\nexit 101\n' | as_root tee "$policy" >/dev/null && as_root chmod +x "$policy" && created_policy=1
  fi
  with_progress "apt-get install ${missing[*]}" "$GOMALL_CACHE_DIR/logs/apt-install-$label.log" \
    as_root "${apt[@]}" install -y --no-install-recommends "${missing[@]}"
  if [ "$created_policy" -eq 1 ]; then as_root rm -f "$policy"; fi
}
