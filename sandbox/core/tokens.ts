import { randomBytes } from "node:crypto";

/** An access or refresh token the sandbox issued, and what it grants. */
export type Grant = {
  provider: string;
  /** The emulated account (Xero user/tenant set, QuickBooks realm, Slack team, …). */
  accountId: string;
  clientId: string;
  scopes: string[];
  expiresAt: number; // epoch ms
  revoked: boolean;
  kind: "access" | "refresh";
  /** For refresh tokens: the access token it last produced, so revocation can cascade. */
  pairedWith?: string;
};

/** Every token the sandbox has issued, across providers, in memory. */
export class TokenStore {
  private grants = new Map<string, Grant>();

  issue(g: Omit<Grant, "revoked" | "kind" | "expiresAt"> & { ttlSeconds: number; kind?: Grant["kind"]; prefix?: string }): string {
    const token = `${g.prefix ?? g.provider}_${g.kind === "refresh" ? "rt" : "at"}_${randomBytes(18).toString("base64url")}`;
    this.grants.set(token, {
      provider: g.provider, accountId: g.accountId, clientId: g.clientId, scopes: g.scopes,
      expiresAt: Date.now() + g.ttlSeconds * 1000, revoked: false, kind: g.kind ?? "access", pairedWith: g.pairedWith,
    });
    return token;
  }

  get(token: string): Grant | undefined {
    return this.grants.get(token);
  }

  /** The grant if the token is a live access token of `provider`, else why not. */
  verify(provider: string, token: string | undefined): { ok: true; grant: Grant } | { ok: false; reason: "missing" | "invalid" | "expired" | "revoked" } {
    if (!token) return { ok: false, reason: "missing" };
    const g = this.grants.get(token);
    if (!g || g.provider !== provider || g.kind !== "access") return { ok: false, reason: "invalid" };
    if (g.revoked) return { ok: false, reason: "revoked" };
    if (g.expiresAt <= Date.now()) return { ok: false, reason: "expired" };
    return { ok: true, grant: g };
  }

  revoke(token: string): boolean {
    const g = this.grants.get(token);
    if (!g) return false;
    g.revoked = true;
    if (g.pairedWith) {
      const p = this.grants.get(g.pairedWith);
      if (p) p.revoked = true;
    }
    return true;
  }

  /** Forces every access token of an account to be expired (fault injection). */
  expireAll(provider: string, accountId?: string) {
    for (const g of this.grants.values()) {
      if (g.provider === provider && (!accountId || g.accountId === accountId) && g.kind === "access") g.expiresAt = 0;
    }
  }

  revokeAll(provider: string, accountId?: string) {
    for (const g of this.grants.values()) {
      if (g.provider === provider && (!accountId || g.accountId === accountId)) g.revoked = true;
    }
  }

  /** Tokens issued for a provider, for the control API and tests (e.g. "was it revoked?"). */
  list(provider: string) {
    return [...this.grants.entries()].filter(([, g]) => g.provider === provider).map(([token, g]) => ({ token, ...g }));
  }

  clear(provider?: string) {
    for (const [t, g] of this.grants) if (!provider || g.provider === provider) this.grants.delete(t);
  }
}

/** Bearer token from an Authorization header. */
export function bearer(header: string | string[] | undefined): string | undefined {
  const h = Array.isArray(header) ? header[0] : header;
  const m = h ? /^Bearer\s+(.+)$/i.exec(h) : null;
  return m?.[1];
}
