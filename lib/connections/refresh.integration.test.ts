import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { connections } from "@/drizzle/schema";
import { listAuditEntries } from "@/lib/audit";
import { openDb, type Db } from "@/lib/db/client";
import { completeAuthorization, startAuthorization } from "./oauth-flow";
import { chooseAccounts, pendingAccounts } from "./pending";
import { IntegrationError } from "./errors";
import { getAccessToken, MAX_REFRESH_FAILURES } from "./refresh";
import { consent, createWorld, defaultRow, redirectUri, sandboxFaults, sandboxTokens, type World } from "./test-support";

let w: World;
beforeAll(async () => {
  w = await createWorld();
});
afterAll(async () => {
  await w?.close();
});

async function connect(provider: "xero" | "hubspot") {
  const { redirectUrl } = await startAuthorization(w.db, w.owner, provider, { redirectUri: redirectUri(provider) });
  const outcome = await completeAuthorization(w.db, w.owner, provider, await consent(redirectUrl, "allow"));
  if (outcome.outcome === "choose_account") await chooseAccounts(w.db, w.owner, provider, [(await pendingAccounts(w.db, w.owner, provider))[0].id]);
}

const idOf = async (provider: string) => (await defaultRow(w.db, w.owner, provider))!.id;
const findConnection = (_db: Db, _ctx: unknown, provider: string) => defaultRow(w.db, w.owner, provider);

/** Makes the stored access token look expired to the hub, and really expires it at the sandbox. */
async function expire(db: Db, provider: string) {
  await db.update(connections).set({ expiresAt: new Date(Date.now() - 60_000) }).where(eq(connections.provider, provider));
  await sandboxFaults(w.sandbox, { provider, expireTokens: true });
}

/** The sandbox issues one access token per token-endpoint success: the count of refreshes. */
const accessTokensIssued = async (provider: string) => (await sandboxTokens(w.sandbox, provider)).filter((t) => t.kind === "access").length;

describe("token refresh", () => {
  it("20 concurrent callers with an expired token cause exactly one refresh", async () => {
    await connect("xero");
    const before = await accessTokensIssued("xero");
    const oldToken = (await sandboxTokens(w.sandbox, "xero")).find((t) => t.kind === "access")!.token;
    await expire(w.db, "xero");
    const xero = await idOf("xero");
    const tokens = await Promise.all(Array.from({ length: 20 }, () => getAccessToken(w.db, w.owner, xero)));
    expect(new Set(tokens).size).toBe(1);
    expect(tokens[0]).not.toBe(oldToken);
    expect(await accessTokensIssued("xero")).toBe(before + 1);
    // The rotated refresh token and the new expiry were stored: the next call needs no refresh.
    const row = await findConnection(w.db, w.owner, "xero");
    expect(row!.expiresAt!.getTime()).toBeGreaterThan(Date.now() + 20 * 60_000);
    expect(await getAccessToken(w.db, w.owner, await idOf("xero"))).toBe(tokens[0]);
    expect(await accessTokensIssued("xero")).toBe(before + 1);
  });

  // Postgres only (CI runs the suite on both): PGlite is one connection inside one process, so
  // there is no second process to race there.
  const onPostgres = process.env.DATABASE_URL ? it : undefined;
  onPostgres?.("two processes (two database pools) still refresh exactly once", async () => {
    // A second pool on the same Postgres database stands in for a second server process: it
    // shares no memory with the first, only the row lock.
    const second = await openDb({ url: w.url! });
    try {
      const before = await accessTokensIssued("xero");
      await expire(w.db, "xero");
      const xero = await idOf("xero");
      const calls = Array.from({ length: 20 }, (_, i) => getAccessToken(i % 2 ? second.db : w.db, w.owner, xero));
      const tokens = await Promise.all(calls);
      expect(new Set(tokens).size).toBe(1);
      expect(await accessTokensIssued("xero")).toBe(before + 1);
    } finally {
      await second.close();
    }
  });

  it("a revoked refresh token moves the connection to needs_reauth at once, audited", async () => {
    await connect("hubspot");
    await sandboxFaults(w.sandbox, { provider: "hubspot", revokeTokens: true });
    await expire(w.db, "hubspot");
    const err = await getAccessToken(w.db, w.owner, await idOf("hubspot")).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(IntegrationError);
    expect((err as IntegrationError).code).toBe("NEEDS_REAUTH");
    expect((err as IntegrationError).retryable).toBe(false);
    const row = await findConnection(w.db, w.owner, "hubspot");
    expect(row!.status).toBe("needs_reauth");
    expect(row!.refreshFailures).toBe(1);
    const actions = (await listAuditEntries(w.db, w.owner, { provider: "hubspot" })).map((e) => e.action);
    expect(actions).toContain("connection.refresh_failed");
    expect(actions).toContain("connection.needs_reauth");
    // Later callers are told to reconnect without another call to the provider.
    expect(await getAccessToken(w.db, w.owner, await idOf("hubspot")).catch((e: IntegrationError) => e.code)).toBe("NEEDS_REAUTH");
  });

  it(`transient refresh failures are counted and mark needs_reauth after ${MAX_REFRESH_FAILURES}`, async () => {
    await sandboxFaults(w.sandbox, { provider: "xero", errorBurst: 10, errorStatus: 503 });
    await expire(w.db, "xero");
    for (let i = 1; i <= MAX_REFRESH_FAILURES; i++) {
      const err = (await getAccessToken(w.db, w.owner, await idOf("xero")).catch((e: unknown) => e)) as IntegrationError;
      expect(err.code).toBe(i < MAX_REFRESH_FAILURES ? "PROVIDER_ERROR" : "NEEDS_REAUTH");
      expect((await findConnection(w.db, w.owner, "xero"))!.refreshFailures).toBe(i);
    }
    expect((await findConnection(w.db, w.owner, "xero"))!.status).toBe("needs_reauth");
    await fetch(`${w.sandbox.origin}/_control/faults?provider=xero`, { method: "DELETE" });
  });
});
