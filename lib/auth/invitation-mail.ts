import { openCredentials } from "@/lib/connections/credentials";
import { providerOrThrow } from "@/lib/connections/provider";
import type { DbOrTx } from "@/lib/db/client";
import { findProviderConnection } from "@/lib/db/queries/connections";
import { log } from "@/lib/log";
import type { AccessContext } from "./access";

/** How the invitation reached the person: by email, or only as the link shown to the inviter. */
export type InvitationDelivery = "sent" | "not_configured" | "failed";

/**
 * Emails an invitation link through the organisation's own Email connection (the sandbox's SMTP
 * server in the embedded default), by the provider's `sendMail` hook from the registry. Without
 * a connected Email integration nothing is sent and the inviter copies the link from the screen
 * instead. Called after the invitation is committed: no network inside a transaction.
 */
export async function sendInvitationEmail(
  db: DbOrTx,
  ctx: AccessContext,
  invite: { email: string; link: string; organisationName: string; inviterName: string | null; expiresAt: Date },
): Promise<InvitationDelivery> {
  const row = await findProviderConnection(db, ctx, "email");
  if (!row || row.status !== "connected" || !row.credentials) return "not_configured";
  const { hooks, endpoints } = providerOrThrow("email");
  if (!hooks.sendMail) return "not_configured";
  try {
    await hooks.sendMail({ endpoints }, openCredentials(row.id, row.credentials), {
      to: invite.email,
      subject: `You are invited to ${invite.organisationName}`,
      text: [
        `${invite.inviterName ?? "Someone"} invited you to join ${invite.organisationName} on the integration hub.`,
        "",
        `Accept or decline: ${invite.link}`,
        "",
        `The link works until ${invite.expiresAt.toUTCString()} and only for an account with this email address.`,
        "If you did not expect this, ignore this email.",
      ].join("\n"),
    });
    return "sent";
  } catch (err) {
    // The link is still shown to the inviter; the log line is redacted (it must not carry the token).
    log.warn("[hub] invitation email could not be sent", err instanceof Error ? err.message : String(err));
    return "failed";
  }
}
