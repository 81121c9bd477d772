import { Fake } from "../../core/fake";
import { seedQbo, QBO_REALMS, type QboRealmInfo } from "./seed";
import { qboDateTime } from "./time";

export const QBO_ENTITIES = ["Customer", "Invoice", "Payment", "Item"] as const;
export type QboEntity = (typeof QBO_ENTITIES)[number];

/** Entity names are case-insensitive in QuickBooks URLs and queries. */
export const qboEntity = (s: string): QboEntity | undefined => QBO_ENTITIES.find((e) => e.toLowerCase() === s.toLowerCase());

/** A stored entity; `deleted` ones still show in CDC, as QuickBooks does. */
export type QboRecord = { id: string; syncToken: number; created: number; updated: number; deleted: boolean; data: Record<string, unknown> };

/** One QuickBooks company (realm). */
export class QboCompany {
  readonly records = Object.fromEntries(QBO_ENTITIES.map((e) => [e, new Map<string, QboRecord>()])) as Record<QboEntity, Map<string, QboRecord>>;
  private nextId = 1;
  constructor(readonly info: QboRealmInfo) {}

  newId(): string {
    return String(this.nextId++);
  }

  live(entity: QboEntity): QboRecord[] {
    return [...this.records[entity].values()].filter((r) => !r.deleted);
  }

  /** The QuickBooks JSON of a record (Id, SyncToken and MetaData are the server's). */
  render(r: QboRecord): Record<string, unknown> {
    if (r.deleted) return { domain: "QBO", status: "Deleted", Id: r.id, MetaData: { LastUpdatedTime: qboDateTime(r.updated) } };
    return { ...r.data, domain: "QBO", sparse: false, Id: r.id, SyncToken: String(r.syncToken), MetaData: { CreateTime: qboDateTime(r.created), LastUpdatedTime: qboDateTime(r.updated) } };
  }

  insert(entity: QboEntity, data: Record<string, unknown>, at = Date.now()): QboRecord {
    const r: QboRecord = { id: this.newId(), syncToken: 0, created: at, updated: at, deleted: false, data };
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
