import type { PendingInvitation } from "@/lib/db/queries/invitations";
import { RevokeInvitationButton } from "./revoke-invitation-button";

/** Open invitations of the organisation, each withdrawable. Nothing when there are none. */
export function PendingInvitations({ invitations }: { invitations: PendingInvitation[] }) {
  if (invitations.length === 0) return null;
  return (
    <div className="space-y-2">
      <h3 className="text-sm font-medium">Open invitations</h3>
      <ul className="divide-y rounded-md border">
        {invitations.map((inv) => (
          <li key={inv.id} className="flex flex-wrap items-center justify-between gap-2 p-3 text-sm">
            <span>
              <span className="font-medium">{inv.email}</span>
              <span className="text-muted-foreground">
                {" "}
                as <span className="capitalize">{inv.role}</span> · until {inv.expiresAt.toISOString().slice(0, 10)}
                {inv.invitedByName ? ` · invited by ${inv.invitedByName}` : ""}
              </span>
            </span>
            <RevokeInvitationButton invitationId={inv.id} email={inv.email} />
          </li>
        ))}
      </ul>
    </div>
  );
}
