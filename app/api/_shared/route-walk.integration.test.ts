import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/lib/db/client";
import type { Tenant } from "@/lib/auth/tenant";
import { createTestDb } from "@/lib/testing/db";
import { createTenant } from "@/lib/testing/tenants";
import { apiRequest, fillTemplate, jsonKeys, routeContext, templateParams, useTestApiRuntime } from "@/lib/testing/api";
import { isPendingPort, loadApiRoutes, type LoadedRoute } from "@/lib/testing/api-routes";
import type { z } from "zod";
import { customerListResponse, customerResponse } from "@/lib/api/schemas/customers";
import { invoiceListResponse, invoiceResponse, paymentCreatedResponse, paymentListResponse } from "@/lib/api/schemas/invoices";
import { organisationListResponse, organisationResponse, organisationSwitchResponse } from "@/lib/api/schemas/organisations";

// Walks every app/api/**/route.ts it can call, after creating data through the API itself, and
// fails when any JSON answer carries an internal column or a secret.
const FORBIDDEN_KEYS = ["organisationId", "organisation_id", "credentials"];

let db: Db;
let close: () => Promise<void>;
let restore: () => void;
let alice: Tenant;
let routes: LoadedRoute[];
let failed: { template: string; error: string }[];
const answers: { label: string; status: number; json: unknown }[] = [];

async function record(label: string, res: Response) {
  const text = await res.text();
  let json: unknown = null;
  try {
    json = text ? JSON.parse(text) : null;
  } catch {
    json = null;
  }
  answers.push({ label, status: res.status, json });
  return { status: res.status, json: json as { data?: unknown } };
}

const handler = (template: string, method: "GET" | "POST" | "PATCH") => {
  const h = routes.find((r) => r.template === template)?.handlers[method];
  if (!h) throw new Error(`${method} ${template} is not loaded`);
  return h;
};

beforeAll(async () => {
  ({ db, close } = await createTestDb());
  restore = useTestApiRuntime(db);
  alice = await createTenant(db, "Walk Ltd", "owner");
  ({ loaded: routes, failed } = await loadApiRoutes());

  // Data for every GET to find, created through the API so the write answers are checked too.
  const u = { userId: alice.userId };
  const customer = await record("POST /api/customers", await handler("/api/customers", "POST")(
    apiRequest("POST", "/api/customers", { ...u, body: { name: "Walk Customer", email: "a@b.test" } })));
  const customerId = (customer.json.data as { id: string }).id;
  await record("PATCH /api/customers/[id]", await handler("/api/customers/[id]", "PATCH")(
    apiRequest("PATCH", `/api/customers/${customerId}`, { ...u, body: { phone: "123" } }), routeContext({ id: customerId })));
  const invoice = await record("POST /api/invoices", await handler("/api/invoices", "POST")(apiRequest("POST", "/api/invoices", {
    ...u, body: { customerId, issueDate: "2026-01-01", dueDate: "2026-02-01", send: true, lines: [{ description: "Work", quantity: 2, unitPrice: 500 }] },
  })));
  const invoiceId = (invoice.json.data as { id: string }).id;
  await record("POST /api/invoices/[id]/payments", await handler("/api/invoices/[id]/payments", "POST")(
    apiRequest("POST", `/api/invoices/${invoiceId}/payments`, { ...u, body: { amount: 300, paidAt: "2026-01-05" } }), routeContext({ id: invoiceId })));
  await record("PATCH /api/invoices/[id]", await handler("/api/invoices/[id]", "PATCH")(
    apiRequest("PATCH", `/api/invoices/${invoiceId}`, { ...u, body: { notes: "Thanks" } }), routeContext({ id: invoiceId })));
  await record("POST /api/organisations", await handler("/api/organisations", "POST")(
    apiRequest("POST", "/api/organisations", { ...u, body: { name: "Second Org" } })));
  await record("POST /api/organisations/switch", await handler("/api/organisations/switch", "POST")(
    apiRequest("POST", "/api/organisations/switch", { ...u, body: { organisationId: alice.organisationId } })));
});
afterAll(async () => {
  restore();
  await close();
});

/** A value for a `[name]` segment: an id from the parent collection's list, or a fixed value. */
async function paramValue(template: string, name: string): Promise<string> {
  if (name === "provider") return "stripe";
  const parent = template.slice(0, template.indexOf(`/[${name}]`));
  const list = routes.find((r) => r.template === parent)?.handlers.GET;
  if (!list) throw new Error(`no list at ${parent} to take an id for ${template} from`);
  const res = await list(apiRequest("GET", parent, { userId: alice.userId }), routeContext());
  const body = (await res.json()) as { data?: { id?: string }[] };
  const id = body.data?.[0]?.id;
  if (!id) throw new Error(`${parent} listed nothing to walk ${template} with`);
  return id;
}

describe("every /api route", () => {
  it("loads, unless it is still waiting for its port onto the wrapper", () => {
    expect(failed.filter((f) => !isPendingPort(f.template))).toEqual([]);
    expect(routes.map((r) => r.template)).toEqual(expect.arrayContaining([
      "/api/customers", "/api/customers/[id]", "/api/health", "/api/invoices", "/api/invoices/[id]",
      "/api/invoices/[id]/payments", "/api/organisations", "/api/organisations/switch",
    ]));
  });

  it("answers every GET without an internal column or a secret, after data exists", async () => {
    for (const route of routes) {
      const get = route.handlers.GET;
      if (!get) continue;
      const params: Record<string, string> = {};
      for (const name of templateParams(route.template)) params[name] = await paramValue(route.template, name);
      const url = fillTemplate(route.template, params);
      const { status } = await record(`GET ${route.template}`, await get(apiRequest("GET", url, { userId: alice.userId }), routeContext(params)));
      expect(status, `GET ${url}`).toBeLessThan(500);
    }
    const lists = answers.filter((a) => ["GET /api/customers", "GET /api/invoices", "GET /api/invoices/[id]/payments", "GET /api/organisations"].includes(a.label));
    expect(lists).toHaveLength(4);
    for (const l of lists) {
      expect(l.status, l.label).toBe(200);
      expect((l.json as { data: unknown[] }).data.length, l.label).toBeGreaterThan(0);
      expect((l.json as { page: unknown }).page, l.label).toMatchObject({ limit: expect.any(Number), offset: 0, total: expect.any(Number) });
    }
    for (const a of answers) {
      const leaked = [...jsonKeys(a.json)].filter((k) => FORBIDDEN_KEYS.includes(k));
      expect(leaked, `${a.label} answered ${JSON.stringify(a.json).slice(0, 300)}`).toEqual([]);
    }
    // The writes succeeded too, so their answers were real resources, not errors.
    expect(answers.filter((a) => !a.label.startsWith("GET")).map((a) => a.status)).toEqual([201, 200, 201, 201, 200, 201, 200]);
  });

  it("answers with exactly the registered response schemas (the future OpenAPI document)", () => {
    const schemas: Record<string, z.ZodType> = {
      "GET /api/customers": customerListResponse, "POST /api/customers": customerResponse,
      "GET /api/customers/[id]": customerResponse, "PATCH /api/customers/[id]": customerResponse,
      "GET /api/invoices": invoiceListResponse, "POST /api/invoices": invoiceResponse,
      "GET /api/invoices/[id]": invoiceResponse, "PATCH /api/invoices/[id]": invoiceResponse,
      "GET /api/invoices/[id]/payments": paymentListResponse, "POST /api/invoices/[id]/payments": paymentCreatedResponse,
      "GET /api/organisations": organisationListResponse, "POST /api/organisations": organisationResponse,
      "POST /api/organisations/switch": organisationSwitchResponse,
    };
    for (const [label, schema] of Object.entries(schemas)) {
      const answer = answers.find((a) => a.label === label);
      expect(answer, label).toBeDefined();
      // Strict: a key the schema does not declare is a field the DTO leaked.
      const parsed = strictly(schema).safeParse(answer!.json);
      expect(parsed.error?.issues ?? [], label).toEqual([]);
    }
  });
});

/** JSON with object keys sorted, so two values compare by content only. */
const canonical = (v: unknown): string =>
  JSON.stringify(v, (_, x: unknown) =>
    x && typeof x === "object" && !Array.isArray(x) ? Object.fromEntries(Object.entries(x).sort(([a], [b]) => a.localeCompare(b))) : x);

/** The schema, failing when parsing would strip a key: an undeclared key is a leaked field. */
function strictly(schema: z.ZodType): z.ZodType {
  return schema.superRefine((value, ctx) => {
    const parsed = schema.safeParse(value);
    if (parsed.success && canonical(parsed.data) !== canonical(value)) {
      ctx.addIssue({ code: "custom", message: `undeclared keys in ${JSON.stringify(value).slice(0, 200)}` });
    }
  });
}
