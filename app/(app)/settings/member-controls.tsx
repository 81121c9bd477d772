"use client";

import { startTransition, useActionState } from "react";
import { Button } from "@/components/ui/button";
import {
  AlertDialog,
  AlertDialogAction,
  AlertDialogCancel,
  AlertDialogContent,
  AlertDialogDescription,
  AlertDialogFooter,
  AlertDialogHeader,
  AlertDialogTitle,
  AlertDialogTrigger,
} from "@/components/ui/alert-dialog";
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from "@/components/ui/select";
import type { Role } from "@/lib/auth/tenant";
import type { SettingsFormState } from "./form-state";
import { changeRoleAction, removeMemberAction } from "./member-actions";
import { useToastResult } from "./use-toast-result";

/** Owners' controls on one member row: change the role, remove from the organisation. */
export function MemberControls({ userId, email, role }: { userId: string; email: string; role: Role }) {
  const [roleState, roleAction, rolePending] = useActionState(changeRoleAction, {} as SettingsFormState);
  const [removeState, removeAction, removePending] = useActionState(removeMemberAction, {} as SettingsFormState);
  useToastResult(roleState);
  useToastResult(removeState);
  return (
    <div className="flex items-center justify-end gap-2">
      <Select
          defaultValue={role}
          key={`${role}-${roleState.at ?? 0}`}
          disabled={rolePending}
          onValueChange={(value) => {
            const data = new FormData();
            data.set("userId", userId);
            data.set("role", value);
              startTransition(() => roleAction(data));
          }}
        >
          <SelectTrigger aria-label={`Role of ${email}`} className="h-8 w-28">
            <SelectValue />
          </SelectTrigger>
          <SelectContent>
            <SelectItem value="member">Member</SelectItem>
            <SelectItem value="admin">Admin</SelectItem>
            <SelectItem value="owner">Owner</SelectItem>
          </SelectContent>
        </Select>
      <AlertDialog>
        <AlertDialogTrigger asChild>
          <Button variant="outline" size="sm" disabled={removePending} aria-label={`Remove ${email}`}>
            Remove
          </Button>
        </AlertDialogTrigger>
        <AlertDialogContent>
          <AlertDialogHeader>
            <AlertDialogTitle>Remove {email}?</AlertDialogTitle>
            <AlertDialogDescription>They lose access to this organisation at once and are signed out everywhere.</AlertDialogDescription>
          </AlertDialogHeader>
          <AlertDialogFooter>
            <AlertDialogCancel>Cancel</AlertDialogCancel>
            <AlertDialogAction
              onClick={() => {
                const data = new FormData();
                data.set("userId", userId);
                startTransition(() => removeAction(data));
              }}
            >
              Remove
            </AlertDialogAction>
          </AlertDialogFooter>
        </AlertDialogContent>
      </AlertDialog>
    </div>
  );
}
