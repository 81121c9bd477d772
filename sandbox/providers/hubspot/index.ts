import { randomUUID } from "node:crypto";
import type { Emulator, SandboxContext } from "../../core/context";
import { json, type SandboxRequest, type SandboxResponse } from "../../core/http";
import { OAuthServer } from "../../core/oauth";
import { bearer } from "../../core/tokens";
import { sandboxApps, sandboxPaths } from "../../config";
import { seedContacts, type HubSpotObject } from "./contacts";

const p = sandboxPaths.hubspot;
const HUB = { hubId: 4010001, domain: "sandbox-demo.hubspot.com", user: "demo.user@example.com", userId: 7001 };
export const HUBSPOT_DEFAULT_SCOPES = ["oauth", "crm.objects.contacts.read", "crm.objects.contacts.write"];

/** HubSpot's own error body; `category` says what kind of failure it is. */
const hsError = (status: number, category: string, message: string, extra: Record<string, unknown> = {}, headers?: Record<string, string>): SandboxResponse =>
  json(status, { status: "error", message, correlationId: randomUUID(), category, ...extra }, headers);

/** OAuth error codes HubSpot uses for token endpoint failures. */
const OAUTH_STATUS: Record<string, string> = { invalid_grant: "BAD_AUTH_CODE", invalid_client: "BAD_CLIENT_ID", unsupported_grant_type: "BAD_GRANT_TYPE" };

/**
 * HubSpot: OAuth (client credentials in the form body, refresh tokens that do not rotate,
 * revocation by DELETE), token introspection, and a read of CRM contacts.
 */
export class HubSpotEmulator implements Emulator {
  readonly id = "hubspot";
  private oauth?: OAuthServer;
  private contacts: HubSpotObject[] = seedContacts(25, 0, 0);

  mount(ctx: SandboxContext) {
    this.oauth = new OAuthServer(ctx, {
      provider: "hubspot",
      displayName: "HubSpot",
      clients: [{ clientId: sandboxApps.hubspot.clientId, clientSecret: sandboxApps.hubspot.clientSecret }],
      paths: { authorize: p.authorizeUrl, token: p.tokenUrl },
      clientAuth: ["client_secret_post"],
      pkce: "optional",
      allowPlainPkce: false,
      rotateRefreshTokens: false,
      accessTokenTtlSeconds: 1800,
      refreshTokenTtlSeconds: 0,
      accounts: () => [{ id: String(HUB.hubId), name: `${HUB.domain} (hub ${HUB.hubId})` }],
      errorBody: (error, description) => ({
        status: error === "invalid_grant" && /refresh/i.test(description) ? "BAD_REFRESH_TOKEN" : (OAUTH_STATUS[error] ?? "BAD_REQUEST"),
        message: description, correlationId: randomUUID(),
      }),
    });
    this.oauth.mount();
    const { router } = ctx;
    // DELETE /oauth/v1/refresh-tokens/:token — HubSpot's revocation (no client auth, 204).
    router.delete(`${p.revokeUrl}/:token`, (req) => (this.oauth!.revoke(req.params.token) ? { status: 204 } : hsError(404, "OBJECT_NOT_FOUND", "refresh token not found")));
    router.get(`${p.revokeUrl}/:token`, (req) => this.describeToken(ctx, req.params.token, "refresh"));
    router.get(`${p.apiBaseUrl}/oauth/v1/access-tokens/:token`, (req) => this.describeToken(ctx, req.params.token, "access"));
    router.get(`${p.apiBaseUrl}/crm/v3/objects/contacts`, (req) => this.withAuth(ctx, req, () => this.listContacts(req)));
    router.get(`${p.apiBaseUrl}/crm/v3/objects/contacts/:id`, (req) => this.withAuth(ctx, req, () => {
      const c = this.contacts.find((x) => x.id === req.params.id);
      return c ? json(200, c) : hsError(404, "OBJECT_NOT_FOUND", "resource not found");
    }));
  }

  private describeToken(ctx: SandboxContext, token: string, kind: "access" | "refresh"): SandboxResponse {
    const g = ctx.tokens.get(token);
    const live = g && g.provider === "hubspot" && g.kind === kind && !g.revoked && g.expiresAt > Date.now();
    if (!live) return hsError(404, "OBJECT_NOT_FOUND", `${kind} token not found or expired`);
    const common = { token, user: HUB.user, hub_domain: HUB.domain, scopes: g.scopes, hub_id: HUB.hubId, user_id: HUB.userId };
    return json(200, kind === "access"
      ? { ...common, app_id: 401001, expires_in: Math.max(0, Math.floor((g.expiresAt - Date.now()) / 1000)), token_type: "access" }
      : { ...common, client_id: g.clientId, token_type: "refresh" });
  }

  private async withAuth(ctx: SandboxContext, req: SandboxRequest, fn: () => SandboxResponse): Promise<SandboxResponse> {
    await ctx.faults.delay("hubspot");
    const burst = ctx.faults.takeError("hubspot");
    if (burst) return hsError(burst, "INTERNAL_ERROR", "Injected fault: HubSpot is unavailable.");
    const v = ctx.tokens.verify("hubspot", bearer(req.headers.authorization));
    if (!v.ok) {
      return v.reason === "expired"
        ? hsError(401, "EXPIRED_AUTHENTICATION", "The OAuth token used to make this call expired.")
        : hsError(401, "INVALID_AUTHENTICATION", "Authentication credentials not found.");
    }
    // HubSpot OAuth apps: 110 requests per 10 seconds per account.
    const r = ctx.faults.rate("hubspot", v.grant.accountId, { limit: 110, windowSeconds: 10 });
    const headers = { "x-hubspot-ratelimit-max": String(r.limit), "x-hubspot-ratelimit-remaining": String(r.remaining), "x-hubspot-ratelimit-interval-milliseconds": "10000" };
    if (r.limited) return hsError(429, "RATE_LIMITS", "You have reached your ten_secondly_rolling limit.", { errorType: "RATE_LIMIT", policyName: "TEN_SECONDLY_ROLLING" }, headers);
    const res = fn();
    return { ...res, headers: { ...headers, ...(res.headers ?? {}) } };
  }

  private listContacts(req: SandboxRequest): SandboxResponse {
    const limit = Math.min(100, Math.max(1, Number(req.query.get("limit") ?? 10) || 10));
    const after = Number(req.query.get("after") ?? 0) || 0;
    const slice = this.contacts.slice(after, after + limit);
    const next = after + limit < this.contacts.length ? String(after + limit) : undefined;
    return json(200, {
      results: slice,
      ...(next ? { paging: { next: { after: next, link: `${req.origin}${p.apiBaseUrl}/crm/v3/objects/contacts?after=${next}&limit=${limit}` } } } : {}),
    });
  }

  describe(ctx: SandboxContext) {
    const o = ctx.origin;
    return {
      id: this.id,
      name: "HubSpot",
      urls: { authorizeUrl: o + p.authorizeUrl, tokenUrl: o + p.tokenUrl, revokeUrl: `${o}${p.revokeUrl}/{refresh_token}`, apiBaseUrl: o + p.apiBaseUrl },
      accounts: [{ id: String(HUB.hubId), name: HUB.domain, credentials: { clientId: sandboxApps.hubspot.clientId, clientSecret: sandboxApps.hubspot.clientSecret } }],
      notes: "Client credentials go in the form body. Refresh tokens do not rotate. Revoke with DELETE.",
    };
  }

  reset() {
    this.oauth?.reset();
    this.contacts = seedContacts(25, 0, 0);
  }

  seed(entity: string, count: number) {
    if (!/^contacts?$/i.test(entity)) throw new Error("HubSpot seeding supports contacts only");
    const made = seedContacts(count, `${Date.now()}`, this.contacts.length);
    this.contacts.push(...made);
    return made.map((c) => c.id);
  }

  mintToken(account: string | undefined, scopes: string[] | undefined) {
    if (!this.oauth) throw new Error("HubSpot emulator is not mounted");
    return this.oauth.mint(account ?? String(HUB.hubId), scopes ?? HUBSPOT_DEFAULT_SCOPES);
  }
}
