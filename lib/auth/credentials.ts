import type { DbOrTx } from "@/lib/db/client";
import { findUserByEmail, type PublicUser } from "@/lib/db/queries/users";
import { hashPassword, verifyPassword } from "./password";
import { signInSchema } from "./schemas";

// Compared against when the email is unknown, so both failures take as long as a real check
// and response timing does not reveal which emails have accounts.
let dummyHash: Promise<string> | undefined;

/** Checks an email + password; returns the user, or null for any kind of mismatch. */
export async function verifyCredentials(db: DbOrTx, input: unknown): Promise<PublicUser | null> {
  const parsed = signInSchema.safeParse(input);
  if (!parsed.success) return null;
  const user = await findUserByEmail(db, parsed.data.email);
  if (!user?.passwordHash) {
    dummyHash ??= hashPassword("not-a-real-password");
    await verifyPassword(parsed.data.password, await dummyHash);
    return null;
  }
  if (!(await verifyPassword(parsed.data.password, user.passwordHash))) return null;
  return { id: user.id, email: user.email, name: user.name };
}
