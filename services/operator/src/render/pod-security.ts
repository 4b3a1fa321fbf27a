/**
 * Hardening shared by every Gomall container: non-root (the image's `node` user, uid 1000), no
 * privilege escalation, no capabilities, read-only root filesystem with a writable /tmp.
 */
export const POD_SECURITY_CONTEXT = {
  runAsNonRoot: true,
  runAsUser: 1000,
  runAsGroup: 1000,
  fsGroup: 1000,
  seccompProfile: { type: 'RuntimeDefault' },
};

export const CONTAINER_SECURITY_CONTEXT = {
  allowPrivilegeEscalation: false,
  readOnlyRootFilesystem: true,
  capabilities: { drop: ['ALL'] },
};

export const TMP_VOLUME = { name: 'tmp', emptyDir: {} };
export const TMP_MOUNT = { name: 'tmp', mountPath: '/tmp' };
