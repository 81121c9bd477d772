import { z } from "zod";
import { authModes, categories, connectionFieldSchema, manifestSchema } from "@/integrations/manifest-schema";
import { connectionStatusEnum } from "@/drizzle/schema";
import { connectionPatchSchema, settingsSchema } from "@/lib/connections/manage";
import { connectionSettingsSchema } from "@/lib/security/plaintext-columns";
import { ApiError } from "../problem";
import { itemOf, registerSchema, timestampSchema } from "./registry";

// Request and response schemas of /api/integrations/** and /api/connections/**. The lib
// functions already build public views field by field (lib/connections/view.ts); these schemas
// describe exactly those views, and the route walk parses every answer strictly against them.

/** `{ provider }` of /api/integrations/[provider]/…: a registry-shaped id (unknown ids 404 in lib). */
export const providerParamsSchema = registerSchema(
  z.object({ provider: z.string().regex(/^[a-z][a-z0-9-]{0,63}$/, "provider must be an integration id (lowercase letters, digits and dashes, at most 64)") }),
  { id: "ProviderParams", io: "input" },
);

/** `{ id }` of /api/connections/[id]/…: a connection id; another organisation's id answers 404 in lib. */
export const connectionParamsSchema = registerSchema(
  z.object({ id: z.uuid("id must be a connection id (a UUID)") }),
  { id: "ConnectionParams", io: "input" },
);

const int = (name: string, min: number, max: number, fallback: number) =>
  z.coerce.number({ error: `${name} must be a number` }).int(`${name} must be a whole number`)
    .min(min, `${name} must be at least ${min}`).max(max, `${name} must be at most ${max}`).default(fallback);

/** GET /api/connections query: paging and filters. */
export const connectionListQuery = registerSchema(
  z.object({
    provider: z.string().regex(/^[a-z][a-z0-9-]{0,63}$/, "provider must be an integration id").optional(),
    includeDisconnected: z.enum(["true", "false"], "includeDisconnected must be true or false").transform((v) => v === "true").optional(),
    limit: int("limit", 1, 100, 50),
    offset: int("offset", 0, 100_000, 0),
  }).strict(),
  { id: "ConnectionListQuery", io: "input" },
);

/** GET /api/connections/[id]/logs query: a page size and the `nextCursor` of the previous page. */
export const connectionLogsQuery = registerSchema(
  z.object({
    limit: int("limit", 1, 200, 50),
    before: z.string().max(200, "before is at most 200 characters").regex(/^.+_[0-9a-f-]{36}$/, "before must be the nextCursor of the previous page").optional(),
  }).strict(),
  { id: "ConnectionLogsQuery", io: "input" },
);

// Settings are stored in plaintext, so the request already refuses what the storage guard would
// (a key naming a secret, a value that looks like a credential), with the field named.
const safeSettings = settingsSchema.superRefine((settings, ctx) => {
  const stored = connectionSettingsSchema.safeParse(settings);
  for (const issue of stored.error?.issues ?? []) {
    const message = issue.code === "invalid_key" && issue.issues[0] ? issue.issues[0].message : issue.message;
    ctx.addIssue({ code: "custom", path: issue.path, message });
  }
});

/** PATCH /api/connections/[id]: any of settings, a display name, becoming the provider's default. */
export const connectionPatchRequest = registerSchema(
  connectionPatchSchema.extend({ settings: safeSettings.optional() }).strict(),
  { id: "ConnectionPatch", io: "input" },
);

/** PATCH /api/integrations/[provider]: settings of the default connection (flat values, merged). */
export const settingsPatchRequest = registerSchema(safeSettings, { id: "ConnectionSettingsPatch", io: "input" });

/**
 * POST /api/integrations/[provider]/connect: the manifest's connection fields (lib checks them
 * against the provider's own field list); OAuth providers take no body, `{}` is accepted.
 */
export const connectRequest = registerSchema(
  z.record(
    z.string().max(64, "field names are at most 64 characters"),
    z.string("connection fields are text").max(2048, "a connection field is at most 2048 characters"),
  ).refine((r) => Object.keys(r).length <= 20, "at most 20 connection fields").optional(),
  { id: "ConnectRequest", io: "input" },
);

const accountId = z.string().min(1, "an organisation id is empty").max(200, "an organisation id is at most 200 characters");
/** POST /api/integrations/[provider]/tenant: the accounts to connect (`{tenantIds}`; `{tenantId}` still read). */
export const tenantChoiceRequest = registerSchema(
  z.object({
    tenantIds: z.array(accountId).min(1, "choose at least one organisation").max(50, "at most 50 organisations at once").optional(),
    tenantId: accountId.optional(),
  }).strict().refine((b) => (b.tenantIds === undefined) !== (b.tenantId === undefined), "give either tenantIds or tenantId"),
  { id: "TenantChoice", io: "input" },
);

const nullableTime = timestampSchema.nullable();

/** A connection as the API shows it (lib/connections/view.ts): never credentials or the organisation. */
export const connectionDto = registerSchema(
  z.object({
    id: z.string(),
    provider: z.string(),
    displayName: z.string(),
    isDefault: z.boolean(),
    status: z.enum(connectionStatusEnum.enumValues),
    authMode: z.string(),
    externalAccountId: z.string().nullable(),
    externalAccountName: z.string().nullable(),
    scopes: z.array(z.string()),
    tokenExpiresAt: nullableTime,
    settings: z.unknown(),
    fields: z.record(z.string(), z.string()).describe("the non-secret connection fields"),
    refreshFailures: z.number().int(),
    lastError: z.string().nullable(),
    lastErrorAt: nullableTime,
    lastHealthCheckAt: nullableTime,
    lastHealthOk: z.boolean().nullable(),
    lastSyncAt: nullableTime,
    connectedAt: timestampSchema,
    updatedAt: timestampSchema,
  }),
  { id: "Connection", io: "output" },
);

/** One catalog card / detail header: public manifest data and this organisation's status. */
export const catalogEntryDto = registerSchema(
  z.object({
    id: z.string(),
    name: z.string(),
    description: z.string(),
    category: z.enum(categories),
    authMode: z.enum(authModes),
    availability: manifestSchema.shape.availability,
    logo: manifestSchema.shape.logo,
    docsUrl: z.string().nullable(),
    capabilities: z.object({ sync: z.array(z.string()), webhooks: z.boolean(), notify: z.boolean(), payments: z.boolean(), storage: z.boolean() }),
    scopes: z.array(z.string()),
    fields: z.array(connectionFieldSchema),
    status: z.enum(["not_connected", "connected", "needs_reauth", "error", "pending"]),
    connection: connectionDto.nullable(),
    connectionCount: z.number().int(),
    allowsSeveral: z.boolean(),
  }),
  { id: "CatalogEntry", io: "output" },
);

/** GET /api/integrations: connected integrations first, then every category. */
export const catalogResponse = registerSchema(
  itemOf(z.object({
    connected: z.array(catalogEntryDto),
    categories: z.array(z.object({ category: z.enum(categories), label: z.string(), integrations: z.array(catalogEntryDto) })),
  })),
  { id: "CatalogResponse", io: "output" },
);

/** GET /api/integrations/[provider]/status: the catalog entry plus every live connection. */
export const integrationStatusResponse = registerSchema(
  itemOf(catalogEntryDto.extend({ connections: z.array(connectionDto) })),
  { id: "IntegrationStatusResponse", io: "output" },
);

export const connectionResponse = registerSchema(itemOf(connectionDto), { id: "ConnectionResponse", io: "output" });

/** Lists of connections use the `{ data, page }` envelope. */
export const connectionListResponse = registerSchema(
  z.object({ data: z.array(connectionDto), page: z.object({ limit: z.number().int(), offset: z.number().int(), total: z.number().int() }) }),
  { id: "ConnectionList", io: "output" },
);

/** POST /api/integrations/[provider]/connect for OAuth providers: where to send the browser. */
export const authorizationResponse = registerSchema(itemOf(z.object({ redirectUrl: z.url() })), { id: "AuthorizationRedirect", io: "output" });

/** What a disconnect did at the provider. */
export const disconnectResponse = registerSchema(
  itemOf(z.object({ revoked: z.boolean(), revokeError: z.string().optional(), keptSharedGrant: z.boolean().optional() })),
  { id: "DisconnectResult", io: "output" },
);

/** A health check's outcome: a failed check is still a 200, with `ok: false`, the code and its message. */
export const healthResultResponse = registerSchema(
  itemOf(z.object({ ok: z.boolean(), checkedAt: timestampSchema, error: z.string().nullable(), message: z.string().optional(), connection: connectionDto })),
  { id: "HealthResult", io: "output" },
);

/** The accounts (e.g. Xero organisations) a pending authorisation can connect. */
export const pendingAccountListResponse = registerSchema(
  z.object({
    data: z.array(z.object({ id: z.string(), name: z.string(), connected: z.boolean() })),
    page: z.object({ limit: z.number().int(), offset: z.number().int(), total: z.number().int() }),
  }),
  { id: "PendingAccountList", io: "output" },
);

/** One entry of a connection's log. */
export const connectionLogEntryDto = registerSchema(
  z.object({ id: z.string(), action: z.string(), label: z.string(), actorUserId: z.string().nullable(), details: z.unknown(), createdAt: timestampSchema }),
  { id: "ConnectionLogEntry", io: "output" },
);

/** A connection's log is paged by cursor: `page.nextCursor` is the `before` of the next page (null at the end). */
export const connectionLogsResponse = registerSchema(
  z.object({ data: z.array(connectionLogEntryDto), page: z.object({ limit: z.number().int(), nextCursor: z.string().nullable() }) }),
  { id: "ConnectionLogs", io: "output" },
);

/** The logs cursor is "<ISO time>_<entry id>" of the previous page's last entry (the query schema checked its shape). */
export function parseLogsCursor(before: string | undefined): { createdAt: Date; id: string } | undefined {
  if (!before) return undefined;
  const at = before.lastIndexOf("_");
  const createdAt = new Date(before.slice(0, at));
  if (Number.isNaN(createdAt.getTime())) {
    throw new ApiError(400, "invalid_input", "Some query parameters are invalid.", [{ in: "query", path: "before", message: "before must be the nextCursor of the previous page" }]);
  }
  return { createdAt, id: before.slice(at + 1) };
}

/** The cursor of a log entry, as `page.nextCursor` carries it. */
export const logsCursor = (e: { createdAt: string; id: string }) => `${new Date(e.createdAt).toISOString()}_${e.id}`;
