import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as endpointsRoute from "@/app/api/webhook-endpoints/route";
import * as endpointRoute from "@/app/api/webhook-endpoints/[id]/route";
import * as secretRoute from "@/app/api/webhook-endpoints/[id]/secret/route";
import { apiRequest, routeContext, useTestApiRuntime } from "@/lib/testing/api";
import { createTestDb } from "@/lib/testing/db";
import { addMember, createTenant } from "@/lib/testing/tenants";

// The endpoint routes as the Webhooks screens call them: roles, the URL guard's answer, secrets.
describe("webhook endpoint API", () => {
  let t: Awaited<ReturnType<typeof createTestDb>>;
  let restore: () => void;
  const saved = process.env.HUB_ALLOW_PRIVATE_NETWORK;
  beforeAll(async () => {
    t = await createTestDb();
    restore = useTestApiRuntime(t.db);
  }, 180_000);
  afterAll(async () => {
    restore?.();
    await t?.close();
    process.env.HUB_ALLOW_PRIVATE_NETWORK = saved;
  });

  it("lets members read endpoints but not write them or see the secret; never shows the secret elsewhere", async () => {
    const owner = await createTenant(t.db, "API Org", "owner");
    const member = await addMember(t.db, owner.organisationId, "member");
    process.env.HUB_ALLOW_PRIVATE_NETWORK = "1";
    const body = { url: "http://127.0.0.1:9/hook", eventTypes: ["customer.created"], description: "CRM" };
    const created = await endpointsRoute.POST(apiRequest("POST", "/api/webhook-endpoints", { userId: owner.userId, body }));
    expect(created.status).toBe(201);
    const { data } = (await created.json()) as { data: { id: string; status: string; stats24h: { successRate: number | null } } };
    expect(data).toMatchObject({ status: "active", stats24h: { attempts: 0, successRate: null } });
    expect(JSON.stringify(data)).not.toMatch(/whsec_/);

    const list = await endpointsRoute.GET(apiRequest("GET", "/api/webhook-endpoints", { userId: member.userId }));
    expect(list.status).toBe(200);
    expect(((await list.json()) as { data: unknown[] }).data).toHaveLength(1);
    const ctx = routeContext({ id: data.id });
    expect((await endpointsRoute.POST(apiRequest("POST", "/api/webhook-endpoints", { userId: member.userId, body }))).status).toBe(403);
    expect((await endpointRoute.PATCH(apiRequest("PATCH", `/api/webhook-endpoints/${data.id}`, { userId: member.userId, body: { status: "paused" } }), ctx)).status).toBe(403);
    expect((await secretRoute.GET(apiRequest("GET", `/api/webhook-endpoints/${data.id}/secret`, { userId: member.userId }), ctx)).status).toBe(403);
    const secret = await secretRoute.GET(apiRequest("GET", `/api/webhook-endpoints/${data.id}/secret`, { userId: owner.userId }), ctx);
    expect(((await secret.json()) as { data: { secret: string } }).data.secret).toMatch(/^whsec_/);

    const paused = await endpointRoute.PATCH(apiRequest("PATCH", `/api/webhook-endpoints/${data.id}`, { userId: owner.userId, body: { status: "paused" } }), ctx);
    expect(((await paused.json()) as { data: { status: string } }).data.status).toBe("paused");
  });

  it("refuses a loopback URL without HUB_ALLOW_PRIVATE_NETWORK with a 400 naming url", async () => {
    const owner = await createTenant(t.db, "Guarded Org", "owner");
    process.env.HUB_ALLOW_PRIVATE_NETWORK = "0";
    for (const url of ["http://127.0.0.1:9/hook", "http://[::1]/hook", "http://169.254.169.254/latest", "http://localhost:9/hook"]) {
      const res = await endpointsRoute.POST(apiRequest("POST", "/api/webhook-endpoints", { userId: owner.userId, body: { url, eventTypes: ["*"] } }));
      expect(res.status, url).toBe(400);
      expect(await res.json()).toMatchObject({ code: "invalid_input", errors: [{ in: "body", path: "url" }] });
    }
    const badSecret = await endpointsRoute.POST(apiRequest("POST", "/api/webhook-endpoints", { userId: owner.userId, body: { url: "http://127.0.0.1/h", eventTypes: ["*"], secret: "whsec_short" } }));
    expect(await badSecret.json()).toMatchObject({ errors: [{ path: "secret", message: expect.stringMatching(/24–64 bytes/) }] });
    const badType = await endpointsRoute.POST(apiRequest("POST", "/api/webhook-endpoints", { userId: owner.userId, body: { url: "http://127.0.0.1/h", eventTypes: ["nope.created"] } }));
    expect(await badType.json()).toMatchObject({ errors: [{ path: "eventTypes.0" }] });
  });
});
