// Shared setup of the sync integration tests: the connection manager's world (fresh database, two
// organisations, in-process sandbox), connections made through the real OAuth flow, and runs
// driven through the engine as the job does.
import { expect } from "vitest";
import type { AccessContext } from "@/lib/auth/access";
import { completeAuthorization, startAuthorization } from "@/lib/connections/oauth-flow";
import { chooseAccounts, pendingAccounts } from "@/lib/connections/pending";
import { consent, createWorld, redirectUri, type World } from "@/lib/connections/test-support";
import type { Db } from "@/lib/db/client";
import type { XeroEmulator } from "@/sandbox/providers/xero";
import type { QuickBooksEmulator } from "@/sandbox/providers/quickbooks";
import { runSync } from "./engine";
import { requestRun, type RunRequest } from "./request";
import { getRun } from "./runs";

export { createWorld, type World };

/** Connects the sandbox's Xero user and keeps the first tenant; returns its connection id and tenant id. */
export async function connectXero(w: World, ctx: AccessContext = w.owner): Promise<{ connectionId: string; tenantId: string }> {
  const { redirectUrl } = await startAuthorization(w.db, ctx, "xero", { redirectUri: redirectUri("xero") });
  const outcome = await completeAuthorization(w.db, ctx, "xero", await consent(redirectUrl, "allow"));
  expect(outcome.outcome).toBe("choose_account");
  const [first] = await pendingAccounts(w.db, ctx, "xero");
  const [conn] = await chooseAccounts(w.db, ctx, "xero", [first!.id]);
  return { connectionId: conn!.id, tenantId: conn!.externalAccountId! };
}

/** Connects the first sandbox QuickBooks company; returns its connection id and realm id. */
export async function connectQuickBooks(w: World, ctx: AccessContext = w.owner): Promise<{ connectionId: string; realmId: string }> {
  const { redirectUrl } = await startAuthorization(w.db, ctx, "quickbooks", { redirectUri: redirectUri("quickbooks") });
  const outcome = await completeAuthorization(w.db, ctx, "quickbooks", await consent(redirectUrl, "allow"));
  if (outcome.outcome !== "connected") throw new Error(`QuickBooks connect: ${JSON.stringify(outcome)}`);
  const row = (await import("@/lib/db/queries/connections")).findProviderConnection(w.db, ctx, "quickbooks");
  const conn = (await row)!;
  return { connectionId: conn.id, realmId: conn.externalAccountId! };
}

/** Requests a run and drives it to its end in-process, as the sync.run job does (one step = one call). */
export async function syncNow(db: Db, ctx: AccessContext, connectionId: string, req: RunRequest = {}) {
  const { runId } = await requestRun(db, ctx, connectionId, req);
  await runSync(db, { organisationId: ctx.organisationId, connectionId, runId }, { step: (_id, fn) => fn() });
  return getRun(db, ctx, runId);
}

export const xeroOf = (w: World) => w.sandbox.emulators.find((e) => e.id === "xero") as XeroEmulator;
export const qboOf = (w: World) => w.sandbox.emulators.find((e) => e.id === "quickbooks") as QuickBooksEmulator;

/** POSTs to the sandbox's control API. */
export async function control(w: World, path: string, body: Record<string, unknown>) {
  const res = await fetch(`${w.sandbox.origin}/_control/${path}`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
  if (!res.ok) throw new Error(`/_control/${path} answered ${res.status}: ${await res.text()}`);
  return res.json() as Promise<Record<string, unknown>>;
}

/** Stops the embedded job driver the runs' enqueue started on the test database, then closes the world. */
export async function closeWorld(w: World | undefined) {
  if (!w) return;
  const { stopBoss } = await import("@/lib/jobs/local/boss");
  await stopBoss(w.db);
  await w.close();
}
