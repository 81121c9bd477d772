// GET /api/api-keys — the organisation's API keys (?limit, ?offset) as { data, page }, never their secrets (signed-in members)
// POST /api/api-keys — issue a key (owners/admins); 201 { data: key + secret }, the only answer that ever carries the secret
import { createApiKey, listApiKeys } from "@/lib/auth/api-keys";
import { listEnvelope } from "@/lib/api/envelope";
import { apiKeyCreateRequest, apiKeyListQuery, toApiKeyDto } from "@/lib/api/schemas/api-keys";
import { json, route } from "../_shared/route-handler";

// Session only: a key can never list, mint or revoke keys.
export const GET = route({ auth: "session", query: apiKeyListQuery }, async ({ db, ctx, query }) =>
  json(listEnvelope(await listApiKeys(db, ctx, query), toApiKeyDto)),
);

export const POST = route({ auth: "session", minRole: "admin", body: apiKeyCreateRequest }, async ({ db, ctx, body }) => {
  const { key, secret } = await createApiKey(db, ctx, body);
  return json({ data: { ...toApiKeyDto(key), secret } }, 201);
});
