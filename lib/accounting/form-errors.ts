import { ZodError } from "zod";
import { NotFoundError } from "@/lib/auth/tenant";
import { AccountingRuleError } from "./errors";

/** Error messages by field path ("name", "lines.0.unitPrice"). */
export type FieldErrors = Record<string, string[]>;

/**
 * What the accounting forms' server actions return: a message for a toast, errors to show
 * under fields, and `at` so the same message toasts again on the next submit.
 */
export interface AccountingFormState {
  ok?: boolean;
  message?: string;
  fieldErrors?: FieldErrors;
  /** The id of the created or changed record, for the client to navigate to. */
  id?: string;
  /** The submitted text, put back into the form after a refused submit (React resets forms). */
  values?: Record<string, string>;
  at?: number;
}

/** Zod issues keyed by their dotted path, so nested line fields keep their own messages. */
export function fieldErrorsOf(err: ZodError): FieldErrors {
  const out: FieldErrors = {};
  for (const issue of err.issues) {
    const key = issue.path.map(String).join(".") || "_form";
    (out[key] ??= []).push(issue.message);
  }
  return out;
}

/**
 * The form state for an expected failure (invalid input, a refused rule, a record that is not
 * there), or null for anything else, which the action should rethrow.
 */
export function formStateForError(err: unknown): AccountingFormState | null {
  const at = Date.now();
  if (err instanceof ZodError) {
    return { ok: false, message: "Check the highlighted fields.", fieldErrors: fieldErrorsOf(err), at };
  }
  if (err instanceof AccountingRuleError) {
    return { ok: false, message: err.message, fieldErrors: err.field ? { [err.field]: [err.message] } : undefined, at };
  }
  if (err instanceof NotFoundError) return { ok: false, message: err.message, at };
  return null;
}
