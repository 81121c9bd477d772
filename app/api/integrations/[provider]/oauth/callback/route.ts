// GET /api/integrations/[provider]/oauth/callback — the provider's redirect back: checks the single-use state,
// exchanges the code, then sends the browser to the new connection's page /integrations/[provider]/[id]?connected=1, to the tenant choice, or back with ?error=<code>
//
// A browser endpoint, not a JSON API: every outcome is a 303 redirect. It still runs on the wrapper
// (database, input checks, error mapping for what cannot be redirected) but authenticates itself,
// because a signed-out browser must be sent to sign in rather than answered 401.
import { z } from "zod";
import { userContext } from "@/lib/auth/access";
import { ORG_COOKIE } from "@/lib/auth/org-cookie";
import { resolveTenant } from "@/lib/auth/tenant";
import { requestCookie } from "@/lib/api/runtime";
import { providerParamsSchema } from "@/lib/api/schemas/integrations";
import { completeAuthorization, stateOrganisationId } from "@/lib/connections/oauth-flow";
import { isIntegrationError } from "@/lib/connections/errors";
import { log } from "@/lib/log";
import { publicOrigin } from "../../../_shared/public-origin";
import { apiRuntime, route } from "../../../../_shared/route-handler";

// Providers add their own parameters (realmId, scope, …); one value each, bounded.
const callbackQuery = z.record(z.string().max(100), z.string().max(4096, "a callback parameter is at most 4096 characters"));

export const GET = route(
  { auth: "public", params: z.object({ provider: z.string() }), query: callbackQuery },
  async ({ req, db, params, query }) => {
    const to = (path: string) => Response.redirect(new URL(path, publicOrigin(req)), 303);
    const parsed = providerParamsSchema.safeParse(params);
    if (!parsed.success) return to("/integrations");
    const provider = parsed.data.provider;
    const detail = (q: string) => to(`/integrations/${provider}?${q}`);

    const credentials = await apiRuntime().authenticate(req);
    if (credentials?.kind !== "cookie") return to(`/sign-in?callbackUrl=${encodeURIComponent(`/integrations/${provider}`)}`);
    // Finish in the organisation the state was issued for, so switching organisations in another
    // tab mid-flow does not strand the connection. resolveTenant only returns it to a member;
    // anyone else lands in their own organisation, where the state does not match (STATE_INVALID).
    const bound = query.state ? await stateOrganisationId(db, query.state) : null;
    const tenant = await resolveTenant(db, credentials.userId, bound ?? requestCookie(req, ORG_COOKIE) ?? null);
    if (!tenant) return to("/onboarding");
    try {
      const outcome = await completeAuthorization(db, userContext(tenant), provider, query);
      return outcome.outcome === "choose_account"
        ? to(`/integrations/${provider}/choose-tenant`)
        : to(`/integrations/${provider}/${outcome.connection.id}?connected=1`);
    } catch (err) {
      if (isIntegrationError(err)) return detail(`error=${encodeURIComponent(err.code)}`);
      if ((err as { status?: number })?.status === 403) return detail("error=forbidden");
      log.error("[hub] OAuth callback failed", err);
      return detail("error=PROVIDER_ERROR");
    }
  },
);
