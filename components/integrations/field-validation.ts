import type { ConnectionField } from "@/integrations/manifest-schema";

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
      if (f.required) errors[f.name] = `${f.label} is required`;
      continue;
    }
    if (v.length > 2048) {
      errors[f.name] = `${f.label} is too long`;
    } else if (f.type === "url" && authMode === "webhook_url") {
      if (!/^https?:\/\/\S+$/.test(v)) errors[f.name] = `${f.label} must be a web address starting with https://`;
    } else if (f.pattern && !new RegExp(f.pattern).test(v)) {
      errors[f.name] = `${f.label} is not in the expected format`;
    }
  }
  return errors;
}

/** The HTML input type for a manifest field; secrets are always masked. */
export function inputType(f: Pick<ConnectionField, "type" | "secret">): string {
  if (f.secret) return "password";
  return f.type === "number" ? "text" : f.type;
}
