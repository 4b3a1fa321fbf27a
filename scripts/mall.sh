#!/usr/bin/env bash
# `npm start` (up) and `npm stop` (down). `up` installs whatever is missing first.
source "$(dirname "$0")/lib/common.sh"
cd "$REPO_ROOT"
case "${1:-up}" in
  up)
    source scripts/bootstrap.sh
    exec node tools/devstack/dist/cli.js up
    ;;
  down)
    if [ ! -f tools/devstack/dist/cli.js ]; then echo "The mall is not running."; exit 0; fi
    exec node tools/devstack/dist/cli.js down
    ;;
  *) fail "usage: mall.sh up|down" ;;
esac
