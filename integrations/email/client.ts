import nodemailer from "nodemailer";
import type { ProviderEndpoints } from "@/lib/connections/endpoints";
import type { SmtpTarget } from "@/lib/net";
import type { SmtpFields } from "./schema";

/**
 * A nodemailer transport for the connection. Port 465 is implicit TLS; other ports upgrade with
 * STARTTLS when offered. Only against the local sandbox (sandbox mode and a loopback host) is
 * a self-signed certificate accepted. `target` is the address the outbound guard checked: the
 * socket goes there (not to a fresh DNS answer) and TLS still verifies the typed host name.
 */
export function smtpTransport(fields: SmtpFields, endpoints: Pick<ProviderEndpoints, "mode">, target: SmtpTarget) {
  const loopback = ["localhost", "127.0.0.1", "::1"].includes(fields.host);
  return nodemailer.createTransport({
    host: target.address,
    port: target.port,
    secure: fields.port === 465,
    auth: { user: fields.username, pass: fields.password },
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    tls: { servername: target.servername, rejectUnauthorized: !(endpoints.mode === "sandbox" && loopback) },
  });
}
