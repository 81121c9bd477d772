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
  const ids = ascendingIds(payloads.length);
  const rows = payloads.map((p, i) => {
    const data = wrapPayload(job, p);
    return { id: ids[i], data, ...jobOptionsOf(data) };
  });
  await boss.insert(job.name, rows, opts.tx ? { db: inTransaction(opts.tx) } : {});
}

/**
 * UUIDv7-shaped ids that sort in the order given. Jobs inserted in one transaction share its
 * `created_on`, and pg-boss breaks that tie by id (key_strict_fifo heads), so random ids would
 * shuffle a batch; these keep the outbox's order.
 */
function ascendingIds(n: number): string[] {
  const ms = Date.now().toString(16).padStart(12, "0");
  return Array.from({ length: n }, (_, i) => {
    const rand = randomUUID().replace(/-/g, "");
    const counter = (0x7000 + (i & 0xfff)).toString(16);
    const variant = ((parseInt(rand[16]!, 16) & 0x3) | 0x8).toString(16);
    const hex = ms + counter + variant + rand.slice(17, 32);
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
  });
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
