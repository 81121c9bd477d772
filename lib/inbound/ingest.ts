import { createHash } from "node:crypto";
import type { Credentials, InboundBody, InboundDelivery } from "@/integrations/hook-types";
import { getProvider } from "@/integrations";
import { PROBLEM_CONTENT_TYPE, problemBody } from "@/lib/api/problem";
import { openCredentials } from "@/lib/connections/credentials";
import { resolveEndpoints } from "@/lib/connections/endpoints";
import type { Db } from "@/lib/db/client";
import { log } from "@/lib/log";
import { parseBody } from "./body";
import { storableHeaders } from "./headers";
import { inboundModule, type InboundModule } from "./modules";
import { insertAndEnqueue } from "./enqueue";
import { takeDelivery } from "./rate-limit";
import { effectiveSecret } from "./secrets";
import { routeDelivery } from "./routing";
import { countRejected, findByToken, type Candidate } from "./store";
import { hashToken } from "./token";
import { verifiers, type VerifyResult } from "./verify";

const MAX_ID = 200;

/** The parts of the HTTP request a receiver reads besides the body (a fetch `Request` has them). */
export type InboundRequest = Pick<Request, "headers" | "url" | "method">;

/**
 * A receiver's answer as plain data: the route handlers turn it into a `Response`, the Node
 * receiver writes it straight to the socket (building and re-reading a Response per delivery
 * costs more than the rest of the answer).
 */
export type InboundAnswer = { status: number; headers: Record<string, string>; body: string | null };

/** A problem+json answer (lib/api/problem's body, content type, no caching, Retry-After). */
export function problemAnswer(status: number, code: string, detail: string, extra: { retryAfterSeconds?: number } = {}): InboundAnswer {
  const headers: Record<string, string> = { "content-type": PROBLEM_CONTENT_TYPE, "cache-control": "no-store" };
  if (extra.retryAfterSeconds) headers["retry-after"] = String(extra.retryAfterSeconds);
  return { status, headers, body: JSON.stringify(problemBody(status, code, detail, extra)) };
}

const bare = (status: number): InboundAnswer => ({ status, headers: {}, body: null });

/** What the route knows before reading the delivery. */
export type IngestTarget = { provider: string; token?: string; rawBody: string; now?: number };

/**
 * Receives one delivery: unknown provider 404 → route to connections (by the account ids in the
 * payload, or the URL token) → per-connection rate limit (429 + Retry-After) → verify on the raw
 * bytes with each connection's secret or the environment's (401, counted per connection) → bad
 * JSON 400 → INSERT … ON CONFLICT DO NOTHING per verified connection → a processing job per new
 * row → 2xx. Processing never happens here: providers give 3–10 s and retry on anything else.
 */
export async function ingest(db: Db, req: InboundRequest, target: IngestTarget): Promise<InboundAnswer> {
  const mod = inboundModule(target.provider);
  if (!mod) return problemAnswer(404, "unknown_provider", `No webhook receiver for "${target.provider.slice(0, 64)}".`);
  const empty = mod.scheme === "xero-signature"; // Xero wants bare statuses, no body
  const now = target.now ?? Date.now();
  const body = parseBody(target.rawBody, req.headers);
  const delivery = describe(mod, body);

  let candidates: Candidate[];
  if (target.token !== undefined) {
    const found = /^[A-Za-z0-9_-]{20,100}$/.test(target.token) ? await findByToken(db, target.provider, hashToken(target.token)) : undefined;
    if (!found) return problemAnswer(404, "unknown_webhook_url", "This webhook URL is not known. Copy it again from the connection's Webhooks tab.");
    candidates = [found];
  } else if (mod.tokenOnly) {
    return problemAnswer(404, "webhook_url_required", `${mod.name} webhooks are received on each connection's own URL (its Webhooks tab).`);
  } else {
    candidates = await routeDelivery(db, target.provider, delivery.accountIds);
  }

  const retryAfter = await takeDelivery(candidates.length ? candidates.map((c) => c.id) : [`provider:${target.provider}`]);
  if (retryAfter !== null) {
    await countRejected(db, candidates);
    return problemAnswer(429, "too_many_deliveries", `Too many deliveries for this connection. Try again in ${retryAfter} seconds.`, { retryAfterSeconds: retryAfter });
  }

  const verified = await verify(mod, req, target, body, candidates, now);
  if (!verified.ok) {
    await countRejected(db, candidates);
    if (empty) return bare(401);
    return problemAnswer(401, "invalid_signature", signatureMessage(verified.reason));
  }
  if (body.json === undefined) return problemAnswer(400, "invalid_json", "The webhook body is not valid JSON.");
  if (target.rawBody.includes("\u0000")) return problemAnswer(400, "invalid_body", "The webhook body holds a NUL byte.");

  let duplicate = false;
  if (delivery.store !== false && verified.connections.length) {
    const eventId = (delivery.eventId || `sha256:${createHash("sha256").update(target.rawBody).digest("hex")}`).slice(0, MAX_ID);
    const headers = storableHeaders(req.headers);
    const rows = verified.connections.map((c) => ({
      organisationId: c.organisationId, connectionId: c.id, provider: target.provider, eventId,
      type: (delivery.type || "unknown").slice(0, MAX_ID), headers, body: target.rawBody, receivedAt: new Date(now),
    }));
    const inserted = await insertAndEnqueue(db, rows);
    duplicate = inserted === 0;
  }
  if (delivery.reply) return { status: delivery.reply.status, headers: { "content-type": delivery.reply.contentType ?? "text/plain" }, body: delivery.reply.body };
  if (empty) return bare(200);
  return { status: 200, headers: { "content-type": "application/json", "cache-control": "no-store" }, body: JSON.stringify({ received: true, duplicate }) };
}

function describe(mod: InboundModule, body: InboundBody): InboundDelivery {
  try {
    const d = mod.describe(body);
    return { ...d, accountIds: [...new Set(d.accountIds.filter((a) => typeof a === "string" && a.length > 0 && a.length <= 200))] };
  } catch {
    // A body the provider's parser cannot read names no account; verification decides the answer.
    return { accountIds: [], type: "unknown" };
  }
}

type Verified = { ok: true; connections: Candidate[] } | { ok: false; reason: Exclude<VerifyResult, { ok: true }>["reason"] };

/**
 * Verifies the delivery with each candidate's effective secret (its own, else the environment's),
 * each distinct secret once; the connections whose secret verifies are the delivery's. With no
 * candidate (a handshake, an account not connected here) the environment's secret alone decides.
 */
async function verify(mod: InboundModule, req: InboundRequest, target: IngestTarget, body: InboundBody, candidates: Candidate[], now: number): Promise<Verified> {
  const bySecret = new Map<string, Candidate[]>();
  const envOnly = effectiveSecret(target.provider, "", null).secret;
  for (const c of candidates) {
    let secret: string | undefined;
    try {
      ({ secret } = effectiveSecret(target.provider, c.id, c.signingSecret));
    } catch (err) {
      // A secret sealed under a key no longer in the keyring: that connection cannot verify.
      log.warn("[inbound] signing secret of", c.id, "could not be opened", String(err));
    }
    if (!secret) continue;
    bySecret.set(secret, [...(bySecret.get(secret) ?? []), c]);
  }
  if (!candidates.length && envOnly) bySecret.set(envOnly, []);
  if (!bySecret.size) return { ok: false, reason: "missing_signature" };
  const matched: Candidate[] = [];
  let reason: Exclude<VerifyResult, { ok: true }>["reason"] = "bad_signature";
  let any = false;
  for (const [secret, group] of bySecret) {
    const result = mod.scheme === "paypal-verify-api"
      ? await verifyWithProvider(mod, target.provider, secret, group, body)
      : (verifiers[mod.scheme]?.({ raw: target.rawBody, headers: req.headers, secret, url: req.url, method: req.method, now }) ?? { ok: false as const, reason: "bad_signature" as const });
    if (result.ok) {
      any = true;
      matched.push(...group);
    } else if (result.reason !== "bad_signature") reason = result.reason;
  }
  return any ? { ok: true, connections: matched } : { ok: false, reason };
}

/** PayPal: its verify-webhook-signature API confirms the delivery (a network call, outside any transaction). */
async function verifyWithProvider(mod: InboundModule, provider: string, webhookId: string, group: Candidate[], body: InboundBody): Promise<VerifyResult> {
  if (!mod.verifyByApi) return { ok: false, reason: "bad_signature" };
  const manifest = getProvider(provider)!.manifest;
  const withCreds = group.find((c) => c.credentials);
  let creds: Credentials | null = null;
  if (withCreds) {
    try {
      creds = openCredentials(withCreds.id, withCreds.credentials!);
    } catch (err) {
      log.warn("[inbound] credentials of", withCreds.id, "could not be opened", String(err));
    }
  }
  try {
    return (await mod.verifyByApi({ endpoints: resolveEndpoints(manifest) }, { creds, webhookId, body })) ? { ok: true } : { ok: false, reason: "bad_signature" };
  } catch (err) {
    log.warn("[inbound] PayPal verification call failed", String(err));
    return { ok: false, reason: "bad_signature" };
  }
}

function signatureMessage(reason: string): string {
  if (reason === "stale_timestamp") return "The webhook's timestamp is more than 5 minutes from now.";
  if (reason === "missing_signature") return "The webhook carries no signature this receiver can check.";
  return "The webhook's signature does not match.";
}
