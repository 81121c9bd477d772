"use client";

import * as React from "react";
import { useRouter } from "next/navigation";
import { Loader2Icon } from "lucide-react";
import { toast } from "sonner";
import type { ConnectionField } from "@/integrations/manifest-schema";
import { FormField } from "@/components/form-field";
import { Button } from "@/components/ui/button";
import { apiPath, callApi, connectedSchema } from "./api-client";
import { inputType, validateFields } from "./field-validation";

/** Props of the connection form generated from a manifest's fields. */
export interface ConnectFieldsFormProps {
  provider: string;
  providerName: string;
  authMode: string;
  fields: ConnectionField[];
  /** Current non-secret values, prefilled on reconnect; secrets are never sent to the browser. */
  initialValues?: Record<string, string>;
  reconnect?: boolean;
}

/**
 * The api_key / basic / webhook_url connection form. Checks the manifest's patterns before
 * sending, then the API verifies the credentials live; a refusal shows the provider's reason
 * (e.g. Stripe's "Invalid API Key provided") above the button.
 */
export function ConnectFieldsForm({ provider, providerName, authMode, fields, initialValues = {}, reconnect }: ConnectFieldsFormProps) {
  const router = useRouter();
  const [pending, setPending] = React.useState(false);
  const [errors, setErrors] = React.useState<Record<string, string>>({});
  const [formError, setFormError] = React.useState<string | null>(null);
  const formRef = React.useRef<HTMLFormElement>(null);

  async function onSubmit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const data = new FormData(e.currentTarget);
    const values: Record<string, string> = {};
    for (const f of fields) {
      const v = data.get(f.name);
      if (typeof v === "string" && v.trim() !== "") values[f.name] = v.trim();
    }
    const local = validateFields(fields, authMode, values);
    setErrors(local);
    setFormError(null);
    if (Object.keys(local).length) {
      focusFirstInvalid(local);
      return;
    }
    setPending(true);
    const res = await callApi("POST", apiPath(provider, "/connect"), connectedSchema, values);
    setPending(false);
    if (res.ok) {
      toast.success(`${providerName} is connected.`);
      // Open the connection made (a new one, or the account reconnected).
      const id = res.data.connection?.id;
      if (id) router.push(`/integrations/${provider}/${id}`);
      router.refresh();
      return;
    }
    const fieldErrors = Object.fromEntries(Object.entries(res.fields).flatMap(([k, v]) => (v[0] ? [[k, v[0]]] : [])));
    setErrors(fieldErrors);
    setFormError(res.message);
    focusFirstInvalid(fieldErrors);
  }

  function focusFirstInvalid(errs: Record<string, string>) {
    const first = fields.find((f) => errs[f.name]);
    if (first) formRef.current?.querySelector<HTMLInputElement>(`[name="${first.name}"]`)?.focus();
  }

  return (
    <form ref={formRef} onSubmit={onSubmit} noValidate className="grid max-w-xl gap-4" aria-label={`Connect ${providerName}`}>
      {fields.map((f) => (
        <FormField
          key={f.name}
          name={f.name}
          id={`connect-${f.name}`}
          label={f.required ? f.label : `${f.label} (optional)`}
          type={inputType(f)}
          inputMode={f.type === "number" ? "numeric" : undefined}
          placeholder={f.placeholder}
          hint={f.help}
          defaultValue={f.secret ? undefined : initialValues[f.name]}
          autoComplete={f.secret ? "off" : undefined}
          spellCheck={false}
          required={f.required}
          error={errors[f.name]}
        />
      ))}
      {formError ? (
        <div role="alert" className="rounded-md border border-destructive/40 bg-destructive/10 px-3 py-2 text-sm text-destructive">
          {formError}
        </div>
      ) : null}
      <div>
        <Button type="submit" disabled={pending}>
          {pending ? <Loader2Icon className="animate-spin" aria-hidden="true" /> : null}
          {pending ? "Checking with " + providerName + "…" : `${reconnect ? "Reconnect" : "Connect"} ${providerName}`}
        </Button>
      </div>
    </form>
  );
}
