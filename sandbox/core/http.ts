import http from "node:http";

/** A parsed request as every emulator sees it. The raw body is kept for signature checks. */
export type SandboxRequest = {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: http.IncomingHttpHeaders;
  rawBody: string;
  params: Record<string, string>;
  /** Base URL the client used, e.g. http://localhost:4010, for building links in responses. */
  origin: string;
};

export type SandboxResponse = {
  status: number;
  headers?: Record<string, string>;
  body?: unknown; // objects are sent as JSON; strings as they are (set content-type yourself)
};

export type Handler = (req: SandboxRequest) => SandboxResponse | Promise<SandboxResponse>;

/** Middleware runs before the route; returning a response short-circuits (fault injection, rate limits). */
export type Middleware = (req: SandboxRequest) => SandboxResponse | undefined | Promise<SandboxResponse | undefined>;

type Route = { method: string; pattern: RegExp; keys: string[]; handler: Handler; prefix: string };

/** A small method + path router; `:name` segments become params. */
export class Router {
  private routes: Route[] = [];
  private middleware: { prefix: string; fn: Middleware }[] = [];

  add(method: string, path: string, handler: Handler): this {
    const keys: string[] = [];
    const pattern = new RegExp(
      "^" + path.replace(/\/:([A-Za-z_]+)/g, (_m, k: string) => (keys.push(k), "/([^/]+)")) + "/?$",
    );
    this.routes.push({ method: method.toUpperCase(), pattern, keys, handler, prefix: path });
    return this;
  }
  get(p: string, h: Handler) { return this.add("GET", p, h); }
  post(p: string, h: Handler) { return this.add("POST", p, h); }
  put(p: string, h: Handler) { return this.add("PUT", p, h); }
  patch(p: string, h: Handler) { return this.add("PATCH", p, h); }
  delete(p: string, h: Handler) { return this.add("DELETE", p, h); }

  /** Runs `fn` before every route whose path starts with `prefix`. */
  use(prefix: string, fn: Middleware): this {
    this.middleware.push({ prefix, fn });
    return this;
  }

  async dispatch(req: SandboxRequest): Promise<SandboxResponse> {
    for (const r of this.routes) {
      if (r.method !== req.method) continue;
      const m = r.pattern.exec(req.path);
      if (!m) continue;
      req.params = Object.fromEntries(r.keys.map((k, i) => [k, decodeURIComponent(m[i + 1])]));
      for (const mw of this.middleware) {
        if (!req.path.startsWith(mw.prefix)) continue;
        const early = await mw.fn(req);
        if (early) return early;
      }
      return r.handler(req);
    }
    return { status: 404, body: { error: "not_found", message: `The sandbox has no route ${req.method} ${req.path}` } };
  }
}

async function readBody(req: http.IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

/** Serves `router` over HTTP on `port` (0 = any free port). Resolves with the bound port. */
export function serve(router: Router, port: number, host = "127.0.0.1"): Promise<{ server: http.Server; port: number }> {
  const server = http.createServer(async (req, res) => {
    try {
      const url = new URL(req.url ?? "/", `http://${req.headers.host ?? "localhost"}`);
      const sreq: SandboxRequest = {
        method: (req.method ?? "GET").toUpperCase(),
        path: url.pathname,
        query: url.searchParams,
        headers: req.headers,
        rawBody: await readBody(req),
        params: {},
        origin: `http://${req.headers.host ?? `localhost:${port}`}`,
      };
      const out = await router.dispatch(sreq);
      send(res, out);
    } catch (err) {
      send(res, { status: 500, body: { error: "sandbox_error", message: String(err) } });
    }
  });
  // Longer than any client's idle keep-alive, so a client never writes to a socket the server
  // is closing (Node's 5 s default raced undici's reuse after a slow test: ECONNRESET).
  server.keepAliveTimeout = 65_000;
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => {
      const addr = server.address();
      resolve({ server, port: typeof addr === "object" && addr ? addr.port : port });
    });
  });
}

function send(res: http.ServerResponse, out: SandboxResponse) {
  const headers = { ...(out.headers ?? {}) };
  let payload: string | Buffer = "";
  if (typeof out.body === "string" || Buffer.isBuffer(out.body)) payload = out.body as string | Buffer;
  else if (out.body !== undefined) {
    payload = JSON.stringify(out.body);
    if (!Object.keys(headers).some((h) => h.toLowerCase() === "content-type")) headers["content-type"] = "application/json";
  }
  res.writeHead(out.status, headers);
  res.end(payload);
}

/** Parses a JSON body, or a form body (`application/x-www-form-urlencoded`), by content type. */
export function parseBody(req: SandboxRequest): Record<string, unknown> {
  const type = String(req.headers["content-type"] ?? "");
  if (!req.rawBody) return {};
  if (type.includes("application/x-www-form-urlencoded")) return Object.fromEntries(new URLSearchParams(req.rawBody));
  try {
    return JSON.parse(req.rawBody) as Record<string, unknown>;
  } catch {
    return {};
  }
}

export const json = (status: number, body: unknown, headers?: Record<string, string>): SandboxResponse => ({ status, body, headers });
export const html = (status: number, body: string): SandboxResponse => ({ status, body, headers: { "content-type": "text/html; charset=utf-8" } });
