// Sessions (issue 8.4): a session token minted before sign-out (or a password change) is refused
// after it, although its signature and expiry are still good.
import { encode, decode } from "next-auth/jwt";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/lib/db/client";
import { bumpSessionVersion, setPasswordHash } from "@/lib/db/queries/users";
import { createTestDb } from "@/lib/testing/db";
import { attemptSignIn } from "./sign-in-check";
import { isSessionCurrent } from "./session-version";
import { registerUser } from "./sign-up";

const secret = "test-secret-0123456789abcdef0123456789abcdef";
const salt = "authjs.session-token";

let db: Db;
let close: () => Promise<void>;

beforeAll(async () => {
  ({ db, close } = await createTestDb());
});
afterAll(async () => close());

/** A session cookie as Auth.js mints it at sign-in (see the jwt callback in auth.ts). */
async function mintCookie(email: string, password: string) {
  const r = await attemptSignIn(db, { email, password }, null);
  if (!r.ok) throw new Error("sign-in failed");
  return encode({ token: { sub: r.user.id, sv: r.user.sessionVersion }, secret, salt, maxAge: 60 * 60 });
}

async function replay(cookie: string) {
  const claims = await decode({ token: cookie, secret, salt });
  return claims ? isSessionCurrent(db, claims) : false;
}

describe("session version", () => {
  it("refuses a token minted before sign-out, and accepts a token minted after", async () => {
    const u = await registerUser(db, { name: "S", email: "s@example.com", password: "pass word 1" });
    if (!u.ok) throw new Error("register failed");
    const before = await mintCookie("s@example.com", "pass word 1");
    expect(await replay(before)).toBe(true);

    await bumpSessionVersion(db, u.user.id); // what the signOut event does
    expect(await replay(before)).toBe(false);

    const after = await mintCookie("s@example.com", "pass word 1");
    expect(await replay(after)).toBe(true);
  });

  it("refuses every earlier token after a password change", async () => {
    const u = await registerUser(db, { name: "P", email: "p@example.com", password: "pass word 1" });
    if (!u.ok) throw new Error("register failed");
    const cookie = await mintCookie("p@example.com", "pass word 1");
    await setPasswordHash(db, u.user.id, "$2b$12$invalidinvalidinvalidinvalidinvalidinvalidinvalidinva");
    expect(await replay(cookie)).toBe(false);
  });

  it("refuses tokens without a version or for a user that does not exist", async () => {
    expect(await isSessionCurrent(db, { sub: "nobody", sv: 0 })).toBe(false);
    expect(await isSessionCurrent(db, { sub: "nobody" })).toBe(false);
    expect(await isSessionCurrent(db, {})).toBe(false);
  });
});
