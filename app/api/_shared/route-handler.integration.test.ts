import { redirect } from "next/navigation";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { memberships, users } from "@/drizzle/schema";
import type { Db } from "@/lib/db/client";
import type { Tenant } from "@/lib/auth/tenant";
import { IntegrationError } from "@/lib/connections/errors";
import { setApiRuntime } from "@/lib/api/runtime";
import { createTestDb } from "@/lib/testing/db";
import { addMember, createTenant } from "@/lib/testing/tenants";
import { apiRequest, routeContext, useTestApiRuntime } from "@/lib/testing/api";
import { json, route } from "./route-handler";

// The wrapper itself, through small routes declared here, against a real database and real users.
let db: Db;
let close: () => Promise<void>;
let restore: () => void;
let admin: Tenant;
let member: Tenant;
let loner: string;

beforeAll(async () => {
  ({ db, close } = await createTestDb());
  restore = useTestApiRuntime(db);
  admin = await createTenant(db, "Wrapper Ltd", "admin");
  member = await addMember(db, admin.organisationId, "member");
  const [u] = await db.insert(users).values({ email: `${crypto.randomUUID()}@example.test` }).returning();
  loner = u!.id;
});
afterAll(async () => {
  restore();
  await close();
});

const whoAmI = route({ auth: "session", minRole: "admin" }, async ({ ctx, tenant }) =>
  json({ data: { actor: ctx.actor.kind, role: tenant.role } }),
);

describe("route()", () => {
  it("gives a handler the caller's access context and refuses roles below minRole", async () => {
    const ok = await whoAmI(apiRequest("GET", "/x", { userId: admin.userId }));
    expect(await ok.json()).toEqual({ data: { actor: "user", role: "admin" } });
    const refused = await whoAmI(apiRequest("GET", "/x", { userId: member.userId }));
    expect(refused.status).toBe(403);
    expect((await refused.json()).code).toBe("forbidden");
  });

  it("answers 403 no_organisation for a user without one, while `user` routes still serve them", async () => {
    const res = await whoAmI(apiRequest("GET", "/x", { userId: loner }));
    expect((await res.json()).code).toBe("no_organisation");
    const userRoute = route({ auth: "user" }, async ({ userId }) => json({ data: { userId } }));
    expect(await (await userRoute(apiRequest("GET", "/x", { userId: loner }))).json()).toEqual({ data: { userId: loner } });
  });

  it("acts in the hub-org cookie's organisation only when the user belongs to it", async () => {
    const second = await createTenant(db, "Second Ltd");
    await db.insert(memberships).values({ organisationId: second.organisationId, userId: admin.userId, role: "member" });
    const stranger = await createTenant(db, "Stranger Ltd");
    const probe = route({ auth: "session" }, async ({ ctx, tenant }) => json({ data: { org: ctx.organisationId, role: tenant.role } }));
    const as = (org: string) => probe(apiRequest("GET", "/x", { userId: admin.userId, headers: { cookie: `hub-org=${org}` } }));
    expect(await (await as(second.organisationId)).json()).toEqual({ data: { org: second.organisationId, role: "member" } });
    expect(await (await as(stranger.organisationId)).json()).toEqual({ data: { org: admin.organisationId, role: "admin" } });
  });

  it("re-throws Next.js control flow (redirect) instead of answering an error", async () => {
    const redirecting = route({ auth: "public" }, async () => redirect("/elsewhere"));
    await expect(redirecting(apiRequest("GET", "/x"))).rejects.toMatchObject({ digest: expect.stringContaining("NEXT_REDIRECT") });
  });

  it("maps an IntegrationError to its status, lower_snake code and Retry-After", async () => {
    const limited = route({ auth: "session" }, async () => {
      throw new IntegrationError("RATE_LIMITED", { retryAfterSeconds: 7 });
    });
    const res = await limited(apiRequest("POST", "/x", { userId: admin.userId }));
    expect(res.status).toBe(429);
    expect(res.headers.get("retry-after")).toBe("7");
    expect(await res.json()).toMatchObject({ code: "rate_limited", retryAfterSeconds: 7 });
  });

  it("refuses a repeated query key where the schema wants one value, with the query path", async () => {
    const listing = route({ auth: "public", query: z.object({ status: z.string().optional() }) }, async ({ query }) => json({ data: query }));
    const res = await listing(apiRequest("GET", "/x?status=a&status=b"));
    expect(res.status).toBe(400);
    expect((await res.json()).errors).toEqual([expect.objectContaining({ in: "query", path: "status" })]);
  });

  it("parses path params from Next's promise", async () => {
    const byId = route({ auth: "public", params: z.object({ id: z.uuid() }) }, async ({ params }) => json({ data: params }));
    const bad = await byId(apiRequest("GET", "/x/1"), routeContext({ id: "1" }));
    expect((await bad.json()).errors).toEqual([expect.objectContaining({ in: "path", path: "id" })]);
  });

  it("answers 503 database_unavailable when the database cannot be opened", async () => {
    setApiRuntime({ db: () => Promise.reject(new Error("ECONNREFUSED 10.0.0.1:5432 password=secret")), authenticate: async () => null });
    const silence = console.error;
    console.error = () => {};
    try {
      const res = await route({ auth: "public" }, async () => json({}))(apiRequest("GET", "/x"));
      expect(res.status).toBe(503);
      expect(await res.text()).not.toContain("secret");
    } finally {
      console.error = silence;
      useTestApiRuntime(db);
    }
  });
});
