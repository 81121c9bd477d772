import { Fake, SEED_EPOCH } from "../../core/fake";

/** A HubSpot CRM object as /crm/v3/objects returns it. */
export type HubSpotObject = { id: string; properties: Record<string, string>; createdAt: string; updatedAt: string; archived: boolean };

/** Deterministic contacts with HubSpot's default properties. */
export function seedContacts(count: number, seed: number | string, start: number): HubSpotObject[] {
  const fake = new Fake(`hubspot:${seed}`);
  return Array.from({ length: count }, (_, i) => {
    const p = fake.person();
    const company = fake.company();
    const created = fake.dateBefore(SEED_EPOCH, 365).toISOString();
    const id = String(51000 + start + i + 1);
    return {
      id,
      properties: {
        hs_object_id: id, email: fake.email(p.first, company), firstname: p.first, lastname: p.last, company, phone: fake.phone(),
        createdate: created, lastmodifieddate: created,
      },
      createdAt: created, updatedAt: created, archived: false,
    };
  });
}
