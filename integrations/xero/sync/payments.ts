// Xero Payments ↔ local payments: pulled (each applied to one invoice, linked through it) and
// pushed (PUT Payments with Invoice.InvoiceID and Account; the mapping is lib/sync/default-mappings.ts).
import type { SyncEntityModule } from "../../hook-types";
import { IntegrationError } from "@/lib/connections/errors";
import { fetchCollectionByIds, payments, pullCollection, pushRecord } from "../accounting";

export const pull: SyncEntityModule["pull"] = (api, req) => pullCollection(api, payments, req);
export const fetchByIds: SyncEntityModule["fetchByIds"] = (api, ids) => fetchCollectionByIds(api, payments, ids);
export const push: SyncEntityModule["push"] = (api, req) => {
  // Xero lets a payment be deleted, never edited: the engine pushes a payment once.
  if (req.existing) throw new IntegrationError("PROVIDER_ERROR", { providerMessage: "Xero payments cannot be edited, only deleted.", retryable: false });
  return pushRecord(api, payments, req);
};
export const externalUrl: NonNullable<SyncEntityModule["externalUrl"]> = (_account, id) => `https://go.xero.com/Bank/ViewTransaction.aspx?bankTransactionID=${encodeURIComponent(id)}`;
