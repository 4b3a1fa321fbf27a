#!/usr/bin/env bash
# Installs the Debian packages the local Kubernetes cluster (`npm run cluster`) runs on, when
# missing: containerd + runc (the container runtime), the CNI plugins (pod network), buildah and
# debootstrap (images without a Docker engine), iptables + conntrack (kube-proxy), iproute2.
# None of them is started as a system service: tools/cluster runs them inside its own namespaces.
source "$(dirname "$0")/lib/common.sh"

PACKAGES=(containerd runc containernetworking-plugins buildah debootstrap iptables conntrack iproute2 util-linux)
missing=()
for pkg in "${PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done
if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi
step "Installing Debian packages for the cluster: ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
with_progress "apt-get update" "$GOMALL_CACHE_DIR/logs/apt-update-cluster.log" as_root apt-get update
# policy-rc.d keeps the packages' own init scripts from starting a system-wide containerd.
policy=/usr/sbin/policy-rc.d
created_policy=0
if [ ! -e "$policy" ]; then
  printf '#!/bin/sh\nexit 101\n' | as_root tee "$policy" >/dev/null && as_root chmod +x "$policy" && created_policy=1
fi
with_progress "apt-get install ${missing[*]}" "$GOMALL_CACHE_DIR/logs/apt-install-cluster.log" \
  as_root apt-get install -y --no-install-recommends "${missing[@]}"
[ "$created_policy" -eq 1 ] && as_root rm -f "$policy"
exit 0
