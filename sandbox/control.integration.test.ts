import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sandboxApps, sandboxPaths } from "./config";
import { consent, control, startOAuthEmulators } from "./testing/harness";
import type { RunningSandbox } from "./server";

let sb: RunningSandbox;
beforeAll(async () => { sb = await startOAuthEmulators({ xeroInvoices: 3 }); });
afterAll(async () => { await sb.close(); });

describe("front door and control API", () => {
  it("GET / lists every emulator's URLs, accounts and credentials as JSON, or as an HTML page", async () => {
    const data = await (await fetch(sb.origin + "/", { headers: { accept: "application/json" } })).json();
    expect(data.providers.map((p: { id: string }) => p.id)).toEqual(["xero", "quickbooks", "hubspot"]);
    const xero = data.providers[0];
    expect(xero.urls.authorizeUrl).toBe(sb.origin + sandboxPaths.xero.authorizeUrl);
    expect(xero.accounts[0].credentials).toMatchObject({ clientId: sandboxApps.xero.clientId, clientSecret: sandboxApps.xero.clientSecret, webhookKey: sandboxApps.xero.webhookKey });
    const page = await fetch(sb.origin + "/", { headers: { accept: "text/html" } });
    expect(page.headers.get("content-type")).toContain("text/html");
    const text = await page.text();
    expect(text).toContain("QuickBooks Online");
    expect(text).toContain(sandboxApps.hubspot.clientSecret);
  });

  it("answers invalid bodies with 400 and the field problems, unknown providers with 404", async () => {
    const bad = await control(sb, "POST", "/faults", { provider: "xero", errorBurst: -1, bogus: true });
    expect(bad.status).toBe(400);
    expect(bad.body.error).toBe("invalid_request");
    expect(bad.body.issues.map((i: { path: string }) => i.path)).toContain("errorBurst");
    // An account limits only the token faults: with a rate limit it would be ignored, so it is refused.
    const scoped = await control(sb, "POST", "/faults", { provider: "xero", rateLimit: 0, account: "some-tenant" });
    expect(scoped.status).toBe(400);
    expect(scoped.body.issues.map((i: { path: string }) => i.path)).toContain("account");
    expect((await control(sb, "POST", "/faults", { provider: "xero", expireTokens: true, account: "some-tenant" })).status).toBe(200);
    expect((await control(sb, "POST", "/webhooks", { provider: "xero", url: "not a url" })).status).toBe(400);
    expect((await control(sb, "POST", "/seed", { provider: "nope", entity: "x", count: 1 })).status).toBe(404);
    expect((await control(sb, "POST", "/seed", { provider: "xero", entity: "Spaceships", count: 1 })).status).toBe(400);
  });

  it("lists the calls an injected latency is holding, by kind, until they answer", async () => {
    await control(sb, "POST", "/faults", { provider: "xero", latencyMs: 400 });
    try {
      const call = fetch(sb.origin + sandboxPaths.xero.tokenUrl, { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded" }, body: "grant_type=refresh_token&refresh_token=x" });
      let delaying: { label: string }[] = [];
      for (let i = 0; i < 40 && delaying.length === 0; i++) delaying = (await control(sb, "GET", "/faults?provider=xero")).body.delaying;
      expect(delaying.map((d) => d.label)).toEqual(["token"]);
      expect((await call).status).toBe(401); // no client credentials: answered after the delay
      expect((await control(sb, "GET", "/faults?provider=xero")).body).toMatchObject({ faults: { latencyMs: 400 }, delaying: [] });
    } finally {
      await control(sb, "DELETE", "/faults?provider=xero");
    }
  });

  it("seeds records deterministically sized, and reset restores the defaults", async () => {
    const seeded = await control(sb, "POST", "/seed", { provider: "quickbooks", entity: "Customer", count: 7 });
    expect(seeded.body.created).toHaveLength(7);
    const token = (await control(sb, "POST", "/tokens", { provider: "quickbooks" })).body;
    const count = async () => (await (await fetch(`${sb.origin}${sandboxPaths.quickbooks.apiBaseUrl}/v3/company/${token.realmId}/query?query=${encodeURIComponent("select count(*) from Customer")}`, { headers: { authorization: `Bearer ${token.access_token}` } })).json()).QueryResponse.totalCount;
    expect(await count()).toBe(47);
    await control(sb, "POST", "/reset", { provider: "quickbooks" });
    const fresh = (await control(sb, "POST", "/tokens", { provider: "quickbooks" })).body;
    token.access_token = fresh.access_token;
    expect(await count()).toBe(40);
  });

  it("mints tokens without the browser flow and lists them with their revoked flag", async () => {
    const minted = await control(sb, "POST", "/tokens", { provider: "hubspot", scopes: ["oauth", "crm.objects.contacts.read"] });
    expect(minted.body).toMatchObject({ token_type: "Bearer", expires_in: 1800, scope: "oauth crm.objects.contacts.read" });
    const list = await control(sb, "GET", "/tokens?provider=hubspot");
    expect(list.body.tokens.find((t: { token: string }) => t.token === minted.body.access_token)).toMatchObject({ revoked: false, kind: "access", scopes: ["oauth", "crm.objects.contacts.read"] });
  });
});

describe("HubSpot", () => {
  it("exchanges a code with form-body credentials, keeps the refresh token on refresh, introspects, revokes, reads contacts", async () => {
    const p = sandboxPaths.hubspot;
    const u = new URL(sb.origin + p.authorizeUrl);
    u.search = new URLSearchParams({ response_type: "code", client_id: sandboxApps.hubspot.clientId, redirect_uri: "http://localhost:3000/cb", scope: "oauth crm.objects.contacts.read" }).toString();
    const code = (await consent(u.toString())).searchParams.get("code")!;
    const creds = { client_id: sandboxApps.hubspot.clientId, client_secret: sandboxApps.hubspot.clientSecret };
    const tok = (form: Record<string, string>) => fetch(sb.origin + p.tokenUrl, { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded" }, body: new URLSearchParams({ ...creds, ...form }) });
    const t = await (await tok({ grant_type: "authorization_code", code, redirect_uri: "http://localhost:3000/cb" })).json();
    const r = await (await tok({ grant_type: "refresh_token", refresh_token: t.refresh_token })).json();
    expect(r.refresh_token).toBe(t.refresh_token);
    const info = await (await fetch(`${sb.origin}${p.apiBaseUrl}/oauth/v1/access-tokens/${r.access_token}`)).json();
    expect(info).toMatchObject({ hub_id: 4010001, token_type: "access", scopes: ["oauth", "crm.objects.contacts.read"] });
    const contacts = await (await fetch(`${sb.origin}${p.apiBaseUrl}/crm/v3/objects/contacts?limit=10`, { headers: { authorization: `Bearer ${r.access_token}` } })).json();
    expect(contacts.results).toHaveLength(10);
    expect(contacts.paging.next.after).toBe("10");
    expect((await fetch(`${sb.origin}${p.revokeUrl}/${t.refresh_token}`, { method: "DELETE" })).status).toBe(204);
    const after = await tok({ grant_type: "refresh_token", refresh_token: t.refresh_token });
    expect(after.status).toBe(400);
    expect((await after.json()).status).toBe("BAD_REFRESH_TOKEN");
    expect((await fetch(`${sb.origin}${p.apiBaseUrl}/crm/v3/objects/contacts`, { headers: { authorization: `Bearer ${r.access_token}` } })).status).toBe(401);
  });
});
