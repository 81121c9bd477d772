import type http from "node:http";
import { createContext, type Emulator, type SandboxContext } from "./core/context";
import { Router, serve } from "./core/http";
import { mountControl } from "./control";
import { mountFrontDoor } from "./front-door";
import { SANDBOX_PORT, SANDBOX_SMTP_PORT, SANDBOX_STRIPE_PORT } from "./config";

/** Options of {@link startSandbox}; every port may be 0 (any free port), as tests do. */
export type SandboxOptions = {
  port?: number;
  stripePort?: number;
  smtpPort?: number;
  host?: string;
  /** Where each provider's signed webhooks go (provider id → URL); also settable via the control API. */
  webhookTargets?: Record<string, string>;
  /** Emulators to serve; all of them by default. */
  emulators?: Emulator[];
};

/** A running sandbox. */
export type RunningSandbox = {
  origin: string;
  stripeOrigin: string;
  ports: Record<string, number>;
  ctx: SandboxContext;
  emulators: Emulator[];
  close(): Promise<void>;
};

/**
 * Starts the sandbox: the main server (all providers under one origin, the front door and
 * `/_control`) and Stripe's own server, mounts every emulator and starts the extra listeners
 * (SMTP). The routers are filled after binding so the origin can carry the real port.
 */
export async function startSandbox(opts: SandboxOptions = {}): Promise<RunningSandbox> {
  const host = opts.host ?? "127.0.0.1";
  // Loaded lazily so a test that brings its own emulators does not load (or need) all of them.
  const emulators = opts.emulators ?? (await import("./providers")).emulatorFactories.map((f) => f());
  const router = new Router();
  const stripeRouter = new Router();
  const main = await serve(router, opts.port ?? SANDBOX_PORT, host);
  let stripe: { server: http.Server; port: number };
  try {
    stripe = await serve(stripeRouter, opts.stripePort ?? SANDBOX_STRIPE_PORT, host);
  } catch (err) {
    await closeServer(main.server);
    throw err;
  }
  const ports: Record<string, number> = { main: main.port, stripe: stripe.port, smtp: opts.smtpPort ?? SANDBOX_SMTP_PORT };
  // With a fixed port the public origin may be overridden (SANDBOX_URL); with port 0 it is the bound one.
  const origin = opts.port === 0 ? `http://localhost:${main.port}` : (process.env.SANDBOX_URL ?? `http://localhost:${main.port}`);
  const stripeOrigin = opts.stripePort === 0 ? `http://localhost:${stripe.port}` : (process.env.SANDBOX_STRIPE_URL ?? `http://localhost:${stripe.port}`);
  const ctx = createContext(router, origin, ports);
  // serve() holds the router it was given: the context must use that one for Stripe's port.
  ctx.stripeRouter = stripeRouter;
  for (const [provider, url] of Object.entries(opts.webhookTargets ?? {})) ctx.webhookTargets.set(provider, url);

  mountControl(ctx, emulators);
  mountFrontDoor(ctx, emulators, stripeOrigin);
  for (const e of emulators) e.mount(ctx);
  const started: Emulator[] = [];
  try {
    for (const e of emulators) {
      if (e.start) {
        await e.start(ctx);
        started.push(e);
      }
    }
  } catch (err) {
    await Promise.allSettled(started.map((e) => e.stop?.()));
    await Promise.allSettled([closeServer(main.server), closeServer(stripe.server)]);
    throw err;
  }

  return {
    origin,
    stripeOrigin,
    ports,
    ctx,
    emulators,
    async close() {
      await Promise.allSettled(emulators.map((e) => e.stop?.()));
      await Promise.allSettled([closeServer(main.server), closeServer(stripe.server)]);
    },
  };
}

function closeServer(server: http.Server): Promise<void> {
  server.closeAllConnections?.();
  return new Promise((resolve) => server.close(() => resolve()));
}
