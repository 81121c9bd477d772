import { randomUUID } from "node:crypto";
import type { PgBoss } from "pg-boss";
import type { DbOrTx } from "@/lib/db/client";
import { KEYS_FIELD, wrapPayload, type JobKeys } from "../keys";
import type { JobDefinition } from "../types";
import { inTransaction } from "./adapter";
import { ensureQueue } from "./boss";

/** What the local driver needs to send one job. */
export interface LocalSend {
  runAt?: Date;
  key?: string;
  /** Send inside this transaction: the job exists exactly when the caller's change commits. */
  tx?: DbOrTx;
}

/**
 * Sends a validated payload to the job's pg-boss queue. Returns the job id, or null when a job
 * with the same dedupe key is already waiting, retrying or running (the queue is `exclusive`).
 */
export async function sendLocal(boss: PgBoss, job: JobDefinition, payload: unknown, opts: LocalSend = {}): Promise<string | null> {
  await ensureQueue(boss, job);
  const data = wrapPayload(job, payload, opts.key);
  return boss.send(job.name, data, {
    ...jobOptionsOf(data),
    ...(opts.runAt ? { startAfter: opts.runAt } : {}),
    ...(opts.tx ? { db: inTransaction(opts.tx) } : {}),
  });
}

/** Several jobs of one definition in one INSERT (the outbox relay's batch), optionally in a transaction. */
export async function sendLocalMany(boss: PgBoss, job: JobDefinition, payloads: unknown[], opts: { tx?: DbOrTx } = {}): Promise<void> {
  if (payloads.length === 0) return;
  await ensureQueue(boss, job);
  const rows = payloads.map((p) => {
    const data = wrapPayload(job, p);
    return { data, ...jobOptionsOf(data) };
  });
  await boss.insert(job.name, rows, opts.tx ? { db: inTransaction(opts.tx) } : {});
}

/** pg-boss options carrying a job's keys: singleton key (dedupe or order) and group (concurrency). */
function jobOptionsOf(data: Record<string, unknown>) {
  const keys = data[KEYS_FIELD] as JobKeys;
  return {
    // Without a dedupe key a unique one: the exclusive policy must not make keyless jobs collide.
    singletonKey: keys.ordered ?? keys.dedupe ?? `~${randomUUID()}`,
    ...(keys.concurrency ? { group: { id: keys.concurrency } } : {}),
  };
}
