import OAuthClient from "intuit-oauth";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sandboxApps, sandboxPaths } from "../../config";
import { consent, control, startOAuthEmulators } from "../../testing/harness";
import type { RunningSandbox } from "../../server";
import { QBO_REALMS } from "./seed";

const REDIRECT = "http://localhost:3000/api/connections/quickbooks/callback";
let sb: RunningSandbox;
beforeAll(async () => { sb = await startOAuthEmulators({ xeroInvoices: 1 }); });
afterAll(async () => { await sb.close(); });

/** intuit-oauth unchanged except for its URL options: setAuthorizeURLs and the environment base URL. */
function sandboxIntuitClient() {
  const p = sandboxPaths.quickbooks;
  const client = new OAuthClient({ clientId: sandboxApps.quickbooks.clientId, clientSecret: sandboxApps.quickbooks.clientSecret, environment: "sandbox", redirectUri: REDIRECT });
  client.setAuthorizeURLs({ authorizeEndpoint: sb.origin + p.authorizeUrl, tokenEndpoint: sb.origin + p.tokenUrl, revokeEndpoint: sb.origin + p.revokeUrl, userInfoEndpoint: sb.origin + p.userInfoUrl });
  OAuthClient.environment.sandbox = `${sb.origin}${p.apiBaseUrl}/`;
  return client;
}

describe("intuit-oauth against the sandbox", () => {
  it("creates a token from the redirect URL (realmId included), queries, refreshes and revokes", async () => {
    const client = sandboxIntuitClient();
    const url = client.authorizeUri({ scope: [OAuthClient.scopes.Accounting, OAuthClient.scopes.OpenId, OAuthClient.scopes.Email], state: "qbo-state" });
    const back = await consent(url, "allow", QBO_REALMS[1].realmId);
    const created = await client.createToken(back.toString());
    const token = client.getToken();
    expect(token.realmId).toBe(QBO_REALMS[1].realmId);
    expect(created.getJson()).toMatchObject({ token_type: "bearer", expires_in: 3600, x_refresh_token_expires_in: 8726400 });
    expect(client.isAccessTokenValid()).toBe(true);

    const q = encodeURIComponent("select * from Customer startposition 1 maxresults 5");
    const res = await client.makeApiCall({ url: `v3/company/${token.realmId}/query?query=${q}&minorversion=75` });
    expect(res.status).toBe(200);
    expect(res.json.QueryResponse.Customer).toHaveLength(5);
    expect(res.json.QueryResponse).toMatchObject({ startPosition: 1, maxResults: 5 });

    const info = await client.getUserInfo();
    expect(info.getJson().email).toBe(QBO_REALMS[1].email);

    const oldRefresh = token.refresh_token;
    await client.refresh();
    const refreshed = client.getToken();
    expect(refreshed.refresh_token).not.toBe(oldRefresh);
    const stale = await fetch(sb.origin + sandboxPaths.quickbooks.tokenUrl, {
      method: "POST",
      headers: { authorization: `Basic ${Buffer.from(`${sandboxApps.quickbooks.clientId}:${sandboxApps.quickbooks.clientSecret}`).toString("base64")}`, "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ grant_type: "refresh_token", refresh_token: oldRefresh }),
    });
    expect(stale.status).toBe(400);

    const refreshToken = refreshed.refresh_token;
    await client.revoke({ refresh_token: refreshToken });
    const tokens = (await control(sb, "GET", "/tokens?provider=quickbooks")).body.tokens as { token: string; revoked: boolean }[];
    expect(tokens.find((t) => t.token === refreshToken)?.revoked).toBe(true);
  });

  it("surfaces QuickBooks' Fault through makeApiCall (stale SyncToken → 5010)", async () => {
    const client = sandboxIntuitClient();
    const minted = (await control(sb, "POST", "/tokens", { provider: "quickbooks" })).body;
    client.setToken({ ...minted, realmId: minted.realmId, createdAt: Date.now() } as never);
    const base = `v3/company/${minted.realmId}`;
    const first = await client.makeApiCall({ url: `${base}/query?query=${encodeURIComponent("select * from Customer maxresults 1")}` });
    const cust = (await client.makeApiCall({ url: `${base}/customer/${first.json.QueryResponse.Customer[0].Id}` })).json.Customer;
    await client.makeApiCall({ url: `${base}/customer`, method: "POST", body: { Id: cust.Id, SyncToken: cust.SyncToken, sparse: true, Notes: "first" } });
    const err = await client.makeApiCall({ url: `${base}/customer`, method: "POST", body: { Id: cust.Id, SyncToken: cust.SyncToken, sparse: true, Notes: "second" } }).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: "5010", message: "Stale Object Error" });
  });
});
