"use client";

import { useActionState } from "react";
import { FormField } from "@/components/form-field";
import { Button } from "@/components/ui/button";
import { renameOrganisationAction } from "./actions";
import type { SettingsFormState } from "./form-state";
import { useToastResult } from "./use-toast-result";

export function OrganisationNameForm({ name, canEdit }: { name: string; canEdit: boolean }) {
  const [state, action, pending] = useActionState(renameOrganisationAction, {} as SettingsFormState);
  useToastResult(state);
  return (
    <form action={action} className="flex flex-col gap-3 sm:flex-row sm:items-end" noValidate>
      <FormField
        className="flex-1" name="name" label="Organisation name" required readOnly={!canEdit}
        defaultValue={state.values?.name ?? name} error={state.fieldErrors?.name}
        hint={canEdit ? undefined : "Only owners and admins can rename the organisation."}
      />
      {canEdit ? (
        <Button type="submit" disabled={pending} className="sm:mb-[1px]">
          Save
        </Button>
      ) : null}
    </form>
  );
}
