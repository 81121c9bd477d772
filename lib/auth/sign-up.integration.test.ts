import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { users } from "@/drizzle/schema";
import type { Db } from "@/lib/db/client";
import { createTestDb } from "@/lib/testing/db";
import { verifyCredentials } from "./credentials";
import { registerUser } from "./sign-up";

let db: Db;
let close: () => Promise<void>;

beforeAll(async () => {
  ({ db, close } = await createTestDb());
});
afterAll(async () => close());

describe("registerUser", () => {
  it("rejects invalid input with a message per field and creates nothing", async () => {
    const result = await registerUser(db, { name: " ", email: "not-an-email", password: "short" });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.fieldErrors.name?.[0]).toMatch(/name/i);
    expect(result.fieldErrors.email?.[0]).toMatch(/valid email/i);
    expect(result.fieldErrors.password?.[0]).toMatch(/8 characters/);
    expect(await db.select().from(users)).toHaveLength(0);
  });

  it("rejects missing fields instead of throwing", async () => {
    const result = await registerUser(db, {});
    expect(result.ok).toBe(false);
    if (!result.ok) expect(Object.keys(result.fieldErrors).sort()).toEqual(["email", "name", "password"]);
  });

  it("creates the user with a bcrypt hash and a normalised email", async () => {
    const result = await registerUser(db, { name: "Ada Lovelace", email: "  Ada@Example.COM ", password: "correct horse" });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.user.email).toBe("ada@example.com");
    const [row] = await db.select().from(users).where(eq(users.id, result.user.id));
    expect(row.passwordHash).toMatch(/^\$2[aby]\$12\$/);
    expect(row.passwordHash).not.toContain("correct horse");
  });

  it("answers a duplicate email (in any letter case) with a field error", async () => {
    const result = await registerUser(db, { name: "Imposter", email: "ADA@example.com", password: "another password" });
    expect(result).toEqual({ ok: false, fieldErrors: { email: [expect.stringMatching(/already exists/)] } });
    expect(await db.select().from(users).where(eq(users.email, "ada@example.com"))).toHaveLength(1);
  });

  it("keeps one user when the same email signs up twice at once", async () => {
    const input = { name: "Twin", email: "twin@example.com", password: "password123" };
    const results = await Promise.all([registerUser(db, input), registerUser(db, input)]);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(await db.select().from(users).where(eq(users.email, "twin@example.com"))).toHaveLength(1);
  });
});

describe("verifyCredentials", () => {
  it("returns the user for the right password, whatever the email's case", async () => {
    const user = await verifyCredentials(db, { email: "ADA@example.com", password: "correct horse" });
    expect(user).toMatchObject({ email: "ada@example.com", name: "Ada Lovelace" });
    expect(user).not.toHaveProperty("passwordHash");
  });

  it("returns null for a wrong password, an unknown email or malformed input", async () => {
    expect(await verifyCredentials(db, { email: "ada@example.com", password: "wrong horse" })).toBeNull();
    expect(await verifyCredentials(db, { email: "nobody@example.com", password: "correct horse" })).toBeNull();
    expect(await verifyCredentials(db, { email: 42 })).toBeNull();
    expect(await verifyCredentials(db, undefined)).toBeNull();
  });
});
