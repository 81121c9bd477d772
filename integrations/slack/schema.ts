import { z } from "zod";

/** oauth.v2.access: Slack answers HTTP 200 with ok:false on errors; the team rides along. */
export const slackTokenResponseSchema = z.object({
  ok: z.boolean(),
  team: z.object({ id: z.string(), name: z.string().optional() }).nullable().optional(),
  enterprise: z.object({ id: z.string(), name: z.string().optional() }).nullable().optional(),
}).loose();
