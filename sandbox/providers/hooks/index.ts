/**
 * Catch hooks: `/hooks/:id` records every request (method, headers, body, time) and answers like
 * a Zapier/Make/n8n catch hook, or like a Microsoft Teams incoming webhook (plain text "1") when
 * the id starts with `teams`. `GET /_control/hooks/:id` lists what a hook received, `DELETE`
 * clears it, and `POST /_control/hooks/:id` sets the status it answers with (fault tests).
 */
import { randomUUID } from "node:crypto";
import { z } from "zod";
import { sandboxPaths } from "../../config";
import type { Emulator } from "../../core/context";
import { json, parseBody, type SandboxRequest, type SandboxResponse } from "../../core/http";

/** One request a catch hook received. */
export type HookRequest = { id: string; method: string; headers: Record<string, string>; query: Record<string, string>; body: string; json?: unknown; receivedAt: string };

const configSchema = z.object({ status: z.number().int().min(100).max(599).optional(), body: z.string().optional() });

export function createHooksEmulator(): Emulator & { received: Map<string, HookRequest[]> } {
  const received = new Map<string, HookRequest[]>();
  const config = new Map<string, z.infer<typeof configSchema>>();
  const base = sandboxPaths.hooks.base;

  const record = (req: SandboxRequest): SandboxResponse => {
    const hook = req.params.id;
    let parsed: unknown;
    try {
      parsed = req.rawBody ? JSON.parse(req.rawBody) : undefined;
    } catch {
      parsed = undefined;
    }
    const entry: HookRequest = {
      id: randomUUID(), method: req.method, body: req.rawBody, json: parsed, receivedAt: new Date().toISOString(),
      headers: Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k, Array.isArray(v) ? v.join(", ") : String(v ?? "")])),
      query: Object.fromEntries(req.query),
    };
    received.set(hook, [...(received.get(hook) ?? []), entry]);
    const c = config.get(hook);
    const teams = hook.startsWith("teams");
    const status = c?.status ?? 200;
    if (c?.body !== undefined) return { status, body: c.body, headers: { "content-type": "text/plain; charset=utf-8" } };
    if (teams) return { status, body: status < 300 ? "1" : "Webhook message delivery failed", headers: { "content-type": "text/plain; charset=utf-8" } };
    return json(status, status < 300 ? { status: "success", id: entry.id, request_id: entry.id, attempt: entry.id } : { status: "error", message: "Injected failure" });
  };

  return {
    id: "hooks",
    received,
    mount(ctx) {
      for (const m of ["GET", "POST", "PUT", "PATCH", "DELETE"]) ctx.router.add(m, `${base}/:id`, record);
      ctx.router.get(`${sandboxPaths.control.base}/hooks/:id`, (req) => json(200, { hook: req.params.id, requests: received.get(req.params.id) ?? [] }));
      ctx.router.delete(`${sandboxPaths.control.base}/hooks/:id`, (req) => {
        received.delete(req.params.id);
        config.delete(req.params.id);
        return json(200, { hook: req.params.id, cleared: true });
      });
      ctx.router.post(`${sandboxPaths.control.base}/hooks/:id`, (req) => {
        const parsed = configSchema.safeParse(parseBody(req));
        if (!parsed.success) return json(400, { error: "invalid_config", issues: parsed.error.issues });
        config.set(req.params.id, parsed.data);
        return json(200, { hook: req.params.id, config: parsed.data });
      });
    },
    describe(ctx) {
      return {
        id: "hooks", name: "Catch hooks (Zapier, Make, n8n, Microsoft Teams)",
        urls: { hookUrl: `${ctx.origin}${base}/{any-id}`, teamsHookUrl: `${ctx.origin}${base}/teams-{any-id}`, inspectUrl: `${ctx.origin}${sandboxPaths.control.base}/hooks/{id}` },
        accounts: [{ id: "demo", name: "Any hook id", credentials: {} }],
        notes: "Every request is recorded; ids starting with 'teams' answer text '1' like a Teams incoming webhook.",
      };
    },
    reset() {
      received.clear();
      config.clear();
    },
  };
}
