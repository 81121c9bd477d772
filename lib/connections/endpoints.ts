import { z } from "zod";
import type { Manifest } from "@/integrations/manifest-schema";
import { sandboxApps, sandboxOrigin, sandboxPaths, stripeSandboxOrigin } from "@/sandbox/config";

/**
 * The URLs and app credentials one provider is really called with. Three sources, first wins:
 * 1. `HUB_PROVIDER_URLS`: one JSON object of per-provider URL overrides, e.g.
 *    `{"xero":{"tokenUrl":"https://proxy.example/xero/token"}}` (any manifest URL name).
 * 2. `HUB_PROVIDERS=live`: the manifest's real URLs, app credentials from `<ID>_CLIENT_ID` and
 *    `<ID>_CLIENT_SECRET` (e.g. `XERO_CLIENT_ID`, `QUICKBOOKS_CLIENT_SECRET`).
 * 3. Default: the sandbox (`SANDBOX_URL`, else http://localhost:4010) with its demo app credentials.
 */
export type ProviderEndpoints = {
  mode: "sandbox" | "live";
  authorizeUrl?: string;
  tokenUrl?: string;
  revokeUrl?: string;
  apiBaseUrl?: string;
  /** Further named endpoints (Xero connectionsUrl, QuickBooks userInfoUrl…). */
  urls: Record<string, string>;
  clientId?: string;
  clientSecret?: string;
};

const overridesSchema = z.record(z.string(), z.record(z.string(), z.url()));

export const providersMode = (): "sandbox" | "live" => (process.env.HUB_PROVIDERS === "live" ? "live" : "sandbox");

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
  if (!parsed.success) throw new Error(`HUB_PROVIDER_URLS is invalid: ${parsed.error.issues.map((i) => i.message).join("; ")}`);
  return parsed.data[provider] ?? {};
}

const envName = (id: string, suffix: string) => `${id.toUpperCase().replace(/-/g, "_")}_${suffix}`;

/** Sandbox URLs for a provider, absolute, or undefined when the sandbox does not emulate it. */
function sandboxUrls(id: string): Record<string, string> | undefined {
  if (id === "stripe") return { apiBaseUrl: stripeSandboxOrigin() };
  const paths = (sandboxPaths as Record<string, Record<string, string>>)[id];
  if (!paths) return undefined;
  const origin = sandboxOrigin().replace(/\/$/, "");
  return Object.fromEntries(Object.entries(paths).map(([k, v]) => [k, origin + v]));
}

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
    const sb = sandboxUrls(manifest.id);
    // A provider the sandbox does not emulate keeps its real URLs; it is "coming_soon" anyway.
    if (sb) urls = { ...real, ...sb };
    const app = (sandboxApps as Record<string, { clientId?: string; clientSecret?: string }>)[manifest.id];
    clientId = app?.clientId;
    clientSecret = app?.clientSecret;
  }
  urls = { ...urls, ...overrides(manifest.id) };
  const { authorizeUrl, tokenUrl, revokeUrl, apiBaseUrl, ...rest } = urls;
  return {
    mode,
    authorizeUrl,
    tokenUrl,
    revokeUrl,
    apiBaseUrl: apiBaseUrl ?? manifest.apiBaseUrl,
    urls: Object.fromEntries(Object.entries(rest).filter((e): e is [string, string] => typeof e[1] === "string")),
    clientId,
    clientSecret,
  };
}

/**
 * Where a webhook_url connection may point. In live mode only the manifest's pattern (the real
 * vendor host); in the sandbox also the sandbox's catch hooks, so the flow can be tried locally.
 */
export function webhookUrlAllowed(pattern: string | undefined, url: string): boolean {
  if (pattern && new RegExp(pattern).test(url)) return true;
  if (providersMode() === "live") return !pattern;
  const hooksBase = sandboxOrigin().replace(/\/$/, "") + sandboxPaths.hooks.base + "/";
  return url.startsWith(hooksBase);
}
