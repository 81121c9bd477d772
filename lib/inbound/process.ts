import { and, eq, or, sql } from "drizzle-orm";
import { connections, inboundEvents, invoices, payments } from "@/drizzle/schema";
import type { InboundInvoices, InboundOutcome } from "@/integrations/hook-types";
import { webhookContext, type AccessContext } from "@/lib/auth/access";
import { scoped } from "@/lib/auth/tenant";
import { todayIn } from "@/lib/accounting/dates";
import { isCleanText } from "@/lib/accounting/fields";
import type { Db, DbOrTx } from "@/lib/db/client";
import { insertAuditEntry } from "@/lib/db/queries/audit";
import { organisationTimeZone } from "@/lib/db/queries/organisations";
import { recordPayment, recordRefund } from "@/lib/db/queries/payments";
import { safeLastError } from "@/lib/security/plaintext-columns";
import { onProviderEntityChanges } from "./entity-changes";
import { parseBody } from "./body";
import { inboundModule } from "./modules";

/** What one processing attempt did. */
export type ProcessResult = "processed" | "ignored" | "skipped" | "missing";

const clean = (v: string | null | undefined) => (v && v.length <= 200 && isCleanText(v) ? v : null);

/**
 * The app's invoices as a webhook handler sees them, acting as the webhook actor inside the
 * processing transaction. Payments carry `<provider> <reference>`, which is what makes them
 * idempotent (Checkout's completion and the PaymentIntent's success record one payment; a replay
 * records nothing new).
 */
function invoicesFor(tx: DbOrTx, ctx: AccessContext, provider: string, connectionId: string): InboundInvoices {
  const paidOn = async (at: Date) => todayIn(await organisationTimeZone(tx, ctx), at < new Date() ? at : new Date());
  const existing = (invoiceId: string, reference: string) =>
    tx.select({ id: payments.id, amount: payments.amount }).from(payments)
      .where(scoped(payments, ctx, eq(payments.invoiceId, invoiceId), eq(payments.reference, reference)));
  // Locks the invoice before looking for an earlier payment of the same reference, so two events
  // of one payment (Checkout's completion and the PaymentIntent's success) processed at once
  // cannot both find none.
  const lockInvoice = async (invoiceId: string, currency: string) => {
    const [inv] = await tx.select({ currency: invoices.currency }).from(invoices).where(scoped(invoices, ctx, eq(invoices.id, invoiceId))).for("update");
    if (inv && inv.currency !== currency) throw new Error(`The ${provider} amount is in ${currency}; the invoice is in ${inv.currency}.`);
  };
  return {
    async find(ref) {
      let id = clean(ref.id);
      const number = clean(ref.number);
      const paid = clean(ref.paymentReference);
      if (!id && !number && paid) {
        const [p] = await tx.select({ invoiceId: payments.invoiceId }).from(payments)
          .where(scoped(payments, ctx, eq(payments.reference, `${provider} ${paid}`.slice(0, 200)))).limit(1);
        id = p?.invoiceId ?? null;
      }
      if (!id && !number) return null;
      const [row] = await tx
        .select({ id: invoices.id, number: invoices.number, currency: invoices.currency, total: invoices.total, amountPaid: invoices.amountPaid, status: invoices.status })
        .from(invoices)
        .where(scoped(invoices, ctx, or(id ? eq(invoices.id, id) : undefined, number ? eq(invoices.number, number) : undefined)))
        .limit(1);
      return row ?? null;
    },
    async recordPayment(invoiceId, p) {
      const reference = `${provider} ${p.reference}`.slice(0, 200);
      await lockInvoice(invoiceId, p.currency);
      const [dup] = await existing(invoiceId, reference);
      if (dup) return { paymentId: dup.id, duplicate: true, invoiceStatus: "unchanged" };
      const { payment, invoice } = await recordPayment(tx, ctx, invoiceId, { amount: p.amount, paidAt: await paidOn(p.at), method: "card", reference });
      return { paymentId: payment.id, duplicate: false, invoiceStatus: invoice.status };
    },
    async recordRefund(invoiceId, p) {
      const reference = `${provider} refund ${p.reference}`.slice(0, 200);
      await lockInvoice(invoiceId, p.currency);
      const done = await existing(invoiceId, reference);
      const refunded = done.reduce((sum, r) => sum - r.amount, 0);
      if (p.amount <= refunded) return { paymentId: done[0]?.id ?? "", duplicate: true, invoiceStatus: "unchanged" };
      const { payment, invoice } = await recordRefund(tx, ctx, invoiceId, { amount: p.amount - refunded, paidAt: await paidOn(p.at), method: "card", reference });
      return { paymentId: payment.id, duplicate: false, invoiceStatus: invoice.status };
    },
    async flagDispute(invoiceId, d) {
      // No dispute column on invoices yet: the dispute goes to the audit log (Activity) and the event's result.
      await insertAuditEntry(tx, {
        organisationId: ctx.organisationId, actorUserId: null, action: "invoice.disputed", provider, connectionId,
        details: { invoiceId, amount: d.amount, currency: d.currency, reference: d.reference, reason: d.reason ?? null },
      });
    },
  };
}

/**
 * Processes one stored event exactly once: its row is locked for the attempt, so a concurrent
 * run (a replay racing a retry) waits and then sees it done; the handler's writes, their outbox
 * events and the new status commit together. A throw rolls all of it back and is recorded
 * (attempts, last_error); the caller rethrows for a retry, and after the last attempt the event is
 * `failed` with its error.
 */
export async function processEvent(db: Db, ref: { id: string; organisationId: string }): Promise<ProcessResult> {
  return db.transaction(async (tx) => {
    const [row] = await tx.select().from(inboundEvents)
      .where(scoped(inboundEvents, ref, eq(inboundEvents.id, ref.id))).for("update");
    if (!row) return "missing";
    if (row.status === "processed" || row.status === "ignored") return "skipped";
    const ctx = webhookContext(row.organisationId, row.provider);
    const [conn] = await tx.select({ externalAccountId: connections.externalAccountId }).from(connections)
      .where(scoped(connections, ctx, eq(connections.id, row.connectionId)));
    const mod = inboundModule(row.provider);
    let outcome: InboundOutcome;
    if (!mod || !conn) {
      outcome = { status: "ignored", reason: !conn ? "The connection no longer exists." : `No webhook handler for ${row.provider}.` };
    } else {
      const body = parseBody(row.body, new Headers(row.headers));
      outcome = await mod.handle({
        provider: row.provider,
        connectionId: row.connectionId,
        externalAccountId: conn.externalAccountId,
        invoices: invoicesFor(tx, ctx, row.provider, row.connectionId),
        entityChanges: (changes) => onProviderEntityChanges({ root: db, db: tx, ctx, provider: row.provider, connectionId: row.connectionId, changes }),
      }, { eventId: row.eventId, type: row.type, payload: body.json });
    }
    await tx.update(inboundEvents).set({
      status: outcome.status,
      attempts: sql`${inboundEvents.attempts} + 1`,
      processedAt: new Date(),
      ignoredReason: outcome.status === "ignored" ? outcome.reason.slice(0, 1000) : null,
      result: outcome.result ?? null,
      lastError: null,
    }).where(eq(inboundEvents.id, row.id));
    return outcome.status;
  });
}

/**
 * Records a failed attempt, due again after `retryInSeconds`; `final` ends the event as `failed`
 * (visible, replayable).
 */
export async function recordFailure(db: Db, ref: { id: string; organisationId: string }, err: unknown, final: boolean, retryInSeconds: number): Promise<void> {
  const message = safeLastError(err instanceof Error ? err.message : String(err))?.slice(0, 2000) ?? "failed";
  await db.update(inboundEvents).set({
    attempts: sql`${inboundEvents.attempts} + 1`,
    retries: sql`${inboundEvents.retries} + 1`,
    nextAttemptAt: sql`now() + make_interval(secs => ${retryInSeconds})`,
    lastError: message,
    ...(final ? { status: "failed" as const } : {}),
  }).where(and(scoped(inboundEvents, ref, eq(inboundEvents.id, ref.id)), sql`${inboundEvents.status} in ('received', 'failed')`));
}
