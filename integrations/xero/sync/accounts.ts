// Xero Accounts → the connection's chart-of-accounts lookup list (a mapping sends the Code).
import type { SyncLookupModule } from "../../hook-types";
import { call } from "../accounting";

export const pullLookup: SyncLookupModule["pullLookup"] = async (api) => {
  const body = await call(api, "Accounts");
  return ((body.Accounts ?? []) as Record<string, unknown>[]).map((r) => ({
    externalId: String(r.AccountID), code: String(r.Code ?? r.AccountID), name: String(r.Name ?? r.Code),
    detail: r.Type === undefined ? null : String(r.Type), active: r.Status !== "ARCHIVED" && r.Status !== "DELETED", raw: r,
  }));
};
