"use client";

import { useActionState } from "react";
import { Button } from "@/components/ui/button";
import type { SettingsFormState } from "./form-state";
import { revokeInvitationAction } from "./member-actions";
import { useToastResult } from "./use-toast-result";

/** Withdraws one open invitation. */
export function RevokeInvitationButton({ invitationId, email }: { invitationId: string; email: string }) {
  const [state, action, pending] = useActionState(revokeInvitationAction, {} as SettingsFormState);
  useToastResult(state);
  return (
    <form action={action}>
      <input type="hidden" name="invitationId" value={invitationId} />
      <Button type="submit" variant="outline" size="sm" disabled={pending} aria-label={`Withdraw the invitation to ${email}`}>
        Withdraw
      </Button>
    </form>
  );
}
