// Xero TaxRates → the connection's tax-rate lookup list (a mapping sends the TaxType).
import type { SyncLookupModule } from "../../hook-types";
import { call } from "../accounting";

export const pullLookup: SyncLookupModule["pullLookup"] = async (api) => {
  const body = await call(api, "TaxRates");
  return ((body.TaxRates ?? []) as Record<string, unknown>[]).map((r) => ({
    externalId: String(r.TaxType), code: String(r.TaxType), name: String(r.Name ?? r.TaxType),
    detail: r.EffectiveRate === undefined ? null : String(r.EffectiveRate), active: r.Status !== "DELETED" && r.Status !== "ARCHIVED", raw: r,
  }));
};
