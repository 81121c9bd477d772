import Link from "next/link";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { formatMoney } from "@/lib/accounting/money";
import type { InvoiceListRow } from "@/lib/db/queries/invoices";
import { InvoiceStatusBadge } from "./status-badge";

/** A table of invoices: number (linked), customer, status, dates, total and balance. */
export function InvoiceTable({ rows, showCustomer = true }: { rows: InvoiceListRow[]; showCustomer?: boolean }) {
  return (
    <Table>
      <TableHeader>
        <TableRow>
          <TableHead>Number</TableHead>
          {showCustomer ? <TableHead>Customer</TableHead> : null}
          <TableHead>Status</TableHead>
          <TableHead className="hidden md:table-cell">Issued</TableHead>
          <TableHead className="hidden sm:table-cell">Due</TableHead>
          <TableHead className="text-right">Total</TableHead>
          <TableHead className="hidden text-right lg:table-cell">Balance</TableHead>
        </TableRow>
      </TableHeader>
      <TableBody>
        {rows.map((inv) => (
          <TableRow key={inv.id}>
            <TableCell className="font-medium">
              <Link href={`/invoices/${inv.id}`} className="hover:underline">{inv.number}</Link>
            </TableCell>
            {showCustomer ? <TableCell>{inv.customerName}</TableCell> : null}
            <TableCell><InvoiceStatusBadge status={inv.status} /></TableCell>
            <TableCell className="hidden text-muted-foreground md:table-cell">{inv.issueDate}</TableCell>
            <TableCell className="hidden text-muted-foreground sm:table-cell">{inv.dueDate}</TableCell>
            <TableCell className="text-right tabular-nums">{formatMoney(inv.total, inv.currency)}</TableCell>
            <TableCell className="hidden text-right tabular-nums lg:table-cell">
              {inv.status === "void" ? "—" : formatMoney(Math.max(0, inv.total - inv.amountPaid), inv.currency)}
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
