import type { CallPacer, ProviderEndpoints } from "@/integrations/hook-types";
import { headerSeconds, providerPacer } from "@/lib/providers/pacer";
import { IntegrationError, safeProviderMessage } from "./errors";

/** Retry timing the provider sent: Retry-After seconds or HTTP date, else a reset header. */
export function retryAfterSeconds(res: Response, header = "retry-after"): number | undefined {
  const s = headerSeconds(res.headers, header);
  return s === undefined ? undefined : Math.ceil(s);
}

/** Best-effort reading of a provider's error body into (code, reason) without trusting its shape. */
export function providerReason(body: unknown): { code?: string; message?: string } {
  if (!body || typeof body !== "object") return { message: safeProviderMessage(body) };
  const b = body as Record<string, unknown>;
  const nested = (b.error && typeof b.error === "object" ? b.error : undefined) as Record<string, unknown> | undefined;
  const code = [b.error, nested?.code, nested?.type, b.code, b.Type].find((x) => typeof x === "string") as string | undefined;
  const message = [nested?.message, b.error_description, b.message, b.Detail, b.Message].find((x) => typeof x === "string");
  return { code, message: safeProviderMessage(message) };
}

async function readJson(res: Response): Promise<unknown> {
  const text = await res.text();
  try {
    return JSON.parse(text);
  } catch {
    return text.slice(0, 300);
  }
}

/**
 * Pacing for one call: whose budget it spends. `endpoints` carries the manifest's rate-limit
 * headers and budgets (every hook has it in its context); `account` is the provider account the
 * budget belongs to (Xero tenant id, QuickBooks realm id…).
 */
export type Pace = { endpoints: Pick<ProviderEndpoints, "provider" | "rateLimit">; account: string; pacer?: CallPacer };

export type ProviderRequestInit = RequestInit & {
  timeoutMs?: number;
  /** Overrides the manifest's Retry-After header name (without `pace`). */
  retryAfterHeader?: string;
  unauthorized?: "AUTH_EXPIRED" | "INVALID_CREDENTIALS" | "NEEDS_REAUTH";
  pace?: Pace;
};

/**
 * The one provider HTTP client. With `pace` it waits for the account's budget before sending and
 * reads the manifest's rate-limit headers on every answer; a 429 pauses the account for its
 * Retry-After and becomes RATE_LIMITED with `retryAfterSeconds` (jobs retry after that long).
 * Network failures become PROVIDER_UNREACHABLE. Other answers are returned as they are.
 */
export async function providerFetch(url: string, init: ProviderRequestInit = {}): Promise<Response> {
  const { timeoutMs, retryAfterHeader, unauthorized: _unauthorized, pace, ...request } = init;
  void _unauthorized;
  const key = pace && { provider: pace.endpoints.provider, account: pace.account };
  const pacer = pace?.pacer ?? providerPacer;
  if (pace && key) await pacer.acquire(key, pace.endpoints.rateLimit);
  let res: Response;
  try {
    res = await fetch(url, { ...request, signal: AbortSignal.timeout(timeoutMs ?? 15_000) });
  } catch (cause) {
    throw new IntegrationError("PROVIDER_UNREACHABLE", { cause });
  }
  if (pace && key) await pacer.observe(key, pace.endpoints.rateLimit, res.headers);
  if (res.status === 429) {
    const wait = retryAfterSeconds(res, pace?.endpoints.rateLimit.retryAfterHeader ?? retryAfterHeader);
    // Without a Retry-After, a second is the least a polite client waits.
    if (pace && key) await pacer.pause(key, wait ?? 1, pace.endpoints.rateLimit);
    const { code } = providerReason(await readJson(res));
    throw new IntegrationError("RATE_LIMITED", { providerCode: code, retryAfterSeconds: wait });
  }
  return res;
}

/**
 * providerFetch for JSON APIs: 401 and 5xx become IntegrationErrors; a 2xx answer's JSON is
 * returned; any other 4xx is PROVIDER_ERROR (not retryable) with the provider's reason.
 */
export async function providerJson<T = unknown>(url: string, init: ProviderRequestInit = {}): Promise<T> {
  const res = await providerFetch(url, init);
  const body = await readJson(res);
  if (res.ok) return body as T;
  const { code, message } = providerReason(body);
  if (res.status === 401) {
    throw new IntegrationError(init.unauthorized ?? "AUTH_EXPIRED", { providerCode: code, providerMessage: message });
  }
  if (res.status >= 500) throw new IntegrationError("PROVIDER_ERROR", { providerCode: code ?? String(res.status) });
  throw new IntegrationError("PROVIDER_ERROR", { providerCode: code ?? String(res.status), providerMessage: message, retryable: false });
}

export const basicAuth = (user: string, pass: string) => "Basic " + Buffer.from(`${user}:${pass}`).toString("base64");
