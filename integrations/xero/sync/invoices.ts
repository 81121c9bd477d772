// Xero Invoices (with LineItems: paged reads include them) ↔ local invoices and lines.
import type { SyncEntityModule } from "../../hook-types";
import { fetchCollectionByIds, invoices, pullCollection, pushRecord } from "../accounting";

export const pull: SyncEntityModule["pull"] = (api, req) => pullCollection(api, invoices, req);
export const fetchByIds: SyncEntityModule["fetchByIds"] = (api, ids) => fetchCollectionByIds(api, invoices, ids);
export const push: SyncEntityModule["push"] = (api, req) => pushRecord(api, invoices, req);
export const externalUrl: NonNullable<SyncEntityModule["externalUrl"]> = (_account, id) => `https://go.xero.com/AccountsReceivable/View.aspx?InvoiceID=${encodeURIComponent(id)}`;
