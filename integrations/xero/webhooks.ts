import type { DescribeDelivery, EntityChange, HandleInboundEvent } from "../hook-types";

type XeroEvent = { tenantId?: unknown; resourceId?: unknown; eventCategory?: unknown; eventType?: unknown };
const events = (json: unknown): XeroEvent[] => {
  const e = (json as { events?: unknown } | null)?.events;
  return Array.isArray(e) ? e.filter((x): x is XeroEvent => !!x && typeof x === "object") : [];
};

/**
 * Xero batches events per delivery and names no event id (the engine hashes the body). An empty
 * `events` array is the intent-to-receive handshake: answered (200, empty) but not stored.
 */
export const describe: DescribeDelivery = ({ json }) => {
  const list = events(json);
  const tenants = list.map((e) => e.tenantId).filter((t): t is string => typeof t === "string");
  const categories = [...new Set(list.map((e) => `${String(e.eventCategory).toLowerCase()}.${String(e.eventType).toLowerCase()}`))];
  return { accountIds: tenants, type: categories.length === 1 ? categories[0]! : list.length ? "batch" : "intent-to-receive", store: list.length > 0 };
};

/** Entity changes of this connection's tenant, handed to the sync engine. */
export const handle: HandleInboundEvent = async (ctx, { payload }) => {
  const changes: EntityChange[] = events(payload)
    .filter((e) => e.tenantId === ctx.externalAccountId && typeof e.resourceId === "string")
    .map((e) => ({
      accountId: String(e.tenantId),
      entity: String(e.eventCategory) === "INVOICE" ? "invoices" : String(e.eventCategory) === "CONTACT" ? "contacts" : String(e.eventCategory).toLowerCase(),
      id: String(e.resourceId),
      operation: String(e.eventType).toLowerCase(),
    }));
  if (!changes.length) return { status: "ignored", reason: "No event in the delivery is for this connection's tenant." };
  return ctx.entityChanges(changes);
};
