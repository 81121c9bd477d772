// Local expenses → QuickBooks Purchase (pushed; the mapping is lib/sync/default-mappings.ts).
import type { SyncEntityModule } from "../../hook-types";
import { fetchEntityByIds, pullEntity, pushEntity } from "../accounting";

export const pull: SyncEntityModule["pull"] = (api, req) => pullEntity(api, "Purchase", req);
export const fetchByIds: SyncEntityModule["fetchByIds"] = (api, ids) => fetchEntityByIds(api, "Purchase", ids);
export const push: SyncEntityModule["push"] = (api, req) => pushEntity(api, "Purchase", req);
export const externalUrl: NonNullable<SyncEntityModule["externalUrl"]> = (_realm, id) => `https://app.qbo.intuit.com/app/expense?txnId=${encodeURIComponent(id)}`;
