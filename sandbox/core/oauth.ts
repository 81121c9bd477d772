import { createHash, randomBytes, timingSafeEqual } from "node:crypto";
import type { SandboxContext } from "./context";
import { html, json, parseBody, type SandboxRequest, type SandboxResponse } from "./http";
import { consentPage, errorPage } from "./oauth-page";
import type { Grant } from "./tokens";

export type ClientAuthMethod = "client_secret_basic" | "client_secret_post";

/** What a token response is built from, handed to provider hooks. */
export type GrantInfo = { accountId: string; clientId: string; scopes: string[]; nonce?: string };

/**
 * One provider's authorization server, as data. Behaviour the providers share (codes, PKCE,
 * rotation, client authentication) lives in {@link OAuthServer}; what differs is declared here.
 */
export type OAuthProviderConfig = {
  provider: string;
  displayName: string;
  clients: { clientId: string; clientSecret: string }[];
  paths: { authorize: string; token: string; revoke?: string };
  /** How the token and revocation endpoints accept client credentials. */
  clientAuth: ClientAuthMethod[];
  /** `required`: every authorize request must carry a code_challenge. */
  pkce: "required" | "optional";
  /** Whether `code_challenge_method=plain` is accepted (most providers insist on S256). */
  allowPlainPkce: boolean;
  /** A public client may skip the secret when it proves possession with PKCE (Xero's PKCE flow). */
  allowPublicPkceClients?: boolean;
  /** Refresh tokens are single use: each refresh returns a new one and the old one dies. */
  rotateRefreshTokens: boolean;
  accessTokenTtlSeconds: number;
  /** 0 = refresh tokens never expire (HubSpot). */
  refreshTokenTtlSeconds: number;
  /** No refresh token unless this scope was granted (Xero's offline_access). */
  refreshRequiresScope?: string;
  tokenPrefix?: string;
  scopeSeparator?: string;
  /** Whether token responses carry `scope` (Intuit's do not). Default true. */
  includeScope?: boolean;
  /** Accounts a person can pick on the consent page. */
  accounts: () => { id: string; name: string }[];
  /** Extra query parameters on the redirect back (QuickBooks realmId). */
  redirectParams?: (accountId: string) => Record<string, string>;
  /** Extra fields of a token response (id_token, x_refresh_token_expires_in, hub_id…). */
  tokenExtras?: (g: GrantInfo, grantType: "authorization_code" | "refresh_token" | "mint") => Record<string, unknown>;
  /** The provider's error body; RFC 6749 `{error, error_description}` by default. */
  errorBody?: (error: string, description: string) => unknown;
  /** Called after a token was revoked (Xero drops the user's connections). */
  onRevoke?: (grant: Grant) => void;
};

type PendingCode = GrantInfo & {
  redirectUri: string;
  challenge?: string;
  challengeMethod?: "S256" | "plain";
  expiresAt: number;
};

const CODE_TTL_MS = 10 * 60 * 1000;

/** A generic OAuth2 authorization-code server mounted on the sandbox router. */
export class OAuthServer {
  private codes = new Map<string, PendingCode>();

  constructor(private ctx: SandboxContext, readonly cfg: OAuthProviderConfig) {}

  mount(): void {
    const { router } = this.ctx;
    router.get(this.cfg.paths.authorize, (req) => this.authorizePage(req));
    router.post(this.cfg.paths.authorize, (req) => this.authorizeDecision(req));
    router.post(this.cfg.paths.token, (req) => this.token(req));
    if (this.cfg.paths.revoke) router.post(this.cfg.paths.revoke, (req) => this.revokeEndpoint(req));
  }

  reset(): void {
    this.codes.clear();
  }

  /** Issues an access (+ refresh) token without the browser flow, for the control API. */
  mint(accountId: string, scopes: string[], clientId = this.cfg.clients[0].clientId): Record<string, unknown> {
    return this.issue({ accountId, clientId, scopes }, "mint");
  }

  /** Revokes a token (refresh revocation cascades to its access token). */
  revoke(token: string): boolean {
    const g = this.ctx.tokens.get(token);
    if (!g || g.provider !== this.cfg.provider) return false;
    this.ctx.tokens.revoke(token);
    this.cfg.onRevoke?.(g);
    return true;
  }

  private fail(status: number, error: string, description: string, headers?: Record<string, string>): SandboxResponse {
    const body = this.cfg.errorBody ? this.cfg.errorBody(error, description) : { error, error_description: description };
    return json(status, body, { "cache-control": "no-store", ...headers });
  }

  private authorizeRequest(q: URLSearchParams): { error: SandboxResponse } | { redirect: URL } {
    const clientId = q.get("client_id") ?? "";
    const redirect = q.get("redirect_uri") ?? "";
    // Like the real servers: a bad client or redirect URI is shown, never redirected to.
    if (!this.cfg.clients.some((c) => c.clientId === clientId)) {
      return { error: html(400, errorPage(this.cfg.displayName, `Unknown client_id "${clientId}".`)) };
    }
    let url: URL;
    try {
      url = new URL(redirect);
      if (url.protocol !== "http:" && url.protocol !== "https:") throw new Error("scheme");
    } catch {
      return { error: html(400, errorPage(this.cfg.displayName, "redirect_uri is missing or not an http(s) URL.")) };
    }
    return { redirect: url };
  }

  private redirectWith(url: URL, params: Record<string, string | undefined>): SandboxResponse {
    const to = new URL(url);
    for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== "") to.searchParams.set(k, v);
    return { status: 302, headers: { location: to.toString() } };
  }

  /** Checks what can be redirected back as an error (RFC 6749 §4.1.2.1). */
  private requestError(q: URLSearchParams): string | undefined {
    if (q.get("response_type") !== "code") return "unsupported_response_type";
    const challenge = q.get("code_challenge");
    const method = q.get("code_challenge_method") ?? (challenge ? "plain" : undefined);
    if (this.cfg.pkce === "required" && !challenge) return "invalid_request";
    if (challenge && method !== "S256" && !(method === "plain" && this.cfg.allowPlainPkce)) return "invalid_request";
    return undefined;
  }

  private authorizePage(req: SandboxRequest): SandboxResponse {
    const checked = this.authorizeRequest(req.query);
    if ("error" in checked) return checked.error;
    const error = this.requestError(req.query);
    if (error) return this.redirectWith(checked.redirect, { error, state: req.query.get("state") ?? undefined });
    return html(
      200,
      consentPage({
        providerName: this.cfg.displayName,
        clientId: req.query.get("client_id") ?? "",
        scopes: this.scopes(req.query.get("scope")),
        accounts: this.cfg.accounts(),
        action: this.cfg.paths.authorize,
        hidden: Object.fromEntries(req.query),
      }),
    );
  }

  private authorizeDecision(req: SandboxRequest): SandboxResponse {
    const form = new URLSearchParams(req.rawBody);
    const checked = this.authorizeRequest(form);
    if ("error" in checked) return checked.error;
    const state = form.get("state") ?? undefined;
    const error = this.requestError(form);
    if (error) return this.redirectWith(checked.redirect, { error, state });
    if (form.get("decision") !== "allow") return this.redirectWith(checked.redirect, { error: "access_denied", state });
    const accounts = this.cfg.accounts();
    const accountId = form.get("account") ?? accounts[0]?.id;
    if (!accountId || !accounts.some((a) => a.id === accountId)) {
      return html(400, errorPage(this.cfg.displayName, "Unknown account."));
    }
    const code = randomBytes(24).toString("base64url");
    const challenge = form.get("code_challenge") ?? undefined;
    this.codes.set(code, {
      accountId,
      clientId: form.get("client_id") ?? "",
      scopes: this.scopes(form.get("scope")),
      nonce: form.get("nonce") ?? undefined,
      redirectUri: form.get("redirect_uri") ?? "",
      challenge,
      challengeMethod: challenge ? ((form.get("code_challenge_method") ?? "plain") as "S256" | "plain") : undefined,
      expiresAt: Date.now() + CODE_TTL_MS,
    });
    return this.redirectWith(checked.redirect, { code, state, ...(this.cfg.redirectParams?.(accountId) ?? {}) });
  }

  private scopes(raw: string | null): string[] {
    return (raw ?? "").split(/[\s+]+/).filter(Boolean);
  }

  /** Authenticates the client by the methods the provider accepts; undefined = refused. */
  private client(req: SandboxRequest, form: Record<string, unknown>, pkceVerifier?: string): string | undefined {
    const auth = String(req.headers.authorization ?? "");
    const basic = /^Basic\s+(.+)$/i.exec(auth);
    let id: string | undefined;
    let secret: string | undefined;
    if (basic && this.cfg.clientAuth.includes("client_secret_basic")) {
      const decoded = Buffer.from(basic[1], "base64").toString("utf8");
      const i = decoded.indexOf(":");
      id = decodeURIComponent(decoded.slice(0, i));
      secret = decodeURIComponent(decoded.slice(i + 1));
    } else if (!basic && typeof form.client_secret === "string" && this.cfg.clientAuth.includes("client_secret_post")) {
      id = String(form.client_id ?? "");
      secret = form.client_secret;
    } else if (!basic && this.cfg.allowPublicPkceClients && pkceVerifier && typeof form.client_id === "string") {
      return this.cfg.clients.some((c) => c.clientId === form.client_id) ? form.client_id : undefined;
    }
    const c = this.cfg.clients.find((x) => x.clientId === id);
    return c && secret !== undefined && safeEqual(c.clientSecret, secret) ? c.clientId : undefined;
  }

  private async token(req: SandboxRequest): Promise<SandboxResponse> {
    await this.ctx.faults.delay(this.cfg.provider, "token");
    const burst = this.ctx.faults.takeError(this.cfg.provider);
    if (burst) return this.fail(burst, "temporarily_unavailable", "Injected fault: the token endpoint is unavailable.");
    const form = parseBody(req);
    const grantType = String(form.grant_type ?? "");
    const verifier = typeof form.code_verifier === "string" ? form.code_verifier : undefined;
    const clientId = this.client(req, form, verifier);
    if (!clientId) return this.fail(401, "invalid_client", "Client authentication failed.", { "www-authenticate": 'Basic realm="sandbox"' });
    if (grantType === "authorization_code") return this.exchangeCode(form, clientId, verifier);
    if (grantType === "refresh_token") return this.refresh(String(form.refresh_token ?? ""), clientId);
    return this.fail(400, "unsupported_grant_type", `grant_type "${grantType}" is not supported.`);
  }

  private exchangeCode(form: Record<string, unknown>, clientId: string, verifier?: string): SandboxResponse {
    const code = String(form.code ?? "");
    const pending = this.codes.get(code);
    // Single use: the code is gone whether or not the exchange succeeds, so a replay fails.
    this.codes.delete(code);
    if (!pending || pending.expiresAt <= Date.now()) return this.fail(400, "invalid_grant", "The authorization code is invalid, expired or already used.");
    if (pending.clientId !== clientId) return this.fail(400, "invalid_grant", "The code was issued to another client.");
    if (String(form.redirect_uri ?? "") !== pending.redirectUri) return this.fail(400, "invalid_grant", "redirect_uri does not match the authorize request.");
    if (pending.challenge) {
      if (!verifier) return this.fail(400, "invalid_grant", "code_verifier is required.");
      const computed = pending.challengeMethod === "S256" ? createHash("sha256").update(verifier).digest("base64url") : verifier;
      if (!safeEqual(computed, pending.challenge)) return this.fail(400, "invalid_grant", "PKCE verification failed.");
    } else if (verifier) {
      return this.fail(400, "invalid_grant", "code_verifier sent but the authorize request had no code_challenge.");
    }
    return json(200, this.issue(pending, "authorization_code"), { "cache-control": "no-store" });
  }

  private refresh(refreshToken: string, clientId: string): SandboxResponse {
    const g = this.ctx.tokens.get(refreshToken);
    if (!g || g.kind !== "refresh" || g.provider !== this.cfg.provider || g.revoked || (g.expiresAt > 0 && g.expiresAt <= Date.now())) {
      return this.fail(400, "invalid_grant", "The refresh token is invalid, expired, revoked or already used.");
    }
    if (g.clientId !== clientId) return this.fail(400, "invalid_grant", "The refresh token was issued to another client.");
    const info: GrantInfo = { accountId: g.accountId, clientId, scopes: g.scopes };
    if (this.cfg.rotateRefreshTokens) {
      // Mark only the refresh token: the access token it produced stays valid until it expires.
      g.revoked = true;
      return json(200, this.issue(info, "refresh_token"), { "cache-control": "no-store" });
    }
    const body = this.issue(info, "refresh_token", refreshToken);
    g.pairedWith = String(body.access_token);
    return json(200, body, { "cache-control": "no-store" });
  }

  private issue(g: GrantInfo, grantType: "authorization_code" | "refresh_token" | "mint", keepRefresh?: string): Record<string, unknown> {
    const { tokens } = this.ctx;
    const base = { provider: this.cfg.provider, accountId: g.accountId, clientId: g.clientId, scopes: g.scopes, prefix: this.cfg.tokenPrefix };
    const access = tokens.issue({ ...base, ttlSeconds: this.cfg.accessTokenTtlSeconds });
    const wantsRefresh = !this.cfg.refreshRequiresScope || g.scopes.includes(this.cfg.refreshRequiresScope);
    let refresh = keepRefresh;
    if (!refresh && wantsRefresh) {
      // A never-expiring refresh token still needs an expiry for the store: a century will do.
      const ttl = this.cfg.refreshTokenTtlSeconds || 100 * 365 * 86400;
      refresh = tokens.issue({ ...base, ttlSeconds: ttl, kind: "refresh", pairedWith: access });
    }
    return {
      access_token: access,
      token_type: "Bearer",
      expires_in: this.cfg.accessTokenTtlSeconds,
      ...(refresh ? { refresh_token: refresh } : {}),
      ...(this.cfg.includeScope === false ? {} : { scope: g.scopes.join(this.cfg.scopeSeparator ?? " ") }),
      ...(this.cfg.tokenExtras?.(g, grantType) ?? {}),
    };
  }

  private revokeEndpoint(req: SandboxRequest): SandboxResponse {
    const body = parseBody(req);
    // Intuit's SDK posts JSON, Xero and RFC 7009 clients post a form; parseBody reads both.
    if (!this.client(req, body)) return this.fail(401, "invalid_client", "Client authentication failed.");
    const token = String(body.token ?? "");
    if (!token) return this.fail(400, "invalid_request", "token is required.");
    // RFC 7009: an unknown token is not an error.
    this.revoke(token);
    return { status: 200 };
  }
}

export function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** S256 code challenge of a verifier, for tests and for the control API. */
export const s256 = (verifier: string) => createHash("sha256").update(verifier).digest("base64url");
