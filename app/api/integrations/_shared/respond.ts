import { z } from "zod";
import { toErrorResponse } from "@/lib/auth/session";
import { jsonError } from "@/lib/auth/error-response";
import { isIntegrationError } from "@/lib/connections/errors";

/** Route params of /api/integrations/[provider]/…: a registry-shaped id (unknown ids 404 in lib). */
export const providerParam = z.object({ provider: z.string().regex(/^[a-z][a-z0-9-]{0,63}$/) });

/**
 * The API's error answer: IntegrationErrors keep their code, status and plain message (plus the
 * provider's code, never its raw body); everything else goes through the shared mapping.
 */
export function integrationErrorResponse(err: unknown): Response {
  if (isIntegrationError(err)) {
    const res = jsonError(err.status, err.code, err.message);
    if (err.retryAfterSeconds) res.headers.set("retry-after", String(err.retryAfterSeconds));
    return res;
  }
  return toErrorResponse(err);
}

/** The request's JSON body; an empty or non-JSON body is `{}` (zod then says what is missing). */
export async function readBody(req: Request): Promise<unknown> {
  const text = await req.text();
  if (!text.trim()) return {};
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return {};
  }
}

/**
 * The public origin OAuth redirect URIs are built on: HUB_PUBLIC_URL, else AUTH_URL, else the
 * request's own origin. Providers compare redirect URIs exactly, so production should set one.
 */
export function publicOrigin(req: Request): string {
  const configured = process.env.HUB_PUBLIC_URL ?? process.env.AUTH_URL;
  return configured ? new URL(configured).origin : new URL(req.url).origin;
}

export const callbackUrl = (req: Request, provider: string) => `${publicOrigin(req)}/api/integrations/${provider}/oauth/callback`;
