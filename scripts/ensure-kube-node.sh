#!/usr/bin/env bash
# Builds the rest of a Kubernetes node for the local cluster (tools/cluster) — kubelet, kube-proxy,
# kube-scheduler and kubectl — from the same wrapper module and release as kube-apiserver
# (tools/kube-apiserver), in one `go build`, cached by version:
# $GOMALL_CACHE_DIR/kube-node/<version>-<hash>/. Prints that folder.
source "$(dirname "$0")/lib/common.sh"
source "$(dirname "$0")/lib/go-tool.sh"

VERSION="$(awk '$1 == "k8s.io/kubernetes" { print $2 } $1 == "require" && $2 == "k8s.io/kubernetes" { print $3 }' "$REPO_ROOT/tools/kube-apiserver/go.mod" | head -n1)"
MINOR="$(echo "$VERSION" | cut -d. -f2)"
go_tool_bundle kube-node kube-apiserver k8s.io/kubernetes \
  "k8s.io/kubernetes/cmd/kubelet k8s.io/kubernetes/cmd/kube-proxy k8s.io/kubernetes/cmd/kube-scheduler k8s.io/kubernetes/cmd/kubectl" \
  -ldflags "-s -w -X k8s.io/component-base/version.gitVersion=$VERSION -X k8s.io/component-base/version.gitMajor=1 -X k8s.io/component-base/version.gitMinor=$MINOR -X k8s.io/component-base/version.gitTreeState=clean"
