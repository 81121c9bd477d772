import type { HealthCheck, VerifyCredentials } from "../hook-types";
import { IntegrationError, safeProviderMessage } from "@/lib/connections/errors";
import { findRefusal, smtpTarget } from "@/lib/net";
import { smtpTransport } from "./client";
import { smtpFieldsSchema } from "./schema";

export { sendMail } from "./send-mail";

/** A fixed sentence per nodemailer error code, so no remote text reaches the person. */
function smtpFailure(code: string | undefined): string {
  switch (code) {
    case "ETIMEDOUT":
      return "The server did not answer in time.";
    case "ECONNECTION":
    case "ESOCKET":
      return "The server could not be reached on that port.";
    case "ETLS":
      return "The secure (TLS) connection could not be set up.";
    case "EPROTOCOL":
    case "EENVELOPE":
      return "The server did not answer as an SMTP server.";
    default:
      return "The connection to the server failed.";
  }
}

async function verify(fields: Record<string, string>, mode: "sandbox" | "live") {
  const parsed = smtpFieldsSchema.safeParse(fields);
  if (!parsed.success) throw new IntegrationError("INVALID_INPUT");
  // The sandbox's own SMTP server may listen on another port; only in sandbox mode.
  const sandboxPort = Number(process.env.SANDBOX_SMTP_PORT ?? 2525);
  let target;
  try {
    target = await smtpTarget(parsed.data.host, parsed.data.port, { extraPorts: mode === "sandbox" ? [sandboxPort] : [] });
  } catch (err) {
    const refused = findRefusal(err);
    if (refused) throw new IntegrationError("INVALID_INPUT", { providerMessage: refused.message, cause: err });
    throw err;
  }
  const transport = smtpTransport(parsed.data, { mode }, target);
  try {
    await transport.verify();
  } catch (err) {
    const e = err as { code?: string; responseCode?: number; response?: string; message?: string };
    // EAUTH: the server refused the login; anything else is the server being unreachable or odd.
    if (e.code === "EAUTH") {
      throw new IntegrationError("INVALID_CREDENTIALS", { providerCode: String(e.responseCode ?? e.code), providerMessage: safeProviderMessage(e.response ?? e.message), cause: err });
    }
    // Never the library's text: it quotes whatever the remote end sent (an SSH banner, say).
    throw new IntegrationError("PROVIDER_UNREACHABLE", { providerCode: e.code, providerMessage: smtpFailure(e.code), cause: err });
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
