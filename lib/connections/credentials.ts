import { z } from "zod";
import type { Credentials } from "@/integrations/hook-types";
import { decryptJson, encryptJson, type Key } from "@/lib/crypto";

const credentialsSchema = z.discriminatedUnion("kind", [
  z.object({
    kind: z.literal("oauth2"),
    accessToken: z.string().min(1),
    refreshToken: z.string().min(1).optional(),
    tokenType: z.string().optional(),
    expiresAt: z.number().optional(),
    scope: z.string().optional(),
  }),
  z.object({ kind: z.literal("fields"), fields: z.record(z.string(), z.string()) }),
]);

/** Tokens waiting for the user to choose an account (Xero with several tenants). */
const pendingSchema = z.object({
  credentials: credentialsSchema,
  accounts: z.array(z.object({ id: z.string(), name: z.string() })).min(2),
});
export type PendingChoice = z.infer<typeof pendingSchema>;

// The AAD is the connection id: an envelope copied onto another organisation's row fails to open.
export const sealCredentials = (connectionId: string, creds: Credentials, ring?: Key[]) => encryptJson(creds, connectionId, ring);

export function openCredentials(connectionId: string, envelope: string, ring?: Key[]): Credentials {
  const value = decryptJson<{ pending?: unknown }>(envelope, connectionId, ring);
  return credentialsSchema.parse(value.pending ? (value.pending as PendingChoice).credentials : value);
}

export const sealPending = (connectionId: string, pending: PendingChoice, ring?: Key[]) => encryptJson({ pending }, connectionId, ring);

export function openPending(connectionId: string, envelope: string, ring?: Key[]): PendingChoice | undefined {
  const value = decryptJson<{ pending?: unknown }>(envelope, connectionId, ring);
  return value.pending ? pendingSchema.parse(value.pending) : undefined;
}
