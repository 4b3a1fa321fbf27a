#!/usr/bin/env bash
# Builds daprd from the Go module proxy through tools/daprd (a wrapper module: the stable
# components, the SQLite name resolver made cacheable, dapr's replace directives repeated) and
# caches it by version: $GOMALL_CACHE_DIR/daprd/<key>/daprd. It builds in the tools' Go workspace
# (scripts/lib/go-tool.sh), where github.com/dapr/dapr is a copy of the module with our fixes to
# upstream applied (tools/daprd/patches/*.patch, see tools/daprd/README.md). Prints its path.
source "$(dirname "$0")/lib/common.sh"
source "$(dirname "$0")/lib/go-tool.sh"

VERSION="$(awk '$1 == "github.com/dapr/dapr" { print $2 }' "$REPO_ROOT/tools/daprd/go.mod" | head -n1)"
[ -n "$VERSION" ] || fail "cannot read the dapr version from tools/daprd/go.mod"
go_tool_binary daprd github.com/dapr/dapr gomall.dev/tools/daprd -tags gomallcomponents \
  -ldflags "-s -w -X github.com/dapr/dapr/pkg/buildinfo.version=${VERSION#v}"
