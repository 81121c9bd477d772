"use client";

import { useActionState } from "react";
import { Button } from "@/components/ui/button";
import { answerInvitationAction, type InvitationAnswerState } from "./actions";

/** Accept / Decline buttons for one invitation. */
export function AnswerForm({ token }: { token: string }) {
  const [state, action, pending] = useActionState(answerInvitationAction.bind(null, token), {} as InvitationAnswerState);
  return (
    <form action={action} className="grid gap-3">
      {state.message ? (
        <p role="alert" className="text-sm text-destructive">
          {state.message}
        </p>
      ) : null}
      <div className="flex gap-2">
        <Button type="submit" name="answer" value="accept" disabled={pending} className="flex-1">
          Accept
        </Button>
        <Button type="submit" name="answer" value="decline" variant="outline" disabled={pending} className="flex-1">
          Decline
        </Button>
      </div>
    </form>
  );
}
