#!/usr/bin/env bash
# `npm run cluster -- up|down|status`: a real single-node Kubernetes cluster on this machine, for
# the `cluster` tests and for trying Gomall's chart, operator and Tiltfile by hand.
#
# Parts: containerd + runc + CNI plugins (Debian packages), etcd (Debian), kube-apiserver,
# kube-controller-manager, kube-scheduler, kubelet, kube-proxy and kubectl (Go module proxy, the
# tools/kube-apiserver wrapper), kube-router's NetworkPolicy firewall (Go module proxy, iptables +
# ipset from Debian), CoreDNS and Traefik (Go module proxy), Dapr's control plane (the
# same github.com/dapr/dapr module as daprd) installed with Dapr's own Helm chart. Images are built
# without Docker (debootstrap + buildah, see images.sh) and imported into containerd.
#
# Isolation: every process of the cluster runs in a network namespace of its own (`gomall-cluster`)
# and a mount namespace of its own, in which /run, /var/lib and /var/log are overlays, so nothing
# the parts write there reaches the host. The host sees one veth (gmc0, 10.203.0.1/30) whose peer
# in the namespace is the node (10.203.0.2): the API server (:6443) and the ingress (:80) answer
# there. Only the kubelet's cgroups (cgroupfs, shared by nature) live on the host; `down` removes
# them, every process, the namespaces and the state folder (etcd data included).
set -euo pipefail
CLUSTER_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
source "$CLUSTER_DIR/../../scripts/lib/common.sh"

NETNS=gomall-cluster
HOST_IF=gmc0
NODE_IF=gmc1
HOST_IP=10.203.0.1
NODE_IP=10.203.0.2
POD_CIDR=10.244.0.0/16
NODE_POD_CIDR=10.244.0.0/24
SERVICE_CIDR=10.96.0.0/16
API_SERVICE_IP=10.96.0.1
DNS_IP=10.96.0.10
NODE_NAME=gomall-node
STATE="${GOMALL_CLUSTER_STATE:-${XDG_STATE_HOME:-$HOME/.local/state}/gomall/cluster}"
KUBECONFIG_PATH="$STATE/kubeconfig"
CONTAINERD_SOCK="$STATE/containerd/containerd.sock"
# The cgroup parent of every pod (cgroupfs driver); `down` removes it from each hierarchy.
CGROUP_ROOT=gomall-cluster

usage() {
  cat >&2 <<EOF
usage: npm run cluster -- up|down|status|env|supported|tag NEW_TAG|image SERVICE REF [TARGET]
  up      build what is missing (cached in $GOMALL_CACHE_DIR), start the cluster, install Dapr,
          CoreDNS and the Traefik ingress controller, import Gomall's images; prints the kubeconfig
  down    stop everything and remove every trace (processes, namespaces, cgroups, etcd data)
  status  whether it runs, its nodes and pods
  env     prints shell exports (KUBECONFIG, PATH with kubectl/helm, GOMALL_CLUSTER_*)
  supported  exits 0 when this machine can run the cluster, else says why (exit 3)
  tag NEW_TAG  tags the cluster's Gomall images with another tag too (a "new version" to roll to)
  image SERVICE REF [TARGET]  builds one service's image (the Dockerfile's TARGET stage, default
          runtime) as REF with buildah and imports it into the cluster: Tilt's custom_build
EOF
  exit 2
}

# Says plainly why this machine cannot run the cluster (exit 3 = unsupported, not a failure).
supported() {
  local why=''
  if [ "$(uname -s)" != Linux ]; then
    why="it needs Linux (namespaces, cgroups, overlayfs); this is $(uname -s)"
  elif [ "$(id -u)" -ne 0 ]; then
    why="it needs root (network and mount namespaces, containerd, the kubelet); run it as root"
  elif ! command -v apt-get >/dev/null; then
    why="it installs its runtime from Debian packages (apt-get), which this machine lacks"
  elif ! command -v unshare >/dev/null || ! unshare --net --mount true 2>/dev/null; then
    why="this machine does not allow new network and mount namespaces"
  fi
  if [ -n "$why" ]; then
    echo "The local Kubernetes cluster cannot run here: $why." >&2
    return 3
  fi
}

holder_pid() { cat "$STATE/holder.pid" 2>/dev/null || true; }
running() {
  local pid
  pid="$(holder_pid)"
  [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null
}
# Runs a command inside the cluster's network and mount namespaces.
inside() { nsenter --target "$(holder_pid)" --net --mount -- "$@"; }

# Starts one daemon inside the namespaces, in its own process group, logging to $STATE/logs.
start_daemon() {
  local name="$1"
  shift
  mkdir -p "$STATE/logs" "$STATE/pids"
  setsid nsenter --target "$(holder_pid)" --net --mount -- "$@" >"$STATE/logs/$name.log" 2>&1 </dev/null &
  echo $! >"$STATE/pids/$name.pid"
}

wait_for() {
  local what="$1" timeout="$2"
  shift 2
  local started=$SECONDS
  until "$@" >/dev/null 2>&1; do
    if ((SECONDS - started > timeout)); then
      fail "$what did not happen within ${timeout}s (logs: $STATE/logs/)"
    fi
    sleep 1
  done
  info "$what ($((SECONDS - started))s)"
}

kubectl_() { KUBECONFIG="$KUBECONFIG_PATH" "$KUBE_NODE/kubectl" "$@"; }

tool_paths() {
  KUBE_APISERVER_BIN="$(bash "$REPO_ROOT/scripts/ensure-kube-apiserver.sh")"
  KUBE_CONTROLLER_MANAGER_BIN="$(bash "$REPO_ROOT/scripts/ensure-kube-controller-manager.sh")"
  KUBE_NODE="$(bash "$REPO_ROOT/scripts/ensure-kube-node.sh")"
  KUBE_ROUTER_BIN="$(bash "$REPO_ROOT/scripts/ensure-kube-router.sh")"
  HELM_BIN="$(bash "$REPO_ROOT/scripts/ensure-helm.sh")"
}

# --- namespaces ----------------------------------------------------------------------------
make_namespaces() {
  if ip link show "$HOST_IF" >/dev/null 2>&1 || ip netns list | grep -qw "$NETNS"; then
    fail "$HOST_IF or the $NETNS namespace exists already: run \`npm run cluster -- down\` first"
  fi
  if ip -4 addr show | grep -q "inet 10\.203\.0\."; then
    fail "10.203.0.0/30 is in use on this host; the cluster needs it for its veth"
  fi
  mkdir -p "$STATE"/{logs,pids,overlay}
  # A holder process owns the two namespaces; everything else joins them with nsenter. Mounts
  # propagate from the host into them (slave), never back.
  unshare --net --mount --propagation slave sleep infinity </dev/null >/dev/null 2>&1 &
  echo $! >"$STATE/holder.pid"
  sleep 0.2
  ip netns attach "$NETNS" "$(holder_pid)"
  ip link add "$HOST_IF" type veth peer name "$NODE_IF" netns "$NETNS"
  ip addr add "$HOST_IP/30" dev "$HOST_IF"
  ip link set "$HOST_IF" up
  inside ip link set lo up
  inside ip addr add "$NODE_IP/30" dev "$NODE_IF"
  inside ip link set "$NODE_IF" up
  # Service addresses need a route before kube-proxy's DNAT rewrites them (the namespace has no
  # default route): an empty bridge, so what no rule rewrites is dropped, never sent to the host.
  inside ip link add gmc-services type bridge
  inside ip link set gmc-services up
  inside ip route add "$SERVICE_CIDR" dev gmc-services
  inside sysctl -qw net.ipv4.ip_forward=1
  # Pod-to-pod traffic crosses the CNI bridge; only with br_netfilter does it meet the iptables
  # rules of kube-proxy (hairpin) and of the NetworkPolicy firewall.
  inside sysctl -qw net.bridge.bridge-nf-call-iptables=1 ||
    fail "net.bridge.bridge-nf-call-iptables cannot be set: the kernel needs br_netfilter (modprobe br_netfilter)"
  # The ingress controller (host network of the node, non-root, no ambient capabilities) binds :80.
  inside sysctl -qw net.ipv4.ip_unprivileged_port_start=80
  # Whatever the parts write under /run, /var/lib and /var/log lands in the state folder.
  for dir in run var/lib var/log; do
    local key="${dir//\//-}"
    mkdir -p "$STATE/overlay/$key/upper" "$STATE/overlay/$key/work"
    inside mount -t overlay "gomall-$key" \
      -o "lowerdir=/$dir,upperdir=$STATE/overlay/$key/upper,workdir=$STATE/overlay/$key/work" "/$dir"
  done
  # The kubelet's volumes are mounted under the state folder and must propagate into containers.
  inside mount --bind "$STATE" "$STATE"
  inside mount --make-rshared "$STATE"
  info "namespaces: $NETNS (node $NODE_IP, host side $HOST_IF $HOST_IP)"
}

# --- certificates --------------------------------------------------------------------------
make_pki() {
  local pki="$STATE/pki"
  mkdir -p "$pki"
  (
    cd "$pki"
    openssl req -x509 -newkey rsa:2048 -nodes -keyout ca.key -out ca.crt -days 30 \
      -subj "/CN=gomall-cluster-ca" 2>/dev/null
    openssl req -newkey rsa:2048 -nodes -keyout apiserver.key -out apiserver.csr \
      -subj "/CN=kube-apiserver" 2>/dev/null
    printf 'subjectAltName=IP:%s,IP:%s,IP:127.0.0.1,DNS:kubernetes,DNS:kubernetes.default,DNS:kubernetes.default.svc,DNS:kubernetes.default.svc.cluster.local\nextendedKeyUsage=serverAuth\n' \
      "$NODE_IP" "$API_SERVICE_IP" >apiserver.ext
    openssl x509 -req -in apiserver.csr -CA ca.crt -CAkey ca.key -CAcreateserial -days 30 \
      -extfile apiserver.ext -out apiserver.crt 2>/dev/null
    # The admin client certificate (group system:masters): kubectl, helm, tests, the components.
    openssl req -newkey rsa:2048 -nodes -keyout admin.key -out admin.csr \
      -subj "/O=system:masters/CN=gomall-admin" 2>/dev/null
    printf 'extendedKeyUsage=clientAuth\n' >client.ext
    openssl x509 -req -in admin.csr -CA ca.crt -CAkey ca.key -CAcreateserial -days 30 \
      -extfile client.ext -out admin.crt 2>/dev/null
    openssl genrsa -out sa.key 2048 2>/dev/null
    openssl rsa -in sa.key -pubout -out sa.pub 2>/dev/null
    rm -f ./*.csr ./*.ext
  )
  local b64
  b64() { base64 -w0 <"$1"; }
  cat >"$KUBECONFIG_PATH" <<EOF
apiVersion: v1
kind: Config
clusters:
  - name: gomall-cluster
    cluster: { server: 'https://$NODE_IP:6443', certificate-authority-data: $(b64 "$pki/ca.crt") }
users:
  - name: gomall-admin
    user: { client-certificate-data: $(b64 "$pki/admin.crt"), client-key-data: $(b64 "$pki/admin.key") }
contexts:
  - name: gomall-cluster
    context: { cluster: gomall-cluster, user: gomall-admin }
current-context: gomall-cluster
EOF
  chmod 600 "$KUBECONFIG_PATH"
}

# --- runtime and control plane -------------------------------------------------------------
start_containerd() {
  local root="$STATE/containerd"
  mkdir -p "$root/cni-conf" "$root/cni-data"
  cat >"$root/config.toml" <<EOF
version = 2
root = "$root/root"
state = "$root/state"
[grpc]
  address = "$root/containerd.sock"
[plugins."io.containerd.grpc.v1.cri"]
  sandbox_image = "$PAUSE_IMAGE"
  # Processes here lack CAP_SYS_RESOURCE: a pod sandbox asking oom_score_adj -998 would fail.
  restrict_oom_score_adj = true
  netns_mounts_under = "$root/netns"
  [plugins."io.containerd.grpc.v1.cri".containerd]
    snapshotter = "overlayfs"
    [plugins."io.containerd.grpc.v1.cri".containerd.runtimes.runc]
      runtime_type = "io.containerd.runc.v2"
      [plugins."io.containerd.grpc.v1.cri".containerd.runtimes.runc.options]
        SystemdCgroup = false
        Root = "$root/runc"
  [plugins."io.containerd.grpc.v1.cri".cni]
    bin_dir = "/usr/lib/cni"
    conf_dir = "$root/cni-conf"
EOF
  # The pod network: one bridge with host-local addresses from the node's pod range.
  cat >"$root/cni-conf/10-gomall.conflist" <<EOF
{
  "cniVersion": "1.0.0",
  "name": "gomall",
  "plugins": [
    { "type": "bridge", "bridge": "cni0", "isGateway": true, "ipMasq": true, "hairpinMode": true,
      "ipam": { "type": "host-local", "dataDir": "$root/cni-data",
                "ranges": [[{ "subnet": "$NODE_POD_CIDR" }]], "routes": [{ "dst": "0.0.0.0/0" }] } },
    { "type": "portmap", "capabilities": { "portMappings": true } },
    { "type": "loopback" }
  ]
}
EOF
  start_daemon containerd containerd --config "$root/config.toml"
  wait_for "containerd answers" 60 inside ctr --address "$CONTAINERD_SOCK" version
}

start_control_plane() {
  local pki="$STATE/pki"
  start_daemon etcd /usr/bin/etcd --name gomall --data-dir "$STATE/etcd" \
    --listen-client-urls http://127.0.0.1:2379 --advertise-client-urls http://127.0.0.1:2379 \
    --listen-peer-urls http://127.0.0.1:2380 --unsafe-no-fsync
  start_daemon kube-apiserver "$KUBE_APISERVER_BIN" \
    --etcd-servers=http://127.0.0.1:2379 --bind-address=0.0.0.0 --advertise-address="$NODE_IP" \
    --secure-port=6443 --cert-dir="$pki" --tls-cert-file="$pki/apiserver.crt" \
    --tls-private-key-file="$pki/apiserver.key" --client-ca-file="$pki/ca.crt" \
    --kubelet-client-certificate="$pki/admin.crt" --kubelet-client-key="$pki/admin.key" \
    --authorization-mode=Node,RBAC --service-cluster-ip-range="$SERVICE_CIDR" \
    --service-account-issuer=https://kubernetes.default.svc.cluster.local \
    --service-account-key-file="$pki/sa.pub" --service-account-signing-key-file="$pki/sa.key" \
    --allow-privileged=true --profiling=false --enable-priority-and-fairness=false \
    --kubelet-preferred-address-types=InternalIP
  wait_for "kube-apiserver answers" 180 kubectl_ get --raw /readyz
  start_daemon kube-controller-manager "$KUBE_CONTROLLER_MANAGER_BIN" \
    --kubeconfig="$KUBECONFIG_PATH" --authentication-kubeconfig="$KUBECONFIG_PATH" \
    --authorization-kubeconfig="$KUBECONFIG_PATH" --leader-elect=false --bind-address=127.0.0.1 \
    --cert-dir="$pki/controller-manager" --service-account-private-key-file="$pki/sa.key" \
    --root-ca-file="$pki/ca.crt" --use-service-account-credentials=true \
    --cluster-cidr="$POD_CIDR" --service-cluster-ip-range="$SERVICE_CIDR" --allocate-node-cidrs=false \
    --controllers='*,-nodeipam,-cloud-node-lifecycle,-service-lb-controller'
  start_daemon kube-scheduler "$KUBE_NODE/kube-scheduler" --kubeconfig="$KUBECONFIG_PATH" \
    --authentication-kubeconfig="$KUBECONFIG_PATH" --authorization-kubeconfig="$KUBECONFIG_PATH" \
    --leader-elect=false --bind-address=127.0.0.1
}

start_node() {
  local kubelet="$STATE/kubelet"
  mkdir -p "$kubelet/root" "$STATE/pod-logs"
  cat >"$kubelet/config.yaml" <<EOF
apiVersion: kubelet.config.k8s.io/v1beta1
kind: KubeletConfiguration
authentication:
  anonymous: { enabled: false }
  webhook: { enabled: true }
  x509: { clientCAFile: $STATE/pki/ca.crt }
authorization: { mode: Webhook }
cgroupDriver: cgroupfs
cgroupRoot: /$CGROUP_ROOT
failCgroupV1: false
failSwapOn: false
containerRuntimeEndpoint: unix://$CONTAINERD_SOCK
clusterDomain: cluster.local
clusterDNS: [$DNS_IP]
podCIDR: $NODE_POD_CIDR
podLogsDir: $STATE/pod-logs
address: $NODE_IP
port: 10250
readOnlyPort: 0
healthzBindAddress: 127.0.0.1
# Nothing can be pulled back here: never garbage-collect the imported images.
imageGCHighThresholdPercent: 100
imageGCLowThresholdPercent: 99
# The node's disk is the host's, shared with everything else on it (as with kind, which sets 0%
# too): at 1% a host whose disk filled up had the kubelet evict every pod and delete the images
# nothing could pull back (the pause image included), and the cluster never recovered.
evictionHard: { memory.available: "100Mi", nodefs.available: "0%", imagefs.available: "0%" }
serializeImagePulls: false
resolvConf: $kubelet/resolv.conf
staticPodPath: ""
EOF
  # Pods resolve through CoreDNS only; the host's resolvers are not reachable from here.
  : >"$kubelet/resolv.conf"
  # The kubelet's cgroup root must exist in every hierarchy (cgroup v1: cpuset needs its CPUs and
  # memory nodes copied from the parent before anything can join it).
  local hierarchy
  for hierarchy in /sys/fs/cgroup/*/; do
    [ -e "$hierarchy/cgroup.procs" ] || continue
    mkdir -p "$hierarchy$CGROUP_ROOT"
    if [ -e "$hierarchy/cpuset.cpus" ]; then
      cat "$hierarchy/cpuset.cpus" >"$hierarchy$CGROUP_ROOT/cpuset.cpus"
      cat "$hierarchy/cpuset.mems" >"$hierarchy$CGROUP_ROOT/cpuset.mems"
    fi
  done
  start_daemon kubelet "$KUBE_NODE/kubelet" --config="$kubelet/config.yaml" \
    --kubeconfig="$KUBECONFIG_PATH" --root-dir="$kubelet/root" --hostname-override="$NODE_NAME" \
    --node-ip="$NODE_IP" --cert-dir="$kubelet/pki"
  cat >"$STATE/kube-proxy.yaml" <<EOF
apiVersion: kubeproxy.config.k8s.io/v1alpha1
kind: KubeProxyConfiguration
clientConnection: { kubeconfig: $KUBECONFIG_PATH }
mode: iptables
clusterCIDR: $POD_CIDR
hostnameOverride: $NODE_NAME
bindAddress: $NODE_IP
healthzBindAddress: 127.0.0.1:10256
metricsBindAddress: 127.0.0.1:10249
conntrack: { maxPerCore: 0 }
EOF
  start_daemon kube-proxy "$KUBE_NODE/kube-proxy" --config="$STATE/kube-proxy.yaml"
  wait_for "node $NODE_NAME Ready" 180 \
    sh -c "KUBECONFIG='$KUBECONFIG_PATH' '$KUBE_NODE/kubectl' get node $NODE_NAME -o jsonpath='{.status.conditions[?(@.type==\"Ready\")].status}' | grep -qx True"
  # NetworkPolicy: kube-router's firewall only (iptables + ipset in the node's namespace; bridged
  # pod-to-pod traffic reaches it through br_netfilter), started once the Node object exists.
  # Routing and services stay with the bridge CNI and kube-proxy.
  start_daemon kube-router "$KUBE_ROUTER_BIN" --kubeconfig="$KUBECONFIG_PATH" \
    --hostname-override="$NODE_NAME" --run-firewall=true --run-router=false \
    --run-service-proxy=false --enable-cni=false --enable-ipv6=false \
    --service-cluster-ip-range="$SERVICE_CIDR" --health-port=20244
  wait_for "NetworkPolicy firewall (kube-router) synced" 120 inside iptables -S KUBE-ROUTER-FORWARD
}

# --- images and add-ons --------------------------------------------------------------------
import_images() {
  local started=$SECONDS archive ref present imported=0
  present="$(inside ctr --address "$CONTAINERD_SOCK" -n k8s.io images ls -q)"
  for archive in "$@"; do
    # The name the archive carries (docker-archive manifest.json): an image containerd has already
    # is not imported again.
    ref="$(tar -xOf "$archive" manifest.json | grep -o '"RepoTags":\["[^"]*"' | cut -d'"' -f4)"
    if [ -n "$ref" ] && grep -qxF "$ref" <<<"$present"; then continue; fi
    inside ctr --address "$CONTAINERD_SOCK" -n k8s.io images import --no-unpack=false "$archive" >/dev/null
    imported=$((imported + 1))
  done
  info "imported $imported of $# images into containerd, the rest were there ($((SECONDS - started))s)"
}

install_addons() {
  step "Add-ons: CoreDNS, Dapr $DAPR_VERSION, Traefik"
  sed -e "s|@DNS_IP@|$DNS_IP|g" -e "s|@COREDNS_IMAGE@|$COREDNS_IMAGE|g" \
    "$CLUSTER_DIR/manifests/coredns.yaml" | kubectl_ apply -f - >/dev/null
  # Dapr's own chart, from the github.com/dapr/dapr module daprd and the images were built from.
  # Three changes to its defaults, all for a small shared machine:
  # - no placement and no scheduler (global.actors/scheduler.enabled=false): Gomall uses no actors,
  #   workflows or jobs (its local mall runs daprd without them too). The scheduler is three
  #   replicas whatever the HA setting, each an embedded etcd; in a CI run at load 90 two of them
  #   crash-looped beside Dapr's operator, and every sidecar with them. Dapr 1.16's injector waits
  #   for the scheduler's StatefulSet even so: an empty one stands in (manifests/no-scheduler.yaml);
  # - its liveness probes (1 s timeout, every 3 s, 5 failures) restart the control plane after
  #   15 s of a busy CPU; 10 s × 18 gives it 3 minutes; its readiness probes would take the
  #   injector and sentry out of their Services as fast (webhook calls and new sidecars refused),
  #   so they get 2 minutes (3 s × 40);
  # - its injector's webhook ignores failures, so a pod created while the injector is slow or
  #   restarting starts without daprd and never gets one. Failing instead makes the ReplicaSet
  #   retry until injection works; the control plane's own namespaces are left out of the webhook
  #   (the injector must be able to start its own pods).
  local DAPR_TOLERANCE=() part
  for part in dapr_operator dapr_sentry dapr_sidecar_injector; do
    DAPR_TOLERANCE+=(--set "$part.livenessProbe.periodSeconds=10"
      --set "$part.livenessProbe.failureThreshold=18"
      --set "$part.readinessProbe.failureThreshold=40")
  done
  DAPR_TOLERANCE+=(--set dapr_sidecar_injector.webhookFailurePolicy=Fail
    --set-json 'dapr_sidecar_injector.namespaceSelector={"matchExpressions":[{"key":"kubernetes.io/metadata.name","operator":"NotIn","values":["dapr-system","kube-system","traefik"]}]}')
  kubectl_ create namespace dapr-system >/dev/null
  sed -e "s|@PAUSE_IMAGE@|$PAUSE_IMAGE|g" "$CLUSTER_DIR/manifests/no-scheduler.yaml" |
    kubectl_ apply -f - >/dev/null
  KUBECONFIG="$KUBECONFIG_PATH" HELM_CONFIG_HOME="$STATE/helm/config" HELM_CACHE_HOME="$STATE/helm/cache" \
    HELM_DATA_HOME="$STATE/helm/data" "$HELM_BIN" install dapr "$DAPR_CHART" --namespace dapr-system \
    --create-namespace --wait --timeout 10m \
    --set global.registry="$IMAGE_REGISTRY/dapr" --set global.tag="$DAPR_VERSION" \
    --set global.imagePullPolicy=Never --set global.ha.enabled=false \
    --set global.actors.enabled=false --set global.scheduler.enabled=false \
    --set global.logAsJson=true "${DAPR_TOLERANCE[@]}" >/dev/null
  info "Dapr control plane Ready"
  # The injector's webhook ignores failures: wait until it really injects before any app pod.
  wait_for "Dapr sidecar injector injects daprd" 180 injector_injects
  sed -e "s|@TRAEFIK_IMAGE@|$TRAEFIK_IMAGE|g" "$CLUSTER_DIR/manifests/traefik.yaml" |
    kubectl_ apply -f - >/dev/null
  wait_for "CoreDNS Ready" 180 kubectl_ -n kube-system rollout status deployment/coredns --timeout=5s
  wait_for "Traefik Ready" 180 kubectl_ -n traefik rollout status deployment/traefik --timeout=5s
}

injector_injects() {
  kubectl_ create --dry-run=server -o jsonpath='{.spec.containers[*].name}' -f - <<EOF | grep -qw daprd
apiVersion: v1
kind: Pod
metadata:
  name: injector-probe
  namespace: default
  annotations: { dapr.io/enabled: "true", dapr.io/app-id: injector-probe }
spec:
  containers: [{ name: probe, image: $PAUSE_IMAGE }]
EOF
}

# --- commands ------------------------------------------------------------------------------
up() {
  supported || exit 3
  local started=$SECONDS images_env
  images_env="$(mktemp)"
  if running; then
    # Up already: only Gomall's images, which change with the code, are built and imported.
    info "the cluster is already up"
    tool_paths
  else
    bring_up "$images_env"
  fi

  if [ "${GOMALL_CLUSTER_SKIP_APP_IMAGES:-}" != 1 ]; then
    step "Gomall's images (the project's Dockerfile, built with buildah)"
    unshare --mount --propagation private bash "$CLUSTER_DIR/images.sh" apps "$images_env"
    # shellcheck disable=SC1090
    source "$images_env"
    import_images "${APP_ARCHIVES[@]}"
  fi
  rm -f "$images_env"
  write_env
  step "Cluster ready in $((SECONDS - started))s. kubeconfig:"
  echo "$KUBECONFIG_PATH"
}

# A first bring-up writes some 30 GB (Go module and build caches, buildah's store, the images),
# a later one a few GB per source change: say so before a full disk fails a build or a pod.
warn_if_disk_short() {
  local need_gb=30 free_gb
  mkdir -p "$GOMALL_CACHE_DIR"
  free_gb="$(df -P -BG "$GOMALL_CACHE_DIR" | awk 'NR == 2 { sub("G", "", $4); print $4 }')"
  if [ -n "$free_gb" ] && [ "$free_gb" -lt "$need_gb" ]; then
    warn "only ${free_gb} GB free where the cluster's parts are cached ($GOMALL_CACHE_DIR);" \
      "    a first bring-up needs about ${need_gb} GB (Go caches, images). Builds or pods may fail on a full disk." >&2
  fi
}

# Builds (or finds cached) every part and starts the cluster from nothing.
bring_up() {
  local images_env="$1" started=$SECONDS
  [ ! -e "$STATE" ] || down_quiet
  step "Local Kubernetes cluster: parts (built once, cached in $GOMALL_CACHE_DIR)"
  warn_if_disk_short
  bash "$REPO_ROOT/scripts/ensure-system-packages.sh"
  bash "$REPO_ROOT/scripts/ensure-cluster-packages.sh"
  mkdir -p "$GOMALL_CACHE_DIR/logs"
  # The Debian root filesystems are network and dpkg bound, the Go builds CPU bound: the first
  # go on in the background (the image builds wait for any still under way; a failed one is
  # tried again there, in the foreground, with its error shown).
  local rootfs_log="$GOMALL_CACHE_DIR/logs/rootfs-background.log"
  unshare --mount --propagation private bash "$CLUSTER_DIR/images.sh" rootfs >"$rootfs_log" 2>&1 &
  local rootfs_pid=$!
  info "Debian root filesystems: in the background (log: $rootfs_log)"
  tool_paths
  unshare --mount --propagation private bash "$CLUSTER_DIR/images.sh" platform "$images_env"
  wait "$rootfs_pid" || warn "the background build of the Debian root filesystems failed (log: $rootfs_log); the image builds try again"
  # shellcheck disable=SC1090
  source "$images_env"
  info "parts ready ($((SECONDS - started))s)"

  step "Starting the cluster (state: $STATE)"
  local boot=$SECONDS
  mkdir -p "$STATE"
  make_namespaces
  make_pki
  start_containerd
  import_images "${PLATFORM_ARCHIVES[@]}"
  start_control_plane
  start_node
  install_addons
  info "cluster up in $((SECONDS - boot))s"
}

# Gives every Gomall image of the cluster a second tag — a "new version" for upgrade tests without a
# rebuild (the same content under another name, as a registry would serve a re-tagged release).
tag_images() {
  local new="$1" current service IMAGE_REGISTRY
  [[ "$new" =~ ^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$ ]] || fail "usage: npm run cluster -- tag NEW_TAG"
  running || fail "the cluster is not running: npm run cluster -- up"
  IMAGE_REGISTRY="$(sed -n "s/^export GOMALL_CLUSTER_IMAGE_REGISTRY='\(.*\)'$/\1/p" "$STATE/env")"
  current="$(sed -n "s/^export GOMALL_CLUSTER_IMAGE_TAG='\(.*\)'$/\1/p" "$STATE/env")"
  [ -n "$current" ] || fail "no Gomall images in the cluster yet: npm run cluster -- up"
  for service in $(cd "$REPO_ROOT/services" && ls); do
    inside ctr --address "$CONTAINERD_SOCK" -n k8s.io images tag --force \
      "$IMAGE_REGISTRY/gomall/$service:$current" "$IMAGE_REGISTRY/gomall/$service:$new" >/dev/null
  done
  info "Gomall's images $current are also tagged $new"
}

# One service's image, built and imported under the name Tilt expects ($EXPECTED_REF): the
# Tiltfile's builder on this cluster, which has no Docker engine and no registry.
build_image() {
  local service="$1" ref="$2" target="${3:-runtime}" archive
  [ -n "$service" ] && [ -n "$ref" ] || usage
  running || fail "the cluster is not running: npm run cluster -- up"
  archive="$(mktemp --suffix=.tar)"
  unshare --mount --propagation private bash "$CLUSTER_DIR/images.sh" one "$service" "$ref" "$target" "$archive"
  inside ctr --address "$CONTAINERD_SOCK" -n k8s.io images import --no-unpack=false "$archive" >/dev/null
  rm -f "$archive"
  info "$ref built and imported into the cluster"
}

# What tests and people need to use the cluster, as shell exports.
write_env() {
  cat >"$STATE/env" <<EOF
export KUBECONFIG='$KUBECONFIG_PATH'
export PATH='$KUBE_NODE':"\$PATH"
export HELM_BIN='$HELM_BIN'
export GOMALL_CLUSTER_NODE_IP='$NODE_IP'
export GOMALL_CLUSTER_IMAGE_REGISTRY='$IMAGE_REGISTRY'
export GOMALL_CLUSTER_IMAGE_TAG='${APP_TAG:-}'
export GOMALL_CLUSTER_INFRA_IMAGES='${INFRA_IMAGES:-}'
export GOMALL_CLUSTER_STATE='$STATE'
EOF
}

down_quiet() {
  local pid
  # The kubelet first, so that it does not restart what is stopped next.
  for name in kubelet kube-router kube-proxy kube-scheduler kube-controller-manager kube-apiserver; do
    pid="$(cat "$STATE/pids/$name.pid" 2>/dev/null || true)"
    [ -n "$pid" ] && kill -- -"$pid" 2>/dev/null || true
  done
  # Every container process: they live in the pods' cgroups under $CGROUP_ROOT.
  local hierarchy procs
  for _ in 1 2 3; do
    procs="$(find /sys/fs/cgroup/*/"$CGROUP_ROOT" -name cgroup.procs -exec cat {} + 2>/dev/null | sort -u || true)"
    [ -z "$procs" ] && break
    # shellcheck disable=SC2086 # a list of pids
    kill -9 $procs 2>/dev/null || true
    sleep 0.5
  done
  # What is left in the cluster's network namespace: containerd, its shims, etcd, the holder.
  if ip netns list 2>/dev/null | grep -qw "$NETNS"; then
    for _ in 1 2 3; do
      procs="$(ip netns pids "$NETNS" 2>/dev/null || true)"
      [ -z "$procs" ] && break
      # shellcheck disable=SC2086
      kill -9 $procs 2>/dev/null || true
      sleep 0.5
    done
    ip netns delete "$NETNS" 2>/dev/null || true
  fi
  pid="$(holder_pid)"
  [ -n "$pid" ] && kill -9 "$pid" 2>/dev/null || true
  ip link delete "$HOST_IF" 2>/dev/null || true
  # The pods' cgroups, deepest first, in every hierarchy.
  for hierarchy in /sys/fs/cgroup/*/; do
    [ -d "$hierarchy$CGROUP_ROOT" ] || continue
    find "$hierarchy$CGROUP_ROOT" -depth -type d -exec rmdir {} + 2>/dev/null || true
  done
  # The mounts lived in the cluster's mount namespace, gone with its last process.
  rm -rf "$STATE"
}

down() {
  supported || exit 3
  if [ ! -e "$STATE" ] && ! ip link show "$HOST_IF" >/dev/null 2>&1; then
    info "no cluster to stop"
    return 0
  fi
  step "Stopping the local cluster and removing every trace"
  down_quiet
  local left=''
  ip link show "$HOST_IF" >/dev/null 2>&1 && left+=" veth $HOST_IF;"
  ip netns list 2>/dev/null | grep -qw "$NETNS" && left+=" netns $NETNS;"
  ls -d /sys/fs/cgroup/*/"$CGROUP_ROOT" >/dev/null 2>&1 && left+=" cgroups $CGROUP_ROOT;"
  [ -e "$STATE" ] && left+=" $STATE;"
  [ -z "$left" ] || fail "could not remove:$left"
  info "down: no process, namespace, cgroup or file of the cluster is left"
}

status() {
  supported || exit 3
  if ! running; then
    echo "not running"
    return 1
  fi
  KUBE_NODE="$(bash "$REPO_ROOT/scripts/ensure-kube-node.sh")"
  KUBE_ROUTER_BIN="$(bash "$REPO_ROOT/scripts/ensure-kube-router.sh")"
  echo "running (node $NODE_IP, state $STATE)"
  echo "kubeconfig: $KUBECONFIG_PATH"
  kubectl_ get nodes -o wide
  kubectl_ get pods -A
}

# Sourced (for its functions): stop here.
[ "${BASH_SOURCE[0]}" = "$0" ] || return 0
case "${1:-}" in
  up) up ;;
  down) down ;;
  status) status ;;
  supported) supported ;;
  tag) tag_images "${2:-}" ;;
  image) build_image "${2:-}" "${3:-}" "${4:-}" ;;
  env)
    running || fail "the cluster is not running: npm run cluster -- up"
    cat "$STATE/env"
    ;;
  *) usage ;;
esac
