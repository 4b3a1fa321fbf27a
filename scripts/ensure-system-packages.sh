#!/usr/bin/env bash
# Installs the Debian packages the local mall and the tests run on, when missing: MariaDB 10.11
# and Redis 7 (started later as plain processes by tools/devstack, never as system services);
# etcd (the delivery tests' control plane) and Prometheus + promtool (monitoring tests).
source "$(dirname "$0")/lib/common.sh"

ensure_debian_packages mall mariadb-server mariadb-client redis-server etcd-server prometheus
