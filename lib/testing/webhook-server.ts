import http from "node:http";
import type { AddressInfo } from "node:net";
import { POST as receive } from "@/app/api/webhooks/[provider]/route";
import { POST as receiveOnToken } from "@/app/api/webhooks/[provider]/[token]/route";
import { routeContext } from "./api";

/**
 * The hub's webhook receivers (the real route handlers) on a real HTTP port, for tests in which the
 * sandbox's emulators post their signed webhooks: `/api/webhooks/<provider>[/<token>]`. The
 * handlers use the API runtime in force (useTestApiRuntime for the test database).
 */
export async function serveWebhookReceivers(): Promise<{ origin: string; close(): Promise<void> }> {
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", async () => {
      const m = /^\/api\/webhooks\/([^/?]+)(?:\/([^/?]+))?(?:\?.*)?$/.exec(req.url ?? "");
      if (!m || req.method !== "POST") {
        res.writeHead(404).end();
        return;
      }
      const headers = new Headers();
      for (const [k, v] of Object.entries(req.headers)) if (typeof v === "string") headers.set(k, v);
      const url = `http://${req.headers.host}${req.url}`;
      const request = new Request(url, { method: "POST", headers, body: Buffer.concat(chunks) });
      const params: Record<string, string> = { provider: decodeURIComponent(m[1]!) };
      if (m[2]) params.token = decodeURIComponent(m[2]);
      const answer = await (m[2] ? receiveOnToken : receive)(request, routeContext(params));
      res.writeHead(answer.status, Object.fromEntries(answer.headers));
      res.end(Buffer.from(await answer.arrayBuffer()));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return { origin: `http://127.0.0.1:${port}`, close: () => new Promise((resolve) => server.close(() => resolve())) };
}
