import type { SettingsFormState } from "./form-state";

/** The invite form's state: after a success, the link to copy and whether it was emailed. */
export interface InviteFormState extends SettingsFormState {
  link?: string;
  delivery?: "sent" | "not_configured" | "failed";
}
