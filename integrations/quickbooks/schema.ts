import { z } from "zod";

/** GET /v3/company/{realmId}/companyinfo/{realmId}, JSON flavour. */
export const companyInfoSchema = z.object({
  CompanyInfo: z.object({ CompanyName: z.string().optional(), LegalName: z.string().optional() }).loose(),
}).loose();

/** The callback's realmId: QuickBooks' company id, digits only. */
export const realmIdSchema = z.string().regex(/^[0-9]{1,32}$/);
