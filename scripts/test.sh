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

step "Lint"
npm run --silent lint
step "Typecheck"
npm run --silent typecheck
step "Tests (jest: unit + integration)"
exec npx jest --ci "$@"
