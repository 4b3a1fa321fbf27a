import { ACCESS_TOKEN_ALGORITHM } from '@gomall/contracts';
import { type SigningKeys } from '@gomall/kit';
import { createHash, createSecretKey, randomBytes, randomUUID, type KeyObject } from 'node:crypto';
import jwt from 'jsonwebtoken';

export interface AccessTokenSettings {
  keys: SigningKeys;
  currentKid: string;
  issuer: string;
  audience: string;
  ttlSec: number;
}

/** Short-lived access JWTs: sub (user id), sid (the login), jti, roles, iss, aud, iat, exp. */
export class AccessTokenIssuer {
  /** Made once: given a string, jsonwebtoken re-derives the key on every call (~40x slower). */
  private readonly signingKey: KeyObject;

  constructor(private readonly settings: AccessTokenSettings) {
    const secret = settings.keys[settings.currentKid];
    if (!secret) throw new Error('current signing key is missing');
    this.signingKey = createSecretKey(Buffer.from(secret, 'utf8'));
  }

  get ttlSec(): number {
    return this.settings.ttlSec;
  }

  issue(userId: string, sessionId: string, roles: string[]): string {
    const { currentKid, issuer, audience, ttlSec } = this.settings;
    return jwt.sign({ sid: sessionId, roles }, this.signingKey, {
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
