// QuickBooks Account → the connection's chart-of-accounts lookup list (a mapping sends the Id).
import type { SyncLookupModule } from "../../hook-types";
import { call } from "../accounting";

export const pullLookup: SyncLookupModule["pullLookup"] = async (api) => {
  const body = await call(api, "query", { query: "select * from Account where Active IN (true, false) maxresults 1000" });
  return (((body.QueryResponse ?? {}) as { Account?: Record<string, unknown>[] }).Account ?? []).map((r) => ({
    externalId: String(r.Id), code: String(r.Id), name: String(r.Name ?? r.Id),
    detail: r.AccountType === undefined ? null : String(r.AccountType), active: r.Active !== false, raw: r,
  }));
};
