"use client";

import { useActionState } from "react";
import { toast } from "sonner";
import { FormField } from "@/components/form-field";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from "@/components/ui/select";
import type { InviteFormState } from "./invite-form-state";
import { inviteMemberAction } from "./member-actions";
import { useToastResult } from "./use-toast-result";

/** Invites by email; the person accepts or declines the link. Only owners may invite owners. */
export function InviteMemberForm({ canGrantOwner }: { canGrantOwner: boolean }) {
  const [state, action, pending] = useActionState(inviteMemberAction, {} as InviteFormState);
  useToastResult(state);
  const roleError = state.fieldErrors?.role?.[0];
  return (
    <div className="space-y-4">
      <form key={state.ok ? state.at : "form"} action={action} className="grid gap-3 sm:grid-cols-[1fr_10rem_auto] sm:items-start" noValidate>
        <FormField name="email" label="Email" type="email" placeholder="colleague@example.com" defaultValue={state.values?.email} error={state.fieldErrors?.email} />
        <div className="grid gap-2">
          <Label htmlFor="field-role">Role</Label>
          <Select name="role" defaultValue={state.values?.role ?? "member"}>
            <SelectTrigger id="field-role" aria-invalid={roleError ? true : undefined} aria-describedby={roleError ? "field-role-error" : undefined}>
              <SelectValue />
            </SelectTrigger>
            <SelectContent>
              <SelectItem value="member">Member</SelectItem>
              <SelectItem value="admin">Admin</SelectItem>
              {canGrantOwner ? <SelectItem value="owner">Owner</SelectItem> : null}
            </SelectContent>
          </Select>
          {roleError ? (
            <p id="field-role-error" role="alert" className="text-sm text-destructive">
              {roleError}
            </p>
          ) : null}
        </div>
        <Button type="submit" disabled={pending} className="sm:mt-[22px]">
          Send invitation
        </Button>
      </form>
      {state.ok && state.link ? (
        <div className="grid gap-2 rounded-md border bg-muted/40 p-3">
          <Label htmlFor="invitation-link">Invitation link</Label>
          <div className="flex gap-2">
            <Input id="invitation-link" readOnly value={state.link} onFocus={(e) => e.currentTarget.select()} />
            <Button
              type="button"
              variant="outline"
              onClick={() => void navigator.clipboard.writeText(state.link!).then(() => toast.success("Link copied."), () => toast.error("Copy the link by hand."))}
            >
              Copy
            </Button>
          </div>
          <p className="text-sm text-muted-foreground">
            {state.delivery === "sent"
              ? "It was also emailed. "
              : state.delivery === "failed"
                ? "The email could not be sent; send this link yourself. "
                : "No Email integration is connected, so nothing was emailed; send this link yourself. "}
            It works for 7 days, once, and only for an account with that email address.
          </p>
        </div>
      ) : null}
    </div>
  );
}
