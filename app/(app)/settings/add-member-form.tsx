"use client";

import { useActionState } from "react";
import { FormField } from "@/components/form-field";
import { Button } from "@/components/ui/button";
import { Label } from "@/components/ui/label";
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from "@/components/ui/select";
import { addMemberAction } from "./actions";
import type { SettingsFormState } from "./form-state";
import { useToastResult } from "./use-toast-result";

/** Adds an existing user by email; only owners see (and may grant) the owner role. */
export function AddMemberForm({ canGrantOwner }: { canGrantOwner: boolean }) {
  const [state, action, pending] = useActionState(addMemberAction, {} as SettingsFormState);
  useToastResult(state);
  const roleError = state.fieldErrors?.role?.[0];
  return (
    // `key` remounts the form after a success so the fields clear.
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
        Add member
      </Button>
    </form>
  );
}
