import { z } from "zod";
import { redactText, SECRET_NAMES } from "@/lib/log/redact";

// Connection `settings` (jsonb) and `last_error` (text) are stored in plaintext and shown on
// screen; credentials belong in the encrypted envelope. These guards sit at the write boundary
// (lib/db/queries/connections.ts) so no caller can put a secret there by mistake.

const SECRET_KEY = new RegExp(`(${[...SECRET_NAMES, "key", "credential", "private"].join("|")})`, "i");
// Values shaped like credentials: provider keys, JWTs, long opaque tokens.
const SECRET_VALUE = /\bhub_sk_|\b(sk|rk)_(test|live)_|\bwhsec_|\bxox[abpre]-|\beyJ[A-Za-z0-9_-]{8,}\.|^[A-Za-z0-9_\-+/=]{40,}$/;

/** True for text shaped like a credential (a provider key, a hub API key, a JWT, a long opaque token). */
export function looksLikeCredential(value: string): boolean {
  return SECRET_VALUE.test(value);
}

const settingValue: z.ZodType<unknown> = z.lazy(() =>
  z.union([
    z.string().max(2000).refine((v) => !looksLikeCredential(v), "looks like a credential; credentials are stored encrypted, not in settings"),
    z.number(),
    z.boolean(),
    z.null(),
    z.array(settingValue).max(200),
    settingsRecord,
  ]),
);
const settingsRecord: z.ZodType<Record<string, unknown>> = z.record(
  z.string().max(100).refine((k) => !SECRET_KEY.test(k), "names a secret; secrets are stored encrypted, not in settings"),
  settingValue,
);

/** Connection settings: plain preferences only (channel, account code…), never a key, token or password. */
export const connectionSettingsSchema = settingsRecord;

/** The text stored as `last_error`: redacted of anything secret-like and kept short. */
export function safeLastError(message: string | null | undefined): string | null {
  if (message === null || message === undefined) return null;
  return redactText(message).slice(0, 500);
}
