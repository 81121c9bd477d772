import { LifeBuoyIcon, PlusIcon } from "lucide-react";
import Link from "next/link";
import { EmptyState } from "@/components/empty-state";
import { PageHeader } from "@/components/page-header";
import { Pagination, listHref } from "@/components/accounting/pagination";
import { Button } from "@/components/ui/button";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { StatusAction } from "@/components/work/status-action";
import { WorkStatusBadge } from "@/components/work/work-status-badge";
import { requireTenant } from "@/lib/auth/session";
import { getDb } from "@/lib/db/client";
import { listTickets } from "@/lib/db/queries/tickets";
import { workListQuerySchema } from "@/lib/db/queries/work-items";
import { TICKET_MOVES, type TicketStatus } from "@/lib/work/schemas";
import { moveTicketAction } from "../actions";

export const metadata = { title: "Tickets" };

const MOVE_LABEL = { in_progress: "Start", resolved: "Resolve" } as const;

export default async function TicketsPage({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  const tenant = await requireTenant();
  const parsed = workListQuerySchema.safeParse(await searchParams);
  const query = parsed.success ? parsed.data : workListQuerySchema.parse({});
  const page = await listTickets(await getDb(), tenant, query);
  const newButton = (
    <Button asChild>
      <Link href="/tickets/new"><PlusIcon aria-hidden="true" /> New ticket</Link>
    </Button>
  );
  return (
    <div className="space-y-6">
      <PageHeader title="Tickets" description="Support requests: open → in progress → resolved." actions={newButton} />
      {page.total === 0 ? (
        <EmptyState icon={LifeBuoyIcon} title="No tickets yet" description="Open a ticket to track a customer's request." action={newButton} />
      ) : (
        <div>
          <Table>
            <TableHeader>
              <TableRow>
                <TableHead>Subject</TableHead>
                <TableHead className="hidden sm:table-cell">Customer</TableHead>
                <TableHead>Status</TableHead>
                <TableHead className="text-right">Actions</TableHead>
              </TableRow>
            </TableHeader>
            <TableBody>
              {page.rows.map((t) => (
                <TableRow key={t.id}>
                  <TableCell className="font-medium">{t.subject}</TableCell>
                  <TableCell className="hidden text-muted-foreground sm:table-cell">{t.customerName ?? "—"}</TableCell>
                  <TableCell><WorkStatusBadge status={t.status} /></TableCell>
                  <TableCell className="space-x-2 text-right">
                    {TICKET_MOVES[t.status as TicketStatus].map((to) => (
                      <StatusAction key={to} label={MOVE_LABEL[to as keyof typeof MOVE_LABEL]} action={moveTicketAction.bind(null, t.id, to)} />
                    ))}
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
          <Pagination total={page.total} limit={page.limit} offset={page.offset} href={(offset) => listHref("/tickets", { offset })} />
        </div>
      )}
    </div>
  );
}
