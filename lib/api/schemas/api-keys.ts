import { z } from "zod";
import { API_KEY_ROLES, apiKeyCreateSchema } from "@/lib/auth/api-keys";
import type { ApiKeyRow } from "@/lib/db/queries/api-keys";
import { itemOf, listOf, registerSchema, timestampSchema } from "./registry";

export const apiKeyCreateRequest = registerSchema(apiKeyCreateSchema, { id: "ApiKeyCreate", io: "input" });

/** Paging of the key list (?limit, ?offset). */
export const apiKeyListQuery = registerSchema(
  z.object({
    limit: z.coerce.number({ error: "Limit must be a number" }).int().min(1, "Limit must be at least 1").max(100, "Limit must be at most 100").default(20),
    offset: z.coerce.number({ error: "Offset must be a number" }).int().min(0, "Offset must be at least 0").max(1_000_000, "Offset must be at most 1000000").default(0),
  }),
  { id: "ApiKeyListQuery", io: "input" },
);

/** An API key as lists show it: its prefix, never the secret or its hash. */
export const apiKeyDto = registerSchema(
  z.object({
    id: z.string(),
    name: z.string(),
    prefix: z.string(),
    role: z.enum(API_KEY_ROLES),
    createdAt: timestampSchema,
    lastUsedAt: timestampSchema.nullable(),
    expiresAt: timestampSchema.nullable(),
    revokedAt: timestampSchema.nullable(),
  }),
  { id: "ApiKey", io: "output" },
);
export type ApiKeyDto = z.infer<typeof apiKeyDto>;

export const apiKeyListResponse = registerSchema(listOf(apiKeyDto), { id: "ApiKeyList", io: "output" });
export const apiKeyResponse = registerSchema(itemOf(apiKeyDto), { id: "ApiKeyResponse", io: "output" });
/** The answer to creating a key: the only time `secret` is ever sent. */
export const apiKeyCreatedResponse = registerSchema(
  itemOf(apiKeyDto.extend({ secret: z.string().describe("The whole key; shown once, store it now.") })),
  { id: "ApiKeyCreated", io: "output" },
);

const iso = (d: Date | null) => (d ? d.toISOString() : null);

export function toApiKeyDto(k: ApiKeyRow): ApiKeyDto {
  return { id: k.id, name: k.name, prefix: k.prefix, role: k.role, createdAt: k.createdAt.toISOString(), lastUsedAt: iso(k.lastUsedAt), expiresAt: iso(k.expiresAt), revokedAt: iso(k.revokedAt) };
}
