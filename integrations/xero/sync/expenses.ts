// Local expenses → Xero bank transactions of type SPEND (pushed; the mapping is lib/sync/default-mappings.ts).
import type { SyncEntityModule } from "../../hook-types";
import { bankTransactions, fetchCollectionByIds, pullCollection, pushRecord } from "../accounting";

export const pull: SyncEntityModule["pull"] = (api, req) => pullCollection(api, bankTransactions, req, { where: 'Type=="SPEND"' });
export const fetchByIds: SyncEntityModule["fetchByIds"] = (api, ids) => fetchCollectionByIds(api, bankTransactions, ids);
export const push: SyncEntityModule["push"] = (api, req) => pushRecord(api, bankTransactions, req);
export const externalUrl: NonNullable<SyncEntityModule["externalUrl"]> = (_account, id) => `https://go.xero.com/Bank/ViewTransaction.aspx?bankTransactionID=${encodeURIComponent(id)}`;
