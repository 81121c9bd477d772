import { z } from "zod";
import { organisationNameSchema, roleSchema, switchOrganisationSchema } from "@/lib/auth/schemas";
import { itemOf, listOf, registerSchema } from "./registry";

export const organisationCreateRequest = registerSchema(organisationNameSchema, { id: "OrganisationCreate", io: "input" });
export const organisationSwitchRequest = registerSchema(switchOrganisationSchema, { id: "OrganisationSwitch", io: "input" });

/** An organisation the caller belongs to, with their role in it. */
export const organisationDto = registerSchema(
  z.object({ id: z.string(), name: z.string(), role: roleSchema }),
  { id: "Organisation", io: "output" },
);
export type OrganisationDto = z.infer<typeof organisationDto>;

export const organisationListResponse = registerSchema(listOf(organisationDto), { id: "OrganisationList", io: "output" });
export const organisationResponse = registerSchema(itemOf(organisationDto), { id: "OrganisationResponse", io: "output" });
/** The active organisation after a switch: its id and the caller's role. */
export const organisationSwitchResponse = registerSchema(
  itemOf(z.object({ id: z.string(), role: roleSchema })),
  { id: "OrganisationSwitched", io: "output" },
);

/** Only the public fields of a membership listing. */
export function toOrganisationDto(o: { id: string; name: string; role: z.infer<typeof roleSchema> }): OrganisationDto {
  return { id: o.id, name: o.name, role: o.role };
}
