import { ZodError } from "zod";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { customers, invoices } from "@/drizzle/schema";
import { NotFoundError, type Tenant } from "@/lib/auth/tenant";
import { fieldErrorsOf } from "@/lib/accounting/form-errors";
import { createTenant } from "@/lib/testing/tenants";
import { createTestDb } from "@/lib/testing/db";
import { createCustomer, getCustomer, listCustomers } from "./customers";
import { createInvoice, getInvoice } from "./invoices";
import { recordPayment } from "./payments";

describe("bad input never reaches the database (issue 8.5)", () => {
  let t: Awaited<ReturnType<typeof createTestDb>>;
  let a: Tenant;
  let customerId: string;
  const fieldErrors = (p: Promise<unknown>) => p.then(() => ({}), (e: unknown) => {
    expect(e).toBeInstanceOf(ZodError);
    return fieldErrorsOf(e as ZodError);
  });

  beforeAll(async () => {
    t = await createTestDb();
    a = await createTenant(t.db, "Fuzzed Org");
    customerId = (await createCustomer(t.db, a, { name: "Real" })).id;
  });
  afterAll(async () => { await t?.close(); });

  it("refuses NUL and lone surrogates in text and search with field errors, writing nothing", async () => {
    expect(await fieldErrors(createCustomer(t.db, a, { name: "a\u0000b" }))).toHaveProperty("name");
    expect(await fieldErrors(createCustomer(t.db, a, { name: "ok", address: "\uD83D" }))).toHaveProperty("address");
    expect(await fieldErrors(listCustomers(t.db, a, { q: "\u0000" }))).toHaveProperty("q");
    expect(await t.db.select().from(customers)).toHaveLength(1);
  });

  it("answers 'not found' for ids holding NUL instead of a database error", async () => {
    await expect(getInvoice(t.db, a, "\u0000")).rejects.toBeInstanceOf(NotFoundError);
    await expect(getCustomer(t.db, a, "x\u0000")).rejects.toBeInstanceOf(NotFoundError);
    await expect(recordPayment(t.db, a, "\u0000", { amount: 1, paidAt: "2025-01-01" })).rejects.toBeInstanceOf(NotFoundError);
  });

  it("refuses the year 0000 and 1,000,000 × 9,999,999,999.99 instead of storing an inexact total", async () => {
    const base = { customerId, issueDate: "2025-01-01", dueDate: "2025-01-31", lines: [{ description: "x", quantity: 1, unitPrice: 1 }] };
    expect(await fieldErrors(createInvoice(t.db, a, { ...base, issueDate: "0000-01-01" }))).toEqual({
      issueDate: ["Issue date must be between 1900-01-01 and 2200-12-31"],
    });
    const huge = await fieldErrors(createInvoice(t.db, a, { ...base, lines: [{ description: "x", quantity: 1_000_000, unitPrice: 999_999_999_999 }] }));
    expect(Object.keys(huge).sort()).toEqual(["lines.0.quantity", "lines.0.unitPrice"]);
    expect(await t.db.select().from(invoices)).toHaveLength(0);
  });
});
