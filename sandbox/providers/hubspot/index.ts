import { randomUUID } from "node:crypto";
import { z } from "zod";
import type { Emulator, SandboxContext } from "../../core/context";
import { json, parseBody, type SandboxRequest, type SandboxResponse } from "../../core/http";
import { OAuthServer } from "../../core/oauth";
import { bearer } from "../../core/tokens";
import { sandboxApps, sandboxPaths } from "../../config";
import { seedContacts, type HubSpotObject } from "./contacts";
import { HubSpotWebhooks, type HubSpotChange } from "./webhooks";

const p = sandboxPaths.hubspot;
const HUB = { hubId: 4010001, domain: "sandbox-demo.hubspot.com", user: "demo.user@example.com", userId: 7001 };
export const HUBSPOT_DEFAULT_SCOPES = ["oauth", "crm.objects.contacts.read", "crm.objects.contacts.write"];
/** The sandbox app's id and its webhook subscriptions (HubSpot numbers each subscription). */
export const HUBSPOT_APP = { appId: 401001, subscriptionIds: { "contact.creation": 3001, "contact.propertyChange": 3002, "contact.deletion": 3003 } };

/** A contact's properties as the API takes them: names to string values (HubSpot stores text). */
const propertiesSchema = z.record(z.string().min(1).max(100), z.union([z.string().max(65_536), z.number(), z.boolean()]).transform(String));
const writeSchema = z.object({ properties: propertiesSchema }).strict();
/**
 * Create also takes `associations`; the sandbox holds no companies, deals or tickets, so any
 * association names an object that does not exist, which HubSpot refuses.
 */
const createSchema = writeSchema.extend({
  associations: z.array(z.unknown()).max(0, "One or more associated objects do not exist in this portal.").optional(),
});
/** `/_control/change` for HubSpot: a contact created, changed or deleted by a person in HubSpot. */
const changeSchema = z.discriminatedUnion("action", [
  z.object({ action: z.literal("create_contact"), properties: propertiesSchema }),
  z.object({ action: z.literal("update_contact"), id: z.string().min(1), properties: propertiesSchema }),
  z.object({ action: z.literal("delete_contact"), id: z.string().min(1) }),
]);

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
  private webhooks?: HubSpotWebhooks;

  mount(ctx: SandboxContext) {
    this.webhooks = new HubSpotWebhooks(() => ctx.webhookTargets.get("hubspot"), {
      ...HUBSPOT_APP, portalId: HUB.hubId, clientSecret: sandboxApps.hubspot.clientSecret,
    });
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
    // Writes need the write scope, validate the body, and send the app's webhooks (changeSource API).
    const write = (req: SandboxRequest, fn: (body: z.infer<typeof writeSchema> | undefined) => SandboxResponse) =>
      this.withAuth(ctx, req, () => {
        if (req.method !== "DELETE") {
          const parsed = (req.method === "POST" ? createSchema : writeSchema).safeParse(parseBody(req));
          if (!parsed.success) {
            return hsError(400, "VALIDATION_ERROR", `Invalid input JSON on line 1: ${parsed.error.issues.map((i) => `${i.path.join(".") || "body"}: ${i.message}`).join("; ")}`);
          }
          return fn(parsed.data);
        }
        return fn(undefined);
      }, "crm.objects.contacts.write");
    router.post(`${p.apiBaseUrl}/crm/v3/objects/contacts`, (req) => write(req, (body) => {
      const made = this.createContact(body!.properties, "API");
      return "status" in made ? made : json(201, made);
    }));
    router.patch(`${p.apiBaseUrl}/crm/v3/objects/contacts/:id`, (req) => write(req, (body) => {
      const updated = this.updateContact(req.params.id, body!.properties, "API");
      return updated ? json(200, updated) : hsError(404, "OBJECT_NOT_FOUND", "resource not found");
    }));
    router.delete(`${p.apiBaseUrl}/crm/v3/objects/contacts/:id`, (req) => write(req, () =>
      this.deleteContact(req.params.id, "API") ? { status: 204 } : hsError(404, "OBJECT_NOT_FOUND", "resource not found")));
  }

  private createContact(properties: Record<string, string>, source: "API" | "CRM"): HubSpotObject | SandboxResponse {
    const email = properties.email?.toLowerCase();
    const existing = email ? this.contacts.find((c) => c.properties.email?.toLowerCase() === email) : undefined;
    if (existing) return hsError(409, "CONFLICT", `Contact already exists. Existing ID: ${existing.id}`);
    const id = String(Math.max(52000, ...this.contacts.map((x) => Number(x.id))) + 1);
    const now = new Date().toISOString();
    const contact: HubSpotObject = { id, properties: { ...properties, hs_object_id: id, createdate: now, lastmodifieddate: now }, createdAt: now, updatedAt: now, archived: false };
    this.contacts.push(contact);
    this.webhooks?.record([{ kind: "creation", objectId: id }], source);
    return contact;
  }

  private updateContact(id: string, properties: Record<string, string>, source: "API" | "CRM"): HubSpotObject | undefined {
    const c = this.contacts.find((x) => x.id === id);
    if (!c) return undefined;
    // HubSpot sends one propertyChange event per property whose value actually changed.
    const changed: HubSpotChange[] = Object.entries(properties)
      .filter(([k, v]) => c.properties[k] !== v)
      .map(([propertyName, propertyValue]) => ({ kind: "propertyChange", objectId: id, propertyName, propertyValue }));
    const now = new Date().toISOString();
    Object.assign(c.properties, properties, { lastmodifieddate: now });
    c.updatedAt = now;
    this.webhooks?.record(changed, source);
    return c;
  }

  private deleteContact(id: string, source: "API" | "CRM"): boolean {
    const i = this.contacts.findIndex((x) => x.id === id);
    if (i < 0) return false;
    this.contacts.splice(i, 1);
    this.webhooks?.record([{ kind: "deletion", objectId: id }], source);
    return true;
  }

  /** A person changes a contact in HubSpot; the app's webhook follows (changeSource CRM). */
  async change(body: Record<string, unknown>) {
    const c = changeSchema.parse(body);
    let result: unknown;
    if (c.action === "create_contact") {
      result = this.createContact(c.properties, "CRM");
      if ("status" in (result as object)) throw new Error(String(((result as SandboxResponse).body as { message: string }).message));
    } else if (c.action === "update_contact") {
      result = this.updateContact(c.id, c.properties, "CRM");
      if (!result) throw new Error(`No such contact: ${c.id}`);
    } else {
      if (!this.deleteContact(c.id, "CRM")) throw new Error(`No such contact: ${c.id}`);
      result = { id: c.id, archived: true };
    }
    await this.webhooks?.flush();
    return result;
  }

  /** Sends queued webhooks now and waits for their answers (tests). */
  flushWebhooks(): Promise<void> {
    return this.webhooks?.flush() ?? Promise.resolve();
  }

  /** Every webhook request sent so far. */
  get webhookDeliveries() {
    return this.webhooks?.deliveries ?? [];
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

  private async withAuth(ctx: SandboxContext, req: SandboxRequest, fn: () => SandboxResponse, scope?: string): Promise<SandboxResponse> {
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
    if (scope && !v.grant.scopes.includes(scope)) {
      return hsError(403, "MISSING_SCOPES", "This app hasn't been granted all required scopes to make this call.", { errors: [{ message: `One or more of the following scopes are required.`, context: { requiredGranularScopes: [scope] } }] }, headers);
    }
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
      notes: "Client credentials go in the form body. Refresh tokens do not rotate. Revoke with DELETE. Contact create/update/delete (API or /_control/change create_contact|update_contact|delete_contact) send batched contact.* webhooks signed with X-HubSpot-Signature-v3 to the hubspot webhook target.",
    };
  }

  reset() {
    this.oauth?.reset();
    this.contacts = seedContacts(25, 0, 0);
    this.webhooks?.reset();
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
