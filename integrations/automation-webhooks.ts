import type { DescribeDelivery, HandleInboundEvent } from "./hook-types";

/**
 * The generic receiver for automation tools (Zapier, Make, n8n) that sign per Standard Webhooks:
 * the event id is the `webhook-id` header, the type the body's `type` when it has one. They are
 * received on each connection's own URL (no account id to route by).
 */
export const describe: DescribeDelivery = ({ json, headers }) => {
  const type = json && typeof json === "object" && typeof (json as { type?: unknown }).type === "string" ? (json as { type: string }).type : "event";
  return { accountIds: [], eventId: headers.get("webhook-id") ?? undefined, type };
};

/** Kept in the log; no hub action consumes automation-tool events yet. */
export const handle: HandleInboundEvent = async (ctx, { type }) => ({
  status: "ignored",
  reason: `Recorded; no hub action takes ${ctx.provider} events (${type}) yet.`,
});
