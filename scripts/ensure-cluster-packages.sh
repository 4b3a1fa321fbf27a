#!/usr/bin/env bash
# Installs the Debian packages the local Kubernetes cluster (`npm run cluster`) runs on, when
# missing: containerd + runc (the container runtime), the CNI plugins (pod network), buildah and
# debootstrap (images without a Docker engine), iptables + conntrack (kube-proxy), ipset (kube-router's
# NetworkPolicy firewall), iproute2.
# None of them is started as a system service: tools/cluster runs them inside its own namespaces.
source "$(dirname "$0")/lib/common.sh"

ensure_debian_packages cluster containerd runc containernetworking-plugins buildah debootstrap \
  iptables conntrack ipset iproute2 util-linux
