#!/usr/bin/env bash
# Builds daprd from the Go module proxy through tools/daprd (a wrapper module that repeats dapr's
# replace directives) and caches it by version: $GOMALL_CACHE_DIR/daprd/<version>/daprd.
# Prints the binary's path.
source "$(dirname "$0")/lib/common.sh"

WRAPPER="$REPO_ROOT/tools/daprd"
VERSION="$(awk '$1 == "github.com/dapr/dapr" { print $2 } $1 == "require" && $2 == "github.com/dapr/dapr" { print $3 }' "$WRAPPER/go.mod" | head -n1)"
[ -n "$VERSION" ] || fail "cannot read the dapr version from $WRAPPER/go.mod"
# The wrapper's own sources are part of the cache key: changing the component set rebuilds.
KEY="$VERSION-$(cat "$WRAPPER"/*.go "$WRAPPER/go.mod" | sha256sum | cut -c1-12)"
OUT="$GOMALL_CACHE_DIR/daprd/$KEY/daprd"

if [ ! -x "$OUT" ]; then
  command -v go >/dev/null || fail "Go is needed to build daprd (https://go.dev/doc/install)"
  step "Building daprd $VERSION from the Go module proxy (first time only; cached in $(dirname "$OUT"))"
  mkdir -p "$(dirname "$OUT")"
  (
    cd "$WRAPPER"
    with_progress "go build daprd" "$GOMALL_CACHE_DIR/logs/daprd-build.log" \
      go build -mod=readonly -tags stablecomponents -trimpath \
      -ldflags "-s -w -X github.com/dapr/dapr/pkg/buildinfo.version=${VERSION#v}" \
      -o "$OUT.tmp" .
  )
  mv "$OUT.tmp" "$OUT"
  info "daprd: $(du -h "$OUT" | cut -f1)"
fi
echo "$OUT"
