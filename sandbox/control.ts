import { z } from "zod";
import type { Emulator, SandboxContext } from "./core/context";
import { json, parseBody, type SandboxRequest, type SandboxResponse } from "./core/http";
import { sandboxPaths } from "./config";

const base = sandboxPaths.control.base;

const provider = z.string().min(1);
const schemas = {
  reset: z.object({ provider: provider.optional() }),
  seed: z.union([
    z.object({ provider, entity: z.string().min(1), count: z.number().int().min(1).max(10_000).default(1), account: z.string().optional() }).strict(),
    // Bulk: counts per entity in one call, e.g. { provider: "xero", invoices: 2000, contacts: 500 }.
    z.object({ provider, account: z.string().optional() }).catchall(z.number().int().min(0).max(200_000))
      .refine((b) => Object.keys(b).some((k) => k !== "provider" && k !== "account"), { message: "Give entity and count, or counts per entity (e.g. invoices: 2000)." }),
  ]),
  change: z.object({ provider }).passthrough(),
  faults: z.object({
    provider,
    errorBurst: z.number().int().min(0).max(10_000).optional(),
    errorStatus: z.number().int().min(400).max(599).optional(),
    latencyMs: z.number().int().min(0).max(120_000).optional(),
    rateLimit: z.number().int().min(0).optional(),
    rateWindowSeconds: z.number().int().min(1).max(86_400).optional(),
    applyThenTimeout: z.number().int().min(0).max(10_000).optional(),
    applyTimeoutMs: z.number().int().min(0).max(600_000).optional(),
    expireTokens: z.boolean().optional(),
    revokeTokens: z.boolean().optional(),
    /** Limits expireTokens / revokeTokens to one account. */
    account: z.string().optional(),
  }).strict()
    // The other faults hold for the whole provider: an account given without a token fault would
    // be silently ignored, so it is refused.
    .refine((b) => b.account === undefined || b.expireTokens || b.revokeTokens, { path: ["account"], message: "account limits only expireTokens or revokeTokens; the other faults apply to every account of the provider." }),
  tokens: z.object({ provider, account: z.string().optional(), scopes: z.array(z.string()).optional() }),
  webhooks: z.object({ provider, url: z.string().url() }),
};

/** 400 with every field problem, so a test (or a person with curl) sees what to fix. */
function invalid(err: z.ZodError): SandboxResponse {
  return json(400, {
    error: "invalid_request",
    message: "The control request body is invalid.",
    issues: err.issues.map((i) => ({ path: i.path.join("."), message: i.message })),
  });
}

/**
 * The control API under `/_control`: reset, seed, change (with its webhook), fault injection,
 * tokens without the browser flow, and webhook targets. Every body is JSON, zod-validated.
 */
export function mountControl(ctx: SandboxContext, emulators: Emulator[]) {
  const byId = new Map(emulators.map((e) => [e.id, e]));
  const find = (id: string): Emulator | SandboxResponse =>
    byId.get(id) ?? json(404, { error: "unknown_provider", message: `No emulator "${id}". Known: ${[...byId.keys()].join(", ")}` });

  /** Parses the body with `schema`, then runs `fn`; an emulator's Error becomes a 400. */
  const route = <S extends z.ZodType>(schema: S, fn: (body: z.infer<S>, req: SandboxRequest) => Promise<SandboxResponse> | SandboxResponse) =>
    async (req: SandboxRequest): Promise<SandboxResponse> => {
      const source = req.method === "GET" || req.method === "DELETE" ? Object.fromEntries(req.query) : parseBody(req);
      if (req.rawBody && !["GET", "DELETE"].includes(req.method) && !String(req.headers["content-type"] ?? "").includes("json")) {
        return json(415, { error: "unsupported_media_type", message: "Send the control body as application/json." });
      }
      const parsed = schema.safeParse(source);
      if (!parsed.success) return invalid(parsed.error);
      try {
        return await fn(parsed.data, req);
      } catch (err) {
        if (err instanceof z.ZodError) return invalid(err);
        return json(400, { error: "control_failed", message: err instanceof Error ? err.message : String(err) });
      }
    };

  const { router } = ctx;
  router.post(`${base}/reset`, route(schemas.reset, (b) => {
    const targets = b.provider ? [find(b.provider)] : emulators;
    for (const e of targets) if ("status" in e) return e;
    for (const e of targets as Emulator[]) {
      e.reset();
      ctx.tokens.clear(e.id);
      ctx.faults.clear(e.id);
    }
    if (!b.provider) ctx.faults.clear();
    return json(200, { reset: (targets as Emulator[]).map((e) => e.id) });
  }));

  router.post(`${base}/seed`, route(schemas.seed, async (b) => {
    const e = find(b.provider);
    if ("status" in e) return e;
    if (!e.seed) return json(400, { error: "not_supported", message: `${e.id} cannot be seeded.` });
    if ("entity" in b && typeof b.entity === "string") return json(200, { provider: e.id, entity: b.entity, created: await e.seed(b.entity, b.count as number, b.account) });
    // Parties and products first, so invoices have someone to bill and something to sell.
    const rank = (k: string) => (/^(contact|customer|vendor|item)/i.test(k) ? 0 : 1);
    const counts = Object.entries(b).filter(([k, v]) => k !== "provider" && k !== "account" && typeof v === "number" && v > 0).sort(([a], [c]) => rank(a) - rank(c));
    const created: Record<string, number> = {};
    for (const [entity, count] of counts) {
      const made = await e.seed(entity, count as number, b.account);
      created[entity] = Array.isArray(made) ? made.length : (count as number);
    }
    return json(200, { provider: e.id, created });
  }));

  router.post(`${base}/change`, route(schemas.change, async (b) => {
    const e = find(b.provider);
    if ("status" in e) return e;
    if (!e.change) return json(400, { error: "not_supported", message: `${e.id} has no change control.` });
    return json(200, await e.change(b));
  }));

  router.post(`${base}/faults`, route(schemas.faults, (b) => {
    const e = find(b.provider);
    if ("status" in e) return e;
    const { provider: id, expireTokens, revokeTokens, account, ...settings } = b;
    ctx.faults.set(id, settings);
    if (expireTokens) ctx.tokens.expireAll(id, account);
    if (revokeTokens) ctx.tokens.revokeAll(id, account);
    return json(200, { provider: id, faults: ctx.faults.get(id), expiredTokens: !!expireTokens, revokedTokens: !!revokeTokens });
  }));

  // GET /_control/faults?provider= — the settings in force and the calls an injected latency holds now.
  router.get(`${base}/faults`, route(z.object({ provider }), (b) =>
    json(200, { provider: b.provider, faults: ctx.faults.get(b.provider), delaying: ctx.faults.delaying(b.provider) })));

  router.delete(`${base}/faults`, route(z.object({ provider: provider.optional() }), (b) => {
    ctx.faults.clear(b.provider);
    return json(200, { cleared: b.provider ?? "all" });
  }));

  router.post(`${base}/tokens`, route(schemas.tokens, (b) => {
    const e = find(b.provider);
    if ("status" in e) return e;
    if (!e.mintToken) return json(400, { error: "not_supported", message: `${e.id} does not issue OAuth tokens.` });
    return json(200, e.mintToken(b.account, b.scopes));
  }));

  router.get(`${base}/tokens`, route(z.object({ provider }), (b) =>
    json(200, { tokens: ctx.tokens.list(b.provider).map((t) => ({ ...t, expiresAt: new Date(t.expiresAt).toISOString(), expired: t.expiresAt <= Date.now() })) })));

  router.post(`${base}/webhooks`, route(schemas.webhooks, (b) => {
    const e = find(b.provider);
    if ("status" in e) return e;
    ctx.webhookTargets.set(b.provider, b.url);
    return json(200, { provider: b.provider, url: b.url });
  }));

  router.get(`${base}/webhooks`, () => json(200, { targets: Object.fromEntries(ctx.webhookTargets) }));
}
