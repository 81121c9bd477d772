import { integrationErrorCodes, type IntegrationErrorCode } from "@/lib/connections/errors";

const isKnownCode = (code: string): code is IntegrationErrorCode => Object.hasOwn(integrationErrorCodes, code);

/**
 * The plain-language message for an `?error=<code>` the OAuth callback redirected with.
 * Denial gets a sentence naming the provider; other IntegrationError codes use the taxonomy's
 * message; anything else (a tampered URL) gets a generic line rather than echoing the query.
 */
export function callbackErrorMessage(code: string | null | undefined, providerName: string): string | null {
  if (!code) return null;
  const normalised = code.trim().toUpperCase();
  if (normalised === "AUTH_DENIED" || normalised === "ACCESS_DENIED") {
    return `You declined access at ${providerName}. Nothing was connected.`;
  }
  if (normalised === "FORBIDDEN") return "Only owners and admins of this organisation can connect integrations.";
  if (isKnownCode(normalised)) return integrationErrorCodes[normalised].message;
  return `The connection to ${providerName} could not be completed. Start the connection again.`;
}
