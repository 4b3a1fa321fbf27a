#!/usr/bin/env bash
# `npm run bench [scenario…]`: load tests against an isolated local mall (see bench/run.ts).
source "$(dirname "$0")/lib/common.sh"
cd "$REPO_ROOT"
source scripts/bootstrap.sh
exec node bench/dist/run.js "$@"
