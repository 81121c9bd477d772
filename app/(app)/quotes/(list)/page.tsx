import { FileSignatureIcon, PlusIcon } from "lucide-react";
import Link from "next/link";
import { EmptyState } from "@/components/empty-state";
import { PageHeader } from "@/components/page-header";
import { Pagination, listHref } from "@/components/accounting/pagination";
import { Button } from "@/components/ui/button";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { StatusAction } from "@/components/work/status-action";
import { WorkStatusBadge } from "@/components/work/work-status-badge";
import { formatMoney } from "@/lib/accounting/money";
import { requireTenant } from "@/lib/auth/session";
import { getDb } from "@/lib/db/client";
import { listQuotes } from "@/lib/db/queries/quotes";
import { workListQuerySchema } from "@/lib/db/queries/work-items";
import { OPEN_QUOTE_STATUSES } from "@/lib/work/schemas";
import { decideQuoteAction } from "../actions";

export const metadata = { title: "Quotes" };

export default async function QuotesPage({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  const tenant = await requireTenant();
  const parsed = workListQuerySchema.safeParse(await searchParams);
  const query = parsed.success ? parsed.data : workListQuerySchema.parse({});
  const page = await listQuotes(await getDb(), tenant, query);
  const newButton = (
    <Button asChild>
      <Link href="/quotes/new"><PlusIcon aria-hidden="true" /> New quote</Link>
    </Button>
  );
  return (
    <div className="space-y-6">
      <PageHeader
        title="Quotes"
        description="Offers to customers. Open quotes past their valid-until date expire automatically (checked every 15 minutes)."
        actions={newButton}
      />
      {page.total === 0 ? (
        <EmptyState icon={FileSignatureIcon} title="No quotes yet" description="Create a quote to offer a customer a price." action={newButton} />
      ) : (
        <div>
          <Table>
            <TableHeader>
              <TableRow>
                <TableHead>Number</TableHead>
                <TableHead className="hidden sm:table-cell">Customer</TableHead>
                <TableHead className="text-right">Total</TableHead>
                <TableHead className="hidden md:table-cell">Valid until</TableHead>
                <TableHead>Status</TableHead>
                <TableHead className="text-right">Actions</TableHead>
              </TableRow>
            </TableHeader>
            <TableBody>
              {page.rows.map((q) => (
                <TableRow key={q.id}>
                  <TableCell className="font-medium">{q.number}</TableCell>
                  <TableCell className="hidden text-muted-foreground sm:table-cell">{q.customerName ?? "—"}</TableCell>
                  <TableCell className="text-right tabular-nums">{formatMoney(q.total, q.currency)}</TableCell>
                  <TableCell className="hidden md:table-cell">{q.validUntil}</TableCell>
                  <TableCell><WorkStatusBadge status={q.status} /></TableCell>
                  <TableCell className="space-x-2 text-right whitespace-nowrap">
                    {(OPEN_QUOTE_STATUSES as readonly string[]).includes(q.status) ? (
                      <>
                        <StatusAction label="Accept" action={decideQuoteAction.bind(null, q.id, "accepted")} />
                        <StatusAction
                          label="Reject" action={decideQuoteAction.bind(null, q.id, "rejected")}
                          confirm={{ title: `Reject quote ${q.number}?`, description: "The customer declined it. A rejected quote cannot be accepted later.", confirmLabel: "Reject quote" }}
                        />
                        <StatusAction
                          label="Expire" action={decideQuoteAction.bind(null, q.id, "expired")}
                          confirm={{ title: `Expire quote ${q.number} now?`, description: "The offer is no longer open. An expired quote cannot be accepted later.", confirmLabel: "Expire quote" }}
                        />
                      </>
                    ) : null}
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
          <Pagination total={page.total} limit={page.limit} offset={page.offset} href={(offset) => listHref("/quotes", { offset })} />
        </div>
      )}
    </div>
  );
}
