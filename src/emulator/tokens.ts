/**
 * Access tokens for the client-credentials grant: random opaque strings with an expiry,
 * revocable all at once; every token ever issued is remembered so tests can look for leaks.
 */
import { randomBytes, timingSafeEqual } from "crypto";

interface TokenRecord {
  expiresAt: number;
  revoked: boolean;
}

export class TokenStore {
  private readonly tokens = new Map<string, TokenRecord>();

  constructor(
    private readonly ttlSeconds: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** The `expires_in` announced to clients. */
  get expiresIn(): number {
    return Math.floor(this.ttlSeconds);
  }

  issue(): string {
    const token = `skt_${randomBytes(32).toString("base64url")}`;
    this.tokens.set(token, { expiresAt: this.now() + this.ttlSeconds * 1000, revoked: false });
    return token;
  }

  isValid(token: string): boolean {
    const t = this.tokens.get(token);
    return t !== undefined && !t.revoked && this.now() < t.expiresAt;
  }

  revokeAll(): void {
    for (const t of this.tokens.values()) t.revoked = true;
  }

  issued(): string[] {
    return [...this.tokens.keys()];
  }

  reset(): void {
    this.tokens.clear();
  }
}

/** Constant-time string comparison for client credentials. */
export function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a, "utf8");
  const y = Buffer.from(b, "utf8");
  return x.length === y.length && timingSafeEqual(x, y);
}
