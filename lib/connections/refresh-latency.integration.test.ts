import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { connectionLeases, connections } from "@/drizzle/schema";
import { listInvoices } from "@/lib/db/queries/invoices";
import { completeAuthorization, startAuthorization } from "./oauth-flow";
import { chooseAccounts, pendingAccounts } from "./pending";
import { getAccessToken } from "./refresh";
import { consent, createWorld, defaultRow, redirectUri, sandboxFaults, type World } from "./test-support";

let w: World;
beforeAll(async () => {
  w = await createWorld();
});
afterAll(async () => {
  await fetch(`${w?.sandbox.origin}/_control/faults?provider=xero`, { method: "DELETE" }).catch(() => undefined);
  await w?.close();
});

describe("a slow token endpoint", () => {
  // On PGlite every query waits for the one open transaction: a refresh that held a transaction
  // across the token call froze the embedded app for as long as the provider took to answer.
  it("does not stop the database serving other pages while a refresh waits 10 s for the provider", async () => {
    const { redirectUrl } = await startAuthorization(w.db, w.owner, "xero", { redirectUri: redirectUri("xero") });
    await completeAuthorization(w.db, w.owner, "xero", await consent(redirectUrl, "allow"));
    await chooseAccounts(w.db, w.owner, "xero", [(await pendingAccounts(w.db, w.owner, "xero"))[0].id]);
    const id = (await defaultRow(w.db, w.owner, "xero"))!.id;
    await w.db.update(connections).set({ expiresAt: new Date(Date.now() - 60_000) }).where(eq(connections.id, id));
    await sandboxFaults(w.sandbox, { provider: "xero", latencyMs: 10_000 });

    const order: string[] = [];
    const refresh = getAccessToken(w.db, w.owner, id).then((token) => {
      order.push("refresh");
      return token;
    });
    // Wait (bounded) until the refresh holds its lease, i.e. it is now waiting on the provider.
    for (let i = 0; i < 200 && (await w.db.select().from(connectionLeases)).length === 0; i++) await new Promise((r) => setTimeout(r, 25));
    expect(await w.db.select().from(connectionLeases)).toHaveLength(1);

    // A page's worth of work: the invoice list (its page query and its count).
    const page = await listInvoices(w.db, w.other, { limit: 25 });
    order.push("page");
    expect(page.rows).toEqual([]);

    expect(await refresh).toMatch(/^xero_at_/);
    expect(order).toEqual(["page", "refresh"]);
    // The lease was given back once the tokens were stored.
    expect(await w.db.select().from(connectionLeases)).toHaveLength(0);
  }, 40_000);
});
