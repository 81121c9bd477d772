import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { findConnectionById } from "@/lib/db/queries/connections";
import { connectWithFields } from "./connect-fields";
import { lastConnectedAt, testConnection } from "./health";
import { completeAuthorization, startAuthorization } from "./oauth-flow";
import { chooseAccounts, pendingAccounts } from "./pending";
import { consent, createWorld, defaultRow, redirectUri, sandboxFaults, type World } from "./test-support";

let w: World;
beforeAll(async () => {
  w = await createWorld();
});
afterAll(async () => {
  await w?.close();
});

async function connectOAuth(provider: string): Promise<string> {
  const { redirectUrl } = await startAuthorization(w.db, w.owner, provider, { redirectUri: redirectUri(provider) });
  await completeAuthorization(w.db, w.owner, provider, await consent(redirectUrl, "allow"));
  if (provider === "xero") await chooseAccounts(w.db, w.owner, "xero", [(await pendingAccounts(w.db, w.owner, "xero"))[0].id]);
  return (await defaultRow(w.db, w.owner, provider))!.id;
}

/** Sets the status a sandbox catch hook answers with. */
async function hookAnswers(id: string, status: number) {
  const res = await fetch(`${w.sandbox.origin}/_control/hooks/${id}`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ status }) });
  expect(res.ok).toBe(true);
}

describe("health checks map each failure to the state it means", () => {
  it.each(["quickbooks", "xero", "hubspot", "slack"])("%s: a token the provider revoked makes the test say reconnect, and the connection needs reconnecting", async (provider) => {
    const id = await connectOAuth(provider);
    expect((await testConnection(w.db, w.owner, id)).ok).toBe(true);
    await sandboxFaults(w.sandbox, { provider, revokeTokens: true });
    const result = await testConnection(w.db, w.owner, id);
    expect(result.ok).toBe(false);
    expect(result.error?.code).toBe("NEEDS_REAUTH");
    expect(result.error?.message).toMatch(/Reconnect/);
    expect(result.connection.status).toBe("needs_reauth");
    const row = await findConnectionById(w.db, w.owner, id);
    expect(row).toMatchObject({ status: "needs_reauth", lastHealthOk: 0 });
    await sandboxFaults(w.sandbox, { provider });
  });

  it("reconnecting resets health: the new connect time and the check that connecting did", async () => {
    const before = new Date();
    const id = await connectOAuth("quickbooks");
    // Connecting called QuickBooks (code exchange, company info): the card shows that check.
    const fresh = await findConnectionById(w.db, w.owner, id);
    expect(fresh?.lastHealthOk).toBe(1);
    expect(fresh?.lastHealthCheckAt?.getTime()).toBeGreaterThanOrEqual(before.getTime());
    await sandboxFaults(w.sandbox, { provider: "quickbooks", revokeTokens: true });
    expect((await testConnection(w.db, w.owner, id)).connection.status).toBe("needs_reauth");
    await sandboxFaults(w.sandbox, { provider: "quickbooks" });
    const failedAt = (await findConnectionById(w.db, w.owner, id))!.lastHealthCheckAt!;
    const firstConnect = await lastConnectedAt(w.db, w.owner, id);

    expect(await connectOAuth("quickbooks")).toBe(id);
    const row = await findConnectionById(w.db, w.owner, id);
    expect(row).toMatchObject({ status: "connected", lastHealthOk: 1, lastError: null });
    expect(row!.lastHealthCheckAt!.getTime()).toBeGreaterThan(failedAt.getTime());
    expect((await lastConnectedAt(w.db, w.owner, id))!.getTime()).toBeGreaterThan(firstConnect!.getTime());
    // Another organisation sees nothing of this connection's history.
    expect(await lastConnectedAt(w.db, w.other, id)).toBeNull();
  });

  it("choosing a Xero organisation records the check the callback's discovery did", async () => {
    const id = await connectOAuth("xero");
    const row = await findConnectionById(w.db, w.owner, id);
    expect(row?.lastHealthOk).toBe(1);
    expect(row?.lastHealthCheckAt).not.toBeNull();
  });

  it("a catch hook answering HTTP 500 is a provider error, not refused credentials", async () => {
    const view = await connectWithFields(w.db, w.owner, "zapier", { webhookUrl: `${w.sandbox.origin}/hooks/zap-500` });
    // Each hook is told apart by its id, not shown as the sandbox's host alone.
    expect(view.externalAccountName).toBe(`Hook zap-500 at ${new URL(w.sandbox.origin).host}`);
    await hookAnswers("zap-500", 500);
    const result = await testConnection(w.db, w.owner, view.id);
    expect(result.ok).toBe(false);
    expect(result.error?.code).toBe("PROVIDER_ERROR");
    expect(result.error?.message).not.toMatch(/refused these credentials/);
    expect(result.connection.status).toBe("connected");
  });

  it("a catch hook answering 401 or 403 refused the credentials", async () => {
    const view = await connectWithFields(w.db, w.owner, "zapier", { webhookUrl: `${w.sandbox.origin}/hooks/zap-403` });
    for (const status of [401, 403]) {
      await hookAnswers("zap-403", status);
      const result = await testConnection(w.db, w.owner, view.id);
      expect(result.error?.code, String(status)).toBe("INVALID_CREDENTIALS");
    }
  });

  it("a catch hook answering 404 before it is saved is refused, with the status named", async () => {
    await hookAnswers("zap-gone", 404);
    const err = await connectWithFields(w.db, w.owner, "zapier", { webhookUrl: `${w.sandbox.origin}/hooks/zap-gone` }).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: "INVALID_CREDENTIALS", providerMessage: "The hook answered HTTP 404." });
  });
});
