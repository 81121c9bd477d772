// Header names that may carry a credential; their values are never stored.
const SECRET_HEADER = /^(authorization|proxy-authorization|cookie|set-cookie)$|secret|token|password|api-?key|session/i;
const MAX_HEADERS = 50;
const MAX_VALUE = 1000;

/** The delivery's headers as stored on the event: credentials dropped, sizes bounded. */
export function storableHeaders(headers: Headers): Record<string, string> {
  const out: Record<string, string> = {};
  let n = 0;
  for (const [name, value] of headers) {
    if (SECRET_HEADER.test(name)) continue;
    if (++n > MAX_HEADERS) break;
    out[name] = value.slice(0, MAX_VALUE);
  }
  return out;
}
