import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { jobContext, userContext, webhookContext, type AccessContext } from "@/lib/auth/access";
import { authenticateApiKey, createApiKey } from "@/lib/auth/api-keys";
import { NotFoundError } from "@/lib/auth/tenant";
import type { Db } from "@/lib/db/client";
import { createTestDb } from "@/lib/testing/db";
import { createTenant } from "@/lib/testing/tenants";
import { createCustomer, getCustomer, listCustomers, updateCustomer } from "./customers";
import { createInvoice, getInvoice, listInvoices } from "./invoices";
import { recordPayment } from "./payments";

// The accounting queries take any access context, not only a signed-in user's Tenant: a job, a
// verified webhook and an API key act through the same scoping, and none reaches another
// organisation's row by id. The API-key context is a real one: a key issued by an admin of the
// organisation and authenticated the way the route wrapper does for `Authorization: Bearer`.
let db: Db;
let keyContext: AccessContext;
let close: () => Promise<void>;
let own: string;
let foreignCustomer: string;

beforeAll(async () => {
  ({ db, close } = await createTestDb());
  const a = await createTenant(db, "Scope A", "owner");
  const b = await createTenant(db, "Scope B", "owner");
  own = a.organisationId;
  const { secret } = await createApiKey(db, userContext(a), { name: "Scoping", role: "admin" });
  keyContext = await authenticateApiKey(db, secret);
  foreignCustomer = (await createCustomer(db, b, { name: "Foreign" })).id;
});
afterAll(async () => {
  await close();
});

// Built when a test runs: it.each collects its cases before beforeAll has created the organisation.
const KINDS = ["job", "webhook", "api key"] as const;
const contextOf = (kind: (typeof KINDS)[number]): AccessContext =>
  kind === "job" ? jobContext(own, "sync.customers") : kind === "webhook" ? webhookContext(own, "stripe") : keyContext;

describe("accounting queries under a non-user access context", () => {
  it("authenticates a real API key to a context of its own organisation, acting as the key", () => {
    expect(keyContext).toMatchObject({ organisationId: own, actor: { kind: "api_key", role: "admin" } });
  });

  it.each(KINDS)("a %s creates, reads and lists only its own organisation's rows", async (kind) => {
    const ctx = contextOf(kind);
    const customer = await createCustomer(db, ctx, { name: `By ${kind}` });
    expect((await getCustomer(db, ctx, customer.id)).name).toBe(`By ${kind}`);
    const invoice = await createInvoice(db, ctx, {
      customerId: customer.id, issueDate: "2026-01-01", dueDate: "2026-02-01", send: true, lines: [{ description: "x", quantity: 1, unitPrice: 500 }],
    });
    await recordPayment(db, ctx, invoice.id, { amount: 200, paidAt: "2026-01-02" });
    expect((await getInvoice(db, ctx, invoice.id)).payments).toHaveLength(1);
    const listed = await listCustomers(db, ctx, { limit: 100 });
    expect(listed.rows.map((c) => c.name)).toContain(`By ${kind}`);
    expect(listed.rows.map((c) => c.name)).not.toContain("Foreign");
    expect((await listInvoices(db, ctx, { limit: 100 })).rows.every((i) => i.customerId !== foreignCustomer)).toBe(true);
  });

  it.each(KINDS)("a %s cannot read or change another organisation's customer by id", async (kind) => {
    const ctx = contextOf(kind);
    await expect(getCustomer(db, ctx, foreignCustomer)).rejects.toBeInstanceOf(NotFoundError);
    await expect(updateCustomer(db, ctx, foreignCustomer, { name: "Taken" })).rejects.toBeInstanceOf(NotFoundError);
  });
});
