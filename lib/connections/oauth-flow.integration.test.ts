import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { oauthStates } from "@/drizzle/schema";
import { ForbiddenError } from "@/lib/auth/tenant";
import { listAuditEntries } from "@/lib/audit";
import { completeAuthorization, startAuthorization, stateOrganisationId } from "./oauth-flow";
import { chooseAccounts, pendingAccounts } from "./pending";
import { getIntegrationStatus, listCatalog } from "./catalog";
import { IntegrationError } from "./errors";
import { stateId } from "./pkce";
import { findOAuthState } from "@/lib/db/queries/connections";
import { getAccessToken } from "./refresh";
import { testConnection } from "./health";
import { consent, createWorld, defaultRow, redirectUri, sandboxTokens, type World } from "./test-support";

let w: World;
beforeAll(async () => {
  w = await createWorld();
});
afterAll(async () => {
  await w?.close();
});

const codeOf = async (p: Promise<unknown>) => {
  try {
    await p;
  } catch (err) {
    return err instanceof IntegrationError ? err.code : (err as Error).constructor.name;
  }
  return "resolved";
};

/** The id of organisation A's default connection to `provider`. */
const idOf = async (provider: string) => (await defaultRow(w.db, w.owner, provider))!.id;

async function authorize(provider: string, tenant = w.owner) {
  const { redirectUrl } = await startAuthorization(w.db, tenant, provider, { redirectUri: redirectUri(provider) });
  return redirectUrl;
}

describe("OAuth state", () => {
  it("sends PKCE S256 and a state to the provider, and stores neither in clear", async () => {
    const url = new URL(await authorize("xero"));
    const state = url.searchParams.get("state")!;
    expect(url.searchParams.get("code_challenge_method")).toBe("S256");
    expect(url.searchParams.get("code_challenge")).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const rows = await w.db.execute(sql`select row_to_json(s)::text as t from oauth_states s`);
    const text = JSON.stringify(rows);
    expect(text).not.toContain(state);
    expect(text).toContain("v1."); // the verifier is an envelope
  });

  it("refuses a tampered state", async () => {
    const query = await consent(await authorize("xero"), "allow");
    expect(await codeOf(completeAuthorization(w.db, w.owner, "xero", { ...query, state: query.state + "x" }))).toBe("STATE_INVALID");
  });

  it("refuses a state started by another user or for another provider", async () => {
    const query = await consent(await authorize("xero"), "allow");
    expect(await codeOf(completeAuthorization(w.db, w.other, "xero", query))).toBe("STATE_INVALID");
    expect(await codeOf(completeAuthorization(w.db, w.owner, "hubspot", query))).toBe("STATE_INVALID");
  });

  it("tells the callback which organisation a state belongs to, without consuming it", async () => {
    const query = await consent(await authorize("xero"), "allow");
    expect(await stateOrganisationId(w.db, query.state)).toBe(w.owner.organisationId);
    expect(await stateOrganisationId(w.db, query.state + "x")).toBeNull();
    // Looking it up consumed nothing: the row is still unused.
    expect((await findOAuthState(w.db, stateId(query.state)))?.usedAt).toBeNull();
  });

  it("refuses an expired state", async () => {
    const query = await consent(await authorize("xero"), "allow");
    await w.db.update(oauthStates).set({ expiresAt: new Date(Date.now() - 1000) }).where(sql`used_at is null`);
    expect(await codeOf(completeAuthorization(w.db, w.owner, "xero", query))).toBe("STATE_EXPIRED");
  });

  it("refuses a replayed state, even when the first use is still in flight", async () => {
    const query = await consent(await authorize("hubspot"), "allow");
    const results = await Promise.all([1, 2, 3].map(() => codeOf(completeAuthorization(w.db, w.owner, "hubspot", query))));
    expect(results.filter((r) => r === "resolved")).toHaveLength(1);
    expect(results.filter((r) => r === "STATE_REPLAYED")).toHaveLength(2);
    expect(await codeOf(completeAuthorization(w.db, w.owner, "hubspot", query))).toBe("STATE_REPLAYED");
  });

  it("reports a denied consent as AUTH_DENIED with a plain message, and burns the state", async () => {
    const query = await consent(await authorize("quickbooks"), "deny");
    expect(query.error).toBe("access_denied");
    const err = await completeAuthorization(w.db, w.owner, "quickbooks", query).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(IntegrationError);
    expect((err as IntegrationError).code).toBe("AUTH_DENIED");
    expect((err as IntegrationError).message).toMatch(/cancelled/);
  });
});

describe("connecting through the consent page", () => {
  it("Xero with two organisations: pending until the user chooses one, then connected", async () => {
    const outcome = await completeAuthorization(w.db, w.owner, "xero", await consent(await authorize("xero"), "allow"));
    expect(outcome.outcome).toBe("choose_account");
    const accounts = await pendingAccounts(w.db, w.owner, "xero");
    expect(accounts.map((a) => a.name).sort()).toEqual(["Demo Company (US)", "Sandbox Trading Ltd"]);
    expect((await getIntegrationStatus(w.db, w.owner, "xero")).status).toBe("pending");
    const pendingId = (await defaultRow(w.db, w.owner, "xero"))!.id;
    expect(await codeOf(getAccessToken(w.db, w.owner, pendingId))).toBe("NOT_CONNECTED");

    const [view] = await chooseAccounts(w.db, w.owner, "xero", [accounts.find((a) => a.name === "Sandbox Trading Ltd")!.id]);
    expect(view.status).toBe("connected");
    expect(view.externalAccountName).toBe("Sandbox Trading Ltd");
    expect(await getAccessToken(w.db, w.owner, await idOf("xero"))).toMatch(/^xero_at_/);
    const health = await testConnection(w.db, w.owner, await idOf("xero"));
    expect(health.ok).toBe(true);
  });

  it("QuickBooks: the realmId from the callback names the company", async () => {
    const query = await consent(await authorize("quickbooks"), "allow");
    expect(query.realmId).toMatch(/^\d+$/);
    const outcome = await completeAuthorization(w.db, w.owner, "quickbooks", query);
    if (outcome.outcome !== "connected") throw new Error("expected connected");
    expect(outcome.connection.externalAccountId).toBe(query.realmId);
    expect(outcome.connection.externalAccountName).toBeTruthy();
    expect((await testConnection(w.db, w.owner, await idOf("quickbooks"))).ok).toBe(true);
  });

  it("Slack: the team comes from the token response; auth.test passes", async () => {
    const outcome = await completeAuthorization(w.db, w.owner, "slack", await consent(await authorize("slack"), "allow"));
    if (outcome.outcome !== "connected") throw new Error("expected connected");
    expect(outcome.connection.externalAccountId).toMatch(/^T/);
    expect((await testConnection(w.db, w.owner, await idOf("slack"))).ok).toBe(true);
  });

  it("HubSpot (connected by the replay test): the hub id came from the access-token info", async () => {
    const status = await getIntegrationStatus(w.db, w.owner, "hubspot");
    expect(status.status).toBe("connected");
    expect(status.connection?.externalAccountId).toMatch(/^\d+$/);
    expect((await testConnection(w.db, w.owner, await idOf("hubspot"))).ok).toBe(true);
  });

  it("raw connection and state rows hold no plaintext token", async () => {
    const issued = [...(await sandboxTokens(w.sandbox, "xero")), ...(await sandboxTokens(w.sandbox, "slack")), ...(await sandboxTokens(w.sandbox, "hubspot")), ...(await sandboxTokens(w.sandbox, "quickbooks"))];
    expect(issued.length).toBeGreaterThan(4);
    const rows = JSON.stringify([
      await w.db.execute(sql`select row_to_json(c)::text as t from connections c`),
      await w.db.execute(sql`select row_to_json(s)::text as t from oauth_states s`),
      await w.db.execute(sql`select row_to_json(a)::text as t from audit_log a`),
    ]);
    for (const t of issued) expect(rows).not.toContain(t.token);
  });

  it("audits connect and test with the actor", async () => {
    const entries = await listAuditEntries(w.db, w.owner, { limit: 100 });
    const actions = entries.map((e) => `${e.action}:${e.provider}`);
    expect(actions).toContain("connection.connected:xero");
    expect(actions).toContain("connection.pending_choice:xero");
    expect(actions).toContain("connection.tested:slack");
    expect(entries.find((e) => e.action === "connection.connected")?.actorUserId).toBe(w.owner.userId);
  });
});

describe("roles and organisations", () => {
  it("a member cannot start or finish a connection, choose an account or test", async () => {
    await expect(startAuthorization(w.db, w.member, "xero", { redirectUri: redirectUri("xero") })).rejects.toBeInstanceOf(ForbiddenError);
    await expect(completeAuthorization(w.db, w.member, "xero", { code: "x", state: "y" })).rejects.toBeInstanceOf(ForbiddenError);
    await expect(chooseAccounts(w.db, w.member, "xero", ["t"])).rejects.toBeInstanceOf(ForbiddenError);
    await expect(testConnection(w.db, w.member, await idOf("xero"))).rejects.toBeInstanceOf(ForbiddenError);
  });

  it("another organisation sees none of organisation A's connections", async () => {
    const mine = await listCatalog(w.db, w.owner);
    expect(mine.connected.map((c) => c.id).sort()).toEqual(["hubspot", "quickbooks", "slack", "xero"]);
    const theirs = await listCatalog(w.db, w.other);
    expect(theirs.connected).toEqual([]);
    expect((await getIntegrationStatus(w.db, w.other, "xero")).connection).toBeNull();
    // Organisation A's connection id, used by organisation B, reaches nothing.
    expect(await codeOf(getAccessToken(w.db, w.other, await idOf("xero")))).toBe("NOT_CONNECTED");
    expect(await codeOf(testConnection(w.db, w.other, await idOf("xero")))).toBe("NOT_CONNECTED");
    expect(await listAuditEntries(w.db, w.other)).toEqual([]);
  });

  it("coming-soon providers cannot be connected", async () => {
    expect(await codeOf(startAuthorization(w.db, w.owner, "salesforce", { redirectUri: redirectUri("salesforce") }))).toBe("NOT_AVAILABLE");
    expect(await codeOf(startAuthorization(w.db, w.owner, "nope", { redirectUri: redirectUri("nope") }))).toBe("UNKNOWN_PROVIDER");
  });
});
