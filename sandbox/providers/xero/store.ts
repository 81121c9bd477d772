import { Fake } from "../../core/fake";
import type { SandboxResponse } from "../../core/http";
import { msDate } from "./dates";
import { applyEffects, normalize } from "./entities";
import { XERO_ACCOUNTS, XERO_TAX_RATES, XERO_TENANTS, XERO_USER, orgCreated, seedXero, type XeroTenant } from "./seed";

/** One stored record: its id, last update (epoch ms) and Xero fields without id/UpdatedDateUTC. */
export type XeroRecord = { id: string; updatedAt: number; data: Record<string, unknown>; createdBy?: string };

/** The accounting collections the sandbox emulates and how Xero names and pages them. */
export const XERO_ENTITIES = {
  Invoices: { idField: "InvoiceID", paged: true },
  Contacts: { idField: "ContactID", paged: true },
  Payments: { idField: "PaymentID", paged: true },
  Items: { idField: "ItemID", paged: false },
  Accounts: { idField: "AccountID", paged: false },
  TaxRates: { idField: "TaxType", paged: false },
  BankTransactions: { idField: "BankTransactionID", paged: true },
  CreditNotes: { idField: "CreditNoteID", paged: true },
} as const;
export type XeroEntity = keyof typeof XERO_ENTITIES;
export const isXeroEntity = (s: string): s is XeroEntity => s in XERO_ENTITIES;

/** One organisation's books. */
export class XeroBooks {
  readonly records = Object.fromEntries(Object.keys(XERO_ENTITIES).map((k) => [k, new Map<string, XeroRecord>()])) as Record<XeroEntity, Map<string, XeroRecord>>;
  /** Idempotency-Key → the first response, so a retried write is answered the same and not applied twice. */
  readonly idempotency = new Map<string, SandboxResponse>();
  /** Previous versions of what a batch changed, so an all-or-nothing batch can be undone. */
  private journal?: [XeroEntity, string, XeroRecord | undefined][];
  constructor(readonly tenant: XeroTenant) {}

  /** Runs `fn` as one unit: when it returns false (or throws) every record it changed is restored. */
  atomic<T>(fn: () => { ok: boolean; value: T }): T {
    const outer = this.journal;
    this.journal = [];
    const mine = this.journal;
    try {
      const r = fn();
      if (!r.ok) this.undo(mine);
      else outer?.push(...mine);
      return r.value;
    } catch (err) {
      this.undo(mine);
      throw err;
    } finally {
      this.journal = outer;
    }
  }

  private undo(entries: [XeroEntity, string, XeroRecord | undefined][]) {
    for (const [entity, id, prev] of entries.reverse()) {
      this.byChange.delete(entity);
      this.reindex(entity, this.records[entity].get(id), prev);
      if (prev) this.records[entity].set(id, prev);
      else this.records[entity].delete(id);
    }
  }

  /** Replaces a record (records are never mutated in place, so the journal can restore the old one). */
  set(entity: XeroEntity, record: XeroRecord) {
    const prev = this.records[entity].get(record.id);
    this.journal?.push([entity, record.id, prev]);
    this.byChange.delete(entity);
    this.reindex(entity, prev, record);
    this.records[entity].set(record.id, record);
  }

  /** Names Xero keeps unique: active contacts' names and item codes (lower case → id). */
  private unique = { Contacts: new Map<string, string>(), Items: new Map<string, string>(), Invoices: new Map<string, string>() };
  private uniqueKey(entity: XeroEntity, r: XeroRecord | undefined): string | undefined {
    if (!r) return undefined;
    if (entity === "Contacts") return r.data.ContactStatus === "ARCHIVED" ? undefined : String(r.data.Name ?? "").toLowerCase();
    if (entity === "Items") return String(r.data.Code ?? "").toLowerCase();
    // Sales invoice numbers are unique (bills may repeat a supplier's number); a deleted one frees its number.
    if (entity === "Invoices") return r.data.Type === "ACCREC" && r.data.Status !== "DELETED" ? String(r.data.InvoiceNumber ?? "").toLowerCase() : undefined;
    return undefined;
  }
  private reindex(entity: XeroEntity, before: XeroRecord | undefined, after: XeroRecord | undefined) {
    if (entity !== "Contacts" && entity !== "Items" && entity !== "Invoices") return;
    const map = this.unique[entity];
    const old = this.uniqueKey(entity, before);
    if (old !== undefined && map.get(old) === before!.id) map.delete(old);
    const next = this.uniqueKey(entity, after);
    if (next !== undefined) map.set(next, after!.id);
  }

  /** The id of the other active contact with this name, or other item with this code. */
  holderOf(entity: "Contacts" | "Items" | "Invoices", key: string, selfId: string): string | undefined {
    const id = this.unique[entity].get(key.toLowerCase());
    return id && id !== selfId ? id : undefined;
  }

  list(entity: XeroEntity): XeroRecord[] {
    return [...this.records[entity].values()];
  }

  /** Records oldest change first (then by id), cached until the collection changes: pages of a long pull reuse it. */
  private byChange = new Map<XeroEntity, XeroRecord[]>();
  ordered(entity: XeroEntity): readonly XeroRecord[] {
    let rows = this.byChange.get(entity);
    if (!rows) {
      rows = this.list(entity).sort((a, b) => a.updatedAt - b.updatedAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
      this.byChange.set(entity, rows);
    }
    return rows;
  }

  /** Full Xero JSON of a record. */
  render(entity: XeroEntity, r: XeroRecord, opts: { lineItems?: boolean } = {}): Record<string, unknown> {
    const out: Record<string, unknown> = { [XERO_ENTITIES[entity].idField]: r.id, ...r.data };
    if (entity !== "TaxRates") out.UpdatedDateUTC = msDate(r.updatedAt);
    if (entity === "Invoices" && opts.lineItems === false) delete out.LineItems;
    return out;
  }

  organisation(): Record<string, unknown> {
    const t = this.tenant;
    return {
      OrganisationID: t.tenantId, APIKey: "", Name: t.name, LegalName: t.name, PaysTax: true,
      Version: t.country === "US" ? "US" : "UK", OrganisationType: "COMPANY", BaseCurrency: t.currency, CountryCode: t.country,
      IsDemoCompany: true, OrganisationStatus: "ACTIVE", FinancialYearEndDay: 31, FinancialYearEndMonth: 12,
      SalesTaxBasis: "ACCRUAL", SalesTaxPeriod: "QUARTERLY1", DefaultSalesTax: "Tax Exclusive", DefaultPurchasesTax: "Tax Exclusive",
      CreatedDateUTC: orgCreated, OrganisationEntityType: "COMPANY", ShortCode: t.shortCode, Class: "DEMO", Edition: "BUSINESS",
      Timezone: t.country === "US" ? "EASTERNSTANDARDTIME" : "GMTSTANDARDTIME", LineOfBusiness: "Professional services",
      Addresses: [{ AddressType: "STREET", AddressLine1: "1 Sandbox Way", City: t.country === "US" ? "Austin" : "London", Country: t.country }],
      Phones: [{ PhoneType: "OFFICE", PhoneNumber: "555-0100" }], ExternalLinks: [], PaymentTerms: { Sales: { Day: 30, Type: "DAYSAFTERBILLDATE" } },
    };
  }

  /** Stores a record after normalizing it; returns validation messages when Xero would refuse it. */
  put(entity: XeroEntity, id: string, data: Record<string, unknown>, updatedAt = Date.now(), createdBy?: string): { record?: XeroRecord; errors: string[] } {
    const prev = this.records[entity].get(id);
    const n = normalize(this, entity, data, prev?.data, id);
    if (n.errors.length) return { errors: n.errors };
    const record: XeroRecord = { id, updatedAt, data: n.data, createdBy: prev?.createdBy ?? createdBy };
    this.set(entity, record);
    applyEffects(this, entity, prev, record, updatedAt);
    return { record, errors: [] };
  }

  seed(entity: string, count: number, seed: number | string): XeroRecord[] {
    const fake = new Fake(`${this.tenant.seed}:${entity}:${seed}`);
    const name = (Object.keys(XERO_ENTITIES) as XeroEntity[]).find((e) => e.toLowerCase() === entity.toLowerCase() || e.toLowerCase() === `${entity.toLowerCase()}s`);
    if (!name) throw new Error(`unknown Xero entity ${entity}`);
    const made = seedXero(name, count, fake, { contacts: this.list("Contacts"), start: this.records[name].size });
    const out: XeroRecord[] = [];
    for (const r of made) {
      // A paid invoice is authorised, then paid by a payment, as in Xero (so Payments has realistic data too).
      const paid = name === "Invoices" && r.data.Status === "PAID";
      const res = this.put(name, r.id, paid ? { ...r.data, Status: "AUTHORISED" } : r.data, r.updatedAt);
      if (!res.record) throw new Error(`seed produced an invalid ${name}: ${res.errors.join("; ")}`);
      if (paid) {
        const total = res.record.data.Total as number;
        const pay = this.put("Payments", fake.uuid(), { Invoice: { InvoiceID: r.id }, Account: { Code: "090" }, Amount: total, Date: r.data.FullyPaidOnDate, Reference: "Seeded payment" }, r.updatedAt);
        if (!pay.record) throw new Error(`seed produced an invalid payment: ${pay.errors.join("; ")}`);
      }
      out.push(this.records[name].get(r.id)!);
    }
    return out;
  }

  /** Accounts, tax rates, 30 contacts, 12 items and `invoices` invoices. */
  seedDefaults(invoices: number) {
    const fake = new Fake(`${this.tenant.seed}:defaults`);
    for (const a of XERO_ACCOUNTS) this.put("Accounts", fake.uuid(), { ...a, Status: "ACTIVE" }, Date.parse("2019-03-01T00:00:00Z"));
    for (const t of XERO_TAX_RATES) {
      this.put("TaxRates", t.TaxType, {
        ...t, Status: "ACTIVE", EffectiveRate: t.DisplayTaxRate, CanApplyToAssets: true, CanApplyToEquity: true,
        CanApplyToExpenses: true, CanApplyToLiabilities: true, CanApplyToRevenue: true,
        TaxComponents: [{ Name: t.Name, Rate: t.DisplayTaxRate, IsCompound: false, IsNonRecoverable: false }],
      });
    }
    this.seed("Contacts", 30, 0);
    this.seed("Items", 12, 0);
    this.seed("Invoices", invoices, 0);
  }
}

/** A Xero connection: the user authorised the app for a tenant. */
export type XeroConnection = { id: string; authEventId: string; tenantId: string; tenantType: "ORGANISATION"; tenantName: string; createdDateUtc: string; updatedDateUtc: string };

/** All Xero state of the sandbox. */
export class XeroStore {
  books = new Map<string, XeroBooks>();
  /** Connections per user id, made when the user authorises the app. */
  connections = new Map<string, XeroConnection[]>();
  webhookSequence = 0;

  constructor(private defaultInvoices = 150) {
    this.reset();
  }

  reset() {
    this.books.clear();
    this.connections.clear();
    this.webhookSequence = 0;
    for (const t of XERO_TENANTS) {
      const b = new XeroBooks(t);
      b.seedDefaults(this.defaultInvoices);
      this.books.set(t.tenantId, b);
    }
  }

  /** Finds a tenant by id or name (the control API accepts either). */
  tenant(idOrName?: string): XeroBooks | undefined {
    if (!idOrName) return this.books.get(XERO_TENANTS[0].tenantId);
    return this.books.get(idOrName) ?? [...this.books.values()].find((b) => b.tenant.name === idOrName);
  }

  /** Connects every tenant for the user (the consent screen connects all organisations it lists). */
  connectAll(userId: string, authEventId: string) {
    const now = new Date().toISOString();
    const existing = this.connections.get(userId) ?? [];
    const next = XERO_TENANTS.map((t) => {
      const prev = existing.find((c) => c.tenantId === t.tenantId);
      return prev ? { ...prev, authEventId, updatedDateUtc: now } : { id: crypto.randomUUID(), authEventId, tenantId: t.tenantId, tenantType: "ORGANISATION" as const, tenantName: t.name, createdDateUtc: now, updatedDateUtc: now };
    });
    this.connections.set(userId, next);
  }

  users() {
    return [XERO_USER];
  }
}
