import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { connections } from "@/drizzle/schema";
import { listAuditEntries } from "@/lib/audit";
import { findConnectionById } from "@/lib/db/queries/connections";
import { sandboxStripeAccounts } from "@/sandbox/config";
import { connectWithFields } from "./connect-fields";
import { disconnect } from "./disconnect";
import { testConnection } from "./health";
import { getIntegrationStatus } from "./catalog";
import { updateConnectionDetails } from "./manage";
import { completeAuthorization, startAuthorization } from "./oauth-flow";
import { chooseAccounts, pendingAccounts } from "./pending";
import { getAccessToken, getCredentials } from "./refresh";
import { consent, createWorld, defaultRow, redirectUri, sandboxFaults, sandboxTokens, type World } from "./test-support";

let w: World;
beforeAll(async () => {
  w = await createWorld();
});
afterAll(async () => {
  await w?.close();
});

const [stripeA, stripeB] = sandboxStripeAccounts;
const logActions = async (connectionId: string) => (await listAuditEntries(w.db, w.owner, { connectionId, limit: 100 })).map((e) => e.action);

/** Connects every Xero tenant the sandbox user authorises, in one choice (the checkboxes). */
async function connectBothXeroTenants() {
  const { redirectUrl } = await startAuthorization(w.db, w.owner, "xero", { redirectUri: redirectUri("xero") });
  const outcome = await completeAuthorization(w.db, w.owner, "xero", await consent(redirectUrl, "allow"));
  expect(outcome.outcome).toBe("choose_account");
  const accounts = await pendingAccounts(w.db, w.owner, "xero");
  expect(accounts).toHaveLength(2);
  return chooseAccounts(w.db, w.owner, "xero", accounts.map((a) => a.id));
}

describe("an organisation with several accounts of one provider", () => {
  let xero: Awaited<ReturnType<typeof connectBothXeroTenants>>;
  let stripe: { a: string; b: string };

  it("connects both sandbox Xero tenants from one authorisation, each its own connection, one default", async () => {
    xero = await connectBothXeroTenants();
    expect(xero.map((c) => c.externalAccountName).sort()).toEqual(["Demo Company (US)", "Sandbox Trading Ltd"]);
    expect(new Set(xero.map((c) => c.id)).size).toBe(2);
    expect(xero.filter((c) => c.isDefault)).toHaveLength(1);
    const status = await getIntegrationStatus(w.db, w.owner, "xero");
    expect(status.connectionCount).toBe(2);
    expect(status.connection?.id).toBe(xero.find((c) => c.isDefault)!.id);
    // The pending choice is gone once the accounts are connected.
    await expect(pendingAccounts(w.db, w.owner, "xero")).rejects.toMatchObject({ code: "NOT_CONNECTED" });
    for (const c of xero) {
      expect(await getAccessToken(w.db, w.owner, c.id)).toMatch(/^xero_at_/);
      expect((await testConnection(w.db, w.owner, c.id)).ok).toBe(true);
    }
  });

  it("connects two Stripe accounts by their two keys; the same key again reconnects its own account", async () => {
    const a = await connectWithFields(w.db, w.owner, "stripe", { secretKey: stripeA.secretKey });
    const b = await connectWithFields(w.db, w.owner, "stripe", { secretKey: stripeB.secretKey });
    expect([a.externalAccountId, b.externalAccountId]).toEqual([stripeA.id, stripeB.id]);
    expect(a.id).not.toBe(b.id);
    expect(a.isDefault).toBe(true);
    expect(b.isDefault).toBe(false);
    const again = await connectWithFields(w.db, w.owner, "stripe", { secretKey: stripeA.secretKey });
    expect(again.id).toBe(a.id);
    stripe = { a: a.id, b: b.id };
    // Each connection holds its own key and passes its own check.
    const keyOf = async (id: string) => {
      const { credentials } = await getCredentials(w.db, w.owner, id);
      return credentials.kind === "fields" ? credentials.fields.secretKey : null;
    };
    expect(await keyOf(stripe.a)).toBe(stripeA.secretKey);
    expect(await keyOf(stripe.b)).toBe(stripeB.secretKey);
    expect((await testConnection(w.db, w.owner, stripe.b)).ok).toBe(true);
  });

  it("keeps a log per connection", async () => {
    for (const c of xero) expect(await logActions(c.id)).toEqual(["connection.tested", "connection.connected"]);
    expect(await logActions(stripe.b)).toEqual(["connection.tested", "connection.connected"]);
    expect(await logActions(stripe.a)).toEqual(["connection.connected", "connection.connected"]);
  });

  it("a refresh of the shared Xero grant refreshes once and stores the rotated tokens on both tenants", async () => {
    await w.db.update(connections).set({ expiresAt: new Date(Date.now() - 60_000) }).where(eq(connections.provider, "xero"));
    const issued = async () => (await sandboxTokens(w.sandbox, "xero")).filter((t) => t.kind === "access").length;
    const before = await issued();
    const [t1, t2] = await Promise.all(xero.map((c) => getAccessToken(w.db, w.owner, c.id)));
    expect(t1).toBe(t2);
    expect(await issued()).toBe(before + 1);
    for (const c of xero) expect((await findConnectionById(w.db, w.owner, c.id))!.expiresAt!.getTime()).toBeGreaterThan(Date.now() + 20 * 60_000);
  });

  it("renames a connection and makes another the default", async () => {
    const other = xero.find((c) => !c.isDefault)!;
    const view = await updateConnectionDetails(w.db, w.owner, other.id, { displayName: "US books", isDefault: true });
    expect(view).toMatchObject({ displayName: "US books", isDefault: true });
    expect((await defaultRow(w.db, w.owner, "xero"))!.id).toBe(other.id);
    expect((await findConnectionById(w.db, w.owner, xero.find((c) => c.id !== other.id)!.id))!.isDefault).toBe(false);
    expect(await logActions(other.id)).toEqual(expect.arrayContaining(["connection.renamed", "connection.made_default"]));
    await expect(updateConnectionDetails(w.db, w.owner, other.id, { displayName: "x".repeat(101) })).rejects.toThrow(/at most 100/);
    await expect(updateConnectionDetails(w.db, w.member, other.id, { displayName: "Nope" })).rejects.toThrow(/role/);
  });

  it("disconnecting one Xero tenant keeps the shared grant; the other tenant keeps working and becomes default", async () => {
    const gone = (await defaultRow(w.db, w.owner, "xero"))!;
    const kept = xero.find((c) => c.id !== gone.id)!;
    const result = await disconnect(w.db, w.owner, gone.id);
    expect(result).toMatchObject({ revoked: false, keptSharedGrant: true });
    expect((await findConnectionById(w.db, w.owner, gone.id))!.status).toBe("disconnected");
    await expect(getAccessToken(w.db, w.owner, gone.id)).rejects.toMatchObject({ code: "NOT_CONNECTED" });
    expect((await defaultRow(w.db, w.owner, "xero"))!.id).toBe(kept.id);
    expect((await testConnection(w.db, w.owner, kept.id)).ok).toBe(true);
    expect((await sandboxTokens(w.sandbox, "xero")).some((t) => t.kind === "refresh" && !t.revoked)).toBe(true);
    expect(await logActions(gone.id)).toContain("connection.disconnected");
    expect(await logActions(kept.id)).not.toContain("connection.disconnected");
  });

  it("disconnecting one Stripe account leaves the other working", async () => {
    await disconnect(w.db, w.owner, stripe.a);
    expect((await defaultRow(w.db, w.owner, "stripe"))!.id).toBe(stripe.b);
    expect((await testConnection(w.db, w.owner, stripe.b)).ok).toBe(true);
    await expect(testConnection(w.db, w.owner, stripe.a)).rejects.toMatchObject({ code: "NOT_CONNECTED" });
  });

  it("an expired grant of one connection does not change another connection's status", async () => {
    const kept = (await defaultRow(w.db, w.owner, "xero"))!;
    await sandboxFaults(w.sandbox, { provider: "xero", revokeTokens: true });
    await w.db.update(connections).set({ expiresAt: new Date(Date.now() - 60_000) }).where(eq(connections.id, kept.id));
    await expect(getAccessToken(w.db, w.owner, kept.id)).rejects.toMatchObject({ code: "NEEDS_REAUTH" });
    expect((await findConnectionById(w.db, w.owner, kept.id))!.status).toBe("needs_reauth");
    expect((await findConnectionById(w.db, w.owner, stripe.b))!.status).toBe("connected");
  });
});
