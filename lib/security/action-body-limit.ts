// Server actions' body limit, enforced before Next.js reads the body. Next refuses a larger body
// itself, but answers that refusal with a 500 (its action handler turns every thrown error into
// one); proxy.ts answers 413 from Content-Length instead, so an oversized post is a client error
// and never reaches the action. next.config.ts gives Next the same number.

/** The largest server-action (page POST) body accepted, in bytes: Next's own default of 1 MB. */
export const ACTION_BODY_LIMIT_BYTES = 1024 * 1024;

/**
 * Why a page POST (a server action) is refused before its body is read, or null to let it through.
 * Browsers always send Content-Length with form and fetch bodies; a POST without one (chunked)
 * could stream past the limit unseen, so it is refused with 411.
 */
export function actionBodyRefusal(method: string, headers: Headers): { status: 411 | 413; message: string } | null {
  if (method !== "POST" && method !== "PUT" && method !== "PATCH") return null;
  const raw = headers.get("content-length");
  if (raw === null) {
    return headers.has("transfer-encoding") ? { status: 411, message: "A Content-Length header is required." } : null;
  }
  // RFC 9110: Content-Length is digits only ("1e9", "-1", " 5" are malformed, not numbers).
  const length = /^\d{1,15}$/.test(raw) ? Number(raw) : NaN;
  if (!Number.isSafeInteger(length)) return { status: 411, message: "The Content-Length header is not a valid length." };
  if (length > ACTION_BODY_LIMIT_BYTES) {
    return { status: 413, message: `The request body is ${length} bytes; the limit is ${ACTION_BODY_LIMIT_BYTES} bytes (1 MB).` };
  }
  return null;
}
