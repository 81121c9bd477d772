import type { JobDefinition } from "./types";

/** The field of a job's data that carries its routing keys, the same under both drivers. */
export const KEYS_FIELD = "_hub";

/** Keys computed from a payload at enqueue time, so the drivers never run job code to route. */
export interface JobKeys {
  concurrency?: string;
  throttle?: string;
  dedupe?: string;
  ordered?: string;
}

/**
 * The data a job travels with: its payload plus `_hub` keys. Inngest's function config reads
 * them as `event.data._hub.concurrency` etc.; the local driver reads them from the pg-boss job.
 */
export function wrapPayload(job: JobDefinition, payload: unknown, dedupe?: string): Record<string, unknown> {
  if (!payload || typeof payload !== "object" || Array.isArray(payload)) {
    throw new Error(`Job "${job.name}": the payload must be an object.`);
  }
  if (dedupe && job.ordered) throw new Error(`Job "${job.name}" is ordered: it takes no dedupe key.`);
  const keys: JobKeys = {
    ...(job.concurrency ? { concurrency: job.concurrency.key(payload) } : {}),
    ...(job.throttle ? { throttle: job.throttle.key(payload) } : {}),
    ...(job.ordered ? { ordered: job.ordered.key(payload) } : {}),
    ...(dedupe ? { dedupe } : {}),
  };
  return { ...(payload as Record<string, unknown>), [KEYS_FIELD]: keys };
}

/** Splits job data back into the payload (to validate) and its keys. */
export function unwrapPayload(data: unknown): { payload: Record<string, unknown>; keys: JobKeys } {
  const { [KEYS_FIELD]: keys, ...payload } = (data ?? {}) as Record<string, unknown>;
  return { payload, keys: (keys ?? {}) as JobKeys };
}
