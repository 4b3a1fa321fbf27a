#!/usr/bin/env bash
# Builds kube-router (the local cluster's NetworkPolicy engine, tools/cluster) from the Go module
# proxy through tools/kube-router and caches it by version:
# $GOMALL_CACHE_DIR/kube-router/<version>-<hash>/kube-router. Prints its path.
source "$(dirname "$0")/lib/common.sh"
source "$(dirname "$0")/lib/go-tool.sh"

go_tool_binary kube-router github.com/cloudnativelabs/kube-router/v2 \
  github.com/cloudnativelabs/kube-router/v2/cmd/kube-router -ldflags "-s -w"
