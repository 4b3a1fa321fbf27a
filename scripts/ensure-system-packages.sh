#!/usr/bin/env bash
# Installs the Debian packages the local mall and the tests run on, when missing: MariaDB 10.11
# and Redis 7 (started later as plain processes by tools/devstack, never as system services);
# etcd (the delivery tests' control plane) and Prometheus + promtool (monitoring tests).
source "$(dirname "$0")/lib/common.sh"

PACKAGES=(mariadb-server mariadb-client redis-server etcd-server prometheus)
missing=()
for pkg in "${PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done
if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi
step "Installing Debian packages: ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
with_progress "apt-get update" "$GOMALL_CACHE_DIR/logs/apt-update.log" as_root apt-get update
# policy-rc.d keeps the packages' own init scripts from starting system-wide servers.
policy=/usr/sbin/policy-rc.d
created_policy=0
if [ ! -e "$policy" ]; then
  printf '#!/bin/sh\nexit 101\n' | as_root tee "$policy" >/dev/null && as_root chmod +x "$policy" && created_policy=1
fi
with_progress "apt-get install ${missing[*]}" "$GOMALL_CACHE_DIR/logs/apt-install.log" \
  as_root apt-get install -y --no-install-recommends "${missing[@]}"
[ "$created_policy" -eq 1 ] && as_root rm -f "$policy"
exit 0
