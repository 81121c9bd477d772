// GET /api/integrations/[provider]/oauth/callback — the provider's redirect back: checks the single-use state,
// exchanges the code, then sends the browser to /integrations/[provider] (?connected=1 or ?error=<code>) or to the tenant choice
import { getCurrentUser, ORG_COOKIE } from "@/lib/auth/session";
import { listMemberships, resolveTenant } from "@/lib/auth/tenant";
import { cookies } from "next/headers";
import { completeAuthorization } from "@/lib/connections/oauth-flow";
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
  // The state row is bound to one organisation: try the active one (cookie), then the user's others,
  // so switching organisations in another tab mid-flow does not strand the connection.
  const active = await resolveTenant(db, user.id, (await cookies()).get(ORG_COOKIE)?.value ?? null);
  if (!active) return to("/onboarding");
  const query = Object.fromEntries(new URL(req.url).searchParams);
  const candidates = [active, ...(await listMemberships(db, user.id)).filter((m) => m.id !== active.organisationId).map((m) => ({ organisationId: m.id, userId: user.id, role: m.role }))];
  let lastError: unknown;
  for (const tenant of candidates) {
    try {
      const outcome = await completeAuthorization(db, tenant, provider, query);
      return outcome.outcome === "choose_account" ? to(`/integrations/${provider}/choose-tenant`) : detail("connected=1");
    } catch (err) {
      lastError = err;
      // Only a state bound to a different organisation is worth trying elsewhere.
      if (!(isIntegrationError(err) && err.code === "STATE_INVALID" && !("error" in query))) break;
    }
  }
  if (isIntegrationError(lastError)) return detail(`error=${encodeURIComponent(lastError.code)}`);
  if ((lastError as { status?: number })?.status === 403) return detail("error=forbidden");
  console.error("[hub] OAuth callback failed", lastError);
  return detail("error=PROVIDER_ERROR");
}
