import { apiTenant, toErrorResponse } from "@/lib/auth/session";
import type { Tenant } from "@/lib/auth/tenant";
import { accountingErrorResponse } from "@/lib/accounting/api-errors";
import { getDb, type Db } from "@/lib/db/client";

/**
 * Runs an accounting route handler for the signed-in caller's organisation: 401/403 without a
 * tenant; refused accounting rules answer 409, everything else goes through toErrorResponse.
 */
export async function withTenant(run: (ctx: { tenant: Tenant; db: Db }) => Promise<Response>): Promise<Response> {
  const auth = await apiTenant();
  if (!auth.ok) return auth.response;
  try {
    return await run({ tenant: auth.tenant, db: await getDb() });
  } catch (err) {
    return accountingErrorResponse(err) ?? toErrorResponse(err);
  }
}
