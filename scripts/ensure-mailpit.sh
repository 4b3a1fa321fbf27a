#!/usr/bin/env bash
# Builds Mailpit (the local mall's SMTP sink with a web view: the notification service's mail
# lands there, the tests read it through its API) and caches it by version:
# $GOMALL_CACHE_DIR/mailpit/<version>/mailpit. Prints its path.
# The source comes from the Go module proxy; its web UI is not in the module (upstream builds it
# in release CI), so it is built here the upstream way — `npm ci` from the npm registry and the
# module's own esbuild script — before `go build` embeds it.
source "$(dirname "$0")/lib/common.sh"

MODULE=github.com/axllent/mailpit
VERSION="$(tr -d '[:space:]' <"$REPO_ROOT/tools/mailpit/VERSION")"
out="$GOMALL_CACHE_DIR/mailpit/$VERSION/mailpit"
mkdir -p "$(dirname "$out")"
exec 9>"$out.lock"
flock 9
if [ ! -x "$out" ]; then
  command -v go >/dev/null || fail "Go is needed to build Mailpit (https://go.dev/doc/install)"
  step "Building Mailpit $VERSION from the Go module proxy (first time only; cached in $(dirname "$out"))"
  src="$(cd "$REPO_ROOT/tools/mailpit" && GOFLAGS=-mod=mod go mod download -json "$MODULE@$VERSION" | sed -n 's/.*"Dir": "\(.*\)",/\1/p')"
  [ -d "$src" ] || fail "go mod download $MODULE@$VERSION gave no source folder"
  work="$(mktemp -d)"
  trap 'rm -rf "$work"' EXIT
  cp -r "$src/." "$work/" && chmod -R u+w "$work"
  (
    cd "$work"
    with_progress "npm ci (Mailpit web UI)" "$GOMALL_CACHE_DIR/logs/mailpit-npm.log" \
      npm ci --no-audit --no-fund --ignore-scripts
    with_progress "esbuild (Mailpit web UI)" "$GOMALL_CACHE_DIR/logs/mailpit-ui.log" \
      env MINIFY=true node esbuild.config.mjs
    with_progress "go build mailpit" "$GOMALL_CACHE_DIR/logs/mailpit-build.log" \
      env CGO_ENABLED=0 go build -mod=mod -trimpath \
      -ldflags "-s -w -X github.com/axllent/mailpit/config.Version=$VERSION" -o "$out.tmp" .
  )
  mv "$out.tmp" "$out"
fi
echo "$out"
