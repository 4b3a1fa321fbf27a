# Builds one command of a pinned Go wrapper module (tools/<name>, whose go.mod names the command in a
# `tool` directive) and caches the binary by version: $GOMALL_CACHE_DIR/<name>/<key>/<name>.
# Sourced by scripts/ensure-<tool>.sh after lib/common.sh; prints the binary's path.
#   go_tool_binary NAME MODULE PACKAGE [extra go build args...]
go_tool_binary() {
  local name="$1" module="$2" package="$3"
  shift 3
  # GO_TOOL_WRAPPER names another tool's wrapper module when one module builds several commands.
  local wrapper="$REPO_ROOT/tools/${GO_TOOL_WRAPPER:-$name}"
  local version
  version="$(awk -v m="$module" '$1 == m { print $2 } $1 == "require" && $2 == m { print $3 }' "$wrapper/go.mod" | head -n1)"
  [ -n "$version" ] || fail "cannot read the $module version from $wrapper/go.mod"
  # The wrapper's go.mod and the build flags are part of the cache key: a changed pin, replace or
  # version stamp rebuilds.
  local key
  key="$version-$( (cat "$wrapper/go.mod" && echo "$*") | sha256sum | cut -c1-12)"
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
  key="$version-$( (cat "$wrapper/go.mod" && echo "$packages $*") | sha256sum | cut -c1-12)"
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
