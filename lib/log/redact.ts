// One redactor for every log line the hub writes: OAuth callback query strings, token-like
// parameters and fields, bearer headers and provider key shapes never reach a log.

/** Parameter and field names whose values are secrets (matched case-insensitively). */
export const SECRET_NAMES = [
  "code",
  "state",
  "token",
  "access_token",
  "refresh_token",
  "id_token",
  "client_secret",
  "password",
  "pass",
  "api_key",
  "apikey",
  "secret",
  "code_verifier",
  "authorization",
  "cookie",
  "accesstoken",
  "refreshtoken",
  "clientsecret",
] as const;

const NAMES = SECRET_NAMES.join("|");
const MASK = "[redacted]";

// name=value in URLs, form bodies and "key=value" log text.
const QUERY = new RegExp(`([?&;\\s,(]|^)(${NAMES})=([^&\\s"'<>;,)]*)`, "gi");
// "name": "value" in JSON text.
const JSON_FIELD = new RegExp(`("(?:${NAMES})"\\s*:\\s*)"(?:[^"\\\\]|\\\\.)*"`, "gi");
// name: value in util.inspect output ({ password: 'x' }).
const INSPECT_FIELD = new RegExp(`((?:^|[{,\\s])(?:${NAMES})\\s*:\\s*)'(?:[^'\\\\]|\\\\.)*'`, "gi");
const BEARER = /\b(Bearer|Basic)\s+[A-Za-z0-9._~+/=-]{8,}/g;
// Key shapes: the hub's own API keys, Stripe, Slack, webhook secrets, JWTs.
const SHAPES = [
  /\bhub_sk_[A-Za-z0-9]{8,}/g,
  /\b(sk|rk|pk)_(test|live)_[A-Za-z0-9]{8,}/g,
  /\bwhsec_[A-Za-z0-9+/=]{8,}/g,
  /\bxox[abpre]-[A-Za-z0-9-]{8,}/g,
  /\beyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}/g,
];

/** Redacts secrets in free text (a URL, a message, a stack, serialised JSON). */
export function redactText(text: string): string {
  let out = text
    .replace(QUERY, (_m, pre: string, name: string) => `${pre}${name}=${MASK}`)
    .replace(JSON_FIELD, (_m, pre: string) => `${pre}"${MASK}"`)
    .replace(INSPECT_FIELD, (_m, pre: string) => `${pre}'${MASK}'`)
    .replace(BEARER, (_m, scheme: string) => `${scheme} ${MASK}`);
  for (const shape of SHAPES) out = out.replace(shape, MASK);
  return out;
}

const secretKey = new RegExp(`^(${NAMES})$`, "i");

/** A log argument as redacted text: errors with message, stack and cause; objects as JSON with secret fields masked. */
export function redactValue(value: unknown, depth = 0): string {
  if (typeof value === "string") return redactText(value);
  if (value instanceof Error) {
    const head = value.stack ?? `${value.name}: ${value.message}`;
    const cause = value.cause !== undefined && depth < 3 ? `\n  [cause] ${redactValue(value.cause, depth + 1)}` : "";
    return redactText(head) + cause;
  }
  if (value === null || typeof value !== "object") return String(value);
  try {
    const seen = new WeakSet<object>();
    return redactText(
      JSON.stringify(value, (key, v: unknown) => {
        if (key && secretKey.test(key) && v !== null && v !== undefined && v !== "") return MASK;
        if (v && typeof v === "object") {
          if (seen.has(v)) return "[circular]";
          seen.add(v);
        }
        if (v instanceof URL) return v.toString();
        return v;
      }),
    );
  } catch {
    return "[unserialisable]";
  }
}

/** Formats console-style arguments into one redacted line. */
export function redactArgs(args: unknown[]): string {
  return args.map((a) => redactValue(a)).join(" ");
}
