import type { FieldErrors } from "@/lib/auth/schemas";

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
