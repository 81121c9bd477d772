// QuickBooks Payment ↔ local payments: pulled (applied to its invoice through LinkedTxn) and pushed
// (the invoice's customer, one line whose LinkedTxn is the invoice; lib/sync/default-mappings.ts).
import type { SyncEntityModule } from "../../hook-types";
import { fetchEntityByIds, pullEntity, pushEntity } from "../accounting";

export const pull: SyncEntityModule["pull"] = (api, req) => pullEntity(api, "Payment", req);
export const fetchByIds: SyncEntityModule["fetchByIds"] = (api, ids) => fetchEntityByIds(api, "Payment", ids);
export const push: SyncEntityModule["push"] = (api, req) => pushEntity(api, "Payment", req);
export const externalUrl: NonNullable<SyncEntityModule["externalUrl"]> = (_realm, id) => `https://app.qbo.intuit.com/app/recvpayment?txnId=${encodeURIComponent(id)}`;
