// QuickBooks Item ↔ local products (lib/sync drives it; the mapping is lib/sync/default-mappings.ts).
import type { SyncEntityModule } from "../../hook-types";
import { fetchEntityByIds, pullEntity, pushEntity } from "../accounting";

export const pull: SyncEntityModule["pull"] = (api, req) => pullEntity(api, "Item", req);
export const fetchByIds: SyncEntityModule["fetchByIds"] = (api, ids) => fetchEntityByIds(api, "Item", ids);
export const push: SyncEntityModule["push"] = (api, req) => pushEntity(api, "Item", req);
export const externalUrl: NonNullable<SyncEntityModule["externalUrl"]> = (_realm, id) => `https://app.qbo.intuit.com/app/items?itemId=${encodeURIComponent(id)}`;
