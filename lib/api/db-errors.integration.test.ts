import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { customers, invoices } from "@/drizzle/schema";
import type { Db } from "@/lib/db/client";
import type { Tenant } from "@/lib/auth/tenant";
import { createTestDb } from "@/lib/testing/db";
import { createTenant } from "@/lib/testing/tenants";
import { dbInputProblem, findPgError } from "./db-errors";

// Real errors from the driver under test (postgres.js with DATABASE_URL, else PGlite), so the
// structural detection is proven on both shapes, through Drizzle's wrapping.
let db: Db;
let close: () => Promise<void>;
let tenant: Tenant;
let customerId: string;

async function failure(run: () => Promise<unknown>): Promise<unknown> {
  try {
    await run();
  } catch (err) {
    return err;
  }
  throw new Error("expected the query to fail");
}

const invoice = (over: Partial<typeof invoices.$inferInsert>) => ({
  organisationId: tenant.organisationId, customerId, number: `INV-${crypto.randomUUID()}`,
  issueDate: "2026-01-01", dueDate: "2026-02-01", ...over,
});

beforeAll(async () => {
  ({ db, close } = await createTestDb());
  tenant = await createTenant(db);
  const [c] = await db.insert(customers).values({ organisationId: tenant.organisationId, name: "Acme" }).returning();
  customerId = c!.id;
});
afterAll(() => close());

describe("database errors that escape validation", () => {
  it("finds the server error and names the field for a NUL byte in text", async () => {
    const name = "a\u0000b";
    const err = await failure(() => db.insert(customers).values({ organisationId: tenant.organisationId, name }));
    expect(findPgError(err)?.code).toMatch(/^22/);
    expect(dbInputProblem(err, { body: { name } })).toEqual({
      status: 400, code: "invalid_input", detail: expect.any(String),
      errors: [{ in: "body", path: "name", message: expect.any(String) }],
    });
  });

  it("names the field of a date out of range (22008)", async () => {
    const err = await failure(() => db.insert(invoices).values(invoice({ issueDate: "0000-01-01" })));
    expect(findPgError(err)?.code).toBe("22008");
    const p = dbInputProblem(err, { body: { customerId, issueDate: "0000-01-01", dueDate: "2026-01-01" } });
    expect(p?.errors?.[0]).toMatchObject({ in: "body", path: "issueDate" });
  });

  it("maps a bigint overflow (22003) to 400", async () => {
    const err = await failure(() => db.insert(invoices).values(invoice({ total: 2 ** 64 })));
    expect(findPgError(err)?.code).toBe("22003");
    expect(dbInputProblem(err, {})?.status).toBe(400);
  });

  it("names the column of a foreign-key violation (23503)", async () => {
    const err = await failure(() => db.insert(invoices).values(invoice({ customerId: "missing" })));
    expect(dbInputProblem(err)).toMatchObject({ code: "constraint_violation", errors: [{ path: "customerId" }] });
  });

  it("names the column of a unique violation other than organisation_id (23505)", async () => {
    await db.insert(invoices).values(invoice({ number: "DUP-1" }));
    const err = await failure(() => db.insert(invoices).values(invoice({ number: "DUP-1" })));
    expect(dbInputProblem(err)).toMatchObject({ status: 400, code: "constraint_violation", errors: [{ path: "number" }] });
  });

  it("names the column of a not-null violation (23502)", async () => {
    const err = await failure(() => db.execute(sql`insert into customers (id, organisation_id, name) values ('x', ${tenant.organisationId}, null)`));
    expect(dbInputProblem(err)).toMatchObject({ errors: [{ path: "name" }] });
  });

  it("leaves other database errors alone (a real 500)", async () => {
    const err = await failure(() => db.execute(sql`select * from no_such_table`));
    expect(findPgError(err)?.code).toBe("42P01");
    expect(dbInputProblem(err)).toBeNull();
  });
});
