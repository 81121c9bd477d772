import { z } from "zod";
import type { ConnectionField } from "@/integrations/manifest-schema";
import { actorUserId, requireActorRole, type AccessContext } from "@/lib/auth/access";
import { auditAs } from "@/lib/audit";
import { takeConnectAttempt, TooManyConnectAttemptsError } from "@/lib/security";
import type { Db } from "@/lib/db/client";
import { sealCredentials } from "./credentials";
import { webhookUrlAllowed } from "./endpoints";
import { IntegrationError } from "./errors";
import { FIELD_MAX_LENGTH, fieldMessages } from "./field-messages";
import { connectableProvider } from "./provider";
import { saveConnections } from "./store";
import { toConnectionView, type ConnectionView } from "./view";

/**
 * A zod schema built from the manifest's fields: required strings matching their patterns,
 * unknown fields refused. webhook_url fields also accept the sandbox's catch hooks outside
 * live mode (see endpoints.webhookUrlAllowed).
 */
export function fieldsSchema(fields: ConnectionField[], authMode: string) {
  const shape: Record<string, z.ZodType<string | undefined>> = {};
  for (const f of fields) {
    let s = z.string().trim().max(FIELD_MAX_LENGTH, fieldMessages.tooLong(f));
    if (f.type === "url" && authMode === "webhook_url") {
      s = s.refine((v) => webhookUrlAllowed(f.pattern, v), fieldMessages.notWebhook(f)) as unknown as typeof s;
    } else if (f.pattern) {
      s = s.regex(new RegExp(f.pattern), fieldMessages.format(f));
    }
    shape[f.name] = f.required ? s.min(1, fieldMessages.required(f)) : s.optional();
  }
  return z.object(shape).strict();
}

/**
 * Connects an api_key / basic / webhook_url provider: validates the fields against the
 * manifest, proves them with a live call (the provider's verify hook), and only then stores them
 * encrypted (the live call happens before, never inside, the saving transaction). A refused key
 * surfaces the provider's own reason. The same provider account again reconnects its connection;
 * another account becomes a new connection where the provider allows several.
 */
export async function connectWithFields(db: Db, ctx: AccessContext, providerId: string, input: unknown): Promise<ConnectionView> {
  requireActorRole(ctx, "admin");
  const { manifest, endpoints, hooks } = connectableProvider(providerId);
  if (manifest.authMode === "oauth2") throw new IntegrationError("INVALID_INPUT", { providerMessage: `${manifest.name} connects with OAuth.` });
  const fields = fieldsSchema(manifest.fields, manifest.authMode).parse(input) as Record<string, string | undefined>;
  // Each connect reaches out to a host the user typed: a budget per organisation stops scanning.
  await takeConnectAttempt(db, ctx.organisationId).catch((err: unknown) => {
    if (!(err instanceof TooManyConnectAttemptsError)) throw err;
    throw new IntegrationError("TOO_MANY_ATTEMPTS", { providerMessage: err.message.replace(/^Too many connection attempts\. /, ""), retryAfterSeconds: err.retryAfterSeconds });
  });
  const clean = Object.fromEntries(Object.entries(fields).filter((e): e is [string, string] => typeof e[1] === "string" && e[1] !== ""));
  if (!hooks.verifyCredentials) throw new IntegrationError("NOT_AVAILABLE");
  const account = await hooks.verifyCredentials({ endpoints }, clean);
  const [saved] = await saveConnections(db, ctx, manifest, [{ accountId: account.id, build: (id) => ({
    authMode: manifest.authMode,
    status: "connected",
    credentials: sealCredentials(id, { kind: "fields", fields: clean }),
    externalAccountId: account.id ?? null,
    externalAccountName: account.name ?? null,
    scopes: [],
    expiresAt: null,
    refreshFailures: 0,
    lastError: null,
    lastErrorAt: null,
    lastHealthCheckAt: new Date(),
    lastHealthOk: 1,
    connectedBy: actorUserId(ctx),
  }) }]);
  await auditAs(db, ctx, { action: "connection.connected", provider: manifest.id, connectionId: saved.id, details: { account: account.name ?? null } });
  return toConnectionView(saved);
}
