#!/usr/bin/env bash
# Everything `npm start` and `npm test` need on a fresh machine, each step skipped when done:
# Debian packages, npm dependencies, daprd, Zipkin, Mailpit, and the TypeScript build.
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
# The trace backend of the local mall and of the tests (Maven Central, cached by version).
ZIPKIN_JAR="$(bash scripts/ensure-zipkin.sh)"
export ZIPKIN_JAR
# The SMTP sink the notification service's mail lands in (built from the Go module proxy).
MAILPIT_BIN="$(bash scripts/ensure-mailpit.sh)"
export MAILPIT_BIN

step "Building TypeScript"
npx tsc -b tsconfig.build.json
