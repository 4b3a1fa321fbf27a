// Delivery tests start real processes (etcd, kube-apiserver, helm, tilt) on a shared 2-core
// machine; jest's project-level testTimeout is not applied per project, so set it here.
jest.setTimeout(180_000);
