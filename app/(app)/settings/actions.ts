"use server";

import { revalidatePath } from "next/cache";
import { cookies } from "next/headers";
import { redirect } from "next/navigation";
import { ZodError } from "zod";
import { fieldErrorsOf } from "@/lib/auth/schemas";
import { getCurrentUser, ORG_COOKIE, orgCookieOptions, requireTenant } from "@/lib/auth/session";
import { ForbiddenError } from "@/lib/auth/tenant";
import { getDb } from "@/lib/db/client";
import { createOrganisation, renameOrganisation, setOrganisationTimeZone } from "@/lib/db/queries/organisations";
import type { SettingsFormState } from "./form-state";
import { formDataArg } from "@/lib/server-actions/args";

const text = (form: FormData, key: string) => {
  const v = formDataArg(form).get(key);
  return typeof v === "string" ? v : "";
};

/** Turns validation and permission errors into form state; anything else propagates. */
function failure(err: unknown, values: Record<string, string>): SettingsFormState {
  if (err instanceof ZodError) return { ok: false, fieldErrors: fieldErrorsOf(err), values, at: Date.now() };
  if (err instanceof ForbiddenError) return { ok: false, message: err.message, values, at: Date.now() };
  throw err;
}

export async function renameOrganisationAction(_prev: SettingsFormState, form: FormData): Promise<SettingsFormState> {
  const tenant = await requireTenant();
  const values = { name: text(form, "name") };
  try {
    await renameOrganisation(await getDb(), tenant, values);
  } catch (err) {
    return failure(err, values);
  }
  revalidatePath("/", "layout");
  return { ok: true, message: "Organisation renamed.", values, at: Date.now() };
}

/** Any signed-in user may create another organisation; they become its owner and it becomes active. */
export async function createAnotherOrganisationAction(_prev: SettingsFormState, form: FormData): Promise<SettingsFormState> {
  const user = await getCurrentUser();
  if (!user) redirect("/sign-in");
  const values = { name: text(form, "name") };
  let id: string;
  try {
    id = (await createOrganisation(await getDb(), user.id, { ...values, timeZone: text(form, "timeZone") })).id;
  } catch (err) {
    return failure(err, values);
  }
  (await cookies()).set(ORG_COOKIE, id, orgCookieOptions);
  redirect("/dashboard");
}

/** Sets the organisation's time zone (today, this month and overdue are reckoned in it). */
export async function setTimeZoneAction(_prev: SettingsFormState, form: FormData): Promise<SettingsFormState> {
  const tenant = await requireTenant();
  const values = { timeZone: text(form, "timeZone") };
  try {
    await setOrganisationTimeZone(await getDb(), tenant, values);
  } catch (err) {
    return failure(err, values);
  }
  revalidatePath("/", "layout");
  return { ok: true, message: `Time zone set to ${values.timeZone.trim()}.`, values, at: Date.now() };
}
