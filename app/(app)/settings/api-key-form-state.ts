import type { SettingsFormState } from "./form-state";

/** The create dialog's state: the new key's secret, shown once and never stored on the page. */
export interface ApiKeyFormState extends SettingsFormState {
  secret?: string;
}

/** How long a new key works, as the dialog offers it (days; null = until revoked). */
export const API_KEY_EXPIRY_DAYS = { never: null, "30": 30, "90": 90, "365": 365 } as const;
