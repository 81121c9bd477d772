import type { DescribeDelivery, HandleInboundEvent } from "../hook-types";

type HubSpotEvent = { eventId?: unknown; subscriptionType?: unknown; portalId?: unknown; objectId?: unknown; propertyName?: unknown; occurredAt?: unknown };
const events = (json: unknown): HubSpotEvent[] =>
  Array.isArray(json) ? json.filter((e): e is HubSpotEvent => !!e && typeof e === "object") : [];

/** HubSpot posts an array of events (up to 100), each with eventId, subscriptionType and portalId. */
export const describe: DescribeDelivery = ({ json }) => {
  const list = events(json);
  const types = [...new Set(list.map((e) => String(e.subscriptionType ?? "unknown")))];
  const ids = list.map((e) => String(e.eventId ?? "")).filter(Boolean);
  return {
    accountIds: list.map((e) => String(e.portalId ?? "")),
    eventId: ids.length ? ids.join(",") : undefined,
    type: types.length === 1 ? types[0]! : "batch",
  };
};

/** Contact changes are recorded for the CRM sync (their ids in the result); other events are ignored. */
export const handle: HandleInboundEvent = async (ctx, { payload }) => {
  const contacts = events(payload)
    .filter((e) => String(e.portalId) === ctx.externalAccountId && String(e.subscriptionType ?? "").startsWith("contact."))
    .map((e) => ({ id: String(e.objectId ?? ""), change: String(e.subscriptionType), property: typeof e.propertyName === "string" ? e.propertyName : undefined }));
  if (!contacts.length) return { status: "ignored", reason: "No contact change for this portal; only contact events are used (CRM sync)." };
  return { status: "processed", result: { contacts } };
};
