import { z } from "zod";

/** The fields a Stripe connection stores (encrypted). */
export const stripeFieldsSchema = z.object({ secretKey: z.string().regex(/^(sk|rk)_(test|live)_/) });
