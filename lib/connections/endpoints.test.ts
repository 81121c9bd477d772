import { randomBytes } from "node:crypto";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { getManifest } from "@/integrations";
import { register } from "@/instrumentation";
import { assertProvidersConfigured, providersMode, resolveEndpoints, webhookUrlAllowed } from "./endpoints";

const xero = getManifest("xero")!;
const production = () => {
  vi.stubEnv("NODE_ENV", "production");
  vi.stubEnv("HUB_EMBEDDED", "");
};

beforeEach(() => {
  vi.stubEnv("HUB_PROVIDERS", "");
  vi.stubEnv("HUB_PROVIDER_URLS", "");
  vi.stubEnv("SANDBOX_URL", "http://127.0.0.1:4999");
});
afterEach(() => vi.unstubAllEnvs());

describe("where providers are reached", () => {
  it("development without HUB_PROVIDERS uses the sandbox at SANDBOX_URL with its demo app", () => {
    const e = resolveEndpoints(xero);
    expect(e.mode).toBe("sandbox");
    expect(e.tokenUrl).toBe("http://127.0.0.1:4999/xero/identity/connect/token");
    expect(e.urls.connectionsUrl).toBe("http://127.0.0.1:4999/xero/api/connections");
    expect(e.clientId).toBe("sandbox-xero-client");
    expect(e.provider).toBe("xero");
    expect(e.rateLimit.budgets).toContainEqual({ requests: 60, perSeconds: 60 });
  });

  it("HUB_PROVIDERS=live uses the manifest's real URLs and the app credentials from env", () => {
    vi.stubEnv("HUB_PROVIDERS", "live");
    vi.stubEnv("XERO_CLIENT_ID", "real-id");
    vi.stubEnv("XERO_CLIENT_SECRET", "real-secret");
    const e = resolveEndpoints(xero);
    expect(e).toMatchObject({ mode: "live", tokenUrl: "https://identity.xero.com/connect/token", clientId: "real-id", clientSecret: "real-secret" });
    expect(JSON.stringify(e)).not.toContain("sandbox");
  });

  it("production without HUB_PROVIDERS refuses, and says what to set", () => {
    production();
    expect(() => providersMode()).toThrow(/HUB_PROVIDERS is required in production/);
    expect(() => resolveEndpoints(xero)).toThrow(/HUB_PROVIDERS=live/);
    expect(() => assertProvidersConfigured()).toThrow(/HUB_PROVIDERS=sandbox/);
  });

  it("production takes the sandbox only when asked for, and the embedded default takes it by default", () => {
    production();
    vi.stubEnv("HUB_PROVIDERS", "sandbox");
    vi.spyOn(console, "warn").mockImplementation(() => {});
    expect(assertProvidersConfigured()).toBe("sandbox");
    vi.stubEnv("HUB_PROVIDERS", "");
    vi.stubEnv("HUB_EMBEDDED", "1");
    expect(resolveEndpoints(xero).mode).toBe("sandbox");
  });

  it("refuses an unknown HUB_PROVIDERS value and a malformed HUB_PROVIDER_URLS, naming the field", () => {
    vi.stubEnv("HUB_PROVIDERS", "staging");
    expect(() => providersMode()).toThrow(/HUB_PROVIDERS must be "live" or "sandbox" \(got "staging"\)/);
    vi.stubEnv("HUB_PROVIDERS", "live");
    vi.stubEnv("HUB_PROVIDER_URLS", JSON.stringify({ xero: { tokenUrl: "not a url" } }));
    expect(() => assertProvidersConfigured()).toThrow(/HUB_PROVIDER_URLS is invalid: xero\.tokenUrl/);
  });

  it("allows the sandbox's catch hooks only in sandbox mode", () => {
    const hook = "http://127.0.0.1:4999/hooks/zapier/abc";
    expect(webhookUrlAllowed("^https://hooks\\.zapier\\.com/", hook)).toBe(true);
    vi.stubEnv("HUB_PROVIDERS", "live");
    expect(webhookUrlAllowed("^https://hooks\\.zapier\\.com/", hook)).toBe(false);
    expect(webhookUrlAllowed("^https://hooks\\.zapier\\.com/", "https://hooks.zapier.com/hooks/catch/1/2")).toBe(true);
  });

  it("in the sandbox the manifest's pattern decides: Teams takes its own teams* hooks, not a Zapier-style hook", () => {
    const teams = getManifest("microsoft-teams")!.fields[0].pattern;
    const zapier = getManifest("zapier")!.fields[0].pattern;
    expect(webhookUrlAllowed(teams, "http://127.0.0.1:4999/hooks/teams-1")).toBe(true);
    expect(webhookUrlAllowed(teams, "http://127.0.0.1:4999/hooks/zap-1")).toBe(false);
    vi.stubEnv("SANDBOX_URL", "http://localhost:4010");
    expect(webhookUrlAllowed(teams, "http://localhost:4010/hooks/zap-1")).toBe(false);
    expect(webhookUrlAllowed(teams, "http://localhost:4010/hooks/teams-ops")).toBe(true);
    expect(webhookUrlAllowed(teams, "https://contoso.webhook.office.com/webhookb2/abc")).toBe(true);
    // Vendors whose real hosts the sandbox cannot stand in for still take any sandbox hook.
    expect(webhookUrlAllowed(zapier, "http://localhost:4010/hooks/zap-1")).toBe(true);
    expect(webhookUrlAllowed(zapier, "http://localhost:9999/hooks/zap-1")).toBe(false);
  });

  it("a production server start fails without HUB_PROVIDERS, like it does without AUTH_SECRET", async () => {
    production();
    vi.stubEnv("NEXT_RUNTIME", "nodejs");
    vi.stubEnv("NEXT_PHASE", "");
    vi.stubEnv("AUTH_SECRET", randomBytes(32).toString("base64url"));
    vi.stubEnv("HUB_ENCRYPTION_KEYS", `v1:${randomBytes(32).toString("base64")}`);
    await expect(register()).rejects.toThrow(/HUB_PROVIDERS is required in production/);
  });
});

describe("HUB_RATE_LIMITS", () => {
  it("replaces a provider's budgets and keeps its rate-limit headers; other providers keep the manifest's", () => {
    vi.stubEnv("HUB_RATE_LIMITS", JSON.stringify({ xero: [{ requests: 10, perSeconds: 10 }] }));
    const e = resolveEndpoints(xero);
    expect(e.rateLimit.budgets).toEqual([{ requests: 10, perSeconds: 10 }]);
    expect(e.rateLimit.remainingHeader).toBe("x-minlimit-remaining");
    const qbo = getManifest("quickbooks")!;
    expect(resolveEndpoints(qbo).rateLimit).toEqual(qbo.rateLimit);
  });

  it("refuses malformed JSON or budgets, naming the problem", () => {
    vi.stubEnv("HUB_RATE_LIMITS", "{nope");
    expect(() => resolveEndpoints(xero)).toThrow(/HUB_RATE_LIMITS is not valid JSON/);
    vi.stubEnv("HUB_RATE_LIMITS", JSON.stringify({ xero: [{ requests: 0, perSeconds: 10 }] }));
    expect(() => resolveEndpoints(xero)).toThrow(/HUB_RATE_LIMITS is invalid: xero\.0\.requests/);
    vi.stubEnv("HUB_RATE_LIMITS", JSON.stringify({ xero: [] }));
    expect(() => resolveEndpoints(xero)).toThrow(/HUB_RATE_LIMITS is invalid/);
  });
});
