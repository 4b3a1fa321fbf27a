import { apiTokenSecret, appTokenSecret } from '../render/deployment';
import { imageOf } from '../render/env';
import { servicesOf } from './services';
import type { Mall } from './types';

/**
 * What the operator lets a Mall name (configured on the operator, docs/security.md). Whoever may
 * create a Mall could otherwise run any image with any Secret of the namespace mounted — and read
 * it out: the operator would do it on their behalf.
 */
export interface AdmissionPolicy {
  /** Image prefixes such as `ghcr.io/gomall/`, matched at a path boundary. */
  imagePrefixes: readonly string[];
  /** Secret name globs (`*` matches any run of characters); `{mall}` is the Mall's name. */
  secretPatterns: readonly string[];
}

export const DEFAULT_ADMISSION: AdmissionPolicy = {
  imagePrefixes: ['ghcr.io/gomall/'],
  secretPatterns: ['{mall}-*'],
};

/** `ghcr.io/gomall` allows `ghcr.io/gomall/gateway:1.0`, not `ghcr.io/gomall-evil/…`. */
export function imageAllowed(image: string, prefixes: readonly string[]): boolean {
  return prefixes.some((prefix) => {
    const boundary = prefix.endsWith('/') || prefix.endsWith(':') ? prefix : `${prefix}/`;
    return image.startsWith(boundary);
  });
}

const escape = (text: string) => text.replace(/[.+?^${}()|[\]\\]/g, '\\$&');

export function secretAllowed(secret: string, mall: string, patterns: readonly string[]): boolean {
  return patterns.some((pattern) => {
    const expanded = pattern.split('{mall}').join(mall);
    const regex = new RegExp(`^${expanded.split('*').map(escape).join('.*')}$`);
    return regex.test(secret);
  });
}

/** Every Secret the rendered objects would reference (pods' env, Dapr annotations, the Ingress). */
export function secretsOf(mall: Mall): string[] {
  const { spec } = mall;
  const names = [
    spec.database.secretRef.name,
    spec.redis.secretRef.name,
    spec.jwt.secretRef.name,
    spec.admin?.secretRef.name,
    spec.storefront?.secretRef.name,
    spec.ingress?.tlsSecretName,
    ...servicesOf(mall).flatMap((service) => [
      appTokenSecret(mall, service.name),
      apiTokenSecret(mall, service.name),
    ]),
  ];
  return [...new Set(names.filter((name): name is string => Boolean(name)))];
}

/** Why this Mall may not be reconciled, one line per refused name; empty when it may. */
export function admissionRefusals(mall: Mall, policy: AdmissionPolicy): string[] {
  const refusals: string[] = [];
  const images = [...new Set(servicesOf(mall).map((service) => imageOf(mall, service.name)))];
  const badImages = images.filter((image) => !imageAllowed(image, policy.imagePrefixes));
  if (badImages.length) {
    refusals.push(
      `image ${badImages[0]}${badImages.length > 1 ? ` (and ${badImages.length - 1} more)` : ''} is not under an allowed prefix (${policy.imagePrefixes.join(', ') || 'none'})`,
    );
  }
  for (const secret of secretsOf(mall)) {
    if (!secretAllowed(secret, mall.metadata.name, policy.secretPatterns)) {
      refusals.push(
        `Secret ${secret} is not allowed (${policy.secretPatterns.join(', ') || 'none'})`,
      );
    }
  }
  return refusals;
}
