import { userContext } from "@/lib/auth/access";
import { requireTenant } from "@/lib/auth/session";
import { canManageIntegrations } from "@/lib/auth/tenant";
import { getDb } from "@/lib/db/client";
import { organisationTimeZone } from "@/lib/db/queries/organisations";
import { eventTypes } from "@/lib/events/catalog";

/**
 * What every outbound Webhooks screen needs from the server: whether the viewer may change
 * things (owners and admins; members read), the organisation's time zone for attempt times, and
 * the catalogued event types for the type pickers. The data itself loads in the browser.
 */
export async function webhooksPageContext() {
  const tenant = await requireTenant();
  const timeZone = await organisationTimeZone(await getDb(), userContext(tenant));
  return { canManage: canManageIntegrations(tenant), timeZone, eventTypes: [...eventTypes] as string[] };
}
