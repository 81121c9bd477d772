import { Router } from "./http";
import { Faults } from "./faults";
import { TokenStore } from "./tokens";

/** What the front door (`GET /`) lists for one emulated provider. */
export type ProviderDescription = {
  id: string;
  name: string;
  urls: Record<string, string>; // authorizeUrl, tokenUrl, revokeUrl, apiBaseUrl, …
  accounts: { id: string; name: string; credentials: Record<string, string> }[];
  notes?: string;
};

/**
 * One provider's emulator. It mounts its routes (OAuth, API, control extensions) on the shared
 * router, keeps its own data, and can reset and seed it.
 */
export interface Emulator {
  id: string;
  mount(ctx: SandboxContext): void;
  describe(ctx: SandboxContext): ProviderDescription;
  reset(): void;
  /** Seeds `count` realistic records of `entity` into `account` (control API). */
  seed?(entity: string, count: number, account?: string): unknown;
  /** Changes a record and fires the matching signed webhook (control API). */
  change?(body: Record<string, unknown>): Promise<unknown> | unknown;
  /**
   * Mints an access (+ refresh) token for `account` without the browser flow (control API);
   * returns the provider's own token-response shape.
   */
  mintToken?(account: string | undefined, scopes: string[] | undefined): Record<string, unknown>;
  /** Starts anything beyond HTTP routes (the SMTP server, on `ctx.ports.smtp`); called after mount. */
  start?(ctx: SandboxContext): Promise<void>;
  /** Stops what `start` started. */
  stop?(): Promise<void>;
}

export type SandboxContext = {
  router: Router;
  /**
   * Routes served on Stripe's own port (SANDBOX_STRIPE_PORT): the Stripe SDK cannot take a path
   * prefix, so the Stripe emulator mounts its API here and server.ts serves this router there.
   */
  stripeRouter: Router;
  tokens: TokenStore;
  faults: Faults;
  /** Public origin of the main port, e.g. http://localhost:4010. */
  origin: string;
  /** Ports of providers that need their own (Stripe). */
  ports: Record<string, number>;
  /** Where signed webhooks go, per provider; set by config or `POST /_control/webhooks`. */
  webhookTargets: Map<string, string>;
};

export function createContext(router: Router, origin: string, ports: Record<string, number>): SandboxContext {
  return { router, stripeRouter: new Router(), tokens: new TokenStore(), faults: new Faults(), origin, ports, webhookTargets: new Map() };
}
