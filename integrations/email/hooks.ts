import type { HealthCheck, VerifyCredentials } from "../hook-types";
import { IntegrationError, safeProviderMessage } from "@/lib/connections/errors";
import { smtpTransport } from "./client";
import { smtpFieldsSchema } from "./schema";

async function verify(fields: Record<string, string>, mode: "sandbox" | "live") {
  const parsed = smtpFieldsSchema.safeParse(fields);
  if (!parsed.success) throw new IntegrationError("INVALID_INPUT");
  const transport = smtpTransport(parsed.data, { mode });
  try {
    await transport.verify();
  } catch (err) {
    const e = err as { code?: string; responseCode?: number; response?: string; message?: string };
    // EAUTH: the server refused the login; anything else is the server being unreachable or odd.
    if (e.code === "EAUTH") {
      throw new IntegrationError("INVALID_CREDENTIALS", { providerCode: String(e.responseCode ?? e.code), providerMessage: safeProviderMessage(e.response ?? e.message), cause: err });
    }
    throw new IntegrationError("PROVIDER_UNREACHABLE", { providerCode: e.code, providerMessage: safeProviderMessage(e.message), cause: err });
  } finally {
    transport.close();
  }
  return { id: `${parsed.data.username}@${parsed.data.host}`, name: parsed.data.fromAddress };
}

/** SMTP login with nodemailer's verify(): connects, negotiates TLS, authenticates, quits. */
export const verifyCredentials: VerifyCredentials = (ctx, fields) => verify(fields, ctx.endpoints.mode);

export const healthCheck: HealthCheck = async (ctx, creds) => {
  if (creds.kind !== "fields") throw new IntegrationError("INVALID_CREDENTIALS");
  await verify(creds.fields, ctx.endpoints.mode);
};
