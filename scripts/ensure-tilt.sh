#!/usr/bin/env bash
# Builds the Tilt CLI from the Go module proxy through tools/tilt (a wrapper module repeating
# tilt's replace directives) and caches it by version: $GOMALL_CACHE_DIR/tilt/<version>-<hash>/tilt.
# Prints its path. Only the delivery tests need it (they evaluate the Tiltfile).
source "$(dirname "$0")/lib/common.sh"
source "$(dirname "$0")/lib/go-tool.sh"

# The checksum database has no entry for tilt's module version the proxy serves (it answers 404),
# so tilt's own modules skip that lookup; go.sum still pins their hashes, verified on every build.
export GONOSUMDB="${GONOSUMDB:+$GONOSUMDB,}github.com/tilt-dev"
VERSION="$(awk '$1 == "github.com/tilt-dev/tilt" { print $2 } $1 == "require" && $2 == "github.com/tilt-dev/tilt" { print $3 }' "$REPO_ROOT/tools/tilt/go.mod" | head -n1)"
go_tool_binary tilt github.com/tilt-dev/tilt github.com/tilt-dev/tilt/cmd/tilt \
  -ldflags "-s -w -X main.version=${VERSION#v}"
