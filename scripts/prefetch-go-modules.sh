#!/usr/bin/env bash
# Downloads the Go modules of every tool in tools/go-tools.work (the `tool` directives, daprd and
# CoreDNS) when their workspace is new, so that the network part of a first build runs beside the
# CPU-bound work before it (scripts/test.sh starts it in the background). A no-op once the
# workspace has been set up.
source "$(dirname "$0")/lib/common.sh"
source "$(dirname "$0")/lib/go-tool.sh"

workspace_ready && exit 0
go_workspace
cd "$REPO_ROOT/tools/daprd"
go list -e -deps -tags gomallcomponents tool gomall.dev/tools/daprd gomall.dev/tools/coredns >/dev/null
info "Go modules of the tools prefetched"
