#!/usr/bin/env bash
# Everything `npm start` and `npm test` need on a fresh machine, each step skipped when done:
# Debian packages, npm dependencies, daprd, and the TypeScript build.
source "$(dirname "$0")/lib/common.sh"
cd "$REPO_ROOT"

bash scripts/ensure-system-packages.sh

stamp="node_modules/.gomall-lock-hash"
lock_hash="$(sha256sum package-lock.json | cut -d' ' -f1)"
if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$lock_hash" ]; then
  step "Installing npm dependencies (npm ci)"
  with_progress "npm ci" "$GOMALL_CACHE_DIR/logs/npm-ci.log" npm ci --no-audit --no-fund
  echo "$lock_hash" >"$stamp"
fi

DAPRD_BIN="$(bash scripts/ensure-daprd.sh)"
export DAPRD_BIN

step "Building TypeScript"
npx tsc -b tsconfig.build.json
