import { ApiError } from "./problem";

/** The largest JSON body any `/api` route accepts: 1 MiB (1,048,576 bytes). */
export const MAX_JSON_BODY_BYTES = 1024 * 1024;

/** Whether a Content-Type header names JSON (`application/json`, any parameters such as charset). */
export function isJsonContentType(value: string | null): boolean {
  return value?.split(";")[0]?.trim().toLowerCase() === "application/json";
}

const tooLarge = (max: number) =>
  new ApiError(413, "payload_too_large", `The request body is larger than ${max} bytes, the API's limit (1 MiB).`);

/**
 * Refuses a body whose declared Content-Length is over `max` before anything is read. Called for
 * every request, also on routes that take no body, so a huge upload is refused early.
 */
export function assertDeclaredLength(req: Request, max = MAX_JSON_BODY_BYTES): void {
  const declared = req.headers.get("content-length");
  if (declared !== null && /^\d+$/.test(declared.trim()) && Number(declared) > max) throw tooLarge(max);
}

/** Reads the body stream, counting bytes; stops and refuses as soon as it passes `max`. */
async function readBounded(req: Request, max: number): Promise<Uint8Array> {
  if (!req.body) return new Uint8Array(0);
  const reader = req.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > max) {
      // Content-Length can be absent (chunked) or lie, so the count is what decides.
      await reader.cancel().catch(() => {});
      throw tooLarge(max);
    }
    chunks.push(value);
  }
  const out = new Uint8Array(total);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.byteLength;
  }
  return out;
}

/**
 * The request's JSON body, read with a byte limit. A Content-Type other than `application/json`
 * is refused with 415 (a text/plain or form post is how cross-site forms smuggle a body in); an
 * empty body without a Content-Type is `undefined` (the schema decides whether that is fine);
 * bytes that are not UTF-8 or not JSON are a 400 `invalid_json`.
 */
export async function readJsonBody(req: Request, max = MAX_JSON_BODY_BYTES): Promise<unknown> {
  const type = req.headers.get("content-type");
  if (type !== null && !isJsonContentType(type)) {
    throw new ApiError(415, "unsupported_media_type", "Send the body as JSON with the header Content-Type: application/json.");
  }
  assertDeclaredLength(req, max);
  const bytes = await readBounded(req, max);
  if (bytes.byteLength === 0) return undefined;
  if (type === null) {
    throw new ApiError(415, "unsupported_media_type", "Send the body as JSON with the header Content-Type: application/json.");
  }
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    throw new ApiError(400, "invalid_json", "The request body is not valid UTF-8.");
  }
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new ApiError(400, "invalid_json", "The request body is not valid JSON.");
  }
}

/**
 * The request's body as text, read once with a byte limit (413 past it), for endpoints that must
 * see the exact bytes a signature covers (inbound webhooks). Decoded like `Request.text()`.
 */
export async function readTextBody(req: Request, max = MAX_JSON_BODY_BYTES): Promise<string> {
  assertDeclaredLength(req, max);
  return new TextDecoder().decode(await readBounded(req, max));
}

/** Reads and drops the body of a route that takes none, refusing one over `max` bytes (413). */
export async function discardBody(req: Request, max = MAX_JSON_BODY_BYTES): Promise<void> {
  await readBounded(req, max);
}
