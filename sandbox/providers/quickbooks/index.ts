import { z } from "zod";
import type { Emulator, SandboxContext } from "../../core/context";
import { Fake } from "../../core/fake";
import { json, parseBody } from "../../core/http";
import { IdTokenSigner } from "../../core/id-token";
import type { OAuthServer } from "../../core/oauth";
import type { Delivery } from "../../core/webhook-out";
import { sandboxApps, sandboxPaths } from "../../config";
import { mountQboApi } from "./api";
import { buildEntity } from "./entities";
import { mountQboIdentity, qboOAuth, QBO_ISSUER_PATH } from "./oauth";
import { QBO_REALMS, seedQbo } from "./seed";
import { QboStore, qboEntity, type QboCompany, type QboEntity, type QboRecord } from "./store";
import { qboPayload, sendQboWebhook, type QboWebhookFormat } from "./webhooks";

export const QBO_DEFAULT_SCOPES = ["com.intuit.quickbooks.accounting", "openid", "profile", "email"];
const formatSchema = z.enum(["legacy", "cloudevents"]);
const changeSchema = z.object({
  entity: z.string().transform((s, c) => qboEntity(s.replace(/s$/i, "")) ?? (c.addIssue({ code: "custom", message: "entity must be Customer, Invoice, Payment or Item" }), z.NEVER)),
  id: z.string().optional(),
  account: z.string().optional(),
  fields: z.record(z.string(), z.unknown()).default({}),
  format: formatSchema.optional(),
});

/** QuickBooks Online: Intuit OAuth, the v3 company API, and signed webhooks in both formats. */
export class QuickBooksEmulator implements Emulator {
  readonly id = "quickbooks";
  readonly store = new QboStore();
  webhookFormat: QboWebhookFormat = "legacy";
  /** Deliveries of webhooks sent after API writes (not awaited by the API call), newest last. */
  readonly deliveries: Delivery[] = [];
  private ctx?: SandboxContext;
  private oauth?: OAuthServer;
  private signer = new IdTokenSigner();

  mount(ctx: SandboxContext) {
    this.ctx = ctx;
    this.oauth = qboOAuth(ctx, this.signer);
    this.oauth.mount();
    mountQboIdentity(ctx, this.signer);
    // Like QuickBooks, a change made through the API is announced by webhook too.
    mountQboApi(ctx, this.store, (company, entity, r, operation) => {
      void this.notify(company, entity, r, operation).then((d) => d && this.deliveries.push(d));
    });
    // POST /_control/quickbooks/webhook-format {format} — legacy eventNotifications or CloudEvents.
    ctx.router.post(`${sandboxPaths.control.base}/quickbooks/webhook-format`, (req) => {
      const f = formatSchema.safeParse(parseBody(req).format);
      if (!f.success) return json(400, { error: "invalid_request", message: 'format must be "legacy" or "cloudevents"' });
      this.webhookFormat = f.data;
      return json(200, { format: this.webhookFormat });
    });
  }

  private notify(company: QboCompany, entity: QboEntity, r: QboRecord, operation: "Create" | "Update" | "Delete", format = this.webhookFormat) {
    const target = this.ctx?.webhookTargets.get("quickbooks");
    if (!target) return Promise.resolve(undefined);
    return sendQboWebhook(target, qboPayload(format, { realmId: company.info.realmId, entity, id: r.id, operation, at: new Date(r.updated) }));
  }

  describe(ctx: SandboxContext) {
    const o = ctx.origin;
    const p = sandboxPaths.quickbooks;
    return {
      id: this.id,
      name: "QuickBooks Online",
      urls: {
        authorizeUrl: o + p.authorizeUrl, tokenUrl: o + p.tokenUrl, revokeUrl: o + p.revokeUrl, userInfoUrl: o + p.userInfoUrl,
        discoveryUrl: `${o}/quickbooks/developer/.well-known/openid_sandbox_configuration`, issuer: o + QBO_ISSUER_PATH,
        apiBaseUrl: `${o}${p.apiBaseUrl}/`,
      },
      accounts: QBO_REALMS.map((r) => ({
        id: r.realmId, name: r.name,
        credentials: { clientId: sandboxApps.quickbooks.clientId, clientSecret: sandboxApps.quickbooks.clientSecret, webhookVerifierToken: sandboxApps.quickbooks.webhookVerifierToken },
      })),
      notes: "realmId comes back on the redirect. Refresh tokens rotate. 500 calls/minute per realm. Webhook format: legacy or cloudevents.",
    };
  }

  reset() {
    this.store.reset();
    this.oauth?.reset();
    this.webhookFormat = "legacy";
    this.deliveries.length = 0;
  }

  seed(entity: string, count: number, account?: string) {
    const c = this.store.company(account);
    if (!c) throw new Error(`unknown QuickBooks company ${account}`);
    return seedQbo(c, entity, count, new Fake(`${c.info.realmId}:${entity}:${Date.now()}`));
  }

  mintToken(account: string | undefined, scopes: string[] | undefined) {
    if (!this.oauth) throw new Error("QuickBooks emulator is not mounted");
    const c = this.store.company(account);
    if (!c) throw new Error(`unknown QuickBooks company ${account}`);
    return { ...this.oauth.mint(c.info.realmId, scopes ?? QBO_DEFAULT_SCOPES), realmId: c.info.realmId };
  }

  /** Updates an entity (fields merged, SyncToken bumped) and sends the signed webhook, awaited. */
  async change(raw: Record<string, unknown>) {
    const body = changeSchema.parse(raw);
    const c = this.store.company(body.account);
    if (!c) throw new Error(`unknown QuickBooks company ${body.account}`);
    const r = body.id ? c.records[body.entity].get(body.id) : c.live(body.entity)[0];
    if (!r || r.deleted) throw new Error(`no ${body.entity} ${body.id ?? ""} in ${c.info.name}`);
    const built = buildEntity(c, body.entity, { ...r.data, ...body.fields }, r.id);
    if ("error" in built) throw new Error(built.error.detail);
    r.data = built.data;
    r.syncToken += 1;
    r.updated = Date.now();
    const delivery = await this.notify(c, body.entity, r, "Update", body.format);
    return { record: c.render(r), delivery };
  }
}
