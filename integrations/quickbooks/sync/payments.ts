// QuickBooks Payment → local payments (pulled only; applied to its invoice through LinkedTxn).
import type { SyncEntityModule } from "../../hook-types";
import { IntegrationError } from "@/lib/connections/errors";
import { fetchEntityByIds, pullEntity } from "../accounting";

export const pull: SyncEntityModule["pull"] = (api, req) => pullEntity(api, "Payment", req);
export const fetchByIds: SyncEntityModule["fetchByIds"] = (api, ids) => fetchEntityByIds(api, "Payment", ids);
export const push: SyncEntityModule["push"] = async () => {
  throw new IntegrationError("NOT_AVAILABLE", { providerMessage: "Payments are pulled from QuickBooks, not pushed yet." });
};
export const externalUrl: NonNullable<SyncEntityModule["externalUrl"]> = (_realm, id) => `https://app.qbo.intuit.com/app/recvpayment?txnId=${encodeURIComponent(id)}`;
