# Builds the commands of pinned Go wrapper modules (tools/<name>, whose go.mod names the command in a
# `tool` directive) and caches the binaries by version under $GOMALL_CACHE_DIR/<name>/<key>/.
# Sourced by scripts/ensure-<tool>.sh after lib/common.sh.

# The wrappers listed in tools/go-tools.work build in one Go workspace: one build list for all of
# them, so a module several tools use (Kubernetes' client libraries, gRPC, OpenTelemetry, the cloud
# SDKs) is compiled once rather than once per tool and version: a cold build of them all takes
# about half as long. They build with one configuration too (CGO_ENABLED=0, -trimpath): Go reuses
# a compiled package only under the same settings, and cgo alone changes every package above
# `net`. Prometheus and Tilt stay out, as their modules cannot share a build list with the others:
# Prometheus' OpenTelemetry collector imports koanf's split-out modules, which hold the same
# packages as the koanf v1 Dapr's components import (Go refuses a package two modules provide),
# and Tilt replaces k8s.io/apimachinery by a fork of its own.
GO_TOOLS_WORK="$REPO_ROOT/tools/go-tools.work"

# workspace_members — the wrappers tools/go-tools.work `use`s, one name a line.
workspace_members() {
  sed -n 's|^[[:space:]]*\./\([A-Za-z0-9_-]*\)[[:space:]]*$|\1|p' "$GO_TOOLS_WORK"
}

# is_workspace_member NAME — whether tools/NAME is one of them.
is_workspace_member() {
  workspace_members | grep -qx "$1"
}

# workspace_key — sets GO_WORKSPACE_KEY (the content of the workspace files, every member's go.mod
# and Dapr's patches) and DAPR_PATCHES.
workspace_key() {
  local members=() member
  mapfile -t members < <(workspace_members)
  shopt -s nullglob
  DAPR_PATCHES=("$REPO_ROOT"/tools/daprd/patches/*.patch)
  shopt -u nullglob
  GO_WORKSPACE_KEY="$( (cat "$GO_TOOLS_WORK" "$GO_TOOLS_WORK.sum" "${DAPR_PATCHES[@]}" &&
    for member in "${members[@]}"; do cat "$REPO_ROOT/tools/$member/go.mod"; done) | sha256sum | cut -c1-12)"
}

# workspace_ready — whether go_workspace has set this workspace up before (its tools were built).
workspace_ready() {
  workspace_key
  [ -e "$GOMALL_CACHE_DIR/go-workspace/$GO_WORKSPACE_KEY/.complete" ]
}

# go_workspace — the workspace the members build in, made once per content of the workspace files
# and Dapr's patches: tools/go-tools.work with absolute paths, and github.com/dapr/dapr replaced by
# a copy of the module with our patches (tools/daprd/patches) applied. Exports GOWORK and
# CGO_ENABLED=0; sets GO_WORKSPACE_KEY, which the members' cache keys include (a change to any
# member's go.mod can change the versions every member builds with).
go_workspace() {
  local daprd="$REPO_ROOT/tools/daprd" dapr_version patch
  dapr_version="$(awk '$1 == "github.com/dapr/dapr" { print $2 }' "$daprd/go.mod" | head -n1)"
  [ -n "$dapr_version" ] || fail "cannot read the dapr version from $daprd/go.mod"
  workspace_key
  local dir="$GOMALL_CACHE_DIR/go-workspace/$GO_WORKSPACE_KEY"
  mkdir -p "$dir"
  exec 6>"$dir.lock"
  flock 6
  if [ ! -e "$dir/.complete" ]; then
    command -v go >/dev/null || fail "Go is needed to build the tools (https://go.dev/doc/install)"
    command -v patch >/dev/null || fail "patch is needed to apply our fixes to dapr (apt-get install patch)"
    local src
    src="$(cd "$daprd" && GOWORK=off go mod download -json "github.com/dapr/dapr@$dapr_version" |
      sed -n 's/^\t"Dir": "\(.*\)",$/\1/p')"
    [ -d "$src" ] || fail "go mod download github.com/dapr/dapr@$dapr_version gave no folder"
    rm -rf "$dir/dapr" && cp -r "$src" "$dir/dapr" && chmod -R u+w "$dir/dapr"
    for patch in "${DAPR_PATCHES[@]}"; do
      info "dapr $dapr_version: applying $(basename "$patch")"
      patch --quiet --forward -p1 -d "$dir/dapr" <"$patch" || fail "patch $(basename "$patch") does not apply to dapr $dapr_version"
    done
    touch "$dir/.complete"
  fi
  # The workspace file names this checkout's wrappers: one per checkout (clones share the rest).
  local work
  work="$dir/checkout-$(echo "$REPO_ROOT" | sha256sum | cut -c1-12)"
  if [ ! -e "$work/go.work" ]; then
    mkdir -p "$work"
    {
      sed "s|^\([[:space:]]*\)\./|\1$REPO_ROOT/tools/|" "$GO_TOOLS_WORK"
      printf '\nreplace github.com/dapr/dapr %s => %s\n' "$dapr_version" "$dir/dapr"
    } >"$work/go.work.tmp"
    cp "$GO_TOOLS_WORK.sum" "$work/go.work.sum"
    mv "$work/go.work.tmp" "$work/go.work"
  fi
  flock -u 6
  export GOWORK="$work/go.work" CGO_ENABLED=0
}

# build_setting_for NAME — the workspace for a member (go_workspace), GOWORK=off for any other
# wrapper; sets GO_WORKSPACE_KEY either way.
build_setting_for() {
  if is_workspace_member "$1"; then
    go_workspace
  else
    export GOWORK=off
    GO_WORKSPACE_KEY=none
  fi
}

# The cache key's part for a wrapper and its build: its go.mod and Go files, the build flags and the
# workspace's key (after build_setting_for).   wrapper_key WRAPPER_DIR [build args...]
wrapper_key() {
  local wrapper="$1"
  shift
  (cat "$wrapper/go.mod" "$wrapper"/*.go 2>/dev/null; echo "$* $GO_WORKSPACE_KEY") | sha256sum | cut -c1-12
}

#   go_tool_binary NAME MODULE PACKAGE [extra go build args...] — one command; prints its path.
go_tool_binary() {
  local name="$1" module="$2" package="$3"
  shift 3
  # GO_TOOL_WRAPPER names another tool's wrapper module when one module builds several commands.
  local wrapper="$REPO_ROOT/tools/${GO_TOOL_WRAPPER:-$name}"
  local version
  version="$(awk -v m="$module" '$1 == m { print $2 } $1 == "require" && $2 == m { print $3 }' "$wrapper/go.mod" | head -n1)"
  [ -n "$version" ] || fail "cannot read the $module version from $wrapper/go.mod"
  # The wrapper and the build flags are part of the cache key: a changed pin, replace or version
  # stamp rebuilds.
  local key
  build_setting_for "$(basename "$wrapper")"
  key="$version-$(wrapper_key "$wrapper" "$@")"
  local out="$GOMALL_CACHE_DIR/$name/$key/$name"
  mkdir -p "$(dirname "$out")"
  # Test files running in parallel may ask for the same tool: one builds, the others wait for it.
  exec 9>"$out.lock"
  flock 9
  if [ ! -x "$out" ]; then
    command -v go >/dev/null || fail "Go is needed to build $name (https://go.dev/doc/install)"
    step "Building $name $version from the Go module proxy (first time only; cached in $(dirname "$out"))"
    mkdir -p "$(dirname "$out")"
    (
      cd "$wrapper"
      with_progress "go build $name" "$GOMALL_CACHE_DIR/logs/$name-build.log" \
        go build -mod=readonly -trimpath "$@" -o "$out.tmp" "$package"
    )
    mv "$out.tmp" "$out"
    info "$name: $(du -h "$out" | cut -f1)"
  fi
  flock -u 9
  echo "$out"
}

# Builds several commands of one wrapper module with a single `go build` (they share most of their
# packages) into one cached folder: $GOMALL_CACHE_DIR/<name>/<key>/. Prints the folder.
#   go_tool_bundle NAME WRAPPER MODULE "PACKAGE..." [extra go build args...]
go_tool_bundle() {
  local name="$1" wrapper="$REPO_ROOT/tools/$2" module="$3" packages="$4"
  shift 4
  local version
  version="$(awk -v m="$module" '$1 == m { print $2 } $1 == "require" && $2 == m { print $3 }' "$wrapper/go.mod" | head -n1)"
  [ -n "$version" ] || fail "cannot read the $module version from $wrapper/go.mod"
  local key
  build_setting_for "$(basename "$wrapper")"
  key="$version-$(wrapper_key "$wrapper" "$packages" "$@")"
  local out="$GOMALL_CACHE_DIR/$name/$key"
  mkdir -p "$out"
  exec 9>"$out.lock"
  flock 9
  if [ ! -e "$out/.complete" ]; then
    command -v go >/dev/null || fail "Go is needed to build $name (https://go.dev/doc/install)"
    step "Building $name $version from the Go module proxy (first time only; cached in $out)"
    rm -rf "$out.tmp" && mkdir -p "$out.tmp"
    # shellcheck disable=SC2086 # the package list is a word list
    (
      cd "$wrapper"
      with_progress "go build $name" "$GOMALL_CACHE_DIR/logs/$name-build.log" \
        go build -mod=readonly -trimpath "$@" -o "$out.tmp/" $packages
    )
    mv "$out.tmp"/* "$out/" && rmdir "$out.tmp"
    touch "$out/.complete"
    info "$name: $(du -sh "$out" | cut -f1)"
  fi
  flock -u 9
  echo "$out"
}
