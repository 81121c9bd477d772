import type { ConnectionField } from "@/integrations/manifest-schema";

/** The longest value any connection field takes. */
export const FIELD_MAX_LENGTH = 2048;

/**
 * The messages a connection field's value gets, named after the field and stating its limit, so
 * the server's schema (connect-fields.ts) and the form (field-validation.ts) say the same thing.
 * A number field whose help states its range ("from 1 to 65535") names that range; other
 * patterns show the field's placeholder as an example (help texts say where to find a value,
 * not its format, so they are not used here).
 */
export const fieldMessages = {
  required: (f: Pick<ConnectionField, "label">) => `${f.label} is required`,
  tooLong: (f: Pick<ConnectionField, "label">) => `${f.label} must be at most ${FIELD_MAX_LENGTH} characters`,
  notWebhook: (f: Pick<ConnectionField, "label">) => `${f.label} is not a webhook address of this provider`,
  format(f: Pick<ConnectionField, "label" | "type" | "help" | "placeholder">): string {
    const range = f.help?.match(/from (\d+) to (\d+)/);
    if (f.type === "number" && range) return `${f.label} must be a whole number from ${range[1]} to ${range[2]}`;
    if (f.type === "email") return `${f.label} must be an email address like ${f.placeholder ?? "name@example.com"}`;
    if (f.placeholder) return `${f.label} is not in the expected format (like ${f.placeholder})`;
    return `${f.label} is not in the expected format`;
  },
};
