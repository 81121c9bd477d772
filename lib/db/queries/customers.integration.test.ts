import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { NotFoundError, type Tenant } from "@/lib/auth/tenant";
import { createTenant } from "@/lib/testing/tenants";
import { createTestDb } from "@/lib/testing/db";
import { createCustomer, getCustomer, listCustomers, updateCustomer } from "./customers";

describe("customer queries", () => {
  let t: Awaited<ReturnType<typeof createTestDb>>;
  let a: Tenant;
  let b: Tenant;
  beforeAll(async () => {
    t = await createTestDb();
    a = await createTenant(t.db, "Org A");
    b = await createTenant(t.db, "Org B");
  });
  afterAll(async () => { await t?.close(); });

  it("creates with normalised fields and reads back within the organisation", async () => {
    const c = await createCustomer(t.db, a, { name: "  Acme Ltd ", email: "Billing@Acme.test", currency: "eur" });
    expect(c).toMatchObject({ name: "Acme Ltd", email: "billing@acme.test", currency: "EUR", phone: null });
    expect((await getCustomer(t.db, a, c.id)).id).toBe(c.id);
  });

  it("refuses invalid input with field issues", async () => {
    await expect(createCustomer(t.db, a, { name: "", email: "nope" })).rejects.toMatchObject({
      issues: expect.arrayContaining([
        expect.objectContaining({ path: ["name"] }),
        expect.objectContaining({ path: ["email"] }),
      ]),
    });
  });

  it("hides another organisation's customer behind NotFoundError, for reads and writes", async () => {
    const c = await createCustomer(t.db, a, { name: "Secret Co" });
    await expect(getCustomer(t.db, b, c.id)).rejects.toBeInstanceOf(NotFoundError);
    await expect(updateCustomer(t.db, b, c.id, { name: "Hijacked" })).rejects.toBeInstanceOf(NotFoundError);
    expect((await getCustomer(t.db, a, c.id)).name).toBe("Secret Co");
    expect((await listCustomers(t.db, b, { q: "Secret" })).total).toBe(0);
  });

  it("updates only the given fields", async () => {
    const c = await createCustomer(t.db, a, { name: "Patch Me", email: "p@x.test", currency: "GBP" });
    const u = await updateCustomer(t.db, a, c.id, { phone: "+44 20 1234" });
    expect(u).toMatchObject({ name: "Patch Me", email: "p@x.test", currency: "GBP", phone: "+44 20 1234" });
  });

  it("paginates with a total and searches by name or email", async () => {
    const org = await createTenant(t.db, "Paging Org");
    for (let i = 0; i < 7; i++) {
      await createCustomer(t.db, org, { name: `Customer ${String(i).padStart(2, "0")}`, email: `c${i}@page.test` });
    }
    const first = await listCustomers(t.db, org, { limit: 3, offset: 0 });
    const last = await listCustomers(t.db, org, { limit: 3, offset: 6 });
    expect(first.total).toBe(7);
    expect(first.rows.map((r) => r.name)).toEqual(["Customer 00", "Customer 01", "Customer 02"]);
    expect(last.rows.map((r) => r.name)).toEqual(["Customer 06"]);
    expect((await listCustomers(t.db, org, { q: "c3@page" })).rows.map((r) => r.name)).toEqual(["Customer 03"]);
    expect((await listCustomers(t.db, org, { q: "customer 0" })).total).toBe(7);
    expect((await listCustomers(t.db, org, { q: "100%" })).total).toBe(0);
  });
});
