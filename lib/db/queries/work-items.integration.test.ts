import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { projects, quotes, tickets } from "@/drizzle/schema";
import { AccountingRuleError } from "@/lib/accounting/errors";
import { NotFoundError } from "@/lib/auth/tenant";
import { eventCatalog, type EventType } from "@/lib/events/catalog";
import { createTestDb } from "@/lib/testing/db";
import { eventsOf, expectRolledBackWithoutEvents } from "@/lib/testing/outbox";
import { createTenant } from "@/lib/testing/tenants";
import { createCustomer } from "./customers";
import { completeProject, createProject, getProject, listProjects, updateProject } from "./projects";
import { createQuote, decideQuote, expireQuotes, listQuotes } from "./quotes";
import { createTicket, listTickets, moveTicket } from "./tickets";

describe("projects, tickets and quotes emit their events in the change's transaction", () => {
  let t: Awaited<ReturnType<typeof createTestDb>>;
  beforeAll(async () => {
    t = await createTestDb();
  }, 180_000);
  afterAll(async () => {
    await t?.close();
  });

  /** Every event written parses against its catalog schema. */
  const typesOf = async (id: string) => {
    const rows = await eventsOf(t.db, id);
    for (const r of rows) expect(eventCatalog[r.type as EventType].payload.safeParse(r.payload).success, r.type).toBe(true);
    return rows.map((r) => r.type);
  };

  it("project: created, updated, completed; completing twice is refused", async () => {
    const tenant = await createTenant(t.db);
    const customer = await createCustomer(t.db, tenant, { name: "Acme" });
    const p = await createProject(t.db, tenant, { name: "  Relaunch ", customerId: customer.id });
    expect(p).toMatchObject({ name: "Relaunch", status: "active", customerId: customer.id });
    await updateProject(t.db, tenant, p.id, { name: "Website relaunch" });
    const done = await completeProject(t.db, tenant, p.id);
    expect(done.status).toBe("completed");
    expect(done.completedAt).toBeInstanceOf(Date);
    expect(await typesOf(p.id)).toEqual(["project.created", "project.updated", "project.completed"]);
    const [, , completed] = await eventsOf(t.db, p.id);
    expect(completed!.payload).toEqual({ projectId: p.id, name: "Website relaunch", customerId: customer.id, status: "completed" });
    await expect(completeProject(t.db, tenant, p.id)).rejects.toBeInstanceOf(AccountingRuleError);
    expect(await typesOf(p.id)).toHaveLength(3);
  });

  it("project: a rolled-back change leaves no event and no change", async () => {
    const tenant = await createTenant(t.db);
    const p = await createProject(t.db, tenant, { name: "Kept active" });
    await expectRolledBackWithoutEvents(t.db, (tx) => completeProject(tx, tenant, p.id));
    await expectRolledBackWithoutEvents(t.db, (tx) => createProject(tx, tenant, { name: "Never" }));
    expect((await getProject(t.db, tenant, p.id)).status).toBe("active");
    expect(await typesOf(p.id)).toEqual(["project.created"]);
  });

  it("ticket: open → in progress → resolved emits updated then resolved; going back is refused", async () => {
    const tenant = await createTenant(t.db);
    const ticket = await createTicket(t.db, tenant, { subject: "PDF shows the wrong address" });
    expect(ticket.status).toBe("open");
    await moveTicket(t.db, tenant, ticket.id, "in_progress");
    const resolved = await moveTicket(t.db, tenant, ticket.id, "resolved");
    expect(resolved.resolvedAt).toBeInstanceOf(Date);
    await expect(moveTicket(t.db, tenant, ticket.id, "in_progress")).rejects.toThrow("A resolved ticket cannot become in progress.");
    await expect(moveTicket(t.db, tenant, ticket.id, "closed" as never)).rejects.toThrow();
    expect(await typesOf(ticket.id)).toEqual(["ticket.created", "ticket.updated", "ticket.resolved"]);
    await expectRolledBackWithoutEvents(t.db, async (tx) => moveTicket(tx, tenant, (await createTicket(tx, tenant, { subject: "x" })).id, "resolved"));
    const [row] = await t.db.select().from(tickets).where(eq(tickets.id, ticket.id));
    expect(row!.status).toBe("resolved");
  });

  it("quote: numbered per organisation, accepted or rejected once, in the customer's currency", async () => {
    const tenant = await createTenant(t.db);
    const customer = await createCustomer(t.db, tenant, { name: "Kyoto KK", currency: "JPY" });
    const q1 = await createQuote(t.db, tenant, { customerId: customer.id, total: 48000, validUntil: "2030-01-31" });
    const q2 = await createQuote(t.db, tenant, { customerId: customer.id, total: 1000, validUntil: "2030-01-31", send: true });
    expect([q1.number, q2.number]).toEqual(["Q-0001", "Q-0002"]);
    expect([q1.status, q2.status, q1.currency]).toEqual(["draft", "sent", "JPY"]);
    // Another organisation starts its own numbering.
    const other = await createTenant(t.db);
    const oc = await createCustomer(t.db, other, { name: "Other" });
    expect((await createQuote(t.db, other, { customerId: oc.id, total: 5, validUntil: "2030-01-01" })).number).toBe("Q-0001");

    await decideQuote(t.db, tenant, q1.id, "accepted");
    await decideQuote(t.db, tenant, q2.id, "rejected");
    await expect(decideQuote(t.db, tenant, q1.id, "rejected")).rejects.toThrow("Quote Q-0001 is already accepted.");
    expect(await typesOf(q1.id)).toEqual(["quote.created", "quote.accepted"]);
    expect(await typesOf(q2.id)).toEqual(["quote.created", "quote.rejected"]);
    await expectRolledBackWithoutEvents(t.db, async (tx) =>
      decideQuote(tx, tenant, (await createQuote(tx, tenant, { customerId: customer.id, total: 1, validUntil: "2030-01-01" })).id, "expired"));
  });

  it("quote expiry: open quotes past their date expire with quote.expired; decided and current ones stay", async () => {
    const tenant = await createTenant(t.db);
    const customer = await createCustomer(t.db, tenant, { name: "Expiring" });
    const make = (validUntil: string, send = false) => createQuote(t.db, tenant, { customerId: customer.id, total: 100, validUntil, send });
    const [pastDraft, pastSent, current, decided] = [await make("2025-01-31"), await make("2025-02-10", true), await make("2025-03-01"), await make("2025-01-01")];
    await decideQuote(t.db, tenant, decided.id, "accepted");

    await expectRolledBackWithoutEvents(t.db, (tx) => expireQuotes(tx, "2025-02-15"));
    expect((await t.db.select().from(quotes).where(eq(quotes.id, pastDraft.id)))[0]!.status).toBe("draft");

    const expired = await expireQuotes(t.db, "2025-02-15");
    expect(expired.map((q) => q.id).sort()).toEqual([pastDraft.id, pastSent.id].sort());
    expect(await typesOf(pastSent.id)).toEqual(["quote.created", "quote.expired"]);
    expect(await typesOf(current.id)).toEqual(["quote.created"]);
    expect(await typesOf(decided.id)).toEqual(["quote.created", "quote.accepted"]);
    // Idempotent: nothing left to expire, nothing emitted.
    expect(await expireQuotes(t.db, "2025-02-15")).toEqual([]);
    expect(await typesOf(pastDraft.id)).toEqual(["quote.created", "quote.expired"]);
  });

  it("refuses another organisation's customer under customerId and another organisation's items as missing", async () => {
    const tenant = await createTenant(t.db);
    const other = await createTenant(t.db);
    const foreign = await createCustomer(t.db, other, { name: "Not yours" });
    const refusal = { code: "invalid_reference", field: "customerId" };
    await expect(createProject(t.db, tenant, { name: "x", customerId: foreign.id })).rejects.toMatchObject(refusal);
    await expect(createTicket(t.db, tenant, { subject: "x", customerId: foreign.id })).rejects.toMatchObject(refusal);
    await expect(createQuote(t.db, tenant, { customerId: foreign.id, total: 1, validUntil: "2030-01-01" })).rejects.toMatchObject(refusal);
    await expect(createQuote(t.db, tenant, { customerId: "", total: 0, validUntil: "2030-13-01" })).rejects.toMatchObject({
      issues: expect.arrayContaining([
        expect.objectContaining({ path: ["customerId"] }), expect.objectContaining({ path: ["total"] }), expect.objectContaining({ path: ["validUntil"] }),
      ]),
    });
    const theirs = await createProject(t.db, other, { name: "Theirs" });
    await expect(completeProject(t.db, tenant, theirs.id)).rejects.toBeInstanceOf(NotFoundError);
    await expect(updateProject(t.db, tenant, theirs.id, { name: "Mine now" })).rejects.toBeInstanceOf(NotFoundError);
    const [row] = await t.db.select().from(projects).where(eq(projects.id, theirs.id));
    expect(row).toMatchObject({ name: "Theirs", status: "active" });
  });

  it("lists newest first, a page at a time, with customer names, only the caller's rows", async () => {
    const tenant = await createTenant(t.db);
    const other = await createTenant(t.db);
    const customer = await createCustomer(t.db, tenant, { name: "Named" });
    for (let i = 0; i < 3; i++) await createProject(t.db, tenant, { name: `P${i}`, customerId: i === 0 ? customer.id : null });
    await createProject(t.db, other, { name: "Foreign" });
    await createTicket(t.db, tenant, { subject: "Only one", customerId: customer.id });
    await createQuote(t.db, tenant, { customerId: customer.id, total: 10, validUntil: "2030-01-01" });

    const first = await listProjects(t.db, tenant, { limit: 2 });
    expect(first.total).toBe(3);
    expect(first.rows.map((r) => r.name)).toEqual(["P2", "P1"]);
    const second = await listProjects(t.db, tenant, { limit: 2, offset: 2 });
    expect(second.rows).toMatchObject([{ name: "P0", customerName: "Named" }]);
    expect((await listTickets(t.db, tenant)).rows).toMatchObject([{ subject: "Only one", customerName: "Named" }]);
    expect((await listQuotes(t.db, tenant)).rows).toMatchObject([{ number: "Q-0001", customerName: "Named" }]);
    expect((await listProjects(t.db, other)).rows.map((r) => r.name)).toEqual(["Foreign"]);
  });
});
