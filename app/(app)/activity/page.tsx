import type { Metadata } from "next";
import { ActivityIcon } from "lucide-react";
import { Pagination, listHref } from "@/components/accounting/pagination";
import { EmptyState } from "@/components/empty-state";
import { AuditList } from "@/components/integrations/audit-list";
import { loadActorNames } from "@/components/integrations/audit-actors";
import { PageHeader } from "@/components/page-header";
import { listManifests } from "@/integrations";
import { auditActionLabels, auditActions } from "@/lib/audit";
import { requireTenant } from "@/lib/auth/session";
import { getDb } from "@/lib/db/client";
import { ActivityFilters } from "./activity-filters";
import { ACTIVITY_PAGE_SIZE, activityQuerySchema, listActivity } from "./audit-query";

export const metadata: Metadata = { title: "Activity" };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

/** The organisation's audit log: who connected, tested or disconnected what, and when. */
export default async function ActivityPage({ searchParams }: { searchParams: SearchParams }) {
  const tenant = await requireTenant();
  const db = await getDb();
  const query = activityQuerySchema.parse(await searchParams);
  const [{ entries, total, offset }, actors] = await Promise.all([listActivity(db, tenant, query), loadActorNames(db, tenant)]);
  const filtered = Boolean(query.action || query.provider);
  const href = (o: number) =>
    listHref("/activity", { action: query.action, provider: query.provider, page: o > 0 ? Math.floor(o / ACTIVITY_PAGE_SIZE) + 1 : undefined });
  // Key rotation is system-wide (no organisation), so it never shows here; keep it out of the filter.
  const actions = auditActions.filter((a) => a !== "keys.rotated").map((a) => ({ value: a, label: auditActionLabels[a] }));
  const providers = listManifests().map((m) => ({ value: m.id, label: m.name }));

  return (
    <div className="space-y-6">
      <PageHeader title="Activity" description="The audit log of this organisation's integrations: connections, tests, refresh failures and disconnections." />
      <ActivityFilters actions={actions} providers={providers} current={{ action: query.action, provider: query.provider }} />
      {entries.length ? (
        <div>
          <AuditList entries={entries} actors={actors} now={new Date()} />
          <Pagination total={total} limit={ACTIVITY_PAGE_SIZE} offset={offset} href={href} />
        </div>
      ) : (
        <EmptyState
          icon={ActivityIcon}
          title={filtered ? "No activity matches these filters" : query.page > 1 && total > 0 ? "No more activity" : "No activity yet"}
          description={
            filtered
              ? "Try another action or integration, or clear the filters."
              : "Connecting, testing and disconnecting integrations is recorded here."
          }
        />
      )}
    </div>
  );
}
