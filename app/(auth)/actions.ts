"use server";

import { AuthError } from "next-auth";
import { cookies } from "next/headers";
import { redirect } from "next/navigation";
import { ZodError } from "zod";
import { signIn } from "@/lib/auth/auth";
import { fieldErrorsOf, signInSchema } from "@/lib/auth/schemas";
import { getCurrentUser, ORG_COOKIE, orgCookieOptions } from "@/lib/auth/session";
import { registerUser } from "@/lib/auth/sign-up";
import { getDb } from "@/lib/db/client";
import { createOrganisation } from "@/lib/db/queries/organisations";
import { safeRedirectPath, signInFailureMessage, type AuthFormState } from "./form-state";
import { formDataArg } from "@/lib/server-actions/args";

const text = (form: FormData, key: string) => {
  const v = formDataArg(form).get(key);
  return typeof v === "string" ? v : "";
};

/** Signs in with email + password; on success Auth.js redirects (a thrown NEXT_REDIRECT). */
export async function signInAction(_prev: AuthFormState, form: FormData): Promise<AuthFormState> {
  const values = { email: text(form, "email") };
  const parsed = signInSchema.safeParse({ email: values.email, password: text(form, "password") });
  if (!parsed.success) return { fieldErrors: fieldErrorsOf(parsed.error), values };
  try {
    await signIn("credentials", { ...parsed.data, redirectTo: safeRedirectPath(formDataArg(form).get("callbackUrl"), "/dashboard") });
  } catch (err) {
    if (err instanceof AuthError) return { message: signInFailureMessage(err), values };
    throw err; // the success redirect
  }
  return {};
}

/** Creates the account, signs it in and continues to onboarding (create an organisation). */
export async function signUpAction(_prev: AuthFormState, form: FormData): Promise<AuthFormState> {
  const input = { name: text(form, "name"), email: text(form, "email"), password: text(form, "password") };
  const values = { name: input.name, email: input.email };
  const result = await registerUser(await getDb(), input);
  if (!result.ok) return { fieldErrors: result.fieldErrors, values };
  try {
    await signIn("credentials", { email: result.user.email, password: input.password, redirectTo: "/onboarding" });
  } catch (err) {
    // The account exists; only the automatic sign-in was refused (e.g. this address is locked).
    if (err instanceof AuthError) return { message: `Account created. ${signInFailureMessage(err)}`, values };
    throw err; // the success redirect
  }
  return {};
}

/** Creates an organisation owned by the signed-in user and makes it the active one. */
export async function createOrganisationAction(_prev: AuthFormState, form: FormData): Promise<AuthFormState> {
  const user = await getCurrentUser();
  if (!user) redirect("/sign-in");
  const values = { name: text(form, "name") };
  let organisationId: string;
  try {
    organisationId = (await createOrganisation(await getDb(), user.id, { ...values, timeZone: text(form, "timeZone") })).id;
  } catch (err) {
    if (err instanceof ZodError) return { fieldErrors: fieldErrorsOf(err), values };
    throw err;
  }
  (await cookies()).set(ORG_COOKIE, organisationId, orgCookieOptions);
  redirect("/dashboard");
}
