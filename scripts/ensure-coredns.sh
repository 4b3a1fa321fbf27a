#!/usr/bin/env bash
# Builds CoreDNS (the local cluster's DNS, tools/cluster) from the Go module proxy through
# tools/coredns (upstream's coremain with a small plugin set) and caches it by version:
# $GOMALL_CACHE_DIR/coredns/<version>-<hash>/coredns. Prints its path.
source "$(dirname "$0")/lib/common.sh"
source "$(dirname "$0")/lib/go-tool.sh"

go_tool_binary coredns github.com/coredns/coredns gomall.dev/tools/coredns -ldflags "-s -w"
