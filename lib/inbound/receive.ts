import type { Db } from "@/lib/db/client";
import { log } from "@/lib/log";
import { receiving } from "./drain";
import { ingest, problemAnswer, type InboundAnswer, type InboundRequest, type IngestTarget } from "./ingest";

/**
 * The receivers' top-level catch: a provider never sees a 500. Anything unexpected (the database
 * gone mid-request, a job queue refusing) is logged and answered 503, which every provider
 * treats as "deliver again later"; nothing was stored, so nothing is lost.
 */
export async function receive(db: Db, req: InboundRequest, target: IngestTarget): Promise<InboundAnswer> {
  try {
    return await receiving(() => ingest(db, req, target));
  } catch (err) {
    log.error("[inbound] delivery for", target.provider.slice(0, 64), "failed", err);
    return problemAnswer(503, "webhook_unavailable", "The webhook could not be stored just now. Deliver it again later.", { retryAfterSeconds: 30 });
  }
}

/** `receive` as a fetch `Response` (the route handlers). */
export async function receiveWebhook(db: Db, req: InboundRequest, target: IngestTarget): Promise<Response> {
  const answer = await receive(db, req, target);
  return new Response(answer.body, { status: answer.status, headers: answer.headers });
}
