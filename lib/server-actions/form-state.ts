import { formStateForError, type AccountingFormState } from "@/lib/accounting/form-errors";

/**
 * Runs a server action's change and answers the form state: the record's id and a success
 * message, or the field errors / rule message of an expected refusal (with the typed `values`
 * put back). Anything unexpected is rethrown to the error boundary.
 */
export async function formStateOf<T extends { id: string }>(
  work: () => Promise<T>, message: (result: T) => string, values?: Record<string, string>,
): Promise<AccountingFormState> {
  try {
    const result = await work();
    return { ok: true, id: result.id, message: message(result), at: Date.now() };
  } catch (err) {
    const state = formStateForError(err);
    if (!state) throw err;
    return values ? { ...state, values } : state;
  }
}

/** The named text fields of a submitted form ("" for a missing one). */
export function formValues<K extends string>(form: FormData, fields: readonly K[]): Record<K, string> {
  return Object.fromEntries(fields.map((k) => [k, String(form.get(k) ?? "")])) as Record<K, string>;
}
