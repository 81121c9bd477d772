import type { Db } from "@/lib/db/client";
import { drizzleLimiter, isLimitReached, perDb } from "./limiter-store";
import { retryAfterText } from "./retry-after";

/** Limits of sign-in attempts; tests shrink nothing, they age the stored lock instead. */
export const SIGN_IN_LIMITS = {
  /** Wrong passwords per account within the window before it is locked. */
  perAccount: 5,
  /** Wrong passwords per client address within the window (addresses can be shared, so higher). */
  perAddress: 30,
  windowSeconds: 15 * 60,
  /** The first lock; each further lock of the same key within a day doubles it, up to the max. */
  firstLockSeconds: 60,
  maxLockSeconds: 60 * 60,
} as const;

/** The outcome of a check: free, or locked with the time left. */
export type SignInGate = { locked: false } | { locked: true; retryAfterMs: number; message: string };

const limiters = perDb((db) => ({
  account: drizzleLimiter(db, "signin-account", SIGN_IN_LIMITS.perAccount, SIGN_IN_LIMITS.windowSeconds),
  address: drizzleLimiter(db, "signin-address", SIGN_IN_LIMITS.perAddress, SIGN_IN_LIMITS.windowSeconds),
  // How many times a key was locked today: the exponent of the next lock's length.
  lockouts: drizzleLimiter(db, "signin-lockouts", 1000, 24 * 60 * 60),
}));

const locked = (ms: number): SignInGate => ({ locked: true, retryAfterMs: ms, message: `Too many attempts. Try again in ${retryAfterText(ms)}.` });

/** Whether sign-in is locked for this account or this client address, checked before the password. */
export async function signInGate(db: Db, email: string, address: string | null): Promise<SignInGate> {
  const l = limiters(db);
  const [acct, addr] = await Promise.all([l.account.get(email), address ? l.address.get(address) : null]);
  let wait = 0;
  if (acct && acct.consumedPoints > SIGN_IN_LIMITS.perAccount) wait = Math.max(wait, acct.msBeforeNext);
  if (addr && addr.consumedPoints > SIGN_IN_LIMITS.perAddress) wait = Math.max(wait, addr.msBeforeNext);
  return wait > 0 ? locked(wait) : { locked: false };
}

/**
 * Counts a wrong password against the account and the address. The attempt that uses up a
 * budget locks that key: 1 minute the first time, doubling with each lock that day (max 1 h).
 */
export async function recordSignInFailure(db: Db, email: string, address: string | null): Promise<SignInGate> {
  const l = limiters(db);
  let wait = 0;
  const keys: [typeof l.account, string][] = [[l.account, email]];
  if (address) keys.push([l.address, address]);
  for (const [limiter, key] of keys) {
    try {
      await limiter.consume(key);
    } catch (err) {
      if (!isLimitReached(err)) throw err;
      const count = (await l.lockouts.consume(`${limiter.keyPrefix}:${key}`)).consumedPoints;
      const seconds = Math.min(SIGN_IN_LIMITS.firstLockSeconds * 2 ** (count - 1), SIGN_IN_LIMITS.maxLockSeconds);
      await limiter.block(key, seconds);
      wait = Math.max(wait, seconds * 1000);
    }
  }
  return wait > 0 ? locked(wait) : { locked: false };
}

/** A right password clears the account's count (not the address's: one good login must not reset a spray). */
export async function recordSignInSuccess(db: Db, email: string): Promise<void> {
  await limiters(db).account.delete(email);
}
