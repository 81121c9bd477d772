import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { apiKeys, auditLog, memberships } from "@/drizzle/schema";
import { json, route } from "@/app/api/_shared/route-handler";
import * as apiKeysRoute from "@/app/api/api-keys/route";
import * as apiKeyRoute from "@/app/api/api-keys/[id]/route";
import * as customersRoute from "@/app/api/customers/route";
import * as customerRoute from "@/app/api/customers/[id]/route";
import * as invoicesRoute from "@/app/api/invoices/route";
import * as invoiceRoute from "@/app/api/invoices/[id]/route";
import * as connectionsRoute from "@/app/api/connections/route";
import { apiKeyCreatedResponse, apiKeyListResponse } from "@/lib/api/schemas/api-keys";
import type { Db } from "@/lib/db/client";
import { createCustomer } from "@/lib/db/queries/customers";
import { createInvoice } from "@/lib/db/queries/invoices";
import { API_KEY_LIMITS, takeApiKeyRequest } from "@/lib/security/api-key-limiter";
import { apiRequest, jsonKeys, routeContext, useTestApiRuntime } from "@/lib/testing/api";
import { createTestDb } from "@/lib/testing/db";
import { addMember, createTenant } from "@/lib/testing/tenants";
import type { Tenant } from "./tenant";
import { authenticateApiKey, LAST_USED_RESOLUTION_MS } from "./api-keys";

// API keys end to end through the real route handlers: issued by a signed-in admin, used as
// `Authorization: Bearer`, scoped to their organisation, refused once revoked or expired.
let db: Db;
let close: () => Promise<void>;
let restore: () => void;
let owner: Tenant;
let member: Tenant;
let other: Tenant;
let ownCustomer: string;
let foreignInvoice: string;

beforeAll(async () => {
  ({ db, close } = await createTestDb());
  restore = useTestApiRuntime(db);
  owner = await createTenant(db, "Keys A", "owner");
  member = await addMember(db, owner.organisationId, "member");
  other = await createTenant(db, "Keys B", "owner");
  ownCustomer = (await createCustomer(db, owner, { name: "Own Customer" })).id;
  const foreignCustomer = (await createCustomer(db, other, { name: "Foreign Customer" })).id;
  foreignInvoice = (await createInvoice(db, other, {
    customerId: foreignCustomer, issueDate: "2026-01-01", dueDate: "2026-02-01", lines: [{ description: "x", quantity: 1, unitPrice: 100 }],
  })).id;
});
afterAll(async () => {
  restore();
  await close();
});

type Created = { id: string; secret: string; prefix: string; role: string };

/** Issues a key through POST /api/api-keys as `by`; returns the parsed answer. */
async function issue(by: Tenant, body: Record<string, unknown>): Promise<Created> {
  const res = await apiKeysRoute.POST(apiRequest("POST", "/api/api-keys", { userId: by.userId, body }));
  const text = await res.text();
  expect(res.status, text).toBe(201);
  return apiKeyCreatedResponse.parse(JSON.parse(text)).data;
}

const bearer = (secret: string, headers: Record<string, string> = {}) => ({ headers: { authorization: `Bearer ${secret}`, ...headers } });

describe("API keys", () => {
  it("lists its own organisation's customers and invoices, and gets 404 for another organisation's invoice", async () => {
    const key = await issue(owner, { name: "Zapier", role: "member" });
    expect(key.secret).toMatch(/^hub_sk_[0-9A-Za-z]{40}$/);
    expect(key.secret.startsWith(key.prefix)).toBe(true);

    const customers = await customersRoute.GET(apiRequest("GET", "/api/customers", bearer(key.secret)));
    expect(customers.status).toBe(200);
    const names = ((await customers.json()) as { data: { name: string }[] }).data.map((c) => c.name);
    expect(names).toContain("Own Customer");
    expect(names).not.toContain("Foreign Customer");

    const one = await customerRoute.GET(apiRequest("GET", `/api/customers/${ownCustomer}`, bearer(key.secret)), routeContext({ id: ownCustomer }));
    expect(one.status).toBe(200);
    const foreign = await invoiceRoute.GET(apiRequest("GET", `/api/invoices/${foreignInvoice}`, bearer(key.secret)), routeContext({ id: foreignInvoice }));
    expect(foreign.status).toBe(404);
    const list = await invoicesRoute.GET(apiRequest("GET", "/api/invoices", bearer(key.secret)));
    expect(((await list.json()) as { data: { id: string }[] }).data.map((i) => i.id)).not.toContain(foreignInvoice);
  });

  it("needs no CSRF proof: a key creates a customer from any origin, where the same cookie request is refused", async () => {
    const key = await issue(owner, { name: "n8n" });
    const crossSite = { origin: "https://evil.test", "sec-fetch-site": "cross-site" };
    const withKey = await customersRoute.POST(apiRequest("POST", "/api/customers", { ...bearer(key.secret, crossSite), body: { name: "By key" } }));
    expect(withKey.status).toBe(201);
    const withCookie = await customersRoute.POST(apiRequest("POST", "/api/customers", { userId: owner.userId, headers: crossSite, body: { name: "By cookie" } }));
    expect(withCookie.status).toBe(403);
    expect(((await withCookie.json()) as { code: string }).code).toBe("csrf_refused");
  });

  it("answers 401 invalid_api_key for unknown, revoked and expired keys", async () => {
    const call = (secret: string) => customersRoute.GET(apiRequest("GET", "/api/customers", bearer(secret)));
    const expectInvalid = async (res: Response) => {
      expect(res.status).toBe(401);
      expect(res.headers.get("content-type")).toBe("application/problem+json");
      expect(((await res.json()) as { code: string }).code).toBe("invalid_api_key");
    };
    await expectInvalid(await call(`hub_sk_${"A".repeat(40)}`));
    await expectInvalid(await call("not-a-key"));
    await expectInvalid(await customersRoute.GET(apiRequest("GET", "/api/customers", { headers: { authorization: "Bearer" } })));
    // Another scheme is not a key: a site behind HTTP Basic auth keeps working with its session.
    const basic = await customersRoute.GET(apiRequest("GET", "/api/customers", { userId: owner.userId, headers: { authorization: "Basic dXNlcjpwYXNz" } }));
    expect(basic.status).toBe(200);

    const revoked = await issue(owner, { name: "Revoke me" });
    expect((await call(revoked.secret)).status).toBe(200);
    const del = await apiKeyRoute.DELETE(apiRequest("DELETE", `/api/api-keys/${revoked.id}`, { userId: owner.userId }), routeContext({ id: revoked.id }));
    expect(del.status).toBe(200);
    expect(((await del.json()) as { data: { revokedAt: string | null } }).data.revokedAt).not.toBeNull();
    await expectInvalid(await call(revoked.secret));

    const expiring = await issue(owner, { name: "Short lived", expiresAt: new Date(Date.now() + 60_000).toISOString() });
    expect((await call(expiring.secret)).status).toBe(200);
    // Time passes: the expiry is now behind us.
    await db.update(apiKeys).set({ expiresAt: new Date(Date.now() - 1000) }).where(eq(apiKeys.id, expiring.id));
    await expectInvalid(await call(expiring.secret));
  });

  it("applies minRole to the key's role: a member key is refused an admin route, an admin key is let through", async () => {
    const adminOnly = route({ auth: "session_or_api_key", minRole: "admin" }, async ({ ctx }) => json({ data: { actor: ctx.actor.kind } }));
    const memberKey = await issue(owner, { name: "Member key", role: "member" });
    const refused = await adminOnly(apiRequest("GET", "/x", bearer(memberKey.secret)));
    expect(refused.status).toBe(403);
    expect(((await refused.json()) as { code: string }).code).toBe("forbidden");
    const adminKey = await issue(owner, { name: "Admin key", role: "admin" });
    const allowed = await adminOnly(apiRequest("GET", "/x", bearer(adminKey.secret)));
    expect(await allowed.json()).toEqual({ data: { actor: "api_key" } });
    // Session-only routes (integration, member and key management) refuse every key, whatever its role.
    for (const res of [
      await connectionsRoute.GET(apiRequest("GET", "/api/connections", bearer(adminKey.secret))),
      await apiKeysRoute.GET(apiRequest("GET", "/api/api-keys", bearer(adminKey.secret))),
      await apiKeysRoute.POST(apiRequest("POST", "/api/api-keys", { ...bearer(adminKey.secret), body: { name: "Minted by a key" } })),
    ]) {
      expect(res.status).toBe(403);
      expect(((await res.json()) as { code: string }).code).toBe("api_key_not_allowed");
    }
  });

  it("issues keys to owners and admins only, never above the creator's role, and lowers a key with its creator", async () => {
    const byMember = await apiKeysRoute.POST(apiRequest("POST", "/api/api-keys", { userId: member.userId, body: { name: "Mine" } }));
    expect(byMember.status).toBe(403);
    const ownerRole = await apiKeysRoute.POST(apiRequest("POST", "/api/api-keys", { userId: owner.userId, body: { name: "Owner key", role: "owner" } }));
    expect(ownerRole.status).toBe(400);
    expect(await ownerRole.json()).toMatchObject({ errors: [{ in: "body", path: "role" }] });

    const admin = await addMember(db, owner.organisationId, "admin");
    const key = await issue(admin, { name: "Admin's key", role: "admin" });
    expect((await authenticateApiKey(db, key.secret)).actor).toMatchObject({ kind: "api_key", role: "admin" });
    await db.update(memberships).set({ role: "member" }).where(eq(memberships.userId, admin.userId));
    expect((await authenticateApiKey(db, key.secret)).actor).toMatchObject({ kind: "api_key", role: "member" });
    await db.delete(memberships).where(eq(memberships.userId, admin.userId));
    await expect(authenticateApiKey(db, key.secret)).rejects.toMatchObject({ status: 401, code: "invalid_api_key" });
  });

  it("refuses a name that looks like a credential, naming the field", async () => {
    const res = await apiKeysRoute.POST(apiRequest("POST", "/api/api-keys", { userId: owner.userId, body: { name: "sk_live_51Abcdefghijklmnop" } }));
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ code: "invalid_input", errors: [{ in: "body", path: "name" }] });
  });

  it("never shows the secret again: not in lists, revocations, the audit log, nor in any column", async () => {
    const key = await issue(owner, { name: "Secret keeper", role: "admin" });
    await customersRoute.GET(apiRequest("GET", "/api/customers", bearer(key.secret)));
    const list = await apiKeysRoute.GET(apiRequest("GET", "/api/api-keys?limit=100", { userId: member.userId }));
    const listText = await list.text();
    expect(list.status).toBe(200);
    const parsed = apiKeyListResponse.parse(JSON.parse(listText));
    expect(parsed.data.find((k) => k.id === key.id)).toMatchObject({ name: "Secret keeper", prefix: key.prefix, role: "admin" });
    expect(listText).not.toContain(key.secret);
    expect([...jsonKeys(JSON.parse(listText))].filter((k) => /secret|hash/i.test(k))).toEqual([]);
    const del = await apiKeyRoute.DELETE(apiRequest("DELETE", `/api/api-keys/${key.id}`, { userId: owner.userId }), routeContext({ id: key.id }));
    expect(await del.text()).not.toContain(key.secret);

    const rows = await db.select().from(apiKeys).where(eq(apiKeys.organisationId, owner.organisationId));
    const audits = await db.select().from(auditLog).where(eq(auditLog.organisationId, owner.organisationId));
    const stored = JSON.stringify([rows, audits]);
    expect(stored).not.toContain(key.secret);
    expect(stored).not.toContain(key.secret.slice(7));
    expect(rows.find((r) => r.id === key.id)!.secretHash).toMatch(/^[0-9a-f]{64}$/);
    const actions = audits.filter((a) => (a.details as { keyId?: string }).keyId === key.id).map((a) => [a.action, a.actorUserId]);
    expect(actions).toEqual(expect.arrayContaining([["api_key.created", owner.userId], ["api_key.revoked", owner.userId]]));
  });

  it("records last use at most once a minute", async () => {
    const key = await issue(owner, { name: "Poller" });
    const lastUsed = async () => (await db.select().from(apiKeys).where(eq(apiKeys.id, key.id)))[0]!.lastUsedAt;
    const t0 = new Date("2030-01-01T00:00:00Z");
    await authenticateApiKey(db, key.secret, t0);
    expect(await lastUsed()).toEqual(t0);
    await authenticateApiKey(db, key.secret, new Date(t0.getTime() + LAST_USED_RESOLUTION_MS / 2));
    expect(await lastUsed()).toEqual(t0);
    const later = new Date(t0.getTime() + LAST_USED_RESOLUTION_MS + 1);
    await authenticateApiKey(db, key.secret, later);
    expect(await lastUsed()).toEqual(later);
  });

  it("rate limits per key with 429 and Retry-After, leaving the organisation's other keys alone", async () => {
    const busy = await issue(owner, { name: "Busy" });
    const calm = await issue(owner, { name: "Calm" });
    // Use up the window's budget (the same counter the wrapper takes from), then one more request.
    await Promise.all(Array.from({ length: API_KEY_LIMITS.points }, () => takeApiKeyRequest(db, busy.id)));
    const limited = await customersRoute.GET(apiRequest("GET", "/api/customers", bearer(busy.secret)));
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(((await limited.json()) as { code: string }).code).toBe("rate_limited");
    expect((await customersRoute.GET(apiRequest("GET", "/api/customers", bearer(calm.secret)))).status).toBe(200);
  });

  it("answers 404 when revoking another organisation's key or an unknown id", async () => {
    const theirs = await issue(other, { name: "Theirs" });
    const res = await apiKeyRoute.DELETE(apiRequest("DELETE", `/api/api-keys/${theirs.id}`, { userId: owner.userId }), routeContext({ id: theirs.id }));
    expect(res.status).toBe(404);
    expect((await customersRoute.GET(apiRequest("GET", "/api/customers", bearer(theirs.secret)))).status).toBe(200);
  });
});
