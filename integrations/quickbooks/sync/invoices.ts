// QuickBooks Invoice ↔ local invoices and lines.
import type { SyncEntityModule } from "../../hook-types";
import { fetchEntityByIds, pullEntity, pushEntity } from "../accounting";

export const pull: SyncEntityModule["pull"] = (api, req) => pullEntity(api, "Invoice", req);
export const fetchByIds: SyncEntityModule["fetchByIds"] = (api, ids) => fetchEntityByIds(api, "Invoice", ids);
export const push: SyncEntityModule["push"] = (api, req) => pushEntity(api, "Invoice", req);
export const externalUrl: NonNullable<SyncEntityModule["externalUrl"]> = (_realm, id) => `https://app.qbo.intuit.com/app/invoice?txnId=${encodeURIComponent(id)}`;
