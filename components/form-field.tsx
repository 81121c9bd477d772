import * as React from "react";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { cn } from "@/lib/utils";

/** Props of a labelled input with its validation error; other props go to the <input>. */
export interface FormFieldProps extends React.ComponentProps<typeof Input> {
  name: string;
  label: string;
  /** The field's error messages (e.g. zod's `fieldErrors[name]`); the first is shown. */
  error?: string | string[];
  /** Help text under the input, linked with aria-describedby. */
  hint?: React.ReactNode;
  /** Replaces the default <Input>, e.g. with a <Textarea>; it receives id, name and aria props. */
  children?: React.ReactElement<Record<string, unknown>>;
}

/**
 * Label + input + error text. The error is announced to screen readers through
 * aria-describedby and aria-invalid, so a failed submit says what to fix.
 */
export function FormField({ name, label, error, hint, id, className, children, ...inputProps }: FormFieldProps) {
  const fieldId = id ?? `field-${name}`;
  const message = Array.isArray(error) ? error[0] : error;
  const errorId = message ? `${fieldId}-error` : undefined;
  const hintId = hint ? `${fieldId}-hint` : undefined;
  const describedBy = [hintId, errorId].filter(Boolean).join(" ") || undefined;
  const controlProps = {
    id: fieldId,
    name,
    "aria-invalid": message ? true : undefined,
    "aria-describedby": describedBy,
  };
  return (
    <div className={cn("grid content-start gap-2", className)}>
      <Label htmlFor={fieldId}>{label}</Label>
      {children ? React.cloneElement(children, controlProps) : <Input {...inputProps} {...controlProps} />}
      {hint ? (
        <p id={hintId} className="text-xs text-muted-foreground">
          {hint}
        </p>
      ) : null}
      {message ? (
        <p id={errorId} className="text-sm text-destructive" role="alert">
          {message}
        </p>
      ) : null}
    </div>
  );
}
