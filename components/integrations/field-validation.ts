import type { ConnectionField } from "@/integrations/manifest-schema";
import { FIELD_MAX_LENGTH, fieldMessages } from "@/lib/connections/field-messages";

/**
 * Client-side checks of the connection form, mirroring the server's manifest-built zod schema so
 * people see mistakes before a round trip. The server validates again and stays the authority.
 * For webhook_url providers the server also accepts the sandbox's catch hooks, so here a URL
 * field only has to be an http(s) address; the provider-specific pattern is checked server-side.
 */
export function validateFields(fields: ConnectionField[], authMode: string, values: Record<string, string>): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const f of fields) {
    const v = (values[f.name] ?? "").trim();
    if (!v) {
      if (f.required) errors[f.name] = fieldMessages.required(f);
      continue;
    }
    if (v.length > FIELD_MAX_LENGTH) {
      errors[f.name] = fieldMessages.tooLong(f);
    } else if (f.type === "url" && authMode === "webhook_url") {
      if (!/^https?:\/\/\S+$/.test(v)) errors[f.name] = `${f.label} must be a web address starting with https:// (or http:// for a sandbox hook)`;
    } else if (f.pattern && !new RegExp(f.pattern).test(v)) {
      errors[f.name] = fieldMessages.format(f);
    }
  }
  return errors;
}

/** The HTML input type for a manifest field; secrets are always masked. */
export function inputType(f: Pick<ConnectionField, "type" | "secret">): string {
  if (f.secret) return "password";
  return f.type === "number" ? "text" : f.type;
}
