#!/usr/bin/env bash
# `npm run audit`: checks the money and stock invariants of a live mall (tools/audit/src/audit.ts):
# prints what is wrong, never fixes anything. Exit 0 clean, 1 findings, 2 could not run.
source "$(dirname "$0")/lib/common.sh"
cd "$REPO_ROOT"
npx tsc -b tools/audit/tsconfig.build.json
exec node tools/audit/dist/audit.js "$@"
