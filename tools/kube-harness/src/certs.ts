import { execFileSync } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export interface ControlPlaneCredentials {
  /** PEM of the CA that signed the API server's serving certificate (trust this, nothing else). */
  caPem: string;
  servingCertPath: string;
  servingKeyPath: string;
  serviceAccountPublicKeyPath: string;
  serviceAccountSigningKeyPath: string;
}

function openssl(args: string[]): void {
  // openssl prints progress to stderr even on success; keep it out of test output.
  execFileSync('openssl', args, { stdio: ['ignore', 'ignore', 'pipe'] });
}

/**
 * A throwaway CA, a serving certificate for 127.0.0.1/localhost signed by it, and the key pair
 * the API server signs service-account tokens with. Node has no X.509 writer, so the
 * certificates come from the openssl CLI (present wherever Node's own TLS is built).
 */
export function generateCredentials(dir: string): ControlPlaneCredentials {
  mkdirSync(dir, { recursive: true });
  const path = (name: string) => join(dir, name);
  openssl([
    'req',
    '-x509',
    '-newkey',
    'ec',
    '-pkeyopt',
    'ec_paramgen_curve:prime256v1',
    '-nodes',
    '-keyout',
    path('ca.key'),
    '-out',
    path('ca.crt'),
    '-days',
    '2',
    '-subj',
    '/CN=gomall-test-ca',
  ]);
  openssl([
    'req',
    '-newkey',
    'ec',
    '-pkeyopt',
    'ec_paramgen_curve:prime256v1',
    '-nodes',
    '-keyout',
    path('apiserver.key'),
    '-out',
    path('apiserver.csr'),
    '-subj',
    '/CN=kube-apiserver',
  ]);
  writeFileSync(
    path('apiserver.ext'),
    'subjectAltName=IP:127.0.0.1,DNS:localhost,DNS:kubernetes.default.svc\n' +
      'extendedKeyUsage=serverAuth\n',
  );
  openssl([
    'x509',
    '-req',
    '-in',
    path('apiserver.csr'),
    '-CA',
    path('ca.crt'),
    '-CAkey',
    path('ca.key'),
    '-CAcreateserial',
    '-days',
    '2',
    '-extfile',
    path('apiserver.ext'),
    '-out',
    path('apiserver.crt'),
  ]);
  const { publicKey, privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  writeFileSync(path('sa.pub'), publicKey.export({ type: 'spki', format: 'pem' }));
  writeFileSync(path('sa.key'), privateKey.export({ type: 'pkcs8', format: 'pem' }), {
    mode: 0o600,
  });
  return {
    caPem: readFileSync(path('ca.crt'), 'utf8'),
    servingCertPath: path('apiserver.crt'),
    servingKeyPath: path('apiserver.key'),
    serviceAccountPublicKeyPath: path('sa.pub'),
    serviceAccountSigningKeyPath: path('sa.key'),
  };
}
