import type { FieldErrors } from "@/lib/auth/schemas";
import { retryAfterText } from "@/lib/security/retry-after";

/** What an auth form's server action returns for `useActionState`. */
export interface AuthFormState {
  fieldErrors?: FieldErrors;
  /** A message for the whole form, e.g. a wrong password. */
  message?: string;
  /** Typed values to put back into the form (never the password). */
  values?: Record<string, string>;
}

/** Only same-site paths may be redirect targets, so a crafted link cannot bounce users off-site. */
export function safeRedirectPath(value: FormDataEntryValue | null | undefined, fallback: string): string {
  if (typeof value !== "string" || !value.startsWith("/") || value.startsWith("//") || value.startsWith("/\\")) {
    return fallback;
  }
  return value;
}

/**
 * What the sign-in form says for an Auth.js error: a lock (code `locked-<seconds>`, see
 * SignInLockedError) says when to try again; every other refusal is the same generic sentence.
 */
export function signInFailureMessage(err: { type?: string; code?: unknown }): string {
  if (err.type !== "CredentialsSignin") return "Sign-in failed. Please try again.";
  const locked = typeof err.code === "string" ? /^locked-(\d+)$/.exec(err.code) : null;
  if (locked) return `Too many attempts. Try again in ${retryAfterText(Number(locked[1]) * 1000)}.`;
  return "Wrong email or password.";
}
