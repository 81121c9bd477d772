import type { IncomingMessage, ServerResponse } from "node:http";
import { MAX_JSON_BODY_BYTES } from "@/lib/api/body";
import type { Db } from "@/lib/db/client";
import { API_CSP, baseSecurityHeaders, servedOverHttps } from "@/lib/security/headers";
import { inboundModule } from "./modules";
import { problemAnswer, type InboundAnswer } from "./ingest";
import { receive } from "./receive";

/**
 * The webhook receiver on Node's own HTTP server, in front of Next.js (server/main.ts, what
 * `npm start` runs on a Node host). It answers exactly what the route handlers in
 * app/api/webhooks/[provider] answer — the same `receiveWebhook`, the same 1 MiB cap and 413, the
 * same headers — without Next's router, whose fixed cost per request is most of a delivery's
 * (the Benchmarks issue measured the bare route at a quarter of a plain server's rate). On Vercel,
 * and under `next dev`, the route handlers receive instead.
 */

/** `POST /api/webhooks/{provider}[/{token}]` for a provider with a receiver; anything else is Next's. */
export function webhookTarget(method: string | undefined, url: string | undefined): { provider: string; token?: string } | null {
  if (method !== "POST" || !url?.startsWith("/api/webhooks/")) return null;
  const path = url.split("?", 1)[0]!.slice("/api/webhooks/".length);
  const parts = path.split("/");
  if (parts.length > 2 || parts.some((p) => p === "")) return null;
  let provider: string;
  let token: string | undefined;
  try {
    provider = decodeURIComponent(parts[0]!);
    token = parts[1] === undefined ? undefined : decodeURIComponent(parts[1]);
  } catch {
    return null; // a malformed %-sequence: Next answers it as it would
  }
  // `/api/webhooks/events/…` (the event log's API) and unknown providers stay with Next's router.
  if (!inboundModule(provider)) return null;
  return token === undefined ? { provider } : { provider, token };
}

/** The headers next.config.ts gives every /api answer (lower-cased, so an answer's own override them). */
const API_HEADERS: Record<string, string> = Object.fromEntries([
  ...baseSecurityHeaders({ https: servedOverHttps() }).map((h) => [h.key.toLowerCase(), h.value]),
  ["cache-control", "no-store"],
  ["content-security-policy", API_CSP],
]);

class TooLarge extends Error {}

const utf8 = new TextDecoder();

/** The body, counted as it arrives: past `max` bytes (whatever Content-Length said) it is refused. */
function readBody(req: IncomingMessage, max: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let total = 0;
    req.on("data", (chunk: Buffer) => {
      total += chunk.byteLength;
      if (total > max) {
        req.removeAllListeners("data");
        req.resume(); // drain what is still coming, so the 413 can be read by the sender
        reject(new TooLarge());
        return;
      }
      chunks.push(chunk);
    });
    req.on("end", () => resolve(chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, total)));
    req.on("error", reject);
  });
}

function nodeHeaders(req: IncomingMessage): Headers {
  const headers = new Headers();
  const raw = req.rawHeaders;
  for (let i = 0; i + 1 < raw.length; i += 2) headers.append(raw[i]!, raw[i + 1]!);
  return headers;
}

function send(res: ServerResponse, answer: InboundAnswer): void {
  const body = answer.body === null ? null : Buffer.from(answer.body, "utf8");
  const headers: Record<string, string> = { ...API_HEADERS, ...answer.headers, "content-length": String(body?.byteLength ?? 0) };
  res.writeHead(answer.status, headers).end(body);
}

const tooLarge = () => problemAnswer(413, "payload_too_large", `The request body is larger than ${MAX_JSON_BODY_BYTES} bytes, the API's limit (1 MiB).`);

/**
 * Receives one delivery on the Node server. `db` is the process's database (the same one Next's
 * routes use: lib/db/client keeps it on globalThis). Never throws: a failure is a 503 problem.
 */
export async function receiveNodeWebhook(
  req: IncomingMessage,
  res: ServerResponse,
  target: { provider: string; token?: string },
  db: () => Promise<Db>,
): Promise<void> {
  try {
    const declared = req.headers["content-length"];
    if (declared !== undefined && /^\d+$/.test(declared.trim()) && Number(declared) > MAX_JSON_BODY_BYTES) {
      req.resume();
      return send(res, tooLarge());
    }
    let raw: Buffer;
    try {
      raw = await readBody(req, MAX_JSON_BODY_BYTES);
    } catch (err) {
      if (err instanceof TooLarge) return send(res, tooLarge());
      throw err;
    }
    let database: Db;
    try {
      database = await db();
    } catch (cause) {
      console.error("[hub] database unavailable", cause);
      return send(res, problemAnswer(503, "database_unavailable", "The database is not answering. Try again in a moment."));
    }
    const host = req.headers.host ?? "localhost";
    const request = { headers: nodeHeaders(req), url: `http://${host}${req.url ?? "/"}`, method: "POST" };
    // Decoded as Request.text() decodes (a leading BOM dropped, invalid UTF-8 as U+FFFD): the signature decides.
    send(res, await receive(database, request, { ...target, rawBody: utf8.decode(raw) }));
  } catch (err) {
    console.error("[inbound] the Node receiver failed", err);
    if (!res.headersSent) res.writeHead(503, { "content-type": "application/problem+json", "retry-after": "30" });
    res.end();
  }
}
