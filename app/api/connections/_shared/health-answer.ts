import type { AccessContext } from "@/lib/auth/access";
import { testConnection } from "@/lib/connections/health";
import type { Db } from "@/lib/db/client";
import { json } from "../../_shared/route-handler";

/**
 * Runs one connection's health check and answers { data: { ok, checkedAt, error, message?, connection } }.
 * A failed check is a successful request: 200 with ok:false, the code and its plain message.
 */
export async function healthAnswer(db: Db, ctx: AccessContext, connectionId: string): Promise<Response> {
  const result = await testConnection(db, ctx, connectionId);
  return json({
    data: {
      ok: result.ok,
      checkedAt: result.checkedAt,
      error: result.error?.code ?? null,
      ...(result.error?.message ? { message: result.error.message } : {}),
      connection: result.connection,
    },
  });
}
