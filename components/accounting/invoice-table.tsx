import Link from "next/link";
import { InvoiceAmountCells } from "./invoice-amounts";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import type { InvoiceListRow } from "@/lib/db/queries/invoices";
import { InvoiceCards } from "./invoice-cards";
import { InvoiceStatusBadge } from "./status-badge";
import { SourceBadge } from "@/components/sync/source-badge";
import type { RecordSource } from "@/lib/sync/sources";

/**
 * Invoices: number (linked), customer, status, dates, total and balance. A table from `sm`
 * up (dates drop out first as the screen narrows; Total and Balance never do), cards below.
 */
/** `sources`: the provider each synced invoice came from (lib/sync/sources.ts, one query per page). */
export function InvoiceTable({ rows, showCustomer = true, sources = {} }: { rows: InvoiceListRow[]; showCustomer?: boolean; sources?: Record<string, RecordSource> }) {
  return (
    <>
      <InvoiceCards rows={rows} showCustomer={showCustomer} sources={sources} className="sm:hidden" />
      <Table className="hidden sm:table">
        <TableHeader>
          <TableRow>
            <TableHead>Number</TableHead>
            {showCustomer ? <TableHead>Customer</TableHead> : null}
            <TableHead>Status</TableHead>
            <TableHead className="hidden lg:table-cell">Issued</TableHead>
            <TableHead className="hidden md:table-cell">Due</TableHead>
            <TableHead className="text-right">Total</TableHead>
            <TableHead className="text-right">Balance</TableHead>
          </TableRow>
        </TableHeader>
        <TableBody>
          {rows.map((inv) => (
            <TableRow key={inv.id}>
              <TableCell className="font-medium">
                <Link href={`/invoices/${inv.id}`} className="hover:underline">{inv.number}</Link>
                {sources[inv.id] ? <span className="ml-2"><SourceBadge source={sources[inv.id]} /></span> : null}
              </TableCell>
              {showCustomer ? <TableCell className="max-w-48 truncate">{inv.customerName}</TableCell> : null}
              <TableCell><InvoiceStatusBadge status={inv.status} /></TableCell>
              <TableCell className="hidden text-muted-foreground lg:table-cell">{inv.issueDate}</TableCell>
              <TableCell className="hidden text-muted-foreground md:table-cell">{inv.dueDate}</TableCell>
              <InvoiceAmountCells inv={inv} />
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </>
  );
}
