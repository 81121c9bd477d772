import { z } from "zod";
import type { Emulator, SandboxContext } from "../../core/context";
import { json, parseBody } from "../../core/http";
import { IdTokenSigner } from "../../core/id-token";
import type { OAuthServer } from "../../core/oauth";
import { sandboxApps, sandboxPaths } from "../../config";
import { mountXeroApi } from "./api";
import { mountXeroIdentity, xeroOAuth } from "./oauth";
import { XERO_TENANTS, XERO_USER } from "./seed";
import { XeroStore, type XeroEntity } from "./store";
import { intentToReceive, sendXeroWebhook, xeroPayload, type XeroEvent } from "./webhooks";
import type { Delivery } from "../../core/webhook-out";
import type { XeroWrite } from "./api";
import type { XeroBooks as Books } from "./store";

/**
 * The webhook events Xero sends for API writes: contacts (CONTACT), invoices (INVOICE), credit
 * notes (CREDITNOTE, with Type and Status), and a payment as an UPDATE of the invoice it pays.
 * Xero has no webhook category for items, accounts, tax rates or bank transactions.
 */
function writeEvents(ctx: SandboxContext, books: Books, writes: XeroWrite[]): XeroEvent[] {
  const events = new Map<string, XeroEvent>();
  const url = (entity: string, id: string) => `${ctx.origin}${sandboxPaths.xero.apiBaseUrl}/${entity}/${id}`;
  const add = (category: XeroEvent["eventCategory"], entity: string, id: string, created: boolean, data?: XeroEvent["data"]) => {
    const prev = events.get(id);
    events.set(id, { resourceId: id, resourceUrl: url(entity, id), eventCategory: category, eventType: prev?.eventType === "CREATE" || created ? "CREATE" : "UPDATE", tenantId: books.tenant.tenantId, ...(data ? { data } : {}) });
  };
  for (const w of writes) {
    if (w.entity === "Contacts") add("CONTACT", "Contacts", w.record.id, w.created);
    else if (w.entity === "Invoices") add("INVOICE", "Invoices", w.record.id, w.created);
    else if (w.entity === "CreditNotes") add("CREDITNOTE", "CreditNotes", w.record.id, w.created, { Type: String(w.record.data.Type), Status: String(w.record.data.Status) });
    else if (w.entity === "Payments") {
      const invoiceId = (w.record.data.Invoice as { InvoiceID?: string } | undefined)?.InvoiceID;
      if (invoiceId) add("INVOICE", "Invoices", invoiceId, false);
    }
  }
  return [...events.values()];
}

/** What `/_control/change` may change: the name (singular or plural, any case) of a collection. */
const CHANGEABLE: Record<string, XeroEntity> = {
  invoice: "Invoices", contact: "Contacts", item: "Items", creditnote: "CreditNotes", banktransaction: "BankTransactions",
};
const changeSchema = z.object({
  entity: z.string().transform((s, c) => CHANGEABLE[s.toLowerCase().replace(/s$/, "")] ?? (c.addIssue({ code: "custom", message: `entity must be one of ${Object.keys(CHANGEABLE).join(", ")}` }), z.NEVER)),
  id: z.string().optional(),
  account: z.string().optional(),
  fields: z.record(z.string(), z.unknown()).default({}),
});

export const XERO_DEFAULT_SCOPES = ["openid", "profile", "email", "offline_access", "accounting.transactions", "accounting.contacts", "accounting.settings"];

/** The Xero emulator: identity server, /connections, the accounting API and signed webhooks. */
export class XeroEmulator implements Emulator {
  readonly id = "xero";
  readonly store: XeroStore;
  private oauth?: OAuthServer;
  private ctx?: SandboxContext;
  private signer = new IdTokenSigner();
  /** Deliveries of webhooks sent after API writes (not awaited by the API call), newest last. */
  readonly deliveries: Delivery[] = [];

  constructor(opts: { invoices?: number } = {}) {
    this.store = new XeroStore(opts.invoices ?? 150);
  }

  mount(ctx: SandboxContext) {
    this.ctx = ctx;
    this.oauth = xeroOAuth(ctx, this.store, this.signer);
    this.oauth.mount();
    mountXeroIdentity(ctx, this.store, this.signer);
    // Like Xero, a change made through the API is announced by webhook too (one batch per call).
    mountXeroApi(ctx, this.store, (books, writes) => {
      const events = writeEvents(ctx, books, writes);
      const target = ctx.webhookTargets.get("xero");
      if (target && events.length) void sendXeroWebhook(target, xeroPayload(this.store, events)).then((d) => this.deliveries.push(d));
    });
    // POST /_control/xero/intent-to-receive {url?} — runs Xero's registration handshake against a receiver.
    ctx.router.post(`${sandboxPaths.control.base}/xero/intent-to-receive`, async (req) => {
      const body = z.object({ url: z.string().url().optional() }).safeParse(parseBody(req));
      const url = body.success ? (body.data.url ?? ctx.webhookTargets.get("xero")) : undefined;
      if (!url) return json(400, { error: "invalid_request", message: "Give a url, or set the Xero webhook target first (POST /_control/webhooks)." });
      return json(200, await intentToReceive(this.store, url));
    });
  }

  describe(ctx: SandboxContext) {
    const o = ctx.origin;
    const p = sandboxPaths.xero;
    return {
      id: this.id,
      name: "Xero",
      urls: {
        authorizeUrl: o + p.authorizeUrl, tokenUrl: o + p.tokenUrl, revokeUrl: o + p.revokeUrl, issuer: o + p.issuer,
        discoveryUrl: `${o}${p.issuer}/.well-known/openid-configuration`, connectionsUrl: o + p.connectionsUrl, apiBaseUrl: o + p.apiBaseUrl,
      },
      accounts: [{
        id: XERO_USER.id, name: `${XERO_USER.name} (tenants: ${XERO_TENANTS.map((t) => `${t.name} = ${t.tenantId}`).join(", ")})`,
        credentials: { clientId: sandboxApps.xero.clientId, clientSecret: sandboxApps.xero.clientSecret, webhookKey: sandboxApps.xero.webhookKey },
      }],
      notes: "Client auth: HTTP Basic. Refresh tokens rotate. 60 calls/minute per tenant. Send xero-tenant-id on accounting calls.",
    };
  }

  reset() {
    this.store.reset();
    this.deliveries.length = 0;
    this.oauth?.reset();
  }

  seed(entity: string, count: number, account?: string) {
    const books = this.store.tenant(account);
    if (!books) throw new Error(`unknown Xero tenant ${account}`);
    return books.seed(entity, count, `${Date.now()}`).map((r) => r.id);
  }

  mintToken(account: string | undefined, scopes: string[] | undefined) {
    if (!this.oauth) throw new Error("Xero emulator is not mounted");
    return this.oauth.mint(account ?? XERO_USER.id, scopes ?? XERO_DEFAULT_SCOPES);
  }

  /** Changes (or with `fields` only, touches) an invoice or contact and sends Xero's signed webhook. */
  async change(raw: Record<string, unknown>) {
    const body = changeSchema.parse(raw);
    const books = this.store.tenant(body.account);
    if (!books) throw new Error(`unknown Xero tenant ${body.account}`);
    const entity = body.entity;
    const rec = body.id ? books.records[entity].get(body.id) : books.list(entity)[0];
    if (!rec) throw new Error(`no ${entity} ${body.id ?? ""} in ${books.tenant.name}`);
    const saved = books.put(entity, rec.id, { ...rec.data, ...body.fields });
    if (!saved.record) throw new Error(saved.errors.join("; "));
    // The same event an API write sends (none for items and bank transactions, which Xero has no category for).
    const events = this.ctx ? writeEvents(this.ctx, books, [{ entity, record: saved.record, created: false }]) : [];
    const target = this.ctx?.webhookTargets.get("xero");
    const delivery = target && events.length ? await sendXeroWebhook(target, xeroPayload(this.store, events)) : undefined;
    return { record: books.render(entity, saved.record), delivery };
  }
}
