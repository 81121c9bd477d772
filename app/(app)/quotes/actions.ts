"use server";

import { revalidatePath } from "next/cache";
import { requireTenant } from "@/lib/auth/session";
import { getDb } from "@/lib/db/client";
import { createQuote, decideQuote, quoteCurrency } from "@/lib/db/queries/quotes";
import { formDataArg, idArg } from "@/lib/server-actions/args";
import { formStateOf, formValues } from "@/lib/server-actions/form-state";
import type { AccountingFormState } from "@/lib/accounting/form-errors";
import { quoteFormInput } from "@/lib/work/form-schemas";
import type { QuoteDecision } from "@/lib/work/schemas";

/** Creates a quote (quote.created); the total is typed in the customer's currency. */
export async function createQuoteAction(_prev: AccountingFormState, form: FormData): Promise<AccountingFormState> {
  const tenant = await requireTenant();
  const values = formValues(formDataArg(form), ["customerId", "total", "validUntil", "notes", "send"] as const);
  const db = await getDb();
  const state = await formStateOf(
    async () => createQuote(db, tenant, quoteFormInput(values, await quoteCurrency(db, tenant, values.customerId))),
    (q) => `Quote ${q.number} created.`,
    values,
  );
  revalidatePath("/quotes");
  return state;
}

/** draft/sent → accepted | rejected | expired (quote.<status>); the query refuses anything else. */
export async function decideQuoteAction(id: string, to: QuoteDecision): Promise<AccountingFormState> {
  const tenant = await requireTenant();
  const state = await formStateOf(
    async () => decideQuote(await getDb(), tenant, idArg(id), idArg(to) as QuoteDecision),
    (q) => `Quote ${q.number} ${q.status}.`,
  );
  revalidatePath("/quotes");
  return state;
}
