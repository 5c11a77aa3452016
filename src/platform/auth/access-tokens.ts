import jwt from 'jsonwebtoken';

export interface AccessTokenClaims {
  /** membership id */
  sub: string;
  wid: string;
}

/** A verified token's claims and when it expires. */
export interface VerifiedAccessToken extends AccessTokenClaims {
  expiresAt: Date;
}

/** Short-lived signed access tokens (HS256). The signing key is shared by all instances. */
export class AccessTokens {
  constructor(
    private readonly secret: string,
    readonly ttlSeconds: number,
  ) {}

  issue(claims: AccessTokenClaims): { token: string; expiresAt: Date } {
    const token = jwt.sign({ wid: claims.wid, typ: 'access' }, this.secret, {
      algorithm: 'HS256',
      subject: claims.sub,
      expiresIn: this.ttlSeconds,
      issuer: 'vinculo',
    });
    return { token, expiresAt: new Date(Date.now() + this.ttlSeconds * 1000) };
  }

  /** Returns the claims and expiry, or null when the token is malformed, forged or expired. */
  verify(token: string): VerifiedAccessToken | null {
    try {
      const payload = jwt.verify(token, this.secret, { algorithms: ['HS256'], issuer: 'vinculo' });
      if (
        typeof payload !== 'object' ||
        payload.typ !== 'access' ||
        !payload.sub ||
        typeof payload.wid !== 'string' ||
        typeof payload.exp !== 'number'
      ) {
        return null;
      }
      // jsonwebtoken accepts the token while the current second is before `exp`.
      return { sub: payload.sub, wid: payload.wid, expiresAt: new Date(payload.exp * 1000) };
    } catch {
      return null;
    }
  }
}
