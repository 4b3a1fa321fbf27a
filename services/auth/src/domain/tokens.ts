import { createHash, randomBytes, randomUUID } from 'node:crypto';
import jwt from 'jsonwebtoken';
import type { SigningKeys } from './signing-keys';

/** The one algorithm tokens are signed and verified with; the gateway pins the same. */
export const ACCESS_TOKEN_ALGORITHM = 'HS256';

export interface AccessTokenSettings {
  keys: SigningKeys;
  currentKid: string;
  issuer: string;
  audience: string;
  ttlSec: number;
}

export interface TokenPair {
  accessToken: string;
  refreshToken: string;
  tokenType: 'Bearer';
  expiresIn: number;
}

/** Short-lived access JWTs: sub (user id), sid (the login), jti, roles, iss, aud, iat, exp. */
export class AccessTokenIssuer {
  constructor(private readonly settings: AccessTokenSettings) {}

  get ttlSec(): number {
    return this.settings.ttlSec;
  }

  issue(userId: string, sessionId: string, roles: string[]): string {
    const { keys, currentKid, issuer, audience, ttlSec } = this.settings;
    const secret = keys[currentKid];
    if (!secret) throw new Error('current signing key is missing');
    return jwt.sign({ sid: sessionId, roles }, secret, {
      algorithm: ACCESS_TOKEN_ALGORITHM,
      keyid: currentKid,
      subject: userId,
      jwtid: randomUUID(),
      issuer,
      audience,
      expiresIn: ttlSec,
    });
  }
}

/** Refresh tokens are 256 random bits; only their SHA-256 is stored, so a leaked table logs no one in. */
export const newRefreshToken = (): string => randomBytes(32).toString('base64url');

export const hashRefreshToken = (token: string): string =>
  createHash('sha256').update(token, 'utf8').digest('hex');
