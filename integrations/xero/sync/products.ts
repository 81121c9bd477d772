// Xero Items ↔ local products (lib/sync drives it; the mapping is lib/sync/default-mappings.ts).
import type { SyncEntityModule } from "../../hook-types";
import { fetchCollectionByIds, items, pullUnpaged, pushRecord } from "../accounting";

export const pull: SyncEntityModule["pull"] = (api, req) => pullUnpaged(api, items, req);
export const fetchByIds: SyncEntityModule["fetchByIds"] = (api, ids) => fetchCollectionByIds(api, items, ids);
export const push: SyncEntityModule["push"] = (api, req) => pushRecord(api, items, req);
export const externalUrl: NonNullable<SyncEntityModule["externalUrl"]> = (_account, id) => `https://go.xero.com/Accounts/Inventory/${encodeURIComponent(id)}`;
