import { z } from "zod";

/** A failed call as the screens show it: the API's plain message, its code and per-field issues. */
export interface ApiFailure {
  ok: false;
  status: number;
  code: string;
  message: string;
  fields: Record<string, string[]>;
}

/** The outcome of one call to the integrations API. */
export type ApiResult<T> = { ok: true; data: T } | ApiFailure;

// The API answers failures with application/problem+json `{ code, detail, errors?: [{ path, message }] }`
// and successes with `{ data }` (single resources and actions) or `{ data, page }` (lists).
const problemBody = z.object({
  code: z.string().default("error"),
  detail: z.string().default("The request failed."),
  errors: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
});

/** Field messages keyed by the top-level field, as the forms show them. */
function fieldsOf(errors: { path: string; message: string }[] = []): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const e of errors) (out[e.path.split(".")[0] || "_"] ??= []).push(e.message);
  return out;
}

const fallbackMessage = (status: number) =>
  status === 403
    ? "Only owners and admins can change integrations."
    : status === 401
      ? "Your session ended. Sign in again."
      : "The hub could not complete this. Try again in a moment.";

/** The HTTP methods the screens call the API with. */
export type ApiMethod = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";

/** Calls the integrations API from the browser and validates the answer's `data` with `schema`. */
export async function callApi<T>(method: ApiMethod, url: string, schema: z.ZodType<T>, body?: unknown): Promise<ApiResult<T>> {
  const res = await callApiBody(method, url, z.object({ data: schema }), body);
  return res.ok ? { ok: true, data: res.data.data } : res;
}

/**
 * Calls the API and validates the whole answer with `schema` — for lists, whose `{ data, page }`
 * envelope carries the cursor beside the rows.
 */
export async function callApiBody<T>(method: ApiMethod, url: string, schema: z.ZodType<T>, body?: unknown): Promise<ApiResult<T>> {
  let res: Response;
  try {
    res = await fetch(url, {
      method,
      headers: body === undefined ? undefined : { "content-type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
      credentials: "same-origin",
    });
  } catch {
    return { ok: false, status: 0, code: "network", message: "The hub could not be reached. Check your connection and try again.", fields: {} };
  }
  const json: unknown = await res.json().catch(() => null);
  if (!res.ok) {
    const p = problemBody.safeParse(json);
    if (p.success) return { ok: false, status: res.status, code: p.data.code, message: p.data.detail, fields: fieldsOf(p.data.errors) };
    return { ok: false, status: res.status, code: "error", message: fallbackMessage(res.status), fields: {} };
  }
  const parsed = schema.safeParse(json);
  if (parsed.success) return { ok: true, data: parsed.data };
  return { ok: false, status: res.status, code: "bad_response", message: "The hub answered in an unexpected way. Reload the page.", fields: {} };
}

/** POST /api/integrations/[provider]/connect for OAuth providers answers with where to send the browser. */
export const redirectSchema = z.object({ redirectUrl: z.url() });

/** Any JSON object: for calls whose answer the screen does not read (it refreshes instead). */
export const anyObject = z.looseObject({});

/** The integrations API path of a provider (ids are registry ids, so encoding is belt and braces). */
export const apiPath = (provider: string, rest = "") => `/api/integrations/${encodeURIComponent(provider)}${rest}`;

/** The API path of one connection. */
export const connectionApiPath = (id: string, rest = "") => `/api/connections/${encodeURIComponent(id)}${rest}`;

const connectionRef = z.looseObject({ id: z.string() });

/**
 * A connect answer (`{ data: connection }`) or a tenant choice answer (`{ data: [connection], page }`),
 * read as the connection(s) it made, so the screen can open them.
 */
export const connectedSchema = z.union([
  z.array(connectionRef).transform((connections) => ({ connection: connections[0], connections })),
  connectionRef.transform((connection) => ({ connection, connections: [connection] })),
]);
