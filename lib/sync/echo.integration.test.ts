import { and, desc, eq, isNotNull, isNull } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { customers, inboundEvents, syncLinks, syncRuns } from "@/drizzle/schema";
import { createCustomer } from "@/lib/db/queries/customers";
import { startOutboxRelay, type OutboxRelay } from "@/lib/events/relay";
import type { LocalJobs } from "@/lib/jobs/local/worker";
import { startTestJobs, waitFor } from "@/lib/jobs/testing";
import { useTestApiRuntime } from "@/lib/testing/api";
import { serveWebhookReceivers } from "@/lib/testing/webhook-server";
import { countPending } from "./local-records";
import { requestRun } from "./request";
import { saveEntitySettings } from "./settings";
import { getRun } from "./runs";
import { connectXero, closeWorld, createWorld, syncNow, xeroOf, type World } from "./test-support";

// Echo suppression end to end: a customer created in the app is pushed to Xero by the outbox
// trigger, Xero's webhook for that write reaches the hub's real receiver over HTTP, the changed
// contact is pulled by id, and the next incremental pull reads it again; neither side is written
// a second time (link version and content hash), the counters say "unchanged".
let w: World;
let conn: { connectionId: string; tenantId: string };
let receivers: { origin: string; close(): Promise<void> };
let restoreRuntime: () => void;
let jobs: LocalJobs | undefined;
let relay: OutboxRelay | undefined;

beforeAll(async () => {
  w = await createWorld();
  restoreRuntime = useTestApiRuntime(w.db);
  receivers = await serveWebhookReceivers();
  w.sandbox.ctx.webhookTargets.set("xero", `${receivers.origin}/api/webhooks/xero`);
  conn = await connectXero(w);
  // The ledger's existing contacts and invoices are in the app before the test begins.
  const first = await syncNow(w.db, w.owner, conn.connectionId, { direction: "pull" });
  expect(first.status).toBe("succeeded");
  // Customers sync in real time: a webhook's changed contacts become a pull of just those records
  // (lib/sync/inbound-changes.ts, the inbound processing's default).
  await saveEntitySettings(w.db, w.owner, conn.connectionId, "customers", { schedule: "realtime" });
  jobs = await startTestJobs(w.db, { schedules: false });
  relay = startOutboxRelay(w.db, { intervalMs: 100 });
}, 120_000);
afterAll(async () => {
  await relay?.stop();
  await jobs?.stop({ graceful: false });
  restoreRuntime?.();
  await receivers?.close();
  await closeWorld(w);
});

const books = () => xeroOf(w).store.tenant(conn.tenantId)!;
const runsOf = (direction: "push" | "pull", onlyRuns: boolean) =>
  w.db.select().from(syncRuns).where(and(eq(syncRuns.connectionId, conn.connectionId), eq(syncRuns.direction, direction), onlyRuns ? isNotNull(syncRuns.only) : isNull(syncRuns.only)))
    .orderBy(desc(syncRuns.createdAt));
const finished = (s: string) => ["succeeded", "partial", "failed", "cancelled"].includes(s);

describe("echo suppression (Xero)", () => {
  it("a pushed customer comes back by webhook and by the next incremental pull without a second write on either side", async () => {
    const c = await createCustomer(w.db, w.owner, { name: "Echo Traders Ltd", email: "ap@echo.test" });
    // The outbox trigger pushes it (a push run), Xero applies it and sends its webhook.
    const push = await waitFor(async () => (await runsOf("push", false)).find((r) => finished(r.status) && r.created > 0), { timeoutMs: 150_000 });
    expect(push).toMatchObject({ status: "succeeded", created: 1, failed: 0 });
    const [contact] = books().list("Contacts").filter((r) => r.data.Name === "Echo Traders Ltd");
    expect(contact).toBeDefined();
    const remoteVersion = contact!.updatedAt;
    const contactCount = books().list("Contacts").length;
    const [afterPush] = await w.db.select().from(customers).where(eq(customers.id, c.id));
    const [link] = await w.db.select().from(syncLinks).where(and(eq(syncLinks.connectionId, conn.connectionId), eq(syncLinks.localId, c.id)));
    expect(link!.externalId).toBe(contact!.id);

    // The webhook arrived at the hub's receiver, was verified and processed into a pull of that contact.
    const event = await waitFor(async () => (await w.db.select().from(inboundEvents).where(eq(inboundEvents.connectionId, conn.connectionId)))
      .find((e) => e.status === "processed" && (e.result as { syncRunId?: string } | null)?.syncRunId), { timeoutMs: 150_000 });
    expect(event.provider).toBe("xero");
    const echoRunId = (event.result as { syncRunId: string }).syncRunId;
    const echo = await waitFor(async () => (await runsOf("pull", true)).find((r) => r.id === echoRunId && finished(r.status)), { timeoutMs: 150_000 });
    expect(echo.only).toEqual([{ entity: "customers", externalId: contact!.id }]);
    expect(echo).toMatchObject({ status: "succeeded", created: 0, updated: 0, unchanged: 1, failed: 0 });

    // The next incremental pull reads it again (changed since the last checkpoint) and leaves it.
    const { runId } = await requestRun(w.db, w.owner, conn.connectionId, { direction: "pull", entity: "customers" });
    const incremental = await waitFor(async () => {
      const r = await getRun(w.db, w.owner, runId);
      return finished(r.status) ? r : null;
    }, { timeoutMs: 150_000 });
    expect(incremental).toMatchObject({ status: "succeeded", created: 0, updated: 0, failed: 0 });
    expect(incremental.unchanged).toBeGreaterThanOrEqual(1);

    // Neither side was written again: the app's row, the link's version and Xero's record are as the push left them.
    const [now] = await w.db.select().from(customers).where(eq(customers.id, c.id));
    expect(now!.updatedAt.getTime()).toBe(afterPush!.updatedAt.getTime());
    const [linkNow] = await w.db.select().from(syncLinks).where(eq(syncLinks.id, link!.id));
    expect(linkNow!.remoteVersion).toBe(link!.remoteVersion);
    expect(books().records.Contacts.get(contact!.id)!.updatedAt).toBe(remoteVersion);
    expect(books().list("Contacts")).toHaveLength(contactCount);
    // Nothing is pending a push back, and no push run after the first one created or updated anything.
    expect(await countPending(w.db, w.owner.organisationId, conn.connectionId, "customers")).toBe(0);
    const pushes = await runsOf("push", false);
    expect(pushes.reduce((n, r) => n + r.created + r.updated, 0)).toBe(1);
  }, 400_000);
});
