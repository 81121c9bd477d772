/**
 * A minimal in-process sandbox for emulator tests: serves the main router and Stripe's router
 * on free ports, mounts the given emulators and starts their extra listeners (SMTP). It does
 * what server.ts's startSandbox does, without the front door and control API, so provider tests
 * depend only on the emulators they exercise.
 */
import type http from "node:http";
import { createContext, type Emulator, type SandboxContext } from "../core/context";
import { Router, serve } from "../core/http";

export type Harness = { origin: string; stripeOrigin: string; ctx: SandboxContext; close(): Promise<void> };

export async function startHarness(emulators: Emulator[], opts: { smtpPort?: number } = {}): Promise<Harness> {
  const main = new Router();
  const stripeFront = new Router();
  const a = await serve(main, 0);
  const b = await serve(stripeFront, 0);
  const ctx = createContext(main, `http://127.0.0.1:${a.port}`, { main: a.port, stripe: b.port, smtp: opts.smtpPort ?? 0 });
  // serve() keeps the router it was given; forward Stripe's port to the context's Stripe router.
  stripeFront.dispatch = (req) => ctx.stripeRouter.dispatch(req);
  for (const e of emulators) e.mount(ctx);
  for (const e of emulators) await e.start?.(ctx);
  const close = (s: http.Server) => new Promise<void>((r) => { s.closeAllConnections(); s.close(() => r()); });
  return {
    origin: ctx.origin,
    stripeOrigin: `http://127.0.0.1:${b.port}`,
    ctx,
    async close() {
      for (const e of emulators) await e.stop?.();
      await Promise.all([close(a.server), close(b.server)]);
    },
  };
}

/** A local HTTP server that records every request it receives (a webhook receiver for tests). */
export async function startReceiver(): Promise<{ url: string; received: { headers: http.IncomingHttpHeaders; body: string; path: string }[]; close(): Promise<void> }> {
  const received: { headers: http.IncomingHttpHeaders; body: string; path: string }[] = [];
  const r = new Router();
  const record = (req: { headers: http.IncomingHttpHeaders; rawBody: string; path: string }) => {
    received.push({ headers: req.headers, body: req.rawBody, path: req.path });
    return { status: 200, body: { received: true } };
  };
  r.post("/.*", record);
  const s = await serve(r, 0);
  return {
    url: `http://127.0.0.1:${s.port}/webhook`,
    received,
    close: () => new Promise<void>((res) => { s.server.closeAllConnections(); s.server.close(() => res()); }),
  };
}
