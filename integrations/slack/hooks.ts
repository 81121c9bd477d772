import type { DiscoverAccount, HealthCheck, Revoke } from "../hook-types";
import { IntegrationError } from "@/lib/connections/errors";
import { slackClient } from "./client";
import { slackTokenResponseSchema } from "./schema";

/** Slack puts the workspace in the token response itself; no extra call is needed. */
export const discoverAccount: DiscoverAccount = async (_ctx, { tokenResponse }) => {
  const parsed = slackTokenResponseSchema.safeParse(tokenResponse);
  const team = parsed.success ? (parsed.data.team ?? parsed.data.enterprise) : undefined;
  if (!team) throw new IntegrationError("PROVIDER_ERROR", { providerCode: "missing_team" });
  return [{ id: team.id, name: team.name ?? team.id }];
};

/** Slack errors are `{ ok: false, error }` wrapped by the SDK in `err.data`. */
function toIntegrationError(err: unknown): IntegrationError {
  const e = err as { code?: string; data?: { error?: string }; retryAfter?: number };
  const code = e.data?.error;
  if (e.code === "slack_webapi_rate_limited_error") return new IntegrationError("RATE_LIMITED", { retryAfterSeconds: e.retryAfter, cause: err });
  if (code === "invalid_auth" || code === "token_revoked" || code === "account_inactive" || code === "not_authed") {
    return new IntegrationError("NEEDS_REAUTH", { providerCode: code, cause: err });
  }
  if (code === "token_expired") return new IntegrationError("AUTH_EXPIRED", { providerCode: code, cause: err });
  if (e.code === "slack_webapi_request_error") return new IntegrationError("PROVIDER_UNREACHABLE", { cause: err });
  return new IntegrationError("PROVIDER_ERROR", { providerCode: code ?? e.code, cause: err });
}

/** auth.test: Slack's own "is this token alive" call. */
export const healthCheck: HealthCheck = async (ctx, creds, account) => {
  if (creds.kind !== "oauth2") throw new IntegrationError("INVALID_CREDENTIALS");
  let res;
  try {
    res = await slackClient(creds.accessToken, ctx.endpoints).auth.test();
  } catch (err) {
    throw toIntegrationError(err);
  }
  if (account.externalAccountId && res.team_id && res.team_id !== account.externalAccountId) {
    throw new IntegrationError("NEEDS_REAUTH", { providerMessage: "The token belongs to a different Slack workspace." });
  }
};

/** auth.revoke with the token itself (Slack has no RFC 7009 endpoint). */
export const revoke: Revoke = async (ctx, creds) => {
  if (creds.kind !== "oauth2") return;
  try {
    await slackClient(creds.accessToken, ctx.endpoints).auth.revoke();
  } catch (err) {
    throw toIntegrationError(err);
  }
};
