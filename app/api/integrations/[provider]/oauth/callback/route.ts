// GET /api/integrations/[provider]/oauth/callback — the provider's redirect back: checks the single-use state,
// exchanges the code, then sends the browser to the new connection's page /integrations/[provider]/[id]?connected=1, to the tenant choice, or back with ?error=<code>
import { log } from "@/lib/log";
import { cookies } from "next/headers";
import { getCurrentUser, ORG_COOKIE } from "@/lib/auth/session";
import { userContext } from "@/lib/auth/access";
import { resolveTenant } from "@/lib/auth/tenant";
import { completeAuthorization, stateOrganisationId } from "@/lib/connections/oauth-flow";
import { isIntegrationError } from "@/lib/connections/errors";
import { getDb } from "@/lib/db/client";
import { providerParam, publicOrigin } from "../../../_shared/respond";

export async function GET(req: Request, ctx: { params: Promise<{ provider: string }> }) {
  const parsed = providerParam.safeParse(await ctx.params);
  const origin = publicOrigin(req);
  const to = (path: string) => Response.redirect(new URL(path, origin), 303);
  if (!parsed.success) return to("/integrations");
  const provider = parsed.data.provider;
  const detail = (query: string) => to(`/integrations/${provider}?${query}`);

  const user = await getCurrentUser();
  if (!user) return to(`/sign-in?callbackUrl=${encodeURIComponent(`/integrations/${provider}`)}`);
  const db = await getDb();
  const query = Object.fromEntries(new URL(req.url).searchParams);
  // Finish in the organisation the state was issued for, so switching organisations in another
  // tab mid-flow does not strand the connection. resolveTenant only returns it to a member;
  // anyone else lands in their own organisation, where the state does not match (STATE_INVALID).
  const bound = query.state ? await stateOrganisationId(db, query.state) : null;
  const tenant = await resolveTenant(db, user.id, bound ?? (await cookies()).get(ORG_COOKIE)?.value ?? null);
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
}
