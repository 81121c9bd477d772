/**
 * The Email provider's SMTP server: smtp-server on SANDBOX_SMTP_PORT requiring AUTH PLAIN or
 * LOGIN with the demo credentials. Received messages are kept in memory and shown at
 * `GET /_mail` (HTML) and `GET /_mail/messages` (JSON); `DELETE /_mail/messages` clears them.
 */
import { randomUUID } from "node:crypto";
import { SMTPServer } from "smtp-server";
import { sandboxApps } from "../../config";
import type { Emulator, SandboxContext } from "../../core/context";
import { html, json } from "../../core/http";
import { parseMessage, type MailMessage } from "./parse";

export type SmtpEmulator = Emulator & { messages: MailMessage[]; port(): number };

const esc = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

export function createSmtpEmulator(): SmtpEmulator {
  const messages: MailMessage[] = [];
  let server: SMTPServer | undefined;
  let boundPort = 0;

  return {
    id: "smtp",
    messages,
    port: () => boundPort,
    mount(ctx) {
      ctx.router.get("/_mail/messages", () => json(200, { messages }));
      ctx.router.delete("/_mail/messages", () => {
        messages.length = 0;
        return json(200, { cleared: true });
      });
      ctx.router.get("/_mail", () => html(200, `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Sandbox mail</title>
<style>body{font-family:system-ui,sans-serif;max-width:50rem;margin:2rem auto;padding:0 1rem}article{border:1px solid #ddd;border-radius:6px;padding:1rem;margin:1rem 0}pre{white-space:pre-wrap}</style></head>
<body><h1>Mail received by the sandbox (${messages.length})</h1>${messages.length === 0 ? "<p>No mail yet.</p>" : ""}
${[...messages].reverse().map((m) => `<article><h2>${esc(m.subject)}</h2><p>From ${esc(m.from)} to ${esc(m.to.join(", "))} · ${esc(m.receivedAt)}</p><pre>${esc(m.text)}</pre></article>`).join("\n")}</body></html>`));
    },
    async start(ctx: SandboxContext) {
      server = new SMTPServer({
        secure: false,
        authMethods: ["PLAIN", "LOGIN"],
        // A local development server without TLS: allow AUTH over plain text, offer no STARTTLS.
        allowInsecureAuth: true,
        disabledCommands: ["STARTTLS"],
        banner: "Integration hub sandbox SMTP",
        logger: false,
        size: 10 * 1024 * 1024,
        onAuth(auth, _session, cb) {
          const { username, password } = sandboxApps.smtp;
          if (auth.username === username && auth.password === password) return cb(null, { user: username });
          return cb(Object.assign(new Error("Invalid username or password"), { responseCode: 535 }));
        },
        onData(stream, session, cb) {
          const chunks: Buffer[] = [];
          stream.on("data", (c: Buffer) => chunks.push(c));
          stream.on("end", () => {
            const raw = Buffer.concat(chunks).toString("utf8");
            const envelopeTo = session.envelope.rcptTo.map((r) => r.address);
            const envelopeFrom = session.envelope.mailFrom ? session.envelope.mailFrom.address : "";
            messages.push({ id: randomUUID(), receivedAt: new Date().toISOString(), envelope: { from: envelopeFrom, to: envelopeTo }, ...parseMessage(raw, envelopeFrom, envelopeTo) });
            cb();
          });
        },
      });
      const s = server;
      await new Promise<void>((resolve, reject) => {
        s.once("error", reject);
        s.listen(ctx.ports.smtp ?? 0, "127.0.0.1", () => resolve());
      });
      const addr = (s as unknown as { server: { address(): { port: number } } }).server.address();
      boundPort = addr.port;
      ctx.ports.smtp = boundPort;
    },
    async stop() {
      const s = server;
      server = undefined;
      if (s) await new Promise<void>((r) => s.close(() => r()));
    },
    describe(ctx) {
      const host = new URL(ctx.origin).hostname;
      return {
        id: "smtp", name: "Email (SMTP)",
        urls: { host, port: String(boundPort || ctx.ports.smtp), inboxUrl: `${ctx.origin}/_mail`, messagesUrl: `${ctx.origin}/_mail/messages` },
        accounts: [{ id: "hub", name: "SMTP AUTH (PLAIN or LOGIN), no TLS", credentials: { ...sandboxApps.smtp } }],
      };
    },
    reset() {
      messages.length = 0;
    },
  };
}
