import { count, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { customers, invoices } from "@/drizzle/schema";
import type { Db } from "@/lib/db/client";
import type { Tenant } from "@/lib/auth/tenant";
import { createTestDb } from "@/lib/testing/db";
import { createTenant } from "@/lib/testing/tenants";
import { apiRequest, routeContext, useTestApiRuntime } from "@/lib/testing/api";
import * as customersRoute from "../customers/route";
import * as customerRoute from "../customers/[id]/route";
import * as invoicesRoute from "../invoices/route";
import * as invoiceRoute from "../invoices/[id]/route";
import * as paymentsRoute from "../invoices/[id]/payments/route";

// The route-level half of the security contract: content type, CSRF, body size and input that
// must never reach the database. Handlers are called directly with Requests, signed in as a real user.
let db: Db;
let close: () => Promise<void>;
let restore: () => void;
let alice: Tenant;
let customerId: string;

const customerCount = async () =>
  (await db.select({ n: count() }).from(customers).where(eq(customers.organisationId, alice.organisationId)))[0]!.n;

/** Asserts the problem+json shape and returns the body. */
async function expectProblem(res: Response, status: number, code: string) {
  expect(res.status).toBe(status);
  expect(res.headers.get("content-type")).toBe("application/problem+json");
  const body = await res.json();
  expect(body).toMatchObject({ type: `urn:hub:problem:${code}`, status, code, title: expect.any(String), detail: expect.any(String) });
  expect(body.code).toMatch(/^[a-z]+(_[a-z]+)*$/);
  return body as { errors?: { in: string; path: string; message: string }[] };
}

beforeAll(async () => {
  ({ db, close } = await createTestDb());
  restore = useTestApiRuntime(db);
  alice = await createTenant(db, "Alice Ltd");
  const res = await customersRoute.POST(apiRequest("POST", "/api/customers", { userId: alice.userId, body: { name: "Acme" } }));
  expect(res.status).toBe(201);
  customerId = (await res.json()).data.id;
});
afterAll(async () => {
  restore();
  await close();
});

describe("content type", () => {
  it("refuses a text/plain body with 415 and writes nothing", async () => {
    const before = await customerCount();
    const req = apiRequest("POST", "/api/customers", {
      userId: alice.userId, body: '{"name":"Form smuggled"}', headers: { "content-type": "text/plain" },
    });
    const body = await expectProblem(await customersRoute.POST(req), 415, "unsupported_media_type");
    expect(JSON.stringify(body)).toContain("application/json");
    expect(await customerCount()).toBe(before);
  });

  it("refuses a JSON body without any Content-Type", async () => {
    const req = apiRequest("POST", "/api/customers", { userId: alice.userId, body: '{"name":"No type"}' });
    await expectProblem(await customersRoute.POST(req), 415, "unsupported_media_type");
  });

  it("accepts application/json with a charset", async () => {
    const req = apiRequest("POST", "/api/customers", {
      userId: alice.userId, body: '{"name":"Charset Co"}', headers: { "content-type": "application/json; charset=utf-8" },
    });
    expect((await customersRoute.POST(req)).status).toBe(201);
  });

  it("answers malformed JSON with 400 invalid_json", async () => {
    const req = apiRequest("POST", "/api/customers", {
      userId: alice.userId, body: '{"name":', headers: { "content-type": "application/json" },
    });
    await expectProblem(await customersRoute.POST(req), 400, "invalid_json");
  });
});

describe("CSRF", () => {
  it("refuses Origin: http://evil.example with 403 csrf_refused and writes nothing", async () => {
    const before = await customerCount();
    const req = apiRequest("POST", "/api/customers", {
      userId: alice.userId, body: { name: "Evil" }, headers: { origin: "http://evil.example" },
    });
    await expectProblem(await customersRoute.POST(req), 403, "csrf_refused");
    expect(await customerCount()).toBe(before);
  });

  it("refuses Sec-Fetch-Site: cross-site on a PATCH and changes nothing", async () => {
    const req = apiRequest("PATCH", `/api/customers/${customerId}`, {
      userId: alice.userId, body: { name: "Renamed by evil" }, headers: { "sec-fetch-site": "cross-site" },
    });
    await expectProblem(await customerRoute.PATCH(req, routeContext({ id: customerId })), 403, "csrf_refused");
    const [row] = await db.select().from(customers).where(eq(customers.id, customerId));
    expect(row!.name).toBe("Acme");
  });

  it("refuses Origin: null", async () => {
    const req = apiRequest("POST", "/api/customers", { userId: alice.userId, body: { name: "Null" }, headers: { origin: "null" } });
    await expectProblem(await customersRoute.POST(req), 403, "csrf_refused");
  });

  it("accepts the app's own origin and same-origin fetch metadata", async () => {
    const req = apiRequest("POST", "/api/customers", {
      userId: alice.userId, body: { name: "Own origin" }, headers: { origin: "http://hub.test", "sec-fetch-site": "same-origin" },
    });
    expect((await customersRoute.POST(req)).status).toBe(201);
  });

  it("lets a cross-site GET read nothing it could not read anyway (reads are not refused)", async () => {
    const req = apiRequest("GET", "/api/customers", { userId: alice.userId, headers: { "sec-fetch-site": "cross-site" } });
    expect((await customersRoute.GET(req)).status).toBe(200);
  });
});

describe("body size", () => {
  const twoMb = JSON.stringify({ name: "x".repeat(2 * 1024 * 1024) });

  it("answers a 2 MB body with 413, by Content-Length", async () => {
    const req = apiRequest("POST", "/api/customers", { userId: alice.userId, body: twoMb, headers: { "content-type": "application/json" } });
    await expectProblem(await customersRoute.POST(req), 413, "payload_too_large");
  });

  it("answers a 2 MB streamed body without Content-Length with 413 (bytes are counted)", async () => {
    const bytes = new TextEncoder().encode(twoMb);
    const stream = new ReadableStream<Uint8Array>({
      start(c) {
        for (let i = 0; i < bytes.length; i += 64 * 1024) c.enqueue(bytes.subarray(i, i + 64 * 1024));
        c.close();
      },
    });
    const req = new Request("http://hub.test/api/customers", {
      method: "POST", body: stream, duplex: "half",
      headers: { "content-type": "application/json", cookie: apiRequest("GET", "/", { userId: alice.userId }).headers.get("cookie")! },
    } as RequestInit);
    expect(req.headers.get("content-length")).toBeNull();
    await expectProblem(await customersRoute.POST(req), 413, "payload_too_large");
  });
});

describe("input that cannot be stored", () => {
  const post = (body: unknown) => customersRoute.POST(apiRequest("POST", "/api/customers", { userId: alice.userId, body }));

  it("refuses a NUL byte in a text field with the field's path", async () => {
    const before = await customerCount();
    const body = await expectProblem(await post({ name: "a\u0000b" }), 400, "invalid_input");
    expect(body.errors).toContainEqual(expect.objectContaining({ in: "body", path: "name" }));
    expect(await customerCount()).toBe(before);
  });

  it("refuses a lone surrogate with the field's path", async () => {
    const res = await customersRoute.POST(apiRequest("POST", "/api/customers", {
      userId: alice.userId, body: '{"name":"ok","address":"\\ud800x"}', headers: { "content-type": "application/json" },
    }));
    const body = await expectProblem(res, 400, "invalid_input");
    expect(body.errors).toContainEqual(expect.objectContaining({ in: "body", path: "address" }));
  });

  it("refuses a NUL byte in the query", async () => {
    const res = await customersRoute.GET(apiRequest("GET", "/api/customers?q=%00", { userId: alice.userId }));
    const body = await expectProblem(res, 400, "invalid_input");
    expect(body.errors).toContainEqual(expect.objectContaining({ in: "query", path: "q" }));
  });

  it("refuses a NUL byte in a path id", async () => {
    const res = await invoiceRoute.GET(apiRequest("GET", "/api/invoices/%00", { userId: alice.userId }), routeContext({ id: "\u0000" }));
    const body = await expectProblem(res, 400, "invalid_input");
    expect(body.errors).toContainEqual(expect.objectContaining({ in: "path", path: "id" }));
  });

  it("answers an issue date of 0000-01-01 with 400 naming issueDate, never 5xx", async () => {
    const res = await invoicesRoute.POST(apiRequest("POST", "/api/invoices", {
      userId: alice.userId,
      body: { customerId, issueDate: "0000-01-01", dueDate: "0000-02-01", lines: [{ description: "x", quantity: 1, unitPrice: 100 }] },
    }));
    const body = await expectProblem(res, 400, "invalid_input");
    expect(body.errors?.map((e) => e.path)).toContain("issueDate");
    const n = (await db.select({ n: count() }).from(invoices).where(eq(invoices.organisationId, alice.organisationId)))[0]!.n;
    expect(n).toBe(0);
  });

  it("answers huge numbers with 400 and a field path", async () => {
    for (const unitPrice of [1e308, 2 ** 63, 9_999_999_999_999_999]) {
      const res = await invoicesRoute.POST(apiRequest("POST", "/api/invoices", {
        userId: alice.userId,
        body: { customerId, issueDate: "2026-01-01", dueDate: "2026-02-01", lines: [{ description: "x", quantity: 1_000_000, unitPrice }] },
      }));
      const body = await expectProblem(res, 400, "invalid_input");
      expect(body.errors?.length).toBeGreaterThan(0);
    }
    const res = await paymentsRoute.POST(
      apiRequest("POST", "/api/invoices/none/payments", { userId: alice.userId, body: { amount: 1e300, paidAt: "2026-01-01" } }),
      routeContext({ id: "none" }),
    );
    const body = await expectProblem(res, 400, "invalid_input");
    expect(body.errors).toContainEqual(expect.objectContaining({ path: "amount" }));
  });
});

describe("errors", () => {
  it("answers a missing session with 401 unauthenticated", async () => {
    await expectProblem(await customersRoute.GET(apiRequest("GET", "/api/customers")), 401, "unauthenticated");
  });

  it("answers another organisation's customer with 404 not_found", async () => {
    const bob = await createTenant(db, "Bob Ltd");
    const res = await customerRoute.GET(apiRequest("GET", `/api/customers/${customerId}`, { userId: bob.userId }), routeContext({ id: customerId }));
    await expectProblem(res, 404, "not_found");
  });

  it("answers schema errors with every field path", async () => {
    const res = await invoicesRoute.POST(apiRequest("POST", "/api/invoices", {
      userId: alice.userId, body: { customerId: "", issueDate: "soon", lines: [{ description: "", quantity: -1, unitPrice: 1.5 }] },
    }));
    const body = await expectProblem(res, 400, "invalid_input");
    const paths = body.errors!.map((e) => e.path);
    expect(paths).toEqual(expect.arrayContaining(["customerId", "issueDate", "dueDate", "lines.0.description", "lines.0.quantity", "lines.0.unitPrice"]));
  });

  it("answers a refused accounting rule with 409 and its lower_snake code", async () => {
    const created = await invoicesRoute.POST(apiRequest("POST", "/api/invoices", {
      userId: alice.userId,
      body: { customerId, issueDate: "2026-01-01", dueDate: "2026-02-01", send: true, lines: [{ description: "x", quantity: 1, unitPrice: 100 }] },
    }));
    expect(created.status).toBe(201);
    const id = (await created.json()).data.id as string;
    const res = await paymentsRoute.POST(
      apiRequest("POST", `/api/invoices/${id}/payments`, { userId: alice.userId, body: { amount: 101, paidAt: "2026-01-02" } }),
      routeContext({ id }),
    );
    const body = await expectProblem(res, 409, "overpayment");
    expect(body.errors).toContainEqual(expect.objectContaining({ path: "amount" }));
  });
});
