import { and, eq, sql } from "drizzle-orm";
import {
  customers, expenses, invoiceLines, invoices, ledgerAccounts, memberships, organisations, payments, products, taxRates, users,
} from "@/drizzle/schema";
import type { DbOrTx } from "@/lib/db/client";
import { hashPassword } from "@/lib/auth/password";
import {
  DEMO_ACCOUNTS, DEMO_CUSTOMERS, DEMO_EXPENSES, DEMO_INVOICE_STATUSES, DEMO_PRODUCTS, DEMO_TAX_RATES,
} from "./demo-data";
import { DEMO_LOGIN, DEMO_ORGANISATION_NAME, demoSeedAllowed } from "./embedded";

/** What a seed run did. */
export interface SeedResult {
  created: boolean;
  organisationId: string;
  userId: string;
}

const DAY = 86_400_000;
const isoDate = (d: Date) => d.toISOString().slice(0, 10);
// Serialises concurrent seeds (two server processes starting on one Postgres).
const SEED_LOCK = 7243002;

/**
 * Creates the demo organisation "Demo Accounting", its admin user admin@example.com / admin123
 * and a realistic book of customers, invoices (with lines), payments, products, tax rates, a
 * chart of accounts and expenses. Idempotent: when the demo user already belongs to the demo
 * organisation it changes nothing. Refuses to run in production, where a well-known password
 * would be a hole. Every table is filled with one batch insert.
 */
export async function seedDemo(db: DbOrTx, opts: { now?: Date } = {}): Promise<SeedResult> {
  if (!demoSeedAllowed()) {
    throw new Error("The demo seed never runs in production (NODE_ENV=production without HUB_EMBEDDED=1).");
  }
  const now = opts.now ?? new Date();
  // Hashing is slow on purpose; do it before taking the lock.
  const passwordHash = await hashPassword(DEMO_LOGIN.password);
  return db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(${SEED_LOCK})`);
    const existing = await findDemo(tx);
    if (existing?.organisationId) return { created: false, organisationId: existing.organisationId, userId: existing.userId };

    let userId = existing?.userId;
    if (!userId) {
      const [u] = await tx
        .insert(users)
        .values({ email: DEMO_LOGIN.email, name: DEMO_LOGIN.name, passwordHash })
        .returning({ id: users.id });
      userId = u.id;
    }
    const [org] = await tx.insert(organisations).values({ name: DEMO_ORGANISATION_NAME }).returning({ id: organisations.id });
    await tx.insert(memberships).values({ organisationId: org.id, userId, role: "admin" });
    await insertBooks(tx, org.id, now);
    return { created: true, organisationId: org.id, userId };
  });
}

/** The demo user and, when they belong to it, the demo organisation. */
async function findDemo(db: DbOrTx): Promise<{ userId: string; organisationId: string | null } | null> {
  const [user] = await db.select({ id: users.id }).from(users).where(eq(users.email, DEMO_LOGIN.email)).limit(1);
  if (!user) return null;
  const [org] = await db
    .select({ id: organisations.id })
    .from(memberships)
    .innerJoin(organisations, eq(organisations.id, memberships.organisationId))
    .where(and(eq(memberships.userId, user.id), eq(organisations.name, DEMO_ORGANISATION_NAME)))
    .limit(1);
  return { userId: user.id, organisationId: org?.id ?? null };
}

async function insertBooks(db: DbOrTx, organisationId: string, now: Date): Promise<void> {
  const o = { organisationId };
  const taxIds = Object.fromEntries(DEMO_TAX_RATES.map((t) => [t.key, crypto.randomUUID()]));
  await db.insert(taxRates).values(DEMO_TAX_RATES.map((t) => ({ ...o, id: taxIds[t.key], name: t.name, rateBps: t.rateBps })));

  const accountIds = Object.fromEntries(DEMO_ACCOUNTS.map((a) => [a.code, crypto.randomUUID()]));
  await db.insert(ledgerAccounts).values(DEMO_ACCOUNTS.map((a) => ({ ...o, id: accountIds[a.code], ...a })));

  const productRows = DEMO_PRODUCTS.map((p) => ({
    ...o, id: crypto.randomUUID(), name: p.name, sku: p.sku, unitPrice: p.unitPrice, taxRateId: taxIds[p.tax],
    rateBps: DEMO_TAX_RATES.find((t) => t.key === p.tax)!.rateBps,
  }));
  await db.insert(products).values(productRows.map(({ taxRateId: _t, rateBps: _r, ...p }) => p));

  const customerRows = DEMO_CUSTOMERS.map((c, i) => ({
    ...o, id: crypto.randomUUID(), ...c, address: `${100 + i * 7} Market Street, Springfield`,
  }));
  await db.insert(customers).values(customerRows);

  const invoiceRows: (typeof invoices.$inferInsert)[] = [];
  const lineRows: (typeof invoiceLines.$inferInsert)[] = [];
  const paymentRows: (typeof payments.$inferInsert)[] = [];
  DEMO_INVOICE_STATUSES.forEach((status, i) => {
    const id = crypto.randomUUID();
    const customer = customerRows[(i * 5) % customerRows.length];
    // Spread issue dates over the last ~6 months, oldest first; overdue ones are past due.
    const issue = new Date(now.getTime() - (180 - i * 7) * DAY);
    // Sent invoices fall due after `now`, so the overdue job leaves them alone; overdue ones are past due.
    const due =
      status === "sent"
        ? new Date(now.getTime() + (5 + (i % 3) * 7) * DAY)
        : new Date(issue.getTime() + (status === "overdue" ? 14 : 30) * DAY);
    let subtotal = 0;
    let taxTotal = 0;
    const lineCount = 1 + (i % 3);
    for (let n = 0; n < lineCount; n++) {
      const product = productRows[(i + n * 2) % productRows.length];
      const quantity = 1 + ((i + n) % 4);
      const amount = product.unitPrice * quantity;
      const taxAmount = Math.round((amount * product.rateBps) / 10_000);
      subtotal += amount;
      taxTotal += taxAmount;
      lineRows.push({
        ...o, invoiceId: id, productId: product.id, description: product.name, quantity,
        unitPrice: product.unitPrice, taxRateId: product.taxRateId, taxAmount, amount, position: n,
      });
    }
    const total = subtotal + taxTotal;
    // Two open invoices carry a part payment, so "outstanding" differs from the invoiced total.
    const partPaid = (status === "sent" || status === "overdue") && i % 2 === 1 ? Math.round(total * 0.4) : 0;
    const amountPaid = status === "paid" ? total : partPaid;
    invoiceRows.push({
      ...o, id, customerId: customer.id, number: `INV-${String(1001 + i)}`, status, issueDate: isoDate(issue),
      dueDate: isoDate(due), subtotal, taxTotal, total, amountPaid, currency: "USD",
      notes: status === "void" ? "Issued in error" : null,
    });
    if (amountPaid > 0) {
      const paidAt = new Date(Math.min(now.getTime(), issue.getTime() + (10 + (i % 15)) * DAY));
      paymentRows.push({
        ...o, invoiceId: id, customerId: customer.id, amount: amountPaid, currency: "USD",
        method: i % 3 === 0 ? "card" : "bank_transfer", reference: `PAY-${String(5001 + i)}`, paidAt: isoDate(paidAt),
      });
    }
  });
  await db.insert(invoices).values(invoiceRows);
  await db.insert(invoiceLines).values(lineRows);
  await db.insert(payments).values(paymentRows);

  await db.insert(expenses).values(
    DEMO_EXPENSES.map((e, i) => ({
      ...o, vendor: e.vendor, description: e.description, amount: e.amount, accountId: accountIds[e.account],
      spentAt: isoDate(new Date(now.getTime() - (i * 20 + 5) * DAY)),
    })),
  );
}
