import type { DescribeDelivery, HandleInboundEvent } from "../hook-types";

type Obj = Record<string, unknown>;
const obj = (v: unknown): Obj => (v && typeof v === "object" && !Array.isArray(v) ? (v as Obj) : {});
const str = (v: unknown): string | undefined => (typeof v === "string" && v ? v : undefined);

/**
 * Events API (JSON: `event_callback` with team_id and event_id; `url_verification` answered with
 * its challenge, not stored), slash commands (form: team_id, command) and interactivity (form
 * field `payload`: team.id, type).
 */
export const describe: DescribeDelivery = ({ json, contentType }) => {
  const b = obj(json);
  if (contentType === "application/x-www-form-urlencoded") {
    const p = obj(b.payload);
    if (b.payload !== undefined) {
      return { accountIds: [str(obj(p.team).id) ?? ""], eventId: str(p.trigger_id) ?? str(p.action_ts), type: `interactivity.${str(p.type) ?? "unknown"}` };
    }
    return { accountIds: [str(b.team_id) ?? ""], eventId: str(b.trigger_id), type: `slash_command.${(str(b.command) ?? "").replace(/^\//, "")}` };
  }
  if (b.type === "url_verification") {
    return { accountIds: [], type: "url_verification", store: false, reply: { status: 200, body: str(b.challenge) ?? "", contentType: "text/plain" } };
  }
  return { accountIds: [str(b.team_id) ?? ""], eventId: str(b.event_id), type: str(obj(b.event).type) ?? str(b.type) ?? "unknown" };
};

/** No Slack feature takes events yet: they are kept in the log, marked ignored with why. */
export const handle: HandleInboundEvent = async (_ctx, { type }) => ({
  status: "ignored",
  reason: `Recorded; no hub feature handles Slack ${type} yet.`,
});
