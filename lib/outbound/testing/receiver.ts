import http from "node:http";
import type { AddressInfo } from "node:net";

/** One request a test receiver got. */
export interface Received {
  headers: Record<string, string>;
  body: string;
  /** The status it answered (null while a hanging answer is still open). */
  status: number | null;
}

/** What a receiver answers: a status (and headers), or "hang" to keep the request open. */
export type Answer = { status: number; headers?: Record<string, string>; body?: string } | "hang";

/**
 * A real local HTTP receiver for delivery tests (node:http on 127.0.0.1): records every
 * request with its raw body and answers what `answer` says for the n-th request.
 */
export async function startReceiver(answer: (n: number, r: Received) => Answer = () => ({ status: 200 })) {
  const received: Received[] = [];
  const hanging = new Set<http.ServerResponse>();
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const headers = Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k, Array.isArray(v) ? v.join(", ") : (v ?? "")]));
      const r: Received = { headers, body: Buffer.concat(chunks).toString("utf8"), status: null };
      received.push(r);
      const a = answer(received.length, r);
      if (a === "hang") {
        hanging.add(res);
        return;
      }
      r.status = a.status;
      res.writeHead(a.status, a.headers ?? {});
      res.end(a.body ?? "");
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/hook`,
    received,
    async close() {
      for (const res of hanging) res.destroy();
      server.closeAllConnections();
      await new Promise((r) => server.close(r));
    },
  };
}
