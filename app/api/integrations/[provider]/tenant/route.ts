// GET /api/integrations/[provider]/tenant — the provider accounts (e.g. Xero organisations) a pending authorisation can connect, as { data, page } (owner/admin)
// POST /api/integrations/[provider]/tenant — connect the chosen accounts, body {tenantIds: [...]} (or {tenantId}); each becomes its own connection; answers 201 { data: [connection], page } (owner/admin)
import { wholeListEnvelope } from "@/lib/api/envelope";
import { providerParamsSchema, tenantChoiceRequest } from "@/lib/api/schemas/integrations";
import { chooseAccounts, pendingAccounts } from "@/lib/connections/pending";
import { json, route } from "../../../_shared/route-handler";

const same = <T>(x: T) => x;

export const GET = route({ auth: "session", minRole: "admin", params: providerParamsSchema }, async ({ db, ctx, params }) =>
  json(wholeListEnvelope(await pendingAccounts(db, ctx, params.provider), same)),
);

export const POST = route(
  { auth: "session", minRole: "admin", params: providerParamsSchema, body: tenantChoiceRequest },
  async ({ db, ctx, params, body }) => {
    const ids = body.tenantIds ?? [body.tenantId!];
    return json(wholeListEnvelope(await chooseAccounts(db, ctx, params.provider, ids), same), 201);
  },
);
