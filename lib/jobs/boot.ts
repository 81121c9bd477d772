import { inngestConfigured } from "./names";
import type { LocalRunner } from "./runner";

const g = globalThis as typeof globalThis & { __hubJobRunner?: Promise<LocalRunner | null> };

/**
 * Starts the in-process runner once per process, unless Inngest is configured (then Inngest
 * calls /api/inngest instead). Call from instrumentation.ts `register()` in the Node.js runtime.
 */
export function startJobsForServer(): Promise<LocalRunner | null> {
  if (!g.__hubJobRunner) {
    g.__hubJobRunner = (async () => {
      if (inngestConfigured()) return null;
      const [{ getDb }, { startLocalRunner }] = await Promise.all([import("@/lib/db/client"), import("./runner")]);
      return startLocalRunner({ db: await getDb() });
    })();
  }
  return g.__hubJobRunner;
}
