/**
 * Hardening shared by every Gomall pod, as charts/gomall sets it. The pod level says only
 * "non-root" (plus fsGroup and seccomp): pod-level settings reach every container, the daprd the
 * injector adds too, and daprd 1.16 runs only as its image's own user (65532). The app's user and
 * group (10001, the image's) are set on the app containers.
 */
export const POD_SECURITY_CONTEXT = {
  runAsNonRoot: true,
  fsGroup: 10001,
  seccompProfile: { type: 'RuntimeDefault' },
};

export const CONTAINER_SECURITY_CONTEXT = {
  runAsNonRoot: true,
  runAsUser: 10001,
  runAsGroup: 10001,
  allowPrivilegeEscalation: false,
  readOnlyRootFilesystem: true,
  capabilities: { drop: ['ALL'] },
};

export const TMP_VOLUME = { name: 'tmp', emptyDir: {} };
export const TMP_MOUNT = { name: 'tmp', mountPath: '/tmp' };
