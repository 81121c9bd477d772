import { z } from "zod";
import { SECRET_NAMES } from "@/lib/log/redact";

// Headers the transport or the signature owns, or that would smuggle a credential into a
// plaintext column (custom headers are stored and shown as they are; the signature is what
// authenticates a delivery).
const HOP_BY_HOP = new Set([
  "connection", "keep-alive", "proxy-authenticate", "proxy-authorization", "te", "trailer", "trailers",
  "transfer-encoding", "upgrade", "host", "content-length", "content-type", "expect", "cookie", "set-cookie",
]);
const SECRETISH = new RegExp(`(${[...SECRET_NAMES.filter((n) => n.length > 4), "key", "auth"].join("|")})`, "i");
const TOKEN = /^[!#$%&'*+.^_`|~0-9A-Za-z-]{1,100}$/;

/** Why a header name is refused, or null when it may be used. */
export function headerNameRefusal(name: string): string | null {
  const lower = name.toLowerCase();
  if (!TOKEN.test(name)) return `header "${name.slice(0, 100)}" is not a valid header name`;
  if (HOP_BY_HOP.has(lower)) return `header "${name}" is set by the hub and cannot be overridden`;
  if (lower.startsWith("webhook-") || lower.startsWith("svix-")) return `header "${name}" belongs to the signature and cannot be set`;
  if (SECRETISH.test(lower)) return `header "${name}" names a credential; custom headers are stored in plaintext, so authenticate with the signature instead`;
  return null;
}

/** Custom headers of an endpoint: at most 20, names checked, values printable and ≤ 1000 characters. */
export const endpointHeadersSchema = z
  .record(
    z.string().superRefine((name, ctx) => {
      const refusal = headerNameRefusal(name);
      if (refusal) ctx.addIssue({ code: "custom", message: refusal });
    }),
    z.string().max(1000, "a header value is at most 1000 characters").regex(/^[\t\x20-\x7e]*$/, "a header value must be printable ASCII"),
  )
  .refine((h) => Object.keys(h).length <= 20, "at most 20 custom headers")
  .refine((h) => new Set(Object.keys(h).map((k) => k.toLowerCase())).size === Object.keys(h).length, "header names must differ in more than letter case");
