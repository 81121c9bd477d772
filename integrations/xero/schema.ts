import { z } from "zod";

/** One entry of Xero's GET /connections: an organisation (tenant) the grant reaches. */
export const xeroConnectionSchema = z.object({
  id: z.string().optional(),
  tenantId: z.string(),
  tenantType: z.string().optional(),
  tenantName: z.string().nullable().optional(),
});
export const xeroConnectionsSchema = z.array(xeroConnectionSchema);
