import { z } from "zod";

/** The fields a PayPal connection stores (encrypted): the merchant's REST app credentials. */
export const paypalFieldsSchema = z.object({ clientId: z.string().min(1), clientSecret: z.string().min(1) });

/** POST /v1/oauth2/token (client_credentials) answer. */
export const paypalTokenSchema = z.object({ access_token: z.string(), app_id: z.string().optional(), expires_in: z.number().optional() }).loose();
