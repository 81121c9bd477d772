/**
 * Slack Web API methods at `/slack/api/<method>`: auth.test, conversations.list,
 * chat.postMessage, chat.update, views.open, auth.revoke. Like Slack, errors are HTTP 200 with
 * `{ ok: false, error }`, except rate limits (429 + Retry-After, by method tier). Bodies may be
 * form-encoded or JSON; the token comes from `Authorization: Bearer` or the `token` argument.
 */
import { sandboxPaths } from "../../config";
import type { SandboxContext } from "../../core/context";
import { json, parseBody, type SandboxRequest, type SandboxResponse } from "../../core/http";
import { bearer, type Grant } from "../../core/tokens";
import { BOT, TEAM, type Message, type SlackData } from "./data";

/** Calls per minute by Slack's rate-limit tier of each method (chat.postMessage: ~1/s). */
export const METHOD_LIMITS: Record<string, number> = {
  "auth.test": 100, "auth.revoke": 20, "conversations.list": 20, "chat.postMessage": 60, "chat.update": 50, "views.open": 100,
};

type Args = Record<string, unknown>;
type MethodFn = (args: Args, grant: Grant, token: string) => SandboxResponse;

const fail = (error: string, extra: Record<string, unknown> = {}) => json(200, { ok: false, error, ...extra });
const str = (v: unknown) => (typeof v === "string" ? v : typeof v === "number" ? String(v) : undefined);

function parseArgs(req: SandboxRequest): Args {
  const args: Args = Object.fromEntries(req.query);
  Object.assign(args, parseBody(req));
  // Form bodies carry JSON-valued arguments (blocks, view) as strings.
  for (const k of ["blocks", "view", "attachments"]) {
    if (typeof args[k] === "string") {
      try {
        args[k] = JSON.parse(args[k] as string);
      } catch {
        /* left as a string: the method reports invalid_arguments */
      }
    }
  }
  return args;
}

export function slackMethods(ctx: SandboxContext, data: SlackData): Record<string, MethodFn> {
  const botMessage = (text: string, ts: string, blocks?: unknown): Message => ({
    type: "message", subtype: "bot_message", text, user: BOT.userId, bot_id: BOT.botId, ts, team: TEAM.id,
    ...(Array.isArray(blocks) ? { blocks } : {}),
  });
  return {
    "auth.test": () => json(200, {
      ok: true, url: `https://${TEAM.domain}.slack.com/`, team: TEAM.name, user: "hub_bot", team_id: TEAM.id, user_id: BOT.userId, bot_id: BOT.botId, is_enterprise_install: false,
    }),
    "auth.revoke": (args, _g, token) => {
      if (args.test !== "true" && args.test !== true) ctx.tokens.revoke(token);
      return json(200, { ok: true, revoked: args.test !== "true" && args.test !== true });
    },
    "conversations.list": (args) => {
      const limit = Math.min(1000, Math.max(1, Number(args.limit ?? 100) || 100));
      const types = String(args.types ?? "public_channel").split(",");
      const pool = data.channels.filter((c) => (c.is_private ? types.includes("private_channel") : types.includes("public_channel")))
        .filter((c) => !(args.exclude_archived === "true" || args.exclude_archived === true) || !c.is_archived);
      let start = 0;
      if (args.cursor) {
        const decoded = Buffer.from(String(args.cursor), "base64").toString("utf8");
        const m = /^id:(.+)$/.exec(decoded);
        const i = m ? pool.findIndex((c) => c.id === m[1]) : -1;
        if (i < 0) return fail("invalid_cursor");
        start = i;
      }
      const page = pool.slice(start, start + limit);
      const next = pool[start + limit];
      return json(200, { ok: true, channels: page, response_metadata: { next_cursor: next ? Buffer.from(`id:${next.id}`).toString("base64") : "" } });
    },
    "chat.postMessage": (args) => {
      const ch = data.find(String(args.channel ?? ""));
      if (!args.channel) return fail("channel_not_found");
      if (!ch) return fail("channel_not_found");
      if (ch.is_archived) return fail("is_archived");
      const text = str(args.text);
      if (!text && !Array.isArray(args.blocks)) return fail("no_text");
      const ts = data.nextTs();
      const msg = botMessage(text ?? "", ts, args.blocks);
      if (str(args.thread_ts)) msg.thread_ts = str(args.thread_ts);
      data.messages.set(ch.id, [...(data.messages.get(ch.id) ?? []), msg]);
      return json(200, { ok: true, channel: ch.id, ts, message: msg });
    },
    "chat.update": (args) => {
      const ch = data.find(String(args.channel ?? ""));
      if (!ch) return fail("channel_not_found");
      const msg = (data.messages.get(ch.id) ?? []).find((m) => m.ts === str(args.ts));
      if (!msg) return fail("message_not_found");
      if (str(args.text) !== undefined) msg.text = str(args.text)!;
      if (Array.isArray(args.blocks)) msg.blocks = args.blocks;
      return json(200, { ok: true, channel: ch.id, ts: msg.ts, text: msg.text, message: { text: msg.text, ...(msg.blocks ? { blocks: msg.blocks } : {}) } });
    },
    "views.open": (args) => {
      if (!args.trigger_id) return fail("invalid_arguments", { response_metadata: { messages: ["[ERROR] missing required field: trigger_id"] } });
      const view = args.view as Record<string, unknown> | undefined;
      if (!view || typeof view !== "object" || !Array.isArray(view.blocks)) return fail("invalid_arguments", { response_metadata: { messages: ["[ERROR] missing required field: view"] } });
      const id = `V0SBX${Date.now().toString(36).toUpperCase().slice(-6)}`;
      return json(200, {
        ok: true,
        view: {
          id, team_id: TEAM.id, type: view.type ?? "modal", blocks: view.blocks, private_metadata: view.private_metadata ?? "", callback_id: view.callback_id ?? "",
          state: { values: {} }, hash: `${Math.floor(Date.now() / 1000)}.sandbox`, title: view.title, clear_on_close: false, notify_on_close: false,
          close: view.close ?? null, submit: view.submit ?? null, previous_view_id: null, root_view_id: id, app_id: BOT.appId, external_id: view.external_id ?? "", app_installed_team_id: TEAM.id, bot_id: BOT.botId,
        },
      });
    },
  };
}

/** Mounts `/slack/api/:method` with auth, faults and tiered rate limits. */
export function mountWebApi(ctx: SandboxContext, data: SlackData) {
  const methods = slackMethods(ctx, data);
  const handler = async (req: SandboxRequest): Promise<SandboxResponse> => {
    const name = req.params.method;
    const fn = methods[name];
    if (!fn) return json(404, { ok: false, error: "unknown_method", req_method: name });
    await ctx.faults.delay("slack");
    const burst = ctx.faults.takeError("slack");
    if (burst) return json(burst, { ok: false, error: "fatal_error" });
    const args = parseArgs(req);
    const token = bearer(req.headers.authorization) ?? str(args.token);
    const v = ctx.tokens.verify("slack", token);
    if (!v.ok) {
      const error = v.reason === "missing" ? "not_authed" : v.reason === "expired" ? "token_expired" : v.reason === "revoked" ? "token_revoked" : "invalid_auth";
      return fail(error);
    }
    const rate = ctx.faults.rate("slack", `${token}:${name}`, { limit: METHOD_LIMITS[name] ?? 50, windowSeconds: 60 });
    if (rate.limited) return json(429, { ok: false, error: "ratelimited" }, { "retry-after": String(rate.retryAfterSeconds) });
    return fn(args, v.grant, token!);
  };
  ctx.router.get(`${sandboxPaths.slack.apiBaseUrl}:method`, handler);
  ctx.router.post(`${sandboxPaths.slack.apiBaseUrl}:method`, handler);
}
