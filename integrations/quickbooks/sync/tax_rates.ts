// QuickBooks TaxCode → the connection's tax lookup list (a mapping sends the TaxCode Id).
import type { SyncLookupModule } from "../../hook-types";
import { call } from "../accounting";

export const pullLookup: SyncLookupModule["pullLookup"] = async (api) => {
  const body = await call(api, "query", { query: "select * from TaxCode where Active IN (true, false) maxresults 1000" });
  return (((body.QueryResponse ?? {}) as { TaxCode?: Record<string, unknown>[] }).TaxCode ?? []).map((r) => ({
    externalId: String(r.Id), code: String(r.Id), name: String(r.Name ?? r.Id),
    detail: r.Taxable === undefined ? null : r.Taxable ? "taxable" : "non-taxable", active: r.Active !== false, raw: r,
  }));
};
