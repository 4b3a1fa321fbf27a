#!/usr/bin/env bash
# Installs Schemathesis (the API conformance tester that test/integration/conformance.test.ts runs
# against the test mall's gateway and its served OpenAPI document) from PyPI into a virtualenv of
# its own, cached by the pinned set: $GOMALL_CACHE_DIR/schemathesis/<version>-<pins hash>/venv.
# Prints the path of its `st` command. The pins (tools/schemathesis/requirements.txt, the whole
# dependency set) keep every run on the same generator and checks.
source "$(dirname "$0")/lib/common.sh"

pins="$REPO_ROOT/tools/schemathesis/requirements.txt"
version="$(sed -n 's/^schemathesis==//p' "$pins")"
dir="$GOMALL_CACHE_DIR/schemathesis/$version-$(sha256sum "$pins" | cut -c1-12)"
mkdir -p "$dir"
exec 9>"$dir/.lock"
flock 9
if [ ! -f "$dir/.installed" ]; then
  # Schemathesis needs Python 3.11+ with venv (Debian 12's python3 is 3.11).
  if ! python3 -c 'import sys, venv, ensurepip; sys.exit(sys.version_info < (3, 11))' 2>/dev/null; then
    ensure_debian_packages schemathesis python3 python3-venv
  fi
  python3 -c 'import sys; sys.exit(sys.version_info < (3, 11))' ||
    fail "Schemathesis needs Python 3.11 or newer (python3 is $(python3 --version 2>&1))"
  step "Installing Schemathesis $version from PyPI (first time only; cached in $dir)"
  rm -rf "$dir/venv"
  python3 -m venv "$dir/venv"
  with_progress "pip install schemathesis $version" "$GOMALL_CACHE_DIR/logs/schemathesis-pip.log" \
    "$dir/venv/bin/pip" install --disable-pip-version-check --no-input -r "$pins"
  touch "$dir/.installed"
fi
echo "$dir/venv/bin/st"
