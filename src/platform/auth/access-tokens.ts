import jwt from 'jsonwebtoken';

export interface AccessTokenClaims {
  /** membership id */
  sub: string;
  wid: string;
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

  /** Returns the claims, or null when the token is malformed, forged or expired. */
  verify(token: string): AccessTokenClaims | null {
    try {
      const payload = jwt.verify(token, this.secret, { algorithms: ['HS256'], issuer: 'vinculo' });
      if (typeof payload !== 'object' || payload.typ !== 'access' || !payload.sub || typeof payload.wid !== 'string') {
        return null;
      }
      return { sub: payload.sub, wid: payload.wid };
    } catch {
      return null;
    }
  }
}
