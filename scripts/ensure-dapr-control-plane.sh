#!/usr/bin/env bash
# Builds Dapr's control plane — injector, operator, sentry — for the local cluster's own images,
# from the same patched github.com/dapr/dapr as daprd (the tools/daprd wrapper, whose go.mod names
# them in `tool` directives), in the tools' Go workspace (scripts/lib/go-tool.sh). Cached by
# version: $GOMALL_CACHE_DIR/dapr-control-plane/<version>-<hash>/. Prints that folder.
source "$(dirname "$0")/lib/common.sh"
source "$(dirname "$0")/lib/go-tool.sh"

VERSION="$(awk '$1 == "github.com/dapr/dapr" { print $2 }' "$REPO_ROOT/tools/daprd/go.mod" | head -n1)"
[ -n "$VERSION" ] || fail "cannot read the dapr version from tools/daprd/go.mod"
go_tool_bundle dapr-control-plane daprd github.com/dapr/dapr \
  "github.com/dapr/dapr/cmd/injector github.com/dapr/dapr/cmd/operator github.com/dapr/dapr/cmd/sentry" \
  -ldflags "-s -w -X github.com/dapr/dapr/pkg/buildinfo.version=${VERSION#v}"
