export * from './control-plane';
export * from './kube-client';
export * from './crds';
export * from './certs';
export * from './crd-sources';
