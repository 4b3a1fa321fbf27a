#!/usr/bin/env bash
# Builds Prometheus from the Go module proxy through tools/prometheus and caches it by version:
# $GOMALL_CACHE_DIR/prometheus/<version>-<hash>/prometheus. Prints its path. The cluster stage runs
# it in the cluster with the chart's scrape configuration (k8s/monitoring/prometheus-kubernetes.yml),
# which needs Kubernetes service discovery: Debian's package is built without it.
# Only that discovery is compiled in (Prometheus' own build tags), which keeps the build small; the
# web UI is not embedded (its assets are built by Prometheus' release process), the API is served.
source "$(dirname "$0")/lib/common.sh"
source "$(dirname "$0")/lib/go-tool.sh"

CGO_ENABLED=0 go_tool_binary prometheus github.com/prometheus/prometheus \
  github.com/prometheus/prometheus/cmd/prometheus \
  -tags remove_all_sd,enable_kubernetes_sd -ldflags "-s -w"
