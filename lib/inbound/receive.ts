import { problem } from "@/lib/api/problem";
import type { Db } from "@/lib/db/client";
import { log } from "@/lib/log";
import { ingest, type IngestTarget } from "./ingest";

/**
 * The receivers' top-level catch: a provider never sees a 500. Anything unexpected (the database
 * gone mid-request, a job queue refusing) is logged and answered 503, which every provider
 * treats as "deliver again later"; nothing was stored, so nothing is lost.
 */
export async function receiveWebhook(db: Db, req: Request, target: IngestTarget): Promise<Response> {
  try {
    return await ingest(db, req, target);
  } catch (err) {
    log.error("[inbound] delivery for", target.provider.slice(0, 64), "failed", err);
    return problem(503, "webhook_unavailable", "The webhook could not be stored just now. Deliver it again later.", { retryAfterSeconds: 30 });
  }
}
