import { createHmac } from "node:crypto";

/** What happened when the sandbox POSTed a webhook. */
export type Delivery = { url: string; status: number; body: string; headers: Record<string, string>; payload: string };

/** Base64 HMAC-SHA256 of a raw body (Xero's and Intuit's webhook signature scheme). */
export const hmacBase64 = (key: string, body: string) => createHmac("sha256", key).update(body, "utf8").digest("base64");

/** POSTs `payload` as JSON with `headers`; a network failure is reported as status 0, never thrown. */
export async function postWebhook(url: string, payload: string, headers: Record<string, string>): Promise<Delivery> {
  try {
    const res = await fetch(url, { method: "POST", headers: { "content-type": "application/json", ...headers }, body: payload, signal: AbortSignal.timeout(10_000) });
    return { url, status: res.status, body: await res.text(), headers, payload };
  } catch (err) {
    return { url, status: 0, body: String(err), headers, payload };
  }
}
