#!/usr/bin/env bash
# Builds daprd from the Go module proxy through tools/daprd (a wrapper module that repeats dapr's
# replace directives) and caches it by version: $GOMALL_CACHE_DIR/daprd/<key>/daprd.
# Our own fixes to upstream live in tools/daprd/patches/*.patch (see tools/daprd/README.md): the
# dapr module is copied out of the Go module cache, patched, and the wrapper built against the copy.
# Prints the binary's path.
source "$(dirname "$0")/lib/common.sh"

WRAPPER="$REPO_ROOT/tools/daprd"
VERSION="$(awk '$1 == "github.com/dapr/dapr" { print $2 } $1 == "require" && $2 == "github.com/dapr/dapr" { print $3 }' "$WRAPPER/go.mod" | head -n1)"
[ -n "$VERSION" ] || fail "cannot read the dapr version from $WRAPPER/go.mod"
shopt -s nullglob
PATCHES=("$WRAPPER"/patches/*.patch)
shopt -u nullglob
# The wrapper's own sources and our patches are part of the cache key: changing either rebuilds.
KEY="$VERSION-$(cat "$WRAPPER"/*.go "$WRAPPER/go.mod" "${PATCHES[@]}" | sha256sum | cut -c1-12)"
OUT="$GOMALL_CACHE_DIR/daprd/$KEY/daprd"
mkdir -p "$(dirname "$OUT")"

# Test files and worktrees running in parallel may ask for it at once: one builds, the others wait.
exec 9>"$OUT.lock"
flock 9
if [ ! -x "$OUT" ]; then
  command -v go >/dev/null || fail "Go is needed to build daprd (https://go.dev/doc/install)"
  command -v patch >/dev/null || fail "patch is needed to build daprd (apt-get install patch)"
  step "Building daprd $VERSION from the Go module proxy with ${#PATCHES[@]} patch(es) of ours (first time only; cached in $(dirname "$OUT"))"
  BUILD="$(mktemp -d)"
  trap 'chmod -R u+w "$BUILD" 2>/dev/null; rm -rf "$BUILD"' EXIT
  cp "$WRAPPER"/go.mod "$WRAPPER"/go.sum "$WRAPPER"/*.go "$BUILD/"
  (
    cd "$BUILD"
    go mod download github.com/dapr/dapr
    SRC="$(go list -mod=readonly -m -f '{{.Dir}}' github.com/dapr/dapr)"
    [ -d "$SRC" ] || fail "dapr $VERSION is not in the Go module cache"
    cp -r "$SRC" "$BUILD/dapr"
    chmod -R u+w "$BUILD/dapr"
    for p in "${PATCHES[@]}"; do
      info "applying $(basename "$p")"
      patch --quiet --forward -p1 -d "$BUILD/dapr" <"$p" || fail "patch $(basename "$p") does not apply to dapr $VERSION"
    done
    go mod edit -replace github.com/dapr/dapr=./dapr
    with_progress "go build daprd" "$GOMALL_CACHE_DIR/logs/daprd-build.log" \
      go build -mod=readonly -tags stablecomponents -trimpath \
      -ldflags "-s -w -X github.com/dapr/dapr/pkg/buildinfo.version=${VERSION#v}" \
      -o "$OUT.tmp" .
  )
  mv "$OUT.tmp" "$OUT"
  info "daprd: $(du -h "$OUT" | cut -f1)"
fi
flock -u 9
echo "$OUT"
