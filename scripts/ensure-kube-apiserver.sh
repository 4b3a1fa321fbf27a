#!/usr/bin/env bash
# Builds kube-apiserver from the Go module proxy through tools/kube-apiserver (a wrapper module
# that maps k8s.io/kubernetes's staging modules to their published versions) and caches it by
# version: $GOMALL_CACHE_DIR/kube-apiserver/<version>-<hash>/kube-apiserver. Prints its path.
source "$(dirname "$0")/lib/common.sh"
source "$(dirname "$0")/lib/go-tool.sh"

VERSION="$(awk '$1 == "k8s.io/kubernetes" { print $2 } $1 == "require" && $2 == "k8s.io/kubernetes" { print $3 }' "$REPO_ROOT/tools/kube-apiserver/go.mod" | head -n1)"
MINOR="$(echo "$VERSION" | cut -d. -f2)"
# Without the version stamp the server reports v0.0.0, and Helm's kubeVersion checks would fail.
go_tool_binary kube-apiserver k8s.io/kubernetes k8s.io/kubernetes/cmd/kube-apiserver \
  -ldflags "-s -w -X k8s.io/component-base/version.gitVersion=$VERSION -X k8s.io/component-base/version.gitMajor=1 -X k8s.io/component-base/version.gitMinor=$MINOR -X k8s.io/component-base/version.gitTreeState=clean"
