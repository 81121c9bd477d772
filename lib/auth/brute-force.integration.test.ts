// Brute force (issue 8.3): wrong passwords lock the account and the client address for a
// growing while; during the lock even the right password is refused, with when to try again.
import { like, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { rateLimits } from "@/drizzle/schema";
import type { Db } from "@/lib/db/client";
import { recordSignInFailure, SIGN_IN_LIMITS } from "@/lib/security";
import { createTestDb } from "@/lib/testing/db";
import { attemptSignIn, clientAddressOf } from "./sign-in-check";
import { registerUser } from "./sign-up";

let db: Db;
let close: () => Promise<void>;

beforeAll(async () => {
  ({ db, close } = await createTestDb());
  for (const email of ["victim@example.com", "spray1@example.com"]) {
    const r = await registerUser(db, { name: "V", email, password: "right password" });
    expect(r.ok).toBe(true);
  }
});
afterAll(async () => close());

/** Moves every stored window and lock matching `pattern` into the past: the lock has passed. */
async function letLocksPass(pattern: string) {
  await db.update(rateLimits).set({ expire: sql`now() - interval '1 second'` }).where(like(rateLimits.key, pattern));
}

describe("sign-in limits", () => {
  it("locks the account after N wrong passwords; the right one is refused until the lock passes", async () => {
    const email = "victim@example.com";
    for (let i = 0; i < SIGN_IN_LIMITS.perAccount; i++) {
      const r = await attemptSignIn(db, { email, password: `wrong ${i}` }, `198.51.100.${i}`);
      expect(r).toEqual({ ok: false, reason: "invalid" });
    }
    const last = await attemptSignIn(db, { email, password: "wrong again" }, "198.51.100.77");
    expect(last.ok).toBe(false);
    expect(last.ok === false && last.reason).toBe("locked");

    const refused = await attemptSignIn(db, { email, password: "right password" }, "203.0.113.5");
    expect(refused).toMatchObject({ ok: false, reason: "locked", message: "Too many attempts. Try again in 1 minute." });

    await letLocksPass("signin-account:%");
    const ok = await attemptSignIn(db, { email, password: "right password" }, "203.0.113.5");
    expect(ok.ok).toBe(true);
  });

  it("makes each further lock of the same account longer", async () => {
    const email = "victim@example.com";
    await letLocksPass("signin-account:%");
    for (let i = 0; i <= SIGN_IN_LIMITS.perAccount; i++) await attemptSignIn(db, { email, password: "nope" }, null);
    const second = await attemptSignIn(db, { email, password: "right password" }, null);
    expect(second).toMatchObject({ ok: false, reason: "locked", message: "Too many attempts. Try again in 2 minutes." });
  });

  it("locks a client address that sprays many accounts, also for a right password from it", async () => {
    const address = "192.0.2.44";
    // The failures a spray leaves (counted directly: each real attempt costs a bcrypt check).
    for (let i = 0; i <= SIGN_IN_LIMITS.perAddress; i++) await recordSignInFailure(db, `nobody${i}@example.com`, address);
    const r = await attemptSignIn(db, { email: "spray1@example.com", password: "right password" }, address);
    expect(r).toMatchObject({ ok: false, reason: "locked" });
    expect((await attemptSignIn(db, { email: "spray1@example.com", password: "right password" }, "192.0.2.45")).ok).toBe(true);
  });

  it("takes the client address from the right-most forwarded entry", () => {
    expect(clientAddressOf(new Headers({ "x-forwarded-for": "1.1.1.1, 10.0.0.9" }))).toBe("10.0.0.9");
    expect(clientAddressOf(new Headers({ "x-real-ip": "10.0.0.8" }))).toBe("10.0.0.8");
    expect(clientAddressOf(undefined)).toBeNull();
  });
});
