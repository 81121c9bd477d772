// Xero Payments → local payments (pulled only; each applied to one invoice, linked through it).
import type { SyncEntityModule } from "../../hook-types";
import { IntegrationError } from "@/lib/connections/errors";
import { fetchCollectionByIds, payments, pullCollection } from "../accounting";

export const pull: SyncEntityModule["pull"] = (api, req) => pullCollection(api, payments, req);
export const fetchByIds: SyncEntityModule["fetchByIds"] = (api, ids) => fetchCollectionByIds(api, payments, ids);
export const push: SyncEntityModule["push"] = async () => {
  throw new IntegrationError("NOT_AVAILABLE", { providerMessage: "Payments are pulled from Xero, not pushed yet." });
};
export const externalUrl: NonNullable<SyncEntityModule["externalUrl"]> = (_account, id) => `https://go.xero.com/Bank/ViewTransaction.aspx?bankTransactionID=${encodeURIComponent(id)}`;
