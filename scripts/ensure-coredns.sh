#!/usr/bin/env bash
# Builds CoreDNS (the local cluster's DNS, tools/cluster) from the Go module proxy through
# tools/coredns (upstream's coremain with a small plugin set) and caches it by version:
# $GOMALL_CACHE_DIR/coredns/<version>-<hash>/coredns. Prints its path.
source "$(dirname "$0")/lib/common.sh"

WRAPPER="$REPO_ROOT/tools/coredns"
VERSION="$(awk '$1 == "require" && $2 == "github.com/coredns/coredns" { print $3 } $1 == "github.com/coredns/coredns" { print $2 }' "$WRAPPER/go.mod" | head -n1)"
[ -n "$VERSION" ] || fail "cannot read the CoreDNS version from $WRAPPER/go.mod"
KEY="$VERSION-$(cat "$WRAPPER"/*.go "$WRAPPER/go.mod" | sha256sum | cut -c1-12)"
OUT="$GOMALL_CACHE_DIR/coredns/$KEY/coredns"
mkdir -p "$(dirname "$OUT")"
exec 9>"$OUT.lock"
flock 9
if [ ! -x "$OUT" ]; then
  command -v go >/dev/null || fail "Go is needed to build CoreDNS (https://go.dev/doc/install)"
  step "Building CoreDNS $VERSION from the Go module proxy (first time only; cached in $(dirname "$OUT"))"
  (
    cd "$WRAPPER"
    with_progress "go build coredns" "$GOMALL_CACHE_DIR/logs/coredns-build.log" \
      env CGO_ENABLED=0 go build -mod=readonly -trimpath -ldflags "-s -w" -o "$OUT.tmp" .
  )
  mv "$OUT.tmp" "$OUT"
  info "coredns: $(du -h "$OUT" | cut -f1)"
fi
flock -u 9
echo "$OUT"
