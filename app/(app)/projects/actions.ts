"use server";

import { revalidatePath } from "next/cache";
import { requireTenant } from "@/lib/auth/session";
import { getDb } from "@/lib/db/client";
import { completeProject, createProject, updateProject } from "@/lib/db/queries/projects";
import { formDataArg, idArg } from "@/lib/server-actions/args";
import { formStateOf, formValues } from "@/lib/server-actions/form-state";
import type { AccountingFormState } from "@/lib/accounting/form-errors";

const FIELDS = ["name", "description", "customerId"] as const;

/** Revalidates the list and, after a change, the project's page (by its real id, never the argument as sent). */
function refresh(state: AccountingFormState) {
  revalidatePath("/projects");
  if (state.ok && state.id) revalidatePath(`/projects/${state.id}`);
}

/** Creates a project (project.created); the form goes back to the list. */
export async function createProjectAction(_prev: AccountingFormState, form: FormData): Promise<AccountingFormState> {
  const tenant = await requireTenant();
  const values = formValues(formDataArg(form), FIELDS);
  const state = await formStateOf(async () => createProject(await getDb(), tenant, values), (p) => `Project ${p.name} created.`, values);
  revalidatePath("/projects");
  return state;
}

/** Saves a project's fields (project.updated); bound to the id by the page. */
export async function updateProjectAction(id: string, _prev: AccountingFormState, form: FormData): Promise<AccountingFormState> {
  const tenant = await requireTenant();
  const values = formValues(formDataArg(form), FIELDS);
  const state = await formStateOf(async () => updateProject(await getDb(), tenant, idArg(id), values), () => "Project saved.", values);
  refresh(state);
  return state;
}

/** active → completed (project.completed). */
export async function completeProjectAction(id: string): Promise<AccountingFormState> {
  const tenant = await requireTenant();
  const state = await formStateOf(async () => completeProject(await getDb(), tenant, idArg(id)), (p) => `Project ${p.name} completed.`);
  refresh(state);
  return state;
}
