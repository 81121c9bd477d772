import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eventConsumptions } from "@/drizzle/schema";
import { createCustomer } from "@/lib/db/queries/customers";
import { executeRows } from "@/lib/jobs/local/rows";
import { createTestDb } from "@/lib/testing/db";
import { createTenant } from "@/lib/testing/tenants";
import { consumeOnce, loadEvent, type EventConsumer } from "./consumers";

describe("consumer after-commit steps", () => {
  let t: Awaited<ReturnType<typeof createTestDb>>;
  beforeAll(async () => {
    t = await createTestDb();
  }, 180_000);
  afterAll(() => t?.close());

  it("run once the consumption has committed (and see its rows), never for a rolled-back or repeated one", async () => {
    const tenant = await createTenant(t.db);
    const customer = await createCustomer(t.db, tenant, { name: "After" });
    const [row] = await executeRows<{ id: string }>(t.db, sql`select id from outbox_events where aggregate_id = ${customer.id}`);
    const event = (await loadEvent(t.db, row!.id))!;
    const seen: number[] = [];
    const countCommitted = async () => (await t.db.select().from(eventConsumptions).where(eq(eventConsumptions.eventId, event.id))).length;

    const failing: EventConsumer = {
      name: "test.after-failing", types: ["customer.created"],
      async handle(_e, { afterCommit }) {
        afterCommit(async () => void seen.push(-1));
        throw new Error("effect failed");
      },
    };
    await expect(consumeOnce(t.db, failing, event)).rejects.toThrow("effect failed");
    expect(seen).toEqual([]);

    const ok: EventConsumer = {
      name: "test.after-ok", types: ["customer.created"],
      async handle(_e, { afterCommit }) {
        afterCommit(async () => void seen.push(await countCommitted()));
      },
    };
    expect(await consumeOnce(t.db, ok, event)).toBe(true);
    expect(await consumeOnce(t.db, ok, event)).toBe(false);
    expect(seen).toEqual([1]);
  });
});
