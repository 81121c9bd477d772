/**
 * The Slack emulator: OAuth v2 (authorize page + oauth.v2.access with token rotation), the Web
 * API subset in web-api.ts, and signed requests out (slash commands, Events API callbacks,
 * url_verification) triggered through the control API's change().
 */
import { z } from "zod";
import { sandboxApps, sandboxPaths } from "../../config";
import type { Emulator, SandboxContext } from "../../core/context";
import { json, Router, type SandboxRequest, type SandboxResponse } from "../../core/http";
import { OAuthServer } from "../../core/oauth";
import { postWebhook, type Delivery } from "../../core/webhook-out";
import { BOT, HUMAN, SlackData, TEAM } from "./data";
import { signedHeaders } from "./signing";
import { mountWebApi } from "./web-api";

const changeSchema = z.discriminatedUnion("action", [
  z.object({ action: z.literal("slash_command"), command: z.string().startsWith("/").default("/hub"), text: z.string().default(""), channel: z.string().optional(), url: z.string().url().optional() }),
  z.object({ action: z.literal("event"), event: z.record(z.string(), z.unknown()).and(z.object({ type: z.string() })), url: z.string().url().optional() }),
  z.object({ action: z.literal("url_verification"), url: z.string().url().optional() }),
]);

/** Slack-shaped error body for oauth.v2.access (Slack answers OAuth errors with HTTP 200). */
const oauthError = (error: string) => ({ ok: false, error: error === "invalid_grant" ? "invalid_code" : error === "invalid_client" ? "invalid_client_id" : error });

export function createSlackEmulator(): Emulator & { data: SlackData; deliveries: Delivery[] } {
  const data = new SlackData();
  const deliveries: Delivery[] = [];
  let oauth: OAuthServer | undefined;
  let ctxRef: SandboxContext | undefined;

  const send = async (url: string | undefined, body: string, contentType: string) => {
    const target = url ?? ctxRef?.webhookTargets.get("slack");
    if (!target) throw new Error("No Slack request URL: set webhookTargets.slack or pass url");
    const d = await postWebhook(target, body, signedHeaders(sandboxApps.slack.signingSecret, body, contentType));
    deliveries.push(d);
    return d;
  };

  return {
    id: "slack",
    data,
    deliveries,
    mount(ctx) {
      ctxRef = ctx;
      // The generic OAuth server is mounted on a private router so its answers can be reshaped
      // into Slack's (HTTP 200 with ok:false on errors, ok:true + team + bot token on success).
      const inner = new Router();
      oauth = new OAuthServer({ ...ctx, router: inner }, {
        provider: "slack", displayName: "Slack", clients: [{ clientId: sandboxApps.slack.clientId, clientSecret: sandboxApps.slack.clientSecret }],
        paths: { authorize: sandboxPaths.slack.authorizeUrl, token: sandboxPaths.slack.tokenUrl },
        clientAuth: ["client_secret_post", "client_secret_basic"], pkce: "optional", allowPlainPkce: false,
        rotateRefreshTokens: true, accessTokenTtlSeconds: 43_200, refreshTokenTtlSeconds: 0, tokenPrefix: "xoxb-1-sbx", scopeSeparator: ",",
        accounts: () => [{ id: TEAM.id, name: `${TEAM.name} (${TEAM.domain}.slack.com)` }],
        tokenExtras: () => ({
          ok: true, token_type: "bot", app_id: BOT.appId, bot_user_id: BOT.userId, team: { id: TEAM.id, name: TEAM.name }, enterprise: null,
          is_enterprise_install: false, authed_user: { id: HUMAN.id },
        }),
        errorBody: (error) => oauthError(error),
      });
      oauth.mount();
      const forward = (req: SandboxRequest) => inner.dispatch(req);
      ctx.router.get(sandboxPaths.slack.authorizeUrl, forward);
      ctx.router.post(sandboxPaths.slack.authorizeUrl, forward);
      // Registered before the generic /slack/api/:method route, which would otherwise match first.
      ctx.router.post(sandboxPaths.slack.tokenUrl, async (req): Promise<SandboxResponse> => {
        // Slack's oauth.v2.access infers the grant: a code, or grant_type=refresh_token.
        const form = new URLSearchParams(req.rawBody);
        if (!form.has("grant_type")) form.set("grant_type", form.has("refresh_token") ? "refresh_token" : "authorization_code");
        const res = await inner.dispatch({ ...req, rawBody: form.toString(), headers: { ...req.headers, "content-type": "application/x-www-form-urlencoded" } });
        return res.status === 200 ? res : { ...res, status: 200 };
      });
      mountWebApi(ctx, data);
      // The response_url of slash commands: the hub's delayed replies land here.
      ctx.router.post("/slack/commands/response/:id", () => json(200, { ok: true }));
    },
    mintToken(_account, scopes) {
      if (!oauth) throw new Error("Slack emulator is not mounted");
      return oauth.mint(TEAM.id, scopes ?? ["chat:write", "channels:read", "commands"]);
    },
    describe(ctx) {
      return {
        id: "slack", name: "Slack",
        urls: {
          authorizeUrl: `${ctx.origin}${sandboxPaths.slack.authorizeUrl}`, tokenUrl: `${ctx.origin}${sandboxPaths.slack.tokenUrl}`,
          revokeUrl: `${ctx.origin}${sandboxPaths.slack.revokeUrl}`, apiBaseUrl: `${ctx.origin}${sandboxPaths.slack.apiBaseUrl}`,
        },
        accounts: [{ id: TEAM.id, name: TEAM.name, credentials: { ...sandboxApps.slack } }],
        notes: "new WebClient(token, { slackApiUrl: apiBaseUrl }). Slash commands and events are signed with signingSecret (X-Slack-Signature v0).",
      };
    },
    reset() {
      data.reset();
      oauth?.reset();
      deliveries.length = 0;
    },
    seed(entity, count) {
      if (entity !== "channels") throw new Error(`Slack cannot seed "${entity}"; use channels`);
      const start = data.channels.length;
      for (let i = 0; i < count; i++) data.channels.push({ ...data.channels[0], ...channelAt(start + i) });
      return data.channels.slice(start);
    },
    async change(body) {
      const c = changeSchema.parse(body);
      const ts = Math.floor(Date.now() / 1000);
      if (c.action === "slash_command") {
        const ch = data.find(c.channel ?? "general") ?? data.channels[0];
        const form = new URLSearchParams({
          token: "sandbox-verification-token", team_id: TEAM.id, team_domain: TEAM.domain, channel_id: ch.id, channel_name: ch.name,
          user_id: HUMAN.id, user_name: HUMAN.name, command: c.command, text: c.text, api_app_id: BOT.appId, is_enterprise_install: "false",
          response_url: `${ctxRef?.origin ?? ""}/slack/commands/response/${ts}`, trigger_id: `${ts}.${TEAM.id}.sandbox`,
        }).toString();
        return send(c.url, form, "application/x-www-form-urlencoded");
      }
      if (c.action === "url_verification") {
        const challenge = `sbx${ts.toString(36)}challenge`;
        const d = await send(c.url, JSON.stringify({ token: "sandbox-verification-token", challenge, type: "url_verification" }), "application/json");
        return { ...d, challenge, verified: d.body.includes(challenge) };
      }
      const event = { event_ts: `${ts}.000100`, ...c.event };
      const payload = {
        token: "sandbox-verification-token", team_id: TEAM.id, api_app_id: BOT.appId, event, type: "event_callback",
        event_id: `Ev0SBX${ts.toString(36).toUpperCase()}`, event_time: ts, authed_users: [BOT.userId],
        authorizations: [{ enterprise_id: null, team_id: TEAM.id, user_id: BOT.userId, is_bot: true, is_enterprise_install: false }],
        is_ext_shared_channel: false, event_context: `sbx-${ts}`,
      };
      return send(c.url, JSON.stringify(payload), "application/json");
    },
  };
}

function channelAt(n: number) {
  const name = `project-${n}`;
  return { id: `C0SBX${String(n + 1).padStart(5, "0")}`, name, name_normalized: name, is_general: false, created: 1_735_689_600 + n * 86400 };
}
