import http from "node:http";
import type { AddressInfo } from "node:net";
import { HubSpotEmulator } from "../providers/hubspot";
import { QuickBooksEmulator } from "../providers/quickbooks";
import { XeroEmulator } from "../providers/xero";
import { startSandbox, type RunningSandbox } from "../server";

/** Starts an in-process sandbox with the Xero, QuickBooks and HubSpot emulators on free ports. */
export function startOAuthEmulators(opts: { xeroInvoices?: number } = {}): Promise<RunningSandbox> {
  return startSandbox({
    port: 0, stripePort: 0, smtpPort: 0,
    emulators: [new XeroEmulator({ invoices: opts.xeroInvoices }), new QuickBooksEmulator(), new HubSpotEmulator()],
  });
}

/** Calls the control API with a JSON body and returns status + parsed body. */
export async function control(sb: RunningSandbox, method: string, path: string, body?: unknown) {
  const res = await fetch(`${sb.origin}/_control${path}`, {
    method,
    headers: body === undefined ? {} : { "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, body: (text ? JSON.parse(text) : undefined) as Record<string, unknown> & { [k: string]: any } }; // eslint-disable-line @typescript-eslint/no-explicit-any
}

/**
 * Walks the consent page as a browser would: GET the authorize URL, read the form, POST it back
 * with the chosen button ("allow" or "deny") and account; returns the redirect it answers with.
 */
export async function consent(authorizeUrl: string, decision: "allow" | "deny" = "allow", account?: string): Promise<URL> {
  const page = await fetch(authorizeUrl, { redirect: "manual" });
  if (page.status === 302) return new URL(page.headers.get("location")!);
  const htmlText = await page.text();
  if (page.status !== 200) throw new Error(`authorize page answered ${page.status}: ${htmlText.slice(0, 200)}`);
  const action = /<form method="post" action="([^"]+)"/.exec(htmlText)?.[1];
  const form = new URLSearchParams();
  for (const m of htmlText.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g)) form.set(unescape(m[1]), unescape(m[2]));
  if (account) form.set("account", account);
  form.set("decision", decision);
  const res = await fetch(new URL(action!, authorizeUrl), { method: "POST", body: form, redirect: "manual", headers: { "content-type": "application/x-www-form-urlencoded" } });
  if (res.status !== 302) throw new Error(`consent POST answered ${res.status}: ${await res.text()}`);
  return new URL(res.headers.get("location")!);
}

const unescape = (s: string) => s.replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&amp;/g, "&");

/** A webhook receiver on a free port that records every request (raw body kept for signatures). */
export async function startReceiver(answer: (req: { headers: http.IncomingHttpHeaders; body: string }) => number = () => 200) {
  const received: { headers: http.IncomingHttpHeaders; body: string; status: number }[] = [];
  const server = http.createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const entry = { headers: req.headers, body: Buffer.concat(chunks).toString("utf8") };
    const status = answer(entry);
    received.push({ ...entry, status });
    res.writeHead(status).end();
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", () => r()));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`,
    received,
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}
