import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ZodError } from "zod";
import type { Db } from "@/lib/db/client";
import { createTestDb } from "@/lib/testing/db";
import { ForbiddenError, NotFoundError, resolveTenant, type Tenant } from "@/lib/auth/tenant";
import { memberships } from "@/drizzle/schema";
import { insertUser } from "./users";
import {
  createOrganisation, getOrganisation, listMembers, renameOrganisation, tenantForOrganisation,
} from "./organisations";

let db: Db;
let close: () => Promise<void>;
let alice: string; // owner of A
let bob: string; // owner of B, not in A
let carol: string; // no organisation
let orgA: string;
let orgB: string;

async function user(email: string) {
  const u = await insertUser(db, { name: email.split("@")[0], email, passwordHash: "x" });
  return u!.id;
}

beforeAll(async () => {
  ({ db, close } = await createTestDb());
  [alice, bob, carol] = [await user("alice@example.com"), await user("bob@example.com"), await user("carol@example.com")];
  orgA = (await createOrganisation(db, alice, { name: "Org A" })).id;
  orgB = (await createOrganisation(db, bob, { name: "Org B" })).id;
});
afterAll(async () => close());

describe("tenant resolution from the hub-org cookie value", () => {
  it("never resolves a non-member to organisation A, even when the cookie names A", async () => {
    const tenant = await resolveTenant(db, bob, orgA);
    expect(tenant).toEqual({ organisationId: orgB, userId: bob, role: "owner" });
  });

  it("gives null (→ onboarding) to a user without organisations, whatever the cookie says", async () => {
    expect(await resolveTenant(db, carol, orgA)).toBeNull();
    expect(await resolveTenant(db, carol, null)).toBeNull();
  });

  it("honours the cookie for a member and falls back to the first organisation without one", async () => {
    await db.insert(memberships).values({ organisationId: orgA, userId: bob, role: "member" });
    expect(await resolveTenant(db, bob, orgA)).toEqual({ organisationId: orgA, userId: bob, role: "member" });
    expect((await resolveTenant(db, bob, null))?.organisationId).toBe(orgB);
    expect((await resolveTenant(db, bob, "no-such-org"))?.organisationId).toBe(orgB);
  });

  it("refuses to switch to an organisation the user is not in, with a 404-type error", async () => {
    await expect(tenantForOrganisation(db, carol, orgA)).rejects.toBeInstanceOf(NotFoundError);
    await expect(tenantForOrganisation(db, alice, orgB)).rejects.toBeInstanceOf(NotFoundError);
    expect(await tenantForOrganisation(db, alice, orgA)).toEqual({ organisationId: orgA, userId: alice, role: "owner" });
  });
});

describe("organisation settings", () => {
  const ownerOfA = (): Tenant => ({ organisationId: orgA, userId: alice, role: "owner" });

  it("makes the creator the owner", async () => {
    const members = await listMembers(db, { organisationId: orgB, userId: bob, role: "owner" });
    expect(members.map((m) => [m.email, m.role])).toEqual([["bob@example.com", "owner"]]);
  });

  it("validates the organisation name", async () => {
    await expect(createOrganisation(db, alice, { name: " " })).rejects.toBeInstanceOf(ZodError);
    await expect(renameOrganisation(db, ownerOfA(), { name: "" })).rejects.toBeInstanceOf(ZodError);
  });

  it("lets owners and admins rename, and forbids members", async () => {
    await renameOrganisation(db, ownerOfA(), { name: "Org A Renamed" });
    expect((await getOrganisation(db, ownerOfA())).name).toBe("Org A Renamed");
    const member: Tenant = { organisationId: orgA, userId: bob, role: "member" };
    await expect(renameOrganisation(db, member, { name: "Hijacked" })).rejects.toBeInstanceOf(ForbiddenError);
    expect((await getOrganisation(db, ownerOfA())).name).toBe("Org A Renamed");
  });
});
