import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { invoices, syncLinks } from "@/drizzle/schema";
import { getAccessToken } from "@/lib/connections/refresh";
import { recordPayment, reversePayment } from "@/lib/db/queries/payments";
import { createInvoice } from "@/lib/db/queries/invoices";
import { countPending } from "./local-records";
import { runErrors } from "./runs";
import { saveEntitySettings } from "./settings";
import { connectQuickBooks, connectXero, closeWorld, control, createWorld, qboOf, syncNow, xeroOf, type World } from "./test-support";

// Payments recorded in the app against invoices linked to Xero / QuickBooks are pushed through the
// engine: Xero PUT Payments (Invoice.InvoiceID + Account), QuickBooks Payment with a line whose
// LinkedTxn is the invoice; idempotency keys derived from the change; the provider's refusal
// becomes a per-record error with its message; the direction setting is respected.
let w: World;
beforeAll(async () => {
  w = await createWorld();
}, 180_000);
afterAll(async () => {
  await closeWorld(w);
});

const today = () => new Date().toISOString().slice(0, 10);
const org = () => w.owner.organisationId;
const pendingPayments = (connectionId: string) => countPending(w.db, org(), connectionId, "payments");

/** A local invoice linked to the connection whose provider side matches `open` (an open balance to pay). */
async function linkedInvoice(connectionId: string, open: (externalId: string) => boolean, skip: string[] = []) {
  const rows = await w.db.select({ localId: syncLinks.localId, externalId: syncLinks.externalId, status: invoices.status })
    .from(syncLinks).innerJoin(invoices, eq(invoices.id, syncLinks.localId))
    .where(and(eq(syncLinks.connectionId, connectionId), eq(syncLinks.entity, "invoices"), eq(invoices.status, "sent")));
  const found = rows.find((r) => !skip.includes(r.localId) && open(r.externalId));
  if (!found) throw new Error("no open linked invoice");
  return found;
}

describe("payments pushed to Xero", () => {
  let conn: { connectionId: string; tenantId: string };
  const books = () => xeroOf(w).store.tenant(conn.tenantId)!;
  const paymentsOn = (invoiceId: string) => books().list("Payments").filter((p) => (p.data.Invoice as { InvoiceID: string }).InvoiceID === invoiceId && p.data.Status !== "DELETED");
  const due = (id: string) => Number(books().records.Invoices.get(id)!.data.AmountDue);
  const used: string[] = [];

  beforeAll(async () => {
    conn = await connectXero(w);
    const run = await syncNow(w.db, w.owner, conn.connectionId, { mode: "full", direction: "pull" });
    expect(run.failed).toBe(0);
  }, 120_000);

  it("a payment recorded in the app is PUT against its linked invoice, once even when retried, and not pulled back", async () => {
    const inv = await linkedInvoice(conn.connectionId, (id) => books().records.Invoices.get(id)!.data.Status === "AUTHORISED" && due(id) > 20);
    used.push(inv.localId);
    const dueBefore = due(inv.externalId);
    const { payment } = await recordPayment(w.db, w.owner, inv.localId, { amount: 1_000, paidAt: today(), reference: "App receipt 1" });
    expect(await pendingPayments(conn.connectionId)).toBe(1);
    const run = await syncNow(w.db, w.owner, conn.connectionId, { direction: "push", entity: "payments" });
    expect(run).toMatchObject({ status: "succeeded", created: 1, failed: 0 });
    const [made] = paymentsOn(inv.externalId).filter((p) => p.data.Reference === "App receipt 1");
    expect(made!.data).toMatchObject({ Amount: 10, Account: { Code: "090" }, Status: "AUTHORISED" });
    expect(due(inv.externalId)).toBeCloseTo(dueBefore - 10, 2);
    expect(await pendingPayments(conn.connectionId)).toBe(0);
    // As if the job died after Xero answered and before the link was committed: the same change
    // carries the same Idempotency-Key, and Xero answers with the first payment.
    await w.db.delete(syncLinks).where(and(eq(syncLinks.connectionId, conn.connectionId), eq(syncLinks.localId, payment.id)));
    const retry = await syncNow(w.db, w.owner, conn.connectionId, { direction: "push", entity: "payments" });
    expect(retry).toMatchObject({ created: 1, failed: 0 });
    expect(paymentsOn(inv.externalId).filter((p) => p.data.Reference === "App receipt 1")).toHaveLength(1);
    const [link] = await w.db.select().from(syncLinks).where(and(eq(syncLinks.connectionId, conn.connectionId), eq(syncLinks.localId, payment.id)));
    expect(link!.externalId).toBe(made!.id);
    // The pushed payment comes back in the next pull and is recognised: no write on either side.
    const pulled = await syncNow(w.db, w.owner, conn.connectionId, { direction: "pull", entity: "payments" });
    expect(pulled).toMatchObject({ created: 0, updated: 0, failed: 0 });
  }, 120_000);

  it("Xero's refusal (more than the amount outstanding) is a per-record error with Xero's message", async () => {
    const inv = await linkedInvoice(conn.connectionId, (id) => books().records.Invoices.get(id)!.data.Status === "AUTHORISED" && due(id) > 20, used);
    used.push(inv.localId);
    // Someone at Xero records most of the balance; the app has not pulled it yet.
    const left = due(inv.externalId);
    const paid = books().put("Payments", crypto.randomUUID(), { Invoice: { InvoiceID: inv.externalId }, Account: { Code: "090" }, Amount: Math.round((left - 5) * 100) / 100, Date: today() });
    expect(paid.errors).toEqual([]);
    const { payment } = await recordPayment(w.db, w.owner, inv.localId, { amount: 1_000, paidAt: today() });
    const run = await syncNow(w.db, w.owner, conn.connectionId, { direction: "push", entity: "payments" });
    expect(run).toMatchObject({ status: "partial", created: 0, failed: 1 });
    const [error] = await runErrors(w.db, w.owner, run.id);
    expect(error).toMatchObject({ entity: "payments", localId: payment.id });
    expect(error!.message).toContain("exceeds the amount outstanding");
    // Still pending (the next push tries again) until someone deals with it; a reversed payment is not pushed.
    expect(await pendingPayments(conn.connectionId)).toBe(1);
    await reversePayment(w.db, w.owner, payment.id, { outcome: "failed", reason: "Paid at Xero already" });
    expect(await pendingPayments(conn.connectionId)).toBe(0);
  }, 60_000);

  it("a push whose first attempt times out after Xero applied it (sandbox fault) leaves exactly one payment", async () => {
    const inv = await linkedInvoice(conn.connectionId, (id) => books().records.Invoices.get(id)!.data.Status === "AUTHORISED" && due(id) > 20, used);
    used.push(inv.localId);
    await recordPayment(w.db, w.owner, inv.localId, { amount: 700, paidAt: today(), reference: "Timed out once" });
    await control(w, "faults", { provider: "xero", applyThenTimeout: 1, applyTimeoutMs: 250 });
    // Xero applies the payment but answers 504: the step fails (retryable) with nothing linked…
    await expect(syncNow(w.db, w.owner, conn.connectionId, { direction: "push", entity: "payments" })).rejects.toMatchObject({ code: "PROVIDER_ERROR" });
    expect(paymentsOn(inv.externalId).filter((p) => p.data.Reference === "Timed out once")).toHaveLength(1);
    // …and the job's retry sends the same change with the same Idempotency-Key: Xero answers with the first payment.
    const retry = await syncNow(w.db, w.owner, conn.connectionId, { direction: "push", entity: "payments" });
    expect(retry).toMatchObject({ status: "succeeded", created: 1, failed: 0 });
    const made = paymentsOn(inv.externalId).filter((p) => p.data.Reference === "Timed out once");
    expect(made).toHaveLength(1);
    const [link] = await w.db.select().from(syncLinks).where(and(eq(syncLinks.connectionId, conn.connectionId), eq(syncLinks.entity, "payments"), eq(syncLinks.externalId, made[0]!.id)));
    expect(link).toBeDefined();
  }, 60_000);

  it("respects the direction setting, and waits for an invoice Xero does not know", async () => {
    await saveEntitySettings(w.db, w.owner, conn.connectionId, "payments", { direction: "pull" });
    const inv = await linkedInvoice(conn.connectionId, (id) => books().records.Invoices.get(id)!.data.Status === "AUTHORISED" && due(id) > 20, used);
    await recordPayment(w.db, w.owner, inv.localId, { amount: 500, paidAt: today(), reference: "Kept local" });
    const run = await syncNow(w.db, w.owner, conn.connectionId, { direction: "push", entity: "payments" });
    expect(run).toMatchObject({ created: 0, failed: 0 });
    expect(paymentsOn(inv.externalId).filter((p) => p.data.Reference === "Kept local")).toHaveLength(0);
    await saveEntitySettings(w.db, w.owner, conn.connectionId, "payments", { direction: "both" });
    // A payment on an invoice that only exists in the app is not pending until that invoice is linked.
    const customerId = (await w.db.select({ id: invoices.customerId }).from(invoices).where(eq(invoices.id, inv.localId)))[0]!.id;
    const local = await createInvoice(w.db, w.owner, { customerId, issueDate: today(), dueDate: today(), send: true, lines: [{ description: "Local only", quantity: 1, unitPrice: 9_000 }] });
    await recordPayment(w.db, w.owner, local.id, { amount: 2_000, paidAt: today() });
    expect(await pendingPayments(conn.connectionId)).toBe(1);
    const both = await syncNow(w.db, w.owner, conn.connectionId, { direction: "push", entity: "payments" });
    expect(both).toMatchObject({ created: 1, failed: 0 });
    expect(paymentsOn(inv.externalId).filter((p) => p.data.Reference === "Kept local")).toHaveLength(1);
  }, 60_000);
});

describe("payments pushed to QuickBooks", () => {
  it("a payment becomes a Payment for the invoice's customer linked to the invoice, once even when retried; a refusal is a record error", async () => {
    const conn = await connectQuickBooks(w);
    const company = qboOf(w).store.company(conn.realmId)!;
    expect((await syncNow(w.db, w.owner, conn.connectionId, { mode: "full", direction: "pull" })).failed).toBe(0);
    const balance = (id: string) => Number(company.records.Invoice.get(id)!.data.Balance);
    const inv = await linkedInvoice(conn.connectionId, (id) => balance(id) > 20);
    const before = balance(inv.externalId);
    const { payment } = await recordPayment(w.db, w.owner, inv.localId, { amount: 1_250, paidAt: today(), reference: "QB-1" });
    const run = await syncNow(w.db, w.owner, conn.connectionId, { direction: "push", entity: "payments" });
    expect(run).toMatchObject({ status: "succeeded", created: 1, failed: 0 });
    const made = () => company.live("Payment").filter((p) => p.data.PaymentRefNum === "QB-1");
    expect(made()).toHaveLength(1);
    expect(made()[0]!.data).toMatchObject({
      TotalAmt: 12.5, CustomerRef: { value: (company.records.Invoice.get(inv.externalId)!.data.CustomerRef as { value: string }).value },
      Line: [{ Amount: 12.5, LinkedTxn: [{ TxnId: inv.externalId, TxnType: "Invoice" }] }],
    });
    expect(balance(inv.externalId)).toBeCloseTo(before - 12.5, 2);
    // Retried after QuickBooks applied it: the same requestid answers with the first Payment.
    await w.db.delete(syncLinks).where(and(eq(syncLinks.connectionId, conn.connectionId), eq(syncLinks.localId, payment.id)));
    expect((await syncNow(w.db, w.owner, conn.connectionId, { direction: "push", entity: "payments" })).failed).toBe(0);
    expect(made()).toHaveLength(1);
    // More than QuickBooks' open balance (paid there meanwhile): refused, with QuickBooks' message.
    const other = await linkedInvoice(conn.connectionId, (id) => balance(id) > 20, [inv.localId]);
    const cust = (company.records.Invoice.get(other.externalId)!.data.CustomerRef as { value: string }).value;
    // Someone at QuickBooks records the whole balance through the API; the app has not pulled it yet.
    const res = await fetch(`${w.sandbox.origin}/quickbooks/api/v3/company/${conn.realmId}/payment`, {
      method: "POST", headers: { authorization: `Bearer ${await getAccessToken(w.db, w.owner, conn.connectionId)}`, "content-type": "application/json", accept: "application/json" },
      body: JSON.stringify({ CustomerRef: { value: cust }, TotalAmt: balance(other.externalId), Line: [{ Amount: balance(other.externalId), LinkedTxn: [{ TxnId: other.externalId, TxnType: "Invoice" }] }] }),
    });
    expect(res.status).toBe(200);
    await recordPayment(w.db, w.owner, other.localId, { amount: 1_000, paidAt: today() });
    const refused = await syncNow(w.db, w.owner, conn.connectionId, { direction: "push", entity: "payments" });
    expect(refused).toMatchObject({ status: "partial", failed: 1 });
    const [error] = await runErrors(w.db, w.owner, refused.id);
    expect(error!.message).toContain("more than its open balance");
  }, 120_000);
});
