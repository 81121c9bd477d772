import { eq, sql } from "drizzle-orm";
import { users } from "@/drizzle/schema";
import type { DbOrTx } from "@/lib/db/client";

/** What the app shows of a user (never the password hash). */
export interface PublicUser {
  id: string;
  email: string;
  name: string | null;
}

export async function getUserById(db: DbOrTx, id: string): Promise<PublicUser | null> {
  const [row] = await db
    .select({ id: users.id, email: users.email, name: users.name })
    .from(users)
    .where(eq(users.id, id))
    .limit(1);
  return row ?? null;
}

/** Looks a user up by (already normalised, lower-case) email, including the hash for sign-in. */
export async function findUserByEmail(db: DbOrTx, email: string) {
  const [row] = await db
    .select({ id: users.id, email: users.email, name: users.name, passwordHash: users.passwordHash })
    .from(users)
    .where(eq(users.email, email))
    .limit(1);
  return row ?? null;
}

/**
 * Inserts a user; returns null when the email is taken. ON CONFLICT DO NOTHING makes two
 * simultaneous sign-ups with the same email end in one user and one clean "taken" answer.
 */
export async function insertUser(
  db: DbOrTx,
  input: { name: string | null; email: string; passwordHash: string },
): Promise<PublicUser | null> {
  const [row] = await db
    .insert(users)
    .values(input)
    .onConflictDoNothing({ target: users.email })
    .returning({ id: users.id, email: users.email, name: users.name });
  return row ?? null;
}

/** The user's session version (see users.sessionVersion), or null when the user is gone. */
export async function getSessionVersion(db: DbOrTx, id: string): Promise<number | null> {
  const [row] = await db.select({ v: users.sessionVersion }).from(users).where(eq(users.id, id)).limit(1);
  return row?.v ?? null;
}

/** Ends every session of the user: tokens carrying an older version are refused from now on. */
export async function bumpSessionVersion(db: DbOrTx, id: string): Promise<void> {
  await db.update(users).set({ sessionVersion: sql`${users.sessionVersion} + 1` }).where(eq(users.id, id));
}

/** Replaces the password hash and ends every session of the user, in one statement. */
export async function setPasswordHash(db: DbOrTx, id: string, passwordHash: string): Promise<void> {
  await db.update(users).set({ passwordHash, sessionVersion: sql`${users.sessionVersion} + 1` }).where(eq(users.id, id));
}
