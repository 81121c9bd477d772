import type { Db } from "@/lib/db/client";
import { getSessionVersion, type PublicUser } from "@/lib/db/queries/users";
import { recordSignInFailure, recordSignInSuccess, signInGate } from "@/lib/security";
import { verifyCredentials } from "./credentials";
import { signInSchema } from "./schemas";

/** The outcome of a sign-in attempt. `locked` carries the sentence to show ("Try again in 4 minutes."). */
export type SignInResult =
  | { ok: true; user: PublicUser & { sessionVersion: number } }
  | { ok: false; reason: "invalid" }
  | { ok: false; reason: "locked"; message: string; retryAfterMs: number };

/**
 * A sign-in attempt under the brute-force limits: refused without a password check while the
 * account or the client address is locked; a wrong password counts against both; a right one
 * clears the account's count. Unknown emails count too, so locks reveal nothing about accounts.
 */
export async function attemptSignIn(db: Db, input: unknown, clientAddress: string | null): Promise<SignInResult> {
  const parsed = signInSchema.safeParse(input);
  if (!parsed.success) return { ok: false, reason: "invalid" };
  const { email } = parsed.data;
  const gate = await signInGate(db, email, clientAddress);
  if (gate.locked) return { ok: false, reason: "locked", message: gate.message, retryAfterMs: gate.retryAfterMs };
  const user = await verifyCredentials(db, parsed.data);
  if (!user) {
    const after = await recordSignInFailure(db, email, clientAddress);
    return after.locked ? { ok: false, reason: "locked", message: after.message, retryAfterMs: after.retryAfterMs } : { ok: false, reason: "invalid" };
  }
  await recordSignInSuccess(db, email);
  return { ok: true, user: { ...user, sessionVersion: (await getSessionVersion(db, user.id)) ?? 0 } };
}

/**
 * The client address of a request: the right-most `x-forwarded-for` entry (the one the nearest
 * proxy appended), else `x-real-ip`. `next start` only fills the header when it is missing, so
 * without a proxy in front a client can choose its own address here: deploy behind a proxy that
 * sets the header (Vercel, nginx `$proxy_add_x_forwarded_for`). The per-account limit does not
 * depend on it.
 */
export function clientAddressOf(headers: Headers | undefined): string | null {
  const xff = headers?.get("x-forwarded-for");
  const last = xff?.split(",").map((s) => s.trim()).filter(Boolean).pop();
  return last || headers?.get("x-real-ip") || null;
}
