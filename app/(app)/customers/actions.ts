"use server";

import { revalidatePath } from "next/cache";
import { requireTenant } from "@/lib/auth/session";
import { formStateForError, type AccountingFormState } from "@/lib/accounting/form-errors";
import { getDb } from "@/lib/db/client";
import { createCustomer, deleteCustomer, updateCustomer } from "@/lib/db/queries/customers";
import { formDataArg, idArg } from "@/lib/server-actions/args";
import { formStateOf } from "@/lib/server-actions/form-state";
import { hasRole } from "@/lib/auth/tenant";

const FIELDS = ["name", "email", "phone", "address", "taxNumber", "currency"] as const;

/** The form's text fields; validation happens in the query's zod schema. */
function valuesOf(form: FormData): Record<(typeof FIELDS)[number], string> {
  return Object.fromEntries(FIELDS.map((k) => [k, String(formDataArg(form).get(k) ?? "")])) as Record<(typeof FIELDS)[number], string>;
}

/** Creates a customer; the form navigates to it on success. */
export async function createCustomerAction(_prev: AccountingFormState, form: FormData): Promise<AccountingFormState> {
  const tenant = await requireTenant();
  const values = valuesOf(form);
  try {
    const customer = await createCustomer(await getDb(), tenant, values);
    revalidatePath("/customers");
    return { ok: true, id: customer.id, message: `Customer ${customer.name} created.`, at: Date.now() };
  } catch (err) {
    const state = formStateForError(err);
    if (!state) throw err;
    return { ...state, values };
  }
}

/** Saves a customer's fields (bound to the id by the page). */
export async function updateCustomerAction(id: string, _prev: AccountingFormState, form: FormData): Promise<AccountingFormState> {
  const tenant = await requireTenant();
  const values = valuesOf(form);
  try {
    const customer = await updateCustomer(await getDb(), tenant, idArg(id), values);
    revalidatePath("/customers");
    revalidatePath(`/customers/${id}`);
    return { ok: true, id: customer.id, message: "Customer saved.", at: Date.now() };
  } catch (err) {
    const state = formStateForError(err);
    if (!state) throw err;
    return { ...state, values };
  }
}

/**
 * Deletes a customer nothing refers to (customer.deleted); owners and admins only, like other
 * destructive changes. Bound to the id by the page, which returns to the list on success.
 */
export async function deleteCustomerAction(id: string): Promise<AccountingFormState> {
  const tenant = await requireTenant();
  if (!hasRole(tenant, "admin")) return { ok: false, message: "Only owners and admins can delete customers.", at: Date.now() };
  const state = await formStateOf(async () => deleteCustomer(await getDb(), tenant, idArg(id)), (c) => `Customer ${c.name} deleted.`);
  revalidatePath("/customers");
  return state;
}
