import { IntegrationError, safeProviderMessage } from "./errors";

/** Retry timing the provider sent: Retry-After seconds or HTTP date, else a reset header. */
export function retryAfterSeconds(res: Response, header = "retry-after"): number | undefined {
  const v = res.headers.get(header);
  if (!v) return undefined;
  const n = Number(v);
  if (Number.isFinite(n)) return Math.max(0, Math.ceil(n));
  const when = Date.parse(v);
  return Number.isNaN(when) ? undefined : Math.max(0, Math.ceil((when - Date.now()) / 1000));
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
 * fetch() for provider calls: network failures, 429, 401 and 5xx become IntegrationErrors; a
 * 2xx answer's JSON is returned. `onClientError` decides what a 4xx other than 401/429 means
 * (default PROVIDER_ERROR, not retryable).
 */
export async function providerJson<T = unknown>(
  url: string,
  init: RequestInit & { timeoutMs?: number; retryAfterHeader?: string; unauthorized?: "AUTH_EXPIRED" | "INVALID_CREDENTIALS" | "NEEDS_REAUTH" } = {},
): Promise<T> {
  let res: Response;
  try {
    res = await fetch(url, { ...init, signal: AbortSignal.timeout(init.timeoutMs ?? 15_000) });
  } catch (cause) {
    throw new IntegrationError("PROVIDER_UNREACHABLE", { cause });
  }
  const body = await readJson(res);
  if (res.ok) return body as T;
  const { code, message } = providerReason(body);
  if (res.status === 429) {
    throw new IntegrationError("RATE_LIMITED", { providerCode: code, retryAfterSeconds: retryAfterSeconds(res, init.retryAfterHeader) });
  }
  if (res.status === 401) {
    throw new IntegrationError(init.unauthorized ?? "AUTH_EXPIRED", { providerCode: code, providerMessage: message });
  }
  if (res.status >= 500) throw new IntegrationError("PROVIDER_ERROR", { providerCode: code ?? String(res.status) });
  throw new IntegrationError("PROVIDER_ERROR", { providerCode: code ?? String(res.status), providerMessage: message, retryable: false });
}

export const basicAuth = (user: string, pass: string) => "Basic " + Buffer.from(`${user}:${pass}`).toString("base64");
