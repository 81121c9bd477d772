"use server";

import { revalidatePath } from "next/cache";
import { requireTenant } from "@/lib/auth/session";
import { getDb } from "@/lib/db/client";
import { createTicket, moveTicket } from "@/lib/db/queries/tickets";
import { formDataArg, idArg } from "@/lib/server-actions/args";
import { formStateOf, formValues } from "@/lib/server-actions/form-state";
import type { AccountingFormState } from "@/lib/accounting/form-errors";
import type { TicketStatus } from "@/lib/work/schemas";

/** Opens a ticket (ticket.created); the form goes back to the list. */
export async function createTicketAction(_prev: AccountingFormState, form: FormData): Promise<AccountingFormState> {
  const tenant = await requireTenant();
  const values = formValues(formDataArg(form), ["subject", "description", "customerId"] as const);
  const state = await formStateOf(async () => createTicket(await getDb(), tenant, values), () => "Ticket opened.", values);
  revalidatePath("/tickets");
  return state;
}

/** Moves a ticket to `to` (ticket.updated or ticket.resolved); the query refuses other statuses and moves. */
export async function moveTicketAction(id: string, to: TicketStatus): Promise<AccountingFormState> {
  const tenant = await requireTenant();
  const state = await formStateOf(
    async () => moveTicket(await getDb(), tenant, idArg(id), idArg(to) as TicketStatus),
    (t) => (t.status === "resolved" ? "Ticket resolved." : "Ticket in progress."),
  );
  revalidatePath("/tickets");
  return state;
}
