import { z } from "zod";

/** GET /oauth/v1/access-tokens/{token}: which HubSpot account (hub) the token belongs to. */
export const accessTokenInfoSchema = z.object({
  hub_id: z.union([z.number(), z.string()]),
  hub_domain: z.string().optional(),
  user: z.string().optional(),
  scopes: z.array(z.string()).optional(),
}).loose();
