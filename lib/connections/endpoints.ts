import { z } from "zod";
import type { ProviderEndpoints } from "@/integrations/hook-types";
import { rateLimitSchema, type Manifest, type RateLimit } from "@/integrations/manifest-schema";
import { isProduction } from "@/lib/data-dir";
import { sandboxApp, sandboxHooksBase, sandboxUrls } from "@/lib/providers/sandbox-profile";

export type { ProviderEndpoints };

/**
 * Where a provider is really called, and with which app credentials. Three sources, first wins:
 * 1. `HUB_PROVIDER_URLS`: one JSON object of per-provider URL overrides, e.g.
 *    `{"xero":{"tokenUrl":"https://proxy.example/xero/token"}}` (any manifest URL name).
 * 2. `HUB_PROVIDERS=live`: the manifest's real URLs, app credentials from `<ID>_CLIENT_ID` and
 *    `<ID>_CLIENT_SECRET` (e.g. `XERO_CLIENT_ID`, `QUICKBOOKS_CLIENT_SECRET`).
 * 3. `HUB_PROVIDERS=sandbox`: the sandbox emulators (`SANDBOX_URL`, else http://localhost:4010)
 *    with their demo app credentials (config/sandbox-profile.json).
 * `HUB_RATE_LIMITS` replaces a provider's budgets where the account's real limit differs from the
 * manifest's (a plan with a lower limit, or the sandbox told to enforce 10 calls per 10 s), e.g.
 * `{"xero":[{"requests":10,"perSeconds":10}]}`; the pacer then keeps inside those.
 * Unset, it is the sandbox in development and in the embedded default (`HUB_EMBEDDED=1`); a
 * production start refuses it (assertProvidersConfigured), so demo endpoints are never a
 * silent fallback.
 */
export type ProvidersMode = "sandbox" | "live";

const modeSchema = z.enum(["sandbox", "live"]);
const overridesSchema = z.record(z.string(), z.record(z.string(), z.url()));

/** The mode HUB_PROVIDERS asks for, or the development default; throws on a bad value or in production without one. */
export function providersMode(): ProvidersMode {
  const raw = process.env.HUB_PROVIDERS;
  if (raw) {
    const parsed = modeSchema.safeParse(raw);
    if (!parsed.success) throw new Error(`HUB_PROVIDERS must be "live" or "sandbox" (got "${raw}").`);
    return parsed.data;
  }
  if (isProduction()) {
    throw new Error(
      "HUB_PROVIDERS is required in production: set HUB_PROVIDERS=live with each provider's <ID>_CLIENT_ID and " +
        "<ID>_CLIENT_SECRET, or HUB_PROVIDERS=sandbox to run against the sandbox emulators on purpose.",
    );
  }
  return "sandbox";
}

/**
 * Called once at server start (instrumentation.ts), beside the AUTH_SECRET check: a production
 * start without an explicit HUB_PROVIDERS, or with a malformed HUB_PROVIDER_URLS, fails instead
 * of sending users to the sandbox's demo endpoints.
 */
export function assertProvidersConfigured(): ProvidersMode {
  const mode = providersMode();
  overrides("");
  rateLimitOf({ id: "", rateLimit: { budgets: [] } } as unknown as Manifest);
  if (mode === "sandbox" && isProduction()) console.warn("[hub] HUB_PROVIDERS=sandbox: providers are the sandbox emulators, not the real services.");
  return mode;
}

function overrides(provider: string): Record<string, string> {
  const raw = process.env.HUB_PROVIDER_URLS;
  if (!raw) return {};
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    throw new Error("HUB_PROVIDER_URLS is not valid JSON (expected {\"<provider>\":{\"tokenUrl\":\"https://…\"}})");
  }
  const parsed = overridesSchema.safeParse(json);
  if (!parsed.success) {
    throw new Error(`HUB_PROVIDER_URLS is invalid: ${parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")}`);
  }
  return parsed.data[provider] ?? {};
}

const budgetsSchema = z.record(z.string(), rateLimitSchema.shape.budgets.unwrap().min(1));

/** The provider's rate limit with any `HUB_RATE_LIMITS` budgets in place of the manifest's. */
function rateLimitOf(manifest: Manifest): RateLimit {
  const raw = process.env.HUB_RATE_LIMITS;
  if (!raw) return manifest.rateLimit;
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    throw new Error("HUB_RATE_LIMITS is not valid JSON (expected {\"<provider>\":[{\"requests\":10,\"perSeconds\":10}]})");
  }
  const parsed = budgetsSchema.safeParse(json);
  if (!parsed.success) throw new Error(`HUB_RATE_LIMITS is invalid: ${parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")}`);
  const budgets = parsed.data[manifest.id];
  return budgets ? { ...manifest.rateLimit, budgets } : manifest.rateLimit;
}

const envName = (id: string, suffix: string) => `${id.toUpperCase().replace(/-/g, "_")}_${suffix}`;

export function resolveEndpoints(manifest: Manifest): ProviderEndpoints {
  const mode = providersMode();
  const real: Record<string, string | undefined> = {
    authorizeUrl: manifest.oauth?.authorizeUrl,
    tokenUrl: manifest.oauth?.tokenUrl,
    revokeUrl: manifest.oauth?.revokeUrl,
    apiBaseUrl: manifest.apiBaseUrl,
    ...manifest.urls,
  };
  let urls: Record<string, string | undefined> = real;
  let clientId: string | undefined;
  let clientSecret: string | undefined;
  if (mode === "live") {
    clientId = process.env[envName(manifest.id, "CLIENT_ID")];
    clientSecret = process.env[envName(manifest.id, "CLIENT_SECRET")];
  } else {
    // A provider the sandbox does not emulate keeps its real URLs; it is "coming_soon" anyway.
    urls = { ...real, ...sandboxUrls(manifest.id) };
    ({ clientId, clientSecret } = sandboxApp(manifest.id) ?? {});
  }
  urls = { ...urls, ...overrides(manifest.id) };
  const { authorizeUrl, tokenUrl, revokeUrl, apiBaseUrl, ...rest } = urls;
  return {
    provider: manifest.id,
    mode,
    authorizeUrl,
    tokenUrl,
    revokeUrl,
    apiBaseUrl: apiBaseUrl ?? manifest.apiBaseUrl,
    urls: Object.fromEntries(Object.entries(rest).filter((e): e is [string, string] => typeof e[1] === "string")),
    clientId,
    clientSecret,
    rateLimit: rateLimitOf(manifest),
  };
}

/**
 * Where a webhook_url connection may point. The manifest's pattern decides, in every mode. In the
 * sandbox, a provider whose pattern only names the vendor's real hosts (Zapier, Make, n8n) also
 * takes the sandbox's catch hooks, so the flow can be tried locally; a pattern that names loopback
 * hooks itself (Teams: `http://localhost…/hooks/teams…`) already says which sandbox hooks answer
 * like that provider, so nothing else is added and Teams refuses a Zapier-style `/hooks/zap-1`.
 */
export function webhookUrlAllowed(pattern: string | undefined, url: string): boolean {
  if (pattern && new RegExp(pattern).test(url)) return true;
  if (providersMode() === "live") return !pattern;
  if (pattern && coversLoopback(pattern)) return false;
  return url.startsWith(sandboxHooksBase());
}

/** True when a manifest pattern was written to admit the sandbox's own hooks on loopback. */
const coversLoopback = (pattern: string) => /localhost|127\\?\.0\\?\.0\\?\.1/.test(pattern);
