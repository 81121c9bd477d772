import { fetch as undiciFetch, type Agent } from "undici";
import { findRefusal, guardedDispatcher, policyFromEnv, type AddressPolicy } from "@/lib/net";
import { parseRetryAfter } from "./retry-policy";

/** How long one try may take, connect to last byte. */
export const DELIVERY_TIMEOUT_MS = 15_000;
/** How much of an answer is kept in the attempt log. */
export const RESPONSE_BODY_LIMIT = 20 * 1024;

/** What one try came to. `statusCode` null when no answer arrived (refused, timed out, reset). */
export interface SendResult {
  statusCode: number | null;
  durationMs: number;
  responseBody: string | null;
  error: string | null;
  retryAfterSeconds?: number;
}

// One guarded dispatcher per policy, reused across deliveries so connections are kept alive.
const dispatchers = new Map<string, Agent>();
function dispatcherFor(policy: AddressPolicy): Agent {
  const key = JSON.stringify(policy);
  let d = dispatchers.get(key);
  if (!d) dispatchers.set(key, (d = guardedDispatcher(policy, undefined, DELIVERY_TIMEOUT_MS)));
  return d;
}

/** Reads at most `limit` bytes of a body, then stops reading (a huge answer is never buffered). */
async function readCapped(body: { getReader(): ReadableStreamDefaultReader<Uint8Array> } | null, limit: number): Promise<string> {
  if (!body) return "";
  const reader = body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    while (size < limit) {
      const { done, value } = await reader.read();
      if (done) break;
      chunks.push(value);
      size += value.byteLength;
    }
  } finally {
    await reader.cancel().catch(() => undefined);
  }
  return Buffer.concat(chunks).subarray(0, limit).toString("utf8");
}

/**
 * POSTs one signed message through the outbound network guard (admitted addresses only, checked
 * at connect time; redirects are not followed — a 3xx is a failure like any non-2xx). Never
 * throws: every outcome is a SendResult for the attempt log.
 */
export async function sendMessage(
  url: string,
  body: string,
  headers: Record<string, string>,
  opts: { policy?: AddressPolicy; timeoutMs?: number } = {},
): Promise<SendResult> {
  const started = performance.now();
  const took = () => Math.round(performance.now() - started);
  const timeoutMs = opts.timeoutMs ?? DELIVERY_TIMEOUT_MS;
  const signal = AbortSignal.timeout(timeoutMs);
  try {
    const res = await undiciFetch(url, {
      method: "POST",
      body,
      headers: { ...headers, "content-type": "application/json", "user-agent": "integration-hub-webhooks/1" },
      redirect: "manual",
      dispatcher: dispatcherFor(opts.policy ?? policyFromEnv()),
      signal,
    });
    const responseBody = await readCapped(res.body, RESPONSE_BODY_LIMIT);
    return {
      statusCode: res.status,
      durationMs: took(),
      responseBody,
      error: res.status >= 200 && res.status < 300 ? null : `HTTP ${res.status}`,
      retryAfterSeconds: parseRetryAfter(res.headers.get("retry-after")),
    };
  } catch (err) {
    const refused = findRefusal(err);
    const message = refused
      ? refused.message
      : signal.aborted
        ? `No answer within ${timeoutMs >= 1000 ? `${Math.round(timeoutMs / 1000)} s` : `${timeoutMs} ms`}`
        : `Could not reach the endpoint: ${describe(err)}`;
    return { statusCode: null, durationMs: took(), responseBody: null, error: message };
  }
}

/** A short, secret-free description of a network error (its code, else its message). */
function describe(err: unknown): string {
  for (let e = err, depth = 0; e && depth < 4; e = (e as { cause?: unknown }).cause, depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === "string") return code;
  }
  return err instanceof Error ? err.message.slice(0, 200) : "unknown error";
}
