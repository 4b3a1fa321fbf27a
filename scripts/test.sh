#!/usr/bin/env bash
# `npm test`: installs what is missing, then lint, typecheck, and every jest test — unit tests and
# integration tests against a real, isolated mall (MariaDB, Redis, services, daprd sidecars).
source "$(dirname "$0")/lib/common.sh"
cd "$REPO_ROOT"
source scripts/bootstrap.sh
# The delivery tests' tools (built from the Go module proxy, cached by version; Tilt is built by
# its own test on first use since only that test needs it).
KUBE_APISERVER_BIN="$(bash scripts/ensure-kube-apiserver.sh)"
KUBE_CONTROLLER_MANAGER_BIN="$(bash scripts/ensure-kube-controller-manager.sh)"
HELM_BIN="$(bash scripts/ensure-helm.sh)"
export KUBE_APISERVER_BIN KUBE_CONTROLLER_MANAGER_BIN HELM_BIN
# The conformance test's Schemathesis (PyPI, in a virtualenv of its own, cached by version).
SCHEMATHESIS_BIN="$(bash scripts/ensure-schemathesis.sh)"
export SCHEMATHESIS_BIN
# The browser tests' Chromium: Debian's package, installed when missing (never a browser download).
CHROMIUM_BIN="$(bash scripts/ensure-chromium.sh)"
export CHROMIUM_BIN

# The cluster stage (test/cluster: a real single-node Kubernetes cluster with the chart and the
# operator on it; Linux and root only) runs with GOMALL_CLUSTER_TESTS=1. Not yet by default: it has
# not passed end to end (README, "Local Kubernetes cluster").
if [ "${GOMALL_CLUSTER_TESTS:-}" = 1 ]; then
  bash tools/cluster/cluster.sh supported || fail "GOMALL_CLUSTER_TESTS=1, and this machine cannot run the cluster (see above)"
else
  printf '\033[33m!!  The cluster stage (test/cluster) is not run: set GOMALL_CLUSTER_TESTS=1 to run it.\n    The chart, the images and the operator are NOT proven in a real cluster by this run.\033[0m\n' >&2
fi

step "Lint"
npm run --silent lint
step "Typecheck"
npm run --silent typecheck
if [ "${GOMALL_CLUSTER_TESTS:-}" = 1 ]; then
  # Built and started before jest (its globalSetup then finds it up): the slowest stage gets its own
  # progress and time. jest's globalTeardown takes it down at the end.
  step "Cluster: parts, bring-up and Gomall's images"
  bash tools/cluster/cluster.sh up >/dev/null
fi
step "Tests (jest: unit, integration, delivery, operator${GOMALL_CLUSTER_TESTS:+, cluster})"
exec npx jest --ci "$@"
