import { z } from "zod";

/** GET /v1/identity/oauth2/userinfo?schema=paypalv1.1 (Log in with PayPal). */
export const userInfoSchema = z.object({
  user_id: z.string().optional(),
  payer_id: z.string().optional(),
  name: z.string().optional(),
  emails: z.array(z.object({ value: z.string(), primary: z.boolean().optional() })).optional(),
}).loose();
