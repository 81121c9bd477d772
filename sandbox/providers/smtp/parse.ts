/** A message the sandbox SMTP server received, with the few headers the hub cares about. */
export type MailMessage = {
  id: string;
  receivedAt: string;
  envelope: { from: string; to: string[] };
  from: string;
  to: string[];
  subject: string;
  text: string;
  headers: Record<string, string>;
  raw: string;
};

/**
 * Minimal RFC 5322 parsing: unfolds headers, decodes RFC 2047 encoded words in the subject and
 * takes the text/plain part of a multipart body (quoted-printable or base64 decoded). Enough
 * to show and assert on what the hub sent; not a full MIME parser.
 */
export function parseMessage(raw: string, envelopeFrom: string, envelopeTo: string[]): Omit<MailMessage, "id" | "receivedAt" | "envelope"> {
  const { headers, body } = split(raw);
  const to = (headers.to ?? envelopeTo.join(", ")).split(",").map((s) => s.trim()).filter(Boolean);
  const text = textOf(headers, body).replace(/\r\n/g, "\n");
  return { from: headers.from ?? envelopeFrom, to, subject: decodeWords(headers.subject ?? ""), text, headers, raw };
}

function split(raw: string): { headers: Record<string, string>; body: string } {
  const i = raw.search(/\r?\n\r?\n/);
  const head = i < 0 ? raw : raw.slice(0, i);
  const body = i < 0 ? "" : raw.slice(i).replace(/^\r?\n\r?\n/, "");
  const headers: Record<string, string> = {};
  for (const line of head.replace(/\r?\n[ \t]+/g, " ").split(/\r?\n/)) {
    const c = line.indexOf(":");
    if (c > 0) headers[line.slice(0, c).trim().toLowerCase()] = line.slice(c + 1).trim();
  }
  return { headers, body };
}

function decodeWords(s: string): string {
  // RFC 2047: whitespace between two adjacent encoded words is not part of the text.
  return s.replace(/(\?=)\s+(?==\?)/g, "$1").replace(/=\?([^?]+)\?([BbQq])\?([^?]*)\?=/g, (_m, _cs: string, enc: string, text: string) =>
    enc.toUpperCase() === "B" ? Buffer.from(text, "base64").toString("utf8") : decodeQp(text.replace(/_/g, " ")));
}

function decodeQp(s: string): string {
  const bytes = s.replace(/=\r?\n/g, "").replace(/=([0-9A-Fa-f]{2})/g, (_m, h: string) => String.fromCharCode(parseInt(h, 16)));
  return Buffer.from(bytes, "latin1").toString("utf8");
}

function decodeBody(headers: Record<string, string>, body: string): string {
  const enc = (headers["content-transfer-encoding"] ?? "").toLowerCase();
  if (enc === "base64") return Buffer.from(body.replace(/\s+/g, ""), "base64").toString("utf8");
  if (enc === "quoted-printable") return decodeQp(body);
  return body;
}

function textOf(headers: Record<string, string>, body: string): string {
  const type = headers["content-type"] ?? "text/plain";
  const boundary = /boundary="?([^";]+)"?/i.exec(type)?.[1];
  if (!/^multipart\//i.test(type) || !boundary) return decodeBody(headers, body).trim();
  for (const part of body.split(`--${boundary}`).slice(1)) {
    if (part.startsWith("--")) break;
    const p = split(part.replace(/^\r?\n/, ""));
    const t = p.headers["content-type"] ?? "text/plain";
    if (/^multipart\//i.test(t)) return textOf(p.headers, p.body);
    if (/^text\/plain/i.test(t)) return decodeBody(p.headers, p.body).trim();
  }
  return "";
}
