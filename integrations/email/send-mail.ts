import type { SendMail } from "../hook-types";
import { IntegrationError } from "@/lib/connections/errors";
import { smtpTarget } from "@/lib/net";
import { smtpTransport } from "./client";
import { smtpFieldsSchema } from "./schema";

/**
 * The Email provider's sendMail hook: one plain-text message from the connection's configured
 * address, through the outbound guard (the address the guard checked is the one connected to).
 * The sandbox's own SMTP server may listen on another port; that port is allowed only in sandbox mode.
 */
export const sendMail: SendMail = async (ctx, creds, mail) => {
  if (creds.kind !== "fields") throw new IntegrationError("INVALID_CREDENTIALS");
  const parsed = smtpFieldsSchema.safeParse(creds.fields);
  if (!parsed.success) throw new IntegrationError("INVALID_CREDENTIALS");
  const fields = parsed.data;
  const mode = ctx.endpoints.mode;
  const target = await smtpTarget(fields.host, fields.port, { extraPorts: mode === "sandbox" ? [Number(process.env.SANDBOX_SMTP_PORT ?? 2525)] : [] });
  const transport = smtpTransport(fields, { mode }, target);
  try {
    await transport.sendMail({ from: fields.fromAddress, to: mail.to, subject: mail.subject, text: mail.text });
  } finally {
    transport.close();
  }
};
