import { NetworkRefusedError, policyFromEnv, type AddressPolicy } from "./address-policy";
import { resolveAllowed, systemResolver, type Resolver } from "./resolve";

/** The submission and relay ports an SMTP connection may use. */
export const SMTP_PORTS: readonly number[] = [25, 465, 587, 2525];

/** Where to open an SMTP socket: the checked address, and the name to verify TLS against. */
export interface SmtpTarget {
  address: string;
  port: number;
  /** The host as typed, for TLS SNI and certificate checks. */
  servername: string;
}

/**
 * Checks an SMTP host + port before nodemailer connects: the port must be an SMTP port (or one
 * of `extraPorts`, which the sandbox's own SMTP server uses), the host must resolve only to
 * admitted addresses. The caller connects to `address`, so the name cannot resolve differently
 * between this check and the connection.
 */
export async function smtpTarget(
  host: string,
  port: number,
  opts: { policy?: AddressPolicy; resolver?: Resolver; extraPorts?: readonly number[] } = {},
): Promise<SmtpTarget> {
  const allowed = [...SMTP_PORTS, ...(opts.extraPorts ?? [])];
  if (!Number.isInteger(port) || !allowed.includes(port)) {
    throw new NetworkRefusedError("port", `SMTP port ${port} is not allowed; use ${SMTP_PORTS.join(", ")}.`);
  }
  const a = await resolveAllowed(host, opts.policy ?? policyFromEnv(), opts.resolver ?? systemResolver);
  return { address: a.address, port, servername: host };
}
