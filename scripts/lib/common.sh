# Shared helpers for Gomall's scripts. Sourced, never run.
set -euo pipefail

REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
# Built tools are cached by version outside the repository and reused across clones.
GOMALL_CACHE_DIR="${GOMALL_CACHE_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/gomall}"
export REPO_ROOT GOMALL_CACHE_DIR

step() { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }
info() { printf '    %s\n' "$*" >&2; }
fail() { printf '\033[31mxx  %s\033[0m\n' "$*" >&2; exit 1; }

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
