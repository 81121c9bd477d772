import type { DbOrTx } from "@/lib/db/client";
import { insertUser, findUserByEmail, type PublicUser } from "@/lib/db/queries/users";
import { hashPassword } from "./password";
import { fieldErrorsOf, signUpSchema, type FieldErrors } from "./schemas";

/** The outcome of a sign-up: the new user, or per-field messages for the form. */
export type SignUpResult = { ok: true; user: PublicUser } | { ok: false; fieldErrors: FieldErrors };

const TAKEN = "An account with this email already exists. Sign in instead.";

/** Validates the form input and creates the user (without any organisation yet). */
export async function registerUser(db: DbOrTx, input: unknown): Promise<SignUpResult> {
  const parsed = signUpSchema.safeParse(input);
  if (!parsed.success) return { ok: false, fieldErrors: fieldErrorsOf(parsed.error) };
  const { name, email, password } = parsed.data;
  // Checked first so the common case skips the deliberately slow bcrypt hash.
  if (await findUserByEmail(db, email)) return { ok: false, fieldErrors: { email: [TAKEN] } };
  const user = await insertUser(db, { name, email, passwordHash: await hashPassword(password) });
  if (!user) return { ok: false, fieldErrors: { email: [TAKEN] } };
  return { ok: true, user };
}
