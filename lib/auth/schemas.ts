import { z } from "zod";
import { isCleanText } from "@/lib/accounting/fields";

/** Names are stored and shown: no control characters (NUL cannot be stored at all) nor lone surrogates. */
const cleanName = (max: number, min: number, required: string) =>
  z.string({ error: required }).trim().min(min, min > 1 ? `Use at least ${min} characters.` : required).max(max, `Use at most ${max} characters.`)
    .refine(isCleanText, "Remove control characters and invalid symbols.");

/** Emails are compared case-insensitively, so they are stored trimmed and lower-cased. */
export const emailSchema = z
  .string({ error: "Enter your email address." })
  .trim()
  .toLowerCase()
  .pipe(z.email({ error: "Enter a valid email address." }));

export const signUpSchema = z.object({
  name: cleanName(100, 1, "Enter your name."),
  email: emailSchema,
  password: z
    .string({ error: "Choose a password." })
    .min(8, "Use at least 8 characters.")
    .max(200, "Use at most 200 characters."),
});
export type SignUpInput = z.infer<typeof signUpSchema>;

export const signInSchema = z.object({
  email: emailSchema,
  password: z.string({ error: "Enter your password." }).min(1, "Enter your password.").max(200),
});
export type SignInInput = z.infer<typeof signInSchema>;

export const roleSchema = z.enum(["owner", "admin", "member"], { error: "Choose a role." });

export const organisationNameSchema = z.object({
  name: cleanName(100, 2, "Enter a name."),
});

export const memberIdSchema = z.object({ userId: z.string({ error: "Choose a member." }).min(1).max(100) });
export const memberRoleSchema = memberIdSchema.extend({ role: roleSchema });

export const switchOrganisationSchema = z.object({ organisationId: z.string().min(1).max(100) });

/** Field errors as returned to forms: field name → messages. */
export type FieldErrors = Partial<Record<string, string[]>>;

/** zod's per-field messages, for `useActionState` forms. */
export function fieldErrorsOf(error: z.ZodError): FieldErrors {
  return z.flattenError(error).fieldErrors as FieldErrors;
}
