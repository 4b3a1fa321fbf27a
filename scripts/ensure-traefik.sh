#!/usr/bin/env bash
# Builds the Traefik ingress controller (the local cluster's, tools/cluster) from the Go module
# proxy through tools/traefik (a wrapper module repeating Traefik's replace directives) and caches
# it by version: $GOMALL_CACHE_DIR/traefik/<version>-<hash>/traefik. Prints its path.
source "$(dirname "$0")/lib/common.sh"
source "$(dirname "$0")/lib/go-tool.sh"

VERSION="$(awk '$1 == "require" && $2 == "github.com/traefik/traefik/v3" { print $3 } $1 == "github.com/traefik/traefik/v3" { print $2 }' "$REPO_ROOT/tools/traefik/go.mod" | head -n1)"
CGO_ENABLED=0 go_tool_binary traefik github.com/traefik/traefik/v3 github.com/traefik/traefik/v3/cmd/traefik \
  -ldflags "-s -w -X github.com/traefik/traefik/v3/pkg/version.Version=$VERSION"
