#!/usr/bin/env bash
# Builds kube-controller-manager from the same wrapper module and release as kube-apiserver
# (tools/kube-apiserver) and caches it by version. The operator tests run only its garbage
# collector, so that deleting a Mall really removes the children it owns. Prints its path.
source "$(dirname "$0")/lib/common.sh"
source "$(dirname "$0")/lib/go-tool.sh"

VERSION="$(awk '$1 == "k8s.io/kubernetes" { print $2 } $1 == "require" && $2 == "k8s.io/kubernetes" { print $3 }' "$REPO_ROOT/tools/kube-apiserver/go.mod" | head -n1)"
MINOR="$(echo "$VERSION" | cut -d. -f2)"
GO_TOOL_WRAPPER=kube-apiserver go_tool_binary kube-controller-manager k8s.io/kubernetes \
  k8s.io/kubernetes/cmd/kube-controller-manager \
  -ldflags "-s -w -X k8s.io/component-base/version.gitVersion=$VERSION -X k8s.io/component-base/version.gitMajor=1 -X k8s.io/component-base/version.gitMinor=$MINOR -X k8s.io/component-base/version.gitTreeState=clean"
