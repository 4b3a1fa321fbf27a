#!/usr/bin/env bash
# Builds the Tilt CLI from the Go module proxy through tools/tilt (a wrapper module repeating
# tilt's replace directives) and caches it by version: $GOMALL_CACHE_DIR/tilt/<version>-<hash>/tilt.
# Prints its path. The delivery tests evaluate the Tiltfile with it; the cluster stage runs `tilt ci`.
source "$(dirname "$0")/lib/common.sh"
source "$(dirname "$0")/lib/go-tool.sh"

# The checksum database has no entry for tilt's module version the proxy serves (it answers 404),
# so tilt's own modules skip that lookup; go.sum still pins their hashes, verified on every build.
export GONOSUMDB="${GONOSUMDB:+$GONOSUMDB,}github.com/tilt-dev"
VERSION="$(awk '$1 == "github.com/tilt-dev/tilt" { print $2 } $1 == "require" && $2 == "github.com/tilt-dev/tilt" { print $3 }' "$REPO_ROOT/tools/tilt/go.mod" | head -n1)"

# Our one fix to Tilt, applied at build time: `tilt up` and `tilt ci` refuse to start without web
# assets ("running in prod mode, but JS/CSS files are not available"). Tilt's release process
# builds its web UI into pkg/assets/build and embeds it; the module the proxy serves has that folder
# empty. A copy of the module gets one page of ours there (tools/tilt/web/index.html, pointing at
# the CLI), and a build-time copy of the wrapper's go.mod replaces the module with that copy.
PATCH_KEY="$(sha256sum <"$REPO_ROOT/tools/tilt/web/index.html" | cut -c1-12)"
PATCHED="$GOMALL_CACHE_DIR/tilt/module-$VERSION-$PATCH_KEY"
if [ ! -e "$PATCHED/.complete" ]; then
  MODULE_DIR="$(cd "$REPO_ROOT/tools/tilt" && go mod download -json "github.com/tilt-dev/tilt@$VERSION" |
    sed -n 's/^\t"Dir": "\(.*\)",$/\1/p')"
  [ -d "$MODULE_DIR" ] || fail "go mod download github.com/tilt-dev/tilt@$VERSION gave no folder"
  rm -rf "$PATCHED" && mkdir -p "$(dirname "$PATCHED")"
  cp -r "$MODULE_DIR" "$PATCHED" && chmod -R u+w "$PATCHED"
  cp "$REPO_ROOT/tools/tilt/web/index.html" "$PATCHED/pkg/assets/build/index.html"
  touch "$PATCHED/.complete"
fi
MODFILE="$GOMALL_CACHE_DIR/tilt/build-$VERSION-$PATCH_KEY/go.mod"
mkdir -p "$(dirname "$MODFILE")"
{ cat "$REPO_ROOT/tools/tilt/go.mod"; echo "replace github.com/tilt-dev/tilt => $PATCHED"; } >"$MODFILE"
cp "$REPO_ROOT/tools/tilt/go.sum" "${MODFILE%.mod}.sum"

go_tool_binary tilt github.com/tilt-dev/tilt github.com/tilt-dev/tilt/cmd/tilt \
  -modfile="$MODFILE" -ldflags "-s -w -X main.version=${VERSION#v}"
