// Xero Contacts ↔ local customers (lib/sync drives it; the mapping is lib/sync/default-mappings.ts).
import type { SyncEntityModule } from "../../hook-types";
import { contacts, fetchCollectionByIds, pullCollection, pushRecord } from "../accounting";

/** Archived contacts are included so the engine sees them and applies the delete policy. */
export const pull: SyncEntityModule["pull"] = (api, req) => pullCollection(api, contacts, req, { includeArchived: "true" });
export const fetchByIds: SyncEntityModule["fetchByIds"] = (api, ids) => fetchCollectionByIds(api, contacts, ids);
export const push: SyncEntityModule["push"] = (api, req) => pushRecord(api, contacts, req);
export const externalUrl: NonNullable<SyncEntityModule["externalUrl"]> = (_account, id) => `https://go.xero.com/Contacts/View/${encodeURIComponent(id)}`;
