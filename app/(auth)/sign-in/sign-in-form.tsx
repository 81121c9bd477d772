"use client";

import { useActionState } from "react";
import { FormField } from "@/components/form-field";
import { signInAction } from "../actions";
import type { AuthFormState } from "../form-state";
import { SubmitButton } from "../submit-button";

export function SignInForm({ callbackUrl }: { callbackUrl?: string }) {
  const [state, action] = useActionState(signInAction, {} as AuthFormState);
  return (
    <form action={action} className="grid gap-4" noValidate>
      {callbackUrl ? <input type="hidden" name="callbackUrl" value={callbackUrl} /> : null}
      {state.message ? (
        <p role="alert" className="rounded-md border border-destructive/40 bg-destructive/10 px-3 py-2 text-sm text-destructive">
          {state.message}
        </p>
      ) : null}
      <FormField
        name="email" label="Email" type="email" autoComplete="email" required
        defaultValue={state.values?.email} error={state.fieldErrors?.email}
      />
      <FormField
        name="password" label="Password" type="password" autoComplete="current-password" required
        error={state.fieldErrors?.password}
      />
      <SubmitButton>Sign in</SubmitButton>
    </form>
  );
}
