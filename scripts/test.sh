#!/usr/bin/env bash
# `npm test`: installs what is missing, then lint, typecheck, and every jest test — unit tests and
# integration tests against a real, isolated mall (MariaDB, Redis, services, daprd sidecars).
source "$(dirname "$0")/lib/common.sh"
cd "$REPO_ROOT"
# A first run downloads the Go modules of the tools it builds beside npm ci and daprd's build.
mkdir -p "$GOMALL_CACHE_DIR/logs"
bash scripts/prefetch-go-modules.sh >"$GOMALL_CACHE_DIR/logs/go-prefetch.log" 2>&1 &
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

# The cluster stage (test/cluster: a real single-node Kubernetes cluster on this machine with the
# chart, the operator and `tilt ci` on it) needs Linux and root. Where it can run, it runs; under
# CI=true a cluster stage that does not run fails the build. GOMALL_CLUSTER_TESTS=0 skips it on a
# developer's machine (loudly).
CLUSTER_STAGE=0
if [ "${GOMALL_CLUSTER_TESTS:-}" = 0 ]; then
  [ "${CI:-}" != true ] || fail "CI runs the cluster stage: GOMALL_CLUSTER_TESTS=0 is for a developer's machine"
  warn "The cluster stage (test/cluster) is skipped (GOMALL_CLUSTER_TESTS=0)." \
    "    The chart, the images, the operator and the Tiltfile are NOT proven in a real cluster by this run."
elif bash tools/cluster/cluster.sh supported; then
  CLUSTER_STAGE=1
elif [ "${CI:-}" = true ]; then
  fail "CI runs the cluster stage, and this machine cannot run it (see above)"
else
  warn "The cluster stage (test/cluster) cannot run on this machine (see above); the other tests run." \
    "    The chart, the images, the operator and the Tiltfile are NOT proven in a real cluster by this run."
fi

step "Lint"
npm run --silent lint
step "Typecheck"
npm run --silent typecheck
CLUSTER_FAILED=0
if [ "$CLUSTER_STAGE" = 1 ]; then
  # First, on its own: jest's globalSetup brings the cluster up (building what changed, with
  # progress) and its globalTeardown takes it down again, so the other tests get the whole machine.
  step "Cluster stage (jest project cluster: a real Kubernetes cluster, the chart, the operator, tilt ci)"
  # One file at a time, `tilt ci` last (test/cluster/setup/sequencer.js): it builds images on the
  # same 2-core machine the cluster runs on, and deploys a mall of its own.
  npx jest --ci --selectProjects cluster --runInBand --testSequencer ./test/cluster/setup/sequencer.js ||
    CLUSTER_FAILED=1
fi
step "Tests (jest: unit, integration, delivery, operator)"
status=0
GOMALL_CLUSTER_TESTS='' npx jest --ci "$@" || status=$?
if [ "$CLUSTER_FAILED" = 1 ]; then
  printf '\033[31m✗  The cluster stage failed (its jest report is above the other tests).\033[0m\n' >&2
  status=1
fi
exit "$status"
