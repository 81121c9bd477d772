import { Fake } from "../../core/fake";
import { seedLists, seedQbo, QBO_REALMS, type QboRealmInfo } from "./seed";
import { qboDateTime } from "./time";

export const QBO_ENTITIES = ["Customer", "Invoice", "Payment", "Item", "Account", "TaxCode", "TaxRate", "Term", "Vendor", "Purchase"] as const;
export type QboEntity = (typeof QBO_ENTITIES)[number];

/** Entity names are case-insensitive in QuickBooks URLs and queries. */
export const qboEntity = (s: string): QboEntity | undefined => QBO_ENTITIES.find((e) => e.toLowerCase() === s.toLowerCase());

/** A stored entity; `deleted` ones still show in CDC, as QuickBooks does. */
export type QboRecord = { id: string; syncToken: number; created: number; updated: number; deleted: boolean; data: Record<string, unknown> };

/** One QuickBooks company (realm). */
export class QboCompany {
  readonly records = Object.fromEntries(QBO_ENTITIES.map((e) => [e, new Map<string, QboRecord>()])) as Record<QboEntity, Map<string, QboRecord>>;
  private nextId = 1;
  /** Ids already given (fixed ids of the seeded chart of accounts included), so a new one never repeats them. */
  private used = new Set<string>();
  /** requestid → the first answer, so a retried write is answered the same and not applied twice. */
  readonly requests = new Map<string, { status: number; body: unknown }>();
  constructor(readonly info: QboRealmInfo) {}

  newId(): string {
    while (this.used.has(String(this.nextId))) this.nextId++;
    const id = String(this.nextId++);
    this.used.add(id);
    return id;
  }

  live(entity: QboEntity): QboRecord[] {
    return [...this.records[entity].values()].filter((r) => !r.deleted);
  }

  /** The QuickBooks JSON of a record (Id, SyncToken and MetaData are the server's). */
  render(r: QboRecord): Record<string, unknown> {
    if (r.deleted) return { domain: "QBO", status: "Deleted", Id: r.id, MetaData: { LastUpdatedTime: qboDateTime(r.updated) } };
    return { ...r.data, domain: "QBO", sparse: false, Id: r.id, SyncToken: String(r.syncToken), MetaData: { CreateTime: qboDateTime(r.created), LastUpdatedTime: qboDateTime(r.updated) } };
  }

  insert(entity: QboEntity, data: Record<string, unknown>, at = Date.now(), id?: string): QboRecord {
    if (id) this.used.add(id);
    const r: QboRecord = { id: id ?? this.newId(), syncToken: 0, created: at, updated: at, deleted: false, data };
    this.records[entity].set(r.id, r);
    return r;
  }

  companyInfo(): Record<string, unknown> {
    const i = this.info;
    return {
      CompanyName: i.name, LegalName: i.name, Country: "US", Email: { Address: i.email }, PrimaryPhone: { FreeFormNumber: "(650) 555-0100" },
      CompanyAddr: { Id: "1", Line1: "2700 Coast Ave", City: "Mountain View", CountrySubDivisionCode: "CA", PostalCode: "94043" },
      SupportedLanguages: "en", FiscalYearStartMonth: "January", CompanyStartDate: "2024-01-01",
      domain: "QBO", sparse: false, Id: "1", SyncToken: "1",
      MetaData: { CreateTime: qboDateTime(Date.parse("2024-01-01T00:00:00Z")), LastUpdatedTime: qboDateTime(Date.parse("2024-01-01T00:00:00Z")) },
    };
  }
}

/** All QuickBooks state of the sandbox. */
export class QboStore {
  companies = new Map<string, QboCompany>();
  constructor(private defaults = { customers: 40, items: 10, invoices: 120 }) {
    this.reset();
  }

  reset() {
    this.companies.clear();
    for (const info of QBO_REALMS) {
      const c = new QboCompany(info);
      seedLists(c);
      seedQbo(c, "Item", this.defaults.items, new Fake(`${info.realmId}:items`));
      seedQbo(c, "Customer", this.defaults.customers, new Fake(`${info.realmId}:customers`));
      seedQbo(c, "Invoice", this.defaults.invoices, new Fake(`${info.realmId}:invoices`));
      this.companies.set(info.realmId, c);
    }
  }

  company(realmIdOrName?: string): QboCompany | undefined {
    if (!realmIdOrName) return this.companies.get(QBO_REALMS[0].realmId);
    return this.companies.get(realmIdOrName) ?? [...this.companies.values()].find((c) => c.info.name === realmIdOrName);
  }
}
