import type { FieldErrors } from "@/lib/auth/schemas";

/** What a settings form's server action returns; `at` changes on every run so toasts fire once per submit. */
export interface SettingsFormState {
  ok?: boolean;
  message?: string;
  fieldErrors?: FieldErrors;
  values?: Record<string, string>;
  at?: number;
}
