#!/usr/bin/env bash
# Builds Dapr's control plane — injector, operator, sentry — from the same
# github.com/dapr/dapr module and version as daprd, through a copy of the tools/daprd wrapper
# module (its replace directives), for the local cluster's own images. A few indirect modules of
# these commands are not in daprd's go.sum, so the copy resolves them with `go get` at the pinned
# version first (the daprd wrapper itself, and so daprd's cache key, stay untouched).
# Cached by version: $GOMALL_CACHE_DIR/dapr-control-plane/<version>-<hash>/. Prints that folder.
source "$(dirname "$0")/lib/common.sh"

WRAPPER="$REPO_ROOT/tools/daprd"
VERSION="$(awk '$1 == "github.com/dapr/dapr" { print $2 } $1 == "require" && $2 == "github.com/dapr/dapr" { print $3 }' "$WRAPPER/go.mod" | head -n1)"
[ -n "$VERSION" ] || fail "cannot read the dapr version from $WRAPPER/go.mod"
# Not placement or scheduler: Gomall uses no actors, workflows or jobs, and the cluster runs
# Dapr's chart without them (tools/cluster/cluster.sh, install_addons).
COMMANDS=(injector operator sentry)
KEY="$VERSION-$( (cat "$WRAPPER/go.mod" && echo "${COMMANDS[*]}") | sha256sum | cut -c1-12)"
OUT="$GOMALL_CACHE_DIR/dapr-control-plane/$KEY"
mkdir -p "$OUT"
exec 9>"$OUT.lock"
flock 9
if [ ! -e "$OUT/.complete" ]; then
  command -v go >/dev/null || fail "Go is needed to build the Dapr control plane (https://go.dev/doc/install)"
  step "Building the Dapr control plane $VERSION (${COMMANDS[*]}) from the Go module proxy (first time only; cached in $OUT)"
  work="$(mktemp -d)"
  trap 'rm -rf "$work"' EXIT
  cp "$WRAPPER/go.mod" "$WRAPPER/go.sum" "$WRAPPER"/*.go "$work/"
  packages=()
  for cmd in "${COMMANDS[@]}"; do packages+=("github.com/dapr/dapr/cmd/$cmd"); done
  (
    cd "$work"
    with_progress "go get (the commands' extra indirect modules)" "$GOMALL_CACHE_DIR/logs/dapr-control-plane-get.log" \
      go get "${packages[@]/%/@$VERSION}"
    mkdir -p "$work/bin"
    with_progress "go build ${COMMANDS[*]}" "$GOMALL_CACHE_DIR/logs/dapr-control-plane-build.log" \
      env CGO_ENABLED=0 go build -mod=readonly -trimpath \
      -ldflags "-s -w -X github.com/dapr/dapr/pkg/buildinfo.version=${VERSION#v}" -o "$work/bin/" "${packages[@]}"
  )
  mv "$work"/bin/* "$OUT/"
  touch "$OUT/.complete"
  info "dapr control plane: $(du -sh "$OUT" | cut -f1)"
fi
flock -u 9
echo "$OUT"
