import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { webhookEndpointSecrets } from "@/drizzle/schema";
import { userContext } from "@/lib/auth/access";
import { ForbiddenError, NotFoundError } from "@/lib/auth/tenant";
import { decrypt, generateKey, keyVersionOf, loadKeyring, parseKeyring } from "@/lib/crypto";
import { createTestDb } from "@/lib/testing/db";
import { addMember, createTenant } from "@/lib/testing/tenants";
import { createEndpoint, getEndpointSecret, rotateEndpointSecret, updateEndpoint } from "./endpoints";
import { rotateEndpointSecretKeys } from "./rotate-keys";

describe("webhook endpoints and their secrets", () => {
  let t: Awaited<ReturnType<typeof createTestDb>>;
  const supplied = `whsec_${Buffer.alloc(32, 9).toString("base64")}`;
  beforeAll(async () => {
    t = await createTestDb();
  }, 180_000);
  afterAll(() => t?.close());

  it("stores a supplied secret encrypted and shows it to admins only, in their own organisation", async () => {
    const tenant = await createTenant(t.db);
    const ctx = userContext(tenant);
    const endpoint = await createEndpoint(t.db, ctx, { url: "http://127.0.0.1:9/hook", eventTypes: ["*"], secret: supplied });
    const [row] = await t.db.select().from(webhookEndpointSecrets).where(eq(webhookEndpointSecrets.endpointId, endpoint.id));
    expect(row!.secret).not.toContain(supplied.slice(6, 20));
    expect(row!.secret).toMatch(/^v\d+\./);
    expect(await getEndpointSecret(t.db, ctx, endpoint.id)).toEqual({ secret: supplied });

    const member = userContext(await addMember(t.db, tenant.organisationId, "member"));
    await expect(getEndpointSecret(t.db, member, endpoint.id)).rejects.toBeInstanceOf(ForbiddenError);
    await expect(updateEndpoint(t.db, member, endpoint.id, { status: "paused" })).rejects.toBeInstanceOf(ForbiddenError);
    const stranger = userContext(await createTenant(t.db, "Other Org"));
    await expect(getEndpointSecret(t.db, stranger, endpoint.id)).rejects.toBeInstanceOf(NotFoundError);
    await expect(updateEndpoint(t.db, stranger, endpoint.id, { status: "paused" })).rejects.toBeInstanceOf(NotFoundError);
  });

  it("keeps one rotated-out secret for 24 h; a second rotation ends the older one at once", async () => {
    const ctx = userContext(await createTenant(t.db));
    const endpoint = await createEndpoint(t.db, ctx, { url: "http://127.0.0.1:9/hook", eventTypes: ["*"], secret: supplied });
    const first = await rotateEndpointSecret(t.db, ctx, endpoint.id);
    expect(first.previousSecret).toBe(supplied);
    const second = await rotateEndpointSecret(t.db, ctx, endpoint.id);
    expect(second.previousSecret).toBe(first.secret);
    expect(new Set([supplied, first.secret, second.secret]).size).toBe(3);
    expect(await getEndpointSecret(t.db, ctx, endpoint.id)).toEqual(second);
  });

  it("re-encrypts every endpoint secret under the newest key (npm run keys:rotate)", async () => {
    const ctx = userContext(await createTenant(t.db));
    const endpoint = await createEndpoint(t.db, ctx, { url: "http://127.0.0.1:9/hook", eventTypes: ["*"], secret: supplied });
    const old = loadKeyring();
    const ring = [...parseKeyring(generateKey(old[0]!.version + 1)), ...old];
    const report = await rotateEndpointSecretKeys(t.db, { ring, batchSize: 2 });
    expect(report.rotated).toBeGreaterThanOrEqual(1);
    expect((await rotateEndpointSecretKeys(t.db, { ring })).rotated).toBe(0);
    const [row] = await t.db.select().from(webhookEndpointSecrets).where(eq(webhookEndpointSecrets.endpointId, endpoint.id));
    expect(keyVersionOf(row!.secret)).toBe(ring[0]!.version);
    expect(decrypt(row!.secret, row!.id, ring.slice(0, 1))).toBe(supplied);
  });
});
