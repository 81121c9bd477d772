import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sandboxApps, sandboxPaths } from "../config";
import { consent, control, startOAuthEmulators } from "../testing/harness";
import type { RunningSandbox } from "../server";
import { s256 } from "./oauth";

const xero = sandboxApps.xero;
const basic = (id: string, secret: string) => `Basic ${Buffer.from(`${id}:${secret}`).toString("base64")}`;
const REDIRECT = "http://localhost:3000/api/connections/xero/callback";

let sb: RunningSandbox;
beforeAll(async () => { sb = await startOAuthEmulators({ xeroInvoices: 5 }); });
afterAll(async () => { await sb.close(); });

function authorizeUrl(extra: Record<string, string> = {}) {
  const u = new URL(sb.origin + sandboxPaths.xero.authorizeUrl);
  u.search = new URLSearchParams({ response_type: "code", client_id: xero.clientId, redirect_uri: REDIRECT, scope: "openid offline_access accounting.transactions", state: "st-1", ...extra }).toString();
  return u.toString();
}

async function token(form: Record<string, string>, auth = basic(xero.clientId, xero.clientSecret)) {
  const res = await fetch(sb.origin + sandboxPaths.xero.tokenUrl, {
    method: "POST", headers: { authorization: auth, "content-type": "application/x-www-form-urlencoded" }, body: new URLSearchParams(form),
  });
  return { status: res.status, body: (await res.json()) as Record<string, string> };
}

describe("generic OAuth2 server (through the Xero configuration)", () => {
  it("renders a consent page with Allow and Deny, and Deny redirects with access_denied and the state", async () => {
    const page = await (await fetch(authorizeUrl())).text();
    expect(page).toMatch(/<button[^>]*value="allow">Allow<\/button>/);
    expect(page).toMatch(/<button[^>]*value="deny">Deny<\/button>/);
    const back = await consent(authorizeUrl(), "deny");
    expect(back.origin + back.pathname).toBe(REDIRECT);
    expect(back.searchParams.get("error")).toBe("access_denied");
    expect(back.searchParams.get("state")).toBe("st-1");
    expect(back.searchParams.get("code")).toBeNull();
  });

  it("shows an error page, not a redirect, for an unknown client", async () => {
    const res = await fetch(authorizeUrl({ client_id: "nope" }), { redirect: "manual" });
    expect(res.status).toBe(400);
    expect(await res.text()).toContain("Unknown client_id");
  });

  it("exchanges a code once with the right PKCE verifier; a replay is refused", async () => {
    const verifier = "a".repeat(43) + "-verifier";
    const back = await consent(authorizeUrl({ code_challenge: s256(verifier), code_challenge_method: "S256" }));
    const code = back.searchParams.get("code")!;
    expect(back.searchParams.get("state")).toBe("st-1");
    const ok = await token({ grant_type: "authorization_code", code, redirect_uri: REDIRECT, code_verifier: verifier });
    expect(ok.status).toBe(200);
    expect(ok.body.access_token).toMatch(/^xero_at_/);
    expect(ok.body.refresh_token).toMatch(/^xero_rt_/);
    expect(ok.body.expires_in).toBe(1800);
    const replay = await token({ grant_type: "authorization_code", code, redirect_uri: REDIRECT, code_verifier: verifier });
    expect(replay.status).toBe(400);
    expect(replay.body.error).toBe("invalid_grant");
  });

  it("refuses a PKCE mismatch, a missing verifier and a wrong redirect_uri", async () => {
    const challenge = s256("the-real-verifier-0123456789012345678901234");
    const code1 = (await consent(authorizeUrl({ code_challenge: challenge, code_challenge_method: "S256" }))).searchParams.get("code")!;
    const wrong = await token({ grant_type: "authorization_code", code: code1, redirect_uri: REDIRECT, code_verifier: "another-verifier-0123456789012345678901234" });
    expect(wrong).toMatchObject({ status: 400, body: { error: "invalid_grant", error_description: "PKCE verification failed." } });
    const code2 = (await consent(authorizeUrl({ code_challenge: challenge, code_challenge_method: "S256" }))).searchParams.get("code")!;
    expect((await token({ grant_type: "authorization_code", code: code2, redirect_uri: REDIRECT })).body.error).toBe("invalid_grant");
    const code3 = (await consent(authorizeUrl())).searchParams.get("code")!;
    expect((await token({ grant_type: "authorization_code", code: code3, redirect_uri: REDIRECT + "/other" })).body.error).toBe("invalid_grant");
  });

  it("rejects the plain PKCE method where the provider requires S256", async () => {
    const back = await consent(authorizeUrl({ code_challenge: "plain-challenge-value-0123456789012345678901", code_challenge_method: "plain" }));
    expect(back.searchParams.get("error")).toBe("invalid_request");
    expect(back.searchParams.get("code")).toBeNull();
  });

  it("authenticates the client as Xero does (Basic only) and refuses a wrong secret", async () => {
    const code = (await consent(authorizeUrl())).searchParams.get("code")!;
    const bad = await token({ grant_type: "authorization_code", code, redirect_uri: REDIRECT }, basic(xero.clientId, "wrong"));
    expect(bad.status).toBe(401);
    expect(bad.body.error).toBe("invalid_client");
    const res = await fetch(sb.origin + sandboxPaths.xero.tokenUrl, {
      method: "POST", headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ grant_type: "authorization_code", code, redirect_uri: REDIRECT, client_id: xero.clientId, client_secret: xero.clientSecret }),
    });
    expect(res.status).toBe(401);
  });

  it("rotates refresh tokens: the old one is dead after use, the new one works", async () => {
    const first = await token({ grant_type: "authorization_code", code: (await consent(authorizeUrl())).searchParams.get("code")!, redirect_uri: REDIRECT });
    const second = await token({ grant_type: "refresh_token", refresh_token: first.body.refresh_token });
    expect(second.status).toBe(200);
    expect(second.body.refresh_token).not.toBe(first.body.refresh_token);
    const reused = await token({ grant_type: "refresh_token", refresh_token: first.body.refresh_token });
    expect(reused).toMatchObject({ status: 400, body: { error: "invalid_grant" } });
    expect((await token({ grant_type: "refresh_token", refresh_token: second.body.refresh_token })).status).toBe(200);
  });

  it("revokes a refresh token (and its access token); the control API shows it revoked", async () => {
    const t = await token({ grant_type: "authorization_code", code: (await consent(authorizeUrl())).searchParams.get("code")!, redirect_uri: REDIRECT });
    const res = await fetch(sb.origin + sandboxPaths.xero.revokeUrl, {
      method: "POST", headers: { authorization: basic(xero.clientId, xero.clientSecret), "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ token: t.body.refresh_token }),
    });
    expect(res.status).toBe(200);
    expect((await token({ grant_type: "refresh_token", refresh_token: t.body.refresh_token })).body.error).toBe("invalid_grant");
    const api = await fetch(sb.origin + sandboxPaths.xero.connectionsUrl, { headers: { authorization: `Bearer ${t.body.access_token}` } });
    expect(api.status).toBe(401);
    const listed = await control(sb, "GET", "/tokens?provider=xero");
    const rt = (listed.body.tokens as { token: string; revoked: boolean }[]).find((x) => x.token === t.body.refresh_token);
    expect(rt?.revoked).toBe(true);
  });

  it("QuickBooks: the redirect carries realmId for the company chosen on the consent page", async () => {
    const u = new URL(sb.origin + sandboxPaths.quickbooks.authorizeUrl);
    u.search = new URLSearchParams({ response_type: "code", client_id: sandboxApps.quickbooks.clientId, redirect_uri: REDIRECT, scope: "com.intuit.quickbooks.accounting", state: "q" }).toString();
    const page = await (await fetch(u)).text();
    expect(page).toContain('<label for="account">Account</label>');
    const back = await consent(u.toString(), "allow", "9341453087654321");
    expect(back.searchParams.get("realmId")).toBe("9341453087654321");
    expect(back.searchParams.get("code")).toBeTruthy();
  });
});
