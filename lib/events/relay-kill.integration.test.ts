import { spawn, type ChildProcess } from "node:child_process";
import { once } from "node:events";
import http from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eventConsumptions, outboxEvents } from "@/drizzle/schema";
import { createCustomer } from "@/lib/db/queries/customers";
import { unwrapPayload } from "@/lib/jobs/keys";
import { jobEventName } from "@/lib/jobs/names";
import { executeRows } from "@/lib/jobs/local/rows";
import { waitFor } from "@/lib/jobs/testing";
import { createTestDb } from "@/lib/testing/db";
import { createTenant } from "@/lib/testing/tenants";
import { dispatchEvent, registerConsumer } from "./consumers";
import { dispatchEventJob } from "./dispatch-job";
import { relayToRemote } from "./relay";

// Postgres only (CI runs the suite on both): the relay runs in child processes, and a second
// process cannot open the test's in-memory PGlite (PGlite is one process owning its data).
const onPostgres = process.env.DATABASE_URL ? describe : undefined;

type Received = { id: string; name: string; data: unknown };

onPostgres?.("an Inngest relay process killed between send and mark-sent (kill -9)", () => {
  let t: Awaited<ReturnType<typeof createTestDb>>;
  let server: http.Server;
  const children: ChildProcess[] = [];
  const received: Received[] = [];
  let holdAnswers = true;
  let unregister: () => void = () => undefined;
  const effects = () => executeRows<{ event_id: string }>(t.db, sql`select event_id from relay_kill_effects`);

  beforeAll(async () => {
    t = await createTestDb();
    await t.db.execute(sql`create table relay_kill_effects (n serial primary key, event_id text not null)`);
    unregister = registerConsumer({
      name: "test.relay-kill",
      types: ["customer.created"],
      async handle(event, { tx }) {
        await tx.execute(sql`insert into relay_kill_effects (event_id) values (${event.id})`);
      },
    });
    // Stands in for Inngest's event API (POST /e/{event key}): records each event, then answers
    // as Inngest does — or, while `holdAnswers`, never answers, so the relay is stuck after the
    // send has arrived and before it can mark the row sent.
    server = http.createServer((req, res) => {
      let body = "";
      req.on("data", (c: Buffer) => (body += c.toString()));
      req.on("end", () => {
        if (req.method !== "POST" || req.url !== "/e/test-event-key") {
          res.writeHead(404).end();
          return;
        }
        const events = JSON.parse(body) as Received[];
        received.push(...events);
        if (holdAnswers) return;
        res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ ids: events.map((e) => e.id), status: 200 }));
      });
    });
    server.listen(0, "127.0.0.1");
    await once(server, "listening");
  }, 180_000); // a fresh database can take most of a minute on a loaded machine
  afterAll(async () => {
    for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill("SIGKILL");
    unregister();
    server?.closeAllConnections();
    server?.close();
    await t?.close();
  });

  const relayProcess = (leaseSeconds: number) => {
    const { port } = server.address() as AddressInfo;
    const child = spawn(process.execPath, ["--import", "tsx", path.join(import.meta.dirname, "fixtures/relay-worker.ts"), t.url!, String(leaseSeconds)], {
      cwd: process.cwd(),
      stdio: ["ignore", "pipe", "inherit"],
      env: { ...process.env, INNGEST_BASE_URL: `http://127.0.0.1:${port}/`, INNGEST_EVENT_KEY: "test-event-key", INNGEST_DEV: "" },
    });
    children.push(child);
    return child;
  };

  it("sends the event again (same id) after the lease lapses; the consumer applies it once", async () => {
    const tenant = await createTenant(t.db);
    const customer = await createCustomer(t.db, tenant, { name: "Killed relay" });
    const [event] = await t.db.select().from(outboxEvents).where(eq(outboxEvents.aggregateId, customer.id));
    const row = async () => (await t.db.select().from(outboxEvents).where(eq(outboxEvents.id, event!.id)))[0]!;

    // 1. The first relay leases the row and sends it; the event API holds its answer.
    // Long enough to outlast the kill and the checks below on a loaded machine (3 s lapsed under load ~20).
    const first = relayProcess(12);
    await waitFor(() => received.length >= 1, { timeoutMs: 60_000 });
    expect(received[0]).toMatchObject({ id: event!.id, name: jobEventName(dispatchEventJob.name) });
    first.kill("SIGKILL");
    const [code, signal] = (await once(first, "exit")) as [number | null, string | null];
    expect([code, signal]).toEqual([null, "SIGKILL"]);
    server.closeAllConnections();
    const dead = await row();
    expect(dead.sentAt).toBeNull();
    expect(dead.attempts).toBe(1);
    expect(dead.leaseUntil).not.toBeNull();

    // 2. While the dead relay's lease holds, no relay takes the row.
    expect(await relayToRemote(t.db, async () => { throw new Error("must not send while leased"); })).toBe(0);

    // 3. Once it lapses, a second relay process sends it again, gets Inngest's answer and marks it sent.
    await waitFor(async () => (await executeRows<{ lapsed: boolean }>(t.db, sql`select lease_until < now() as lapsed from outbox_events where id = ${event!.id}`))[0]?.lapsed, { timeoutMs: 30_000 });
    holdAnswers = false;
    const second = relayProcess(60);
    let out = "";
    second.stdout!.on("data", (c: Buffer) => (out += c.toString()));
    const [code2] = (await once(second, "exit")) as [number | null];
    expect(code2).toBe(0);
    expect(out).toContain("relayed 1");
    expect(received.map((e) => e.id)).toEqual([event!.id, event!.id]);
    const sent = await row();
    expect(sent.sentAt).not.toBeNull();
    expect(sent.attempts).toBe(2);

    // 4. Both deliveries reach the consumer (as Inngest would run the dispatch function for each);
    // the (consumer, event id) row keeps the effect single.
    const results = [];
    for (const delivery of received) {
      const { eventId } = dispatchEventJob.schema.parse(unwrapPayload(delivery.data).payload);
      results.push(await dispatchEvent(t.db, eventId));
    }
    expect(results).toEqual([{ ran: ["test.relay-kill"], skipped: [] }, { ran: [], skipped: ["test.relay-kill"] }]);
    expect((await effects()).filter((e) => e.event_id === event!.id)).toHaveLength(1);
    expect(await t.db.select().from(eventConsumptions).where(eq(eventConsumptions.eventId, event!.id))).toHaveLength(1);
  }, 150_000);
});
