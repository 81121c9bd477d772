// Membership with consent (issue 8.7): invitations instead of adding people by email, accepted
// or declined by the invited person only, revocable, expiring, revealing nothing; owners change
// roles and remove members, never leaving an organisation without an owner.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ZodError } from "zod";
import type { Db } from "@/lib/db/client";
import { listPendingInvitations } from "@/lib/db/queries/invitations";
import { changeMemberRole, createOrganisation, listMembers, MembershipError, removeMember } from "@/lib/db/queries/organisations";
import { getSessionVersion, insertUser } from "@/lib/db/queries/users";
import { createTestDb } from "@/lib/testing/db";
import { answerInvitation, createInvitation, INVITATION_TTL_MS, INVITATION_UNAVAILABLE, invitationForUser, InvitationError, revokeInvitation } from "./invitations";
import { ForbiddenError, resolveTenant, type Tenant } from "./tenant";

let db: Db;
let close: () => Promise<void>;
const people: Record<string, { id: string; email: string }> = {};
let org: string;
let otherOrg: string;
const owner = (): Tenant => ({ organisationId: org, userId: people.olive!.id, role: "owner" });

beforeAll(async () => {
  ({ db, close } = await createTestDb());
  for (const name of ["olive", "adam", "mia", "ned", "eve", "otto", "rita"]) {
    const email = `${name}@example.com`;
    people[name] = { id: (await insertUser(db, { name, email, passwordHash: "x" }))!.id, email };
  }
  org = (await createOrganisation(db, people.olive!.id, { name: "Consent Ltd" })).id;
  otherOrg = (await createOrganisation(db, people.eve!.id, { name: "Elsewhere" })).id;
});
afterAll(async () => close());

const fail = (p: Promise<unknown>) => p.then(() => { throw new Error("expected a refusal"); }, (e: unknown) => e as Error);

describe("invitations", () => {
  it("invites by email with no hint whether the email has an account", async () => {
    const known = await createInvitation(db, owner(), { email: "ADAM@example.com", role: "admin" });
    const unknown = await createInvitation(db, owner(), { email: "stranger@example.com", role: "member" });
    expect(Object.keys(known).sort()).toEqual(Object.keys(unknown).sort());
    expect(known.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(known.expiresAt.getTime() - Date.now()).toBeGreaterThan(INVITATION_TTL_MS - 60_000);
    const pending = await listPendingInvitations(db, owner());
    expect(pending.map((p) => p.email).sort()).toEqual(["adam@example.com", "stranger@example.com"]);
    expect(JSON.stringify(pending)).not.toContain(known.token);
  });

  it("lets only the invited person accept, once, with the invited role", async () => {
    const { token } = await createInvitation(db, owner(), { email: "mia@example.com", role: "admin" });
    expect(await invitationForUser(db, token, people.ned!)).toBeUndefined();
    expect((await fail(answerInvitation(db, token, people.ned!, "accept"))).message).toBe(INVITATION_UNAVAILABLE);
    expect((await invitationForUser(db, token, people.mia!))?.organisationName).toBe("Consent Ltd");

    expect(await answerInvitation(db, token, people.mia!, "accept")).toBe(org);
    expect(await resolveTenant(db, people.mia!.id, org)).toEqual({ organisationId: org, userId: people.mia!.id, role: "admin" });
    expect((await fail(answerInvitation(db, token, people.mia!, "accept"))).message).toBe(INVITATION_UNAVAILABLE);
  });

  it("declining adds no membership and closes the link", async () => {
    const { token } = await createInvitation(db, owner(), { email: "ned@example.com", role: "member" });
    expect(await answerInvitation(db, token, people.ned!, "decline")).toBeNull();
    expect(await resolveTenant(db, people.ned!.id, org)).toBeNull();
    expect(await invitationForUser(db, token, people.ned!)).toBeUndefined();
  });

  it("refuses expired, revoked, replaced and malformed links with the same message", async () => {
    const old = await createInvitation(db, owner(), { email: "otto@example.com", role: "member" }, new Date(Date.now() - INVITATION_TTL_MS - 1000));
    expect((await fail(answerInvitation(db, old.token, people.otto!, "accept"))).message).toBe(INVITATION_UNAVAILABLE);

    const revoked = await createInvitation(db, owner(), { email: "otto@example.com", role: "member" });
    await revokeInvitation(db, owner(), revoked.id);
    expect((await fail(answerInvitation(db, revoked.token, people.otto!, "accept"))).message).toBe(INVITATION_UNAVAILABLE);

    const first = await createInvitation(db, owner(), { email: "otto@example.com", role: "member" });
    const second = await createInvitation(db, owner(), { email: "otto@example.com", role: "admin" });
    expect((await fail(answerInvitation(db, first.token, people.otto!, "accept"))).message).toBe(INVITATION_UNAVAILABLE);
    expect((await fail(answerInvitation(db, "not-a-token", people.otto!, "accept"))).message).toBe(INVITATION_UNAVAILABLE);
    expect(await answerInvitation(db, second.token, people.otto!, "accept")).toBe(org);
    expect(await resolveTenant(db, people.otto!.id, null)).toMatchObject({ role: "admin" });
  });

  it("keeps invitations within roles and organisations", async () => {
    const admin: Tenant = { organisationId: org, userId: people.mia!.id, role: "admin" };
    const member: Tenant = { organisationId: org, userId: people.mia!.id, role: "member" };
    expect(await fail(createInvitation(db, admin, { email: "x@example.com", role: "owner" }))).toBeInstanceOf(InvitationError);
    expect(await fail(createInvitation(db, member, { email: "x@example.com", role: "member" }))).toBeInstanceOf(ForbiddenError);
    expect(await fail(createInvitation(db, owner(), { email: "not an email", role: "member" }))).toBeInstanceOf(ZodError);
    const theirs = await createInvitation(db, { organisationId: otherOrg, userId: people.eve!.id, role: "owner" }, { email: "rita@example.com", role: "member" });
    expect(await fail(revokeInvitation(db, owner(), theirs.id))).toBeInstanceOf(InvitationError);
    expect(await invitationForUser(db, theirs.token, people.rita!)).toBeDefined();
  });
});

describe("owners manage members", () => {
  it("changes roles, but never demotes the last owner", async () => {
    expect((await fail(changeMemberRole(db, owner(), { userId: people.olive!.id, role: "admin" }))).message).toMatch(/at least one owner/);
    await changeMemberRole(db, owner(), { userId: people.mia!.id, role: "owner" });
    await changeMemberRole(db, owner(), { userId: people.olive!.id, role: "admin" });
    const miaOwner: Tenant = { organisationId: org, userId: people.mia!.id, role: "owner" };
    expect((await fail(changeMemberRole(db, miaOwner, { userId: people.mia!.id, role: "member" }))).message).toMatch(/at least one owner/);
    await changeMemberRole(db, miaOwner, { userId: people.olive!.id, role: "owner" });
    const roles = Object.fromEntries((await listMembers(db, owner())).map((m) => [m.email, m.role]));
    expect(roles["olive@example.com"]).toBe("owner");
  });

  it("refuses role changes and removals from admins and members", async () => {
    const admin: Tenant = { organisationId: org, userId: people.otto!.id, role: "admin" };
    expect(await fail(changeMemberRole(db, admin, { userId: people.mia!.id, role: "member" }))).toBeInstanceOf(ForbiddenError);
    expect(await fail(removeMember(db, admin, { userId: people.mia!.id }))).toBeInstanceOf(ForbiddenError);
  });

  it("removes a member and ends their sessions; never removes the last owner", async () => {
    const before = await getSessionVersion(db, people.otto!.id);
    await removeMember(db, owner(), { userId: people.otto!.id });
    expect(await resolveTenant(db, people.otto!.id, org)).toBeNull();
    expect(await getSessionVersion(db, people.otto!.id)).toBe(before! + 1);

    await changeMemberRole(db, owner(), { userId: people.mia!.id, role: "member" });
    const err = await fail(removeMember(db, owner(), { userId: people.olive!.id }));
    expect(err).toBeInstanceOf(MembershipError);
    expect(await resolveTenant(db, people.olive!.id, org)).toMatchObject({ role: "owner" });
  });
});
