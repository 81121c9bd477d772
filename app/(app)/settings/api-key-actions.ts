"use server";

import { revalidatePath } from "next/cache";
import { ZodError } from "zod";
import { userContext } from "@/lib/auth/access";
import { createApiKey, revokeApiKey } from "@/lib/auth/api-keys";
import { fieldErrorsOf } from "@/lib/auth/schemas";
import { requireTenant } from "@/lib/auth/session";
import { ForbiddenError, NotFoundError } from "@/lib/auth/tenant";
import { getDb } from "@/lib/db/client";
import { formDataArg } from "@/lib/server-actions/args";
import { API_KEY_EXPIRY_DAYS, type ApiKeyFormState } from "./api-key-form-state";
import type { SettingsFormState } from "./form-state";

const text = (form: FormData, key: string) => {
  const v = formDataArg(form).get(key);
  return typeof v === "string" ? v : "";
};

function failure(err: unknown, values: Record<string, string> = {}): ApiKeyFormState {
  const at = Date.now();
  if (err instanceof ZodError) return { ok: false, fieldErrors: fieldErrorsOf(err), values, at };
  if (err instanceof ForbiddenError) return { ok: false, message: err.message, values, at };
  if (err instanceof NotFoundError) return { ok: false, message: "That API key no longer exists.", values, at };
  throw err;
}

/** Owners and admins: issues a key; the answer carries its secret once. */
export async function createApiKeyAction(_prev: ApiKeyFormState, form: FormData): Promise<ApiKeyFormState> {
  const tenant = await requireTenant();
  const values = { name: text(form, "name"), role: text(form, "role") || "member", expires: text(form, "expires") || "never" };
  const days = API_KEY_EXPIRY_DAYS[values.expires as keyof typeof API_KEY_EXPIRY_DAYS];
  if (days === undefined) return { ok: false, fieldErrors: { expires: ["Choose when the key expires."] }, values, at: Date.now() };
  try {
    const expiresAt = days === null ? null : new Date(Date.now() + days * 24 * 3600_000).toISOString();
    const { key, secret } = await createApiKey(await getDb(), userContext(tenant), { name: values.name, role: values.role as "member", expiresAt });
    revalidatePath("/settings");
    return { ok: true, message: `API key “${key.name}” created. Copy it now: it is shown only once.`, secret, at: Date.now() };
  } catch (err) {
    return failure(err, values);
  }
}

/** Owners and admins: revokes a key; requests with it fail from now on. */
export async function revokeApiKeyAction(_prev: SettingsFormState, form: FormData): Promise<SettingsFormState> {
  const tenant = await requireTenant();
  try {
    const key = await revokeApiKey(await getDb(), userContext(tenant), text(form, "keyId"));
    revalidatePath("/settings");
    return { ok: true, message: `API key “${key.name}” revoked.`, at: Date.now() };
  } catch (err) {
    return failure(err);
  }
}
