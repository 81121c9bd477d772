import type { Metadata } from "next";
import Link from "next/link";
import { BarChart3Icon, FileTextIcon } from "lucide-react";
import { EmptyState } from "@/components/empty-state";
import { PageHeader } from "@/components/page-header";
import { Button } from "@/components/ui/button";
import { Card, CardAction, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { requireTenant } from "@/lib/auth/session";
import { getDb } from "@/lib/db/client";
import { getDashboardSummary, getPaymentsByMonth, getRecentInvoices } from "@/lib/db/queries/dashboard";
import { organisationTimeZone } from "@/lib/db/queries/organisations";
import { PaymentsChart } from "./payments-chart";
import { RecentInvoices } from "./recent-invoices";
import { SummaryCards } from "./summary-cards";

export const metadata: Metadata = { title: "Dashboard" };

export default async function DashboardPage() {
  const tenant = await requireTenant();
  const db = await getDb();
  // "Today" and "this month" are the organisation's (its time zone), read once for both queries.
  const timeZone = await organisationTimeZone(db, tenant);
  const now = new Date();
  const [summary, monthly, recent] = await Promise.all([
    getDashboardSummary(db, tenant, now, timeZone),
    getPaymentsByMonth(db, tenant, 6, now, timeZone),
    getRecentInvoices(db, tenant, 6),
  ]);
  // The chart shows the currency with the most money received; others are in the cards.
  const totals = new Map<string, number>();
  for (const m of monthly) totals.set(m.currency, (totals.get(m.currency) ?? 0) + m.amount);
  const currency = [...totals.entries()].sort((a, b) => b[1] - a[1])[0]?.[0] ?? recent[0]?.currency ?? "USD";
  const chartData = monthly.filter((m) => m.currency === currency);
  const hasPayments = chartData.some((m) => m.amount > 0);

  return (
    <div className="space-y-6">
      <PageHeader title="Dashboard" description="Money owed to this organisation and money received." />
      <SummaryCards summary={summary} currency={currency} />
      {/* min-w-0: a wide table or chart must not stretch its grid column past the screen. */}
      <div className="grid gap-4 lg:grid-cols-2 [&>*]:min-w-0">
        <Card>
          <CardHeader>
            <CardTitle>Payments per month</CardTitle>
            <CardDescription>Last 6 months, {currency}</CardDescription>
          </CardHeader>
          <CardContent>
            {hasPayments ? (
              <PaymentsChart data={chartData} currency={currency} />
            ) : (
              <EmptyState icon={BarChart3Icon} title="No payments yet" description="Payments you record appear here by month." />
            )}
          </CardContent>
        </Card>
        <Card>
          <CardHeader>
            <CardTitle>Recent invoices</CardTitle>
            <CardDescription>The latest invoices issued</CardDescription>
            {recent.length > 0 ? (
              <CardAction>
                <Button asChild variant="outline" size="sm">
                  <Link href="/invoices">View all</Link>
                </Button>
              </CardAction>
            ) : null}
          </CardHeader>
          <CardContent>
            {recent.length > 0 ? (
              <RecentInvoices invoices={recent} />
            ) : (
              <EmptyState
                icon={FileTextIcon}
                title="No invoices yet"
                description="Create your first invoice to start tracking what you are owed."
                action={
                  <Button asChild size="sm">
                    <Link href="/invoices/new">New invoice</Link>
                  </Button>
                }
              />
            )}
          </CardContent>
        </Card>
      </div>
    </div>
  );
}
