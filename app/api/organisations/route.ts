// GET /api/organisations — the caller's organisations with their role, as { data, page }
// POST /api/organisations — create one (the caller becomes owner); 201 { data: organisation }
import { listMemberships } from "@/lib/auth/tenant";
import { createOrganisation } from "@/lib/db/queries/organisations";
import { wholeListEnvelope } from "@/lib/api/envelope";
import { organisationCreateRequest, toOrganisationDto } from "@/lib/api/schemas/organisations";
import { json, route } from "../_shared/route-handler";

// `user`, not `session`: someone without an organisation yet must be able to create their first.
export const GET = route({ auth: "user" }, async ({ db, userId }) =>
  json(wholeListEnvelope(await listMemberships(db, userId), toOrganisationDto)),
);

export const POST = route({ auth: "user", body: organisationCreateRequest }, async ({ db, userId, body }) => {
  const org = await createOrganisation(db, userId, body);
  return json({ data: toOrganisationDto({ ...org, role: "owner" }) }, 201);
});
