import { createHmac } from "node:crypto";
import { WebClient } from "@slack/web-api";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sandboxApps, sandboxPaths } from "../../config";
import { startHarness, startReceiver, type Harness } from "../test-support";
import { loadSpec } from "../../testing/openapi";
import { itWithSpecs } from "../../testing/provider-specs";
import { createSlackEmulator } from "./index";

const slack = createSlackEmulator();
let h: Harness;
let apiUrl: string;
beforeAll(async () => {
  h = await startHarness([slack]);
  apiUrl = `${h.origin}${sandboxPaths.slack.apiBaseUrl}`;
});
afterAll(async () => h?.close());

const mint = () => String(slack.mintToken!(undefined, undefined).access_token);
const spec = () => loadSpec("slack/slack_web_openapi_v2.json");

describe("Slack emulator with @slack/web-api", () => {
  it("exchanges an OAuth code for a bot token with team and authed_user, then calls auth.test", async () => {
    const redirect = "http://127.0.0.1:9/callback";
    const q = new URLSearchParams({ client_id: sandboxApps.slack.clientId, scope: "chat:write,channels:read", redirect_uri: redirect, state: "s1", response_type: "code" });
    const page = await fetch(`${h.origin}${sandboxPaths.slack.authorizeUrl}?${q}`);
    expect(await page.text()).toMatch(/Allow/);
    const allow = await fetch(`${h.origin}${sandboxPaths.slack.authorizeUrl}`, {
      method: "POST", redirect: "manual", headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ ...Object.fromEntries(q), decision: "allow" }).toString(),
    });
    const code = new URL(String(allow.headers.get("location"))).searchParams.get("code");
    expect(code).toBeTruthy();
    const client = new WebClient(undefined, { slackApiUrl: apiUrl });
    const token = await client.oauth.v2.access({ client_id: sandboxApps.slack.clientId, client_secret: sandboxApps.slack.clientSecret, code: code!, redirect_uri: redirect });
    expect(token).toMatchObject({ ok: true, token_type: "bot", team: { id: "T0SBX00001", name: "Sandbox Accounting" }, authed_user: { id: "U0SBXUSR01" } });
    expect(String(token.access_token)).toMatch(/^xoxb-/);
    const replay = await client.oauth.v2.access({ client_id: sandboxApps.slack.clientId, client_secret: sandboxApps.slack.clientSecret, code: code!, redirect_uri: redirect }).catch((e: { data?: unknown }) => e.data);
    expect(replay).toMatchObject({ ok: false, error: "invalid_code" });
    const bot = new WebClient(String(token.access_token), { slackApiUrl: apiUrl });
    const me = await bot.auth.test();
    expect(me).toMatchObject({ ok: true, team_id: "T0SBX00001", user_id: "U0SBXB0T01" });
  });

  itWithSpecs?.("auth.test answers what the Web API spec declares", async () => {
    const raw = await (await fetch(`${apiUrl}auth.test`, { method: "POST", headers: { authorization: `Bearer ${mint()}` } })).json();
    spec().assertResponse("GET", "/auth.test", 200, raw);
  });

  itWithSpecs?.("posts and updates a message, pages conversations.list by cursor; responses match the Web API spec", async () => {
    const bot = new WebClient(mint(), { slackApiUrl: apiUrl });
    const posted = await bot.chat.postMessage({ channel: "#finance", text: "Invoice INV-0042 was paid" });
    expect(posted).toMatchObject({ ok: true, channel: "C0SBX00002", message: { text: "Invoice INV-0042 was paid" } });
    const raw = await (await fetch(`${apiUrl}chat.postMessage`, { method: "POST", headers: { authorization: `Bearer ${mint()}`, "content-type": "application/json" }, body: JSON.stringify({ channel: "C0SBX00001", text: "hi" }) })).json();
    spec().assertResponse("POST", "/chat.postMessage", 200, raw);
    const updated = await (await fetch(`${apiUrl}chat.update`, { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded" }, body: new URLSearchParams({ token: mint(), channel: "C0SBX00002", ts: String(posted.ts), text: "Paid ✔" }).toString() })).json();
    expect(updated).toMatchObject({ ok: true, text: "Paid ✔" });
    spec().assertResponse("POST", "/chat.update", 200, updated);
    const ids: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await bot.conversations.list({ limit: 2, cursor, types: "public_channel,private_channel" });
      spec().assertResponse("GET", "/conversations.list", 200, { ok: page.ok, channels: page.channels, response_metadata: { next_cursor: page.response_metadata?.next_cursor ?? "" } });
      ids.push(...(page.channels ?? []).map((c) => String(c.id)));
      cursor = page.response_metadata?.next_cursor || undefined;
    } while (cursor);
    expect(ids).toEqual(slack.data.channels.map((c) => c.id));
    const view = await bot.views.open({ trigger_id: "1.T.sbx", view: { type: "modal", title: { type: "plain_text", text: "New invoice" }, blocks: [] } });
    expect(view.ok).toBe(true);
    spec().assertResponse("GET", "/views.open", 200, view);
    // The validator really checks: a bad channel id must fail.
    expect(spec().validateResponse("POST", "/chat.postMessage", 200, { ...raw, channel: "general" }).ok).toBe(false);
  });

  it("answers Slack errors: not_authed, invalid_auth, channel_not_found, revoked tokens", async () => {
    const anon = await (await fetch(`${apiUrl}auth.test`, { method: "POST" })).json();
    expect(anon).toEqual({ ok: false, error: "not_authed" });
    await expect(new WebClient("xoxb-nope", { slackApiUrl: apiUrl }).auth.test()).rejects.toMatchObject({ data: { ok: false, error: "invalid_auth" } });
    const token = mint();
    const bot = new WebClient(token, { slackApiUrl: apiUrl });
    await expect(bot.chat.postMessage({ channel: "#nope", text: "x" })).rejects.toMatchObject({ data: { error: "channel_not_found" } });
    expect(await bot.auth.revoke()).toMatchObject({ ok: true, revoked: true });
    await expect(bot.auth.test()).rejects.toMatchObject({ data: { error: "token_revoked" } });
  });

  it("rate limits by tier with 429 + Retry-After and injects faults", async () => {
    h.ctx.faults.set("slack", { rateLimit: 2, rateWindowSeconds: 30 });
    const token = mint();
    const bot = new WebClient(token, { slackApiUrl: apiUrl, rejectRateLimitedCalls: true, retryConfig: { retries: 0 } });
    await bot.auth.test();
    await bot.auth.test();
    const res = await fetch(`${apiUrl}auth.test`, { method: "POST", headers: { authorization: `Bearer ${token}` } });
    expect(res.status).toBe(429);
    expect(Number(res.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(await res.json()).toEqual({ ok: false, error: "ratelimited" });
    await expect(bot.auth.test()).rejects.toMatchObject({ code: "slack_webapi_rate_limited_error" });
    h.ctx.faults.clear("slack");
    h.ctx.faults.set("slack", { errorBurst: 1, errorStatus: 503 });
    expect((await fetch(`${apiUrl}auth.test`, { method: "POST", headers: { authorization: `Bearer ${token}` } })).status).toBe(503);
    expect((await fetch(`${apiUrl}auth.test`, { method: "POST", headers: { authorization: `Bearer ${token}` } })).status).toBe(200);
    h.ctx.faults.clear("slack");
  });

  itWithSpecs?.("sends signed slash commands, event callbacks and url_verification that validate against the event schemas", async () => {
    const rx = await startReceiver();
    try {
      await slack.change!({ action: "slash_command", command: "/hub", text: "invoice 42", url: rx.url });
      await slack.change!({ action: "event", event: { type: "app_mention", text: "<@U0SBXB0T01> status", user: "U0SBXUSR01", channel: "C0SBX00001", ts: "1735689600.000100" }, url: rx.url });
      await slack.change!({ action: "url_verification", url: rx.url });
      expect(rx.received).toHaveLength(3);
      for (const r of rx.received) {
        const ts = String(r.headers["x-slack-request-timestamp"]);
        const expected = `v0=${createHmac("sha256", sandboxApps.slack.signingSecret).update(`v0:${ts}:${r.body}`).digest("hex")}`;
        expect(r.headers["x-slack-signature"]).toBe(expected);
      }
      expect(new URLSearchParams(rx.received[0].body).get("command")).toBe("/hub");
      const wrapper = loadSpec("slack/slack_common_event_wrapper_schema.json");
      const callback = JSON.parse(rx.received[1].body);
      expect(wrapper.validatePointer("#", callback)).toEqual({ ok: true, errors: [] });
      expect(wrapper.validatePointer("#", { ...callback, event: undefined }).ok).toBe(false);
      const async = loadSpec("slack/slack_events_api_async_v1.json");
      expect(async.validatePointer("#/components/schemas/GenericEventWrapper", callback).ok).toBe(true);
      expect(JSON.parse(rx.received[2].body)).toMatchObject({ type: "url_verification" });
    } finally {
      await rx.close();
    }
  });
});
