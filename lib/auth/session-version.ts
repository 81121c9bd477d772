import type { DbOrTx } from "@/lib/db/client";
import { getSessionVersion } from "@/lib/db/queries/users";

/** The claims of our session token this check reads: user id and the version it was issued under. */
export interface SessionClaims {
  sub?: string;
  /** users.session_version at sign-in. */
  sv?: unknown;
}

/**
 * Whether a session token is still good: its user exists and its version equals the user's
 * current one. Sign-out, password change and removal from an organisation bump the version, so
 * every token issued before them is refused even though its signature and expiry are fine.
 */
export async function isSessionCurrent(db: DbOrTx, claims: SessionClaims): Promise<boolean> {
  if (!claims.sub || typeof claims.sv !== "number") return false;
  const current = await getSessionVersion(db, claims.sub);
  return current !== null && current === claims.sv;
}
