#!/usr/bin/env bash
# Builds the Helm CLI from the Go module proxy through tools/helm and caches it by version:
# $GOMALL_CACHE_DIR/helm/<version>-<hash>/helm. Prints its path.
source "$(dirname "$0")/lib/common.sh"
source "$(dirname "$0")/lib/go-tool.sh"

VERSION="$(awk '$1 == "helm.sh/helm/v3" { print $2 } $1 == "require" && $2 == "helm.sh/helm/v3" { print $3 }' "$REPO_ROOT/tools/helm/go.mod" | head -n1)"
# Stamped like upstream's release builds (its Makefile): `helm version` tells the release, and
# `helm template`/`lint` assume the Kubernetes minor of the client-go it is built with (unstamped,
# they assume v1.20 and refuse charts that need newer).
K8S_MINOR="$(awk '$1 == "k8s.io/client-go" { print $2 }' "$REPO_ROOT/tools/helm/go.mod" | cut -d. -f2)"
[ -n "$K8S_MINOR" ] || fail "cannot read the client-go version from tools/helm/go.mod"
K8S="-X helm.sh/helm/v3/pkg/chartutil.k8sVersionMajor=1 -X helm.sh/helm/v3/pkg/chartutil.k8sVersionMinor=$K8S_MINOR"
K8S="$K8S -X helm.sh/helm/v3/pkg/lint/rules.k8sVersionMajor=1 -X helm.sh/helm/v3/pkg/lint/rules.k8sVersionMinor=$K8S_MINOR"
go_tool_binary helm helm.sh/helm/v3 helm.sh/helm/v3/cmd/helm \
  -ldflags "-s -w -X helm.sh/helm/v3/internal/version.version=$VERSION -X helm.sh/helm/v3/internal/version.gitTreeState=clean $K8S"
