import Link from "next/link";
import { InvoiceAmountCells } from "@/components/accounting/invoice-amounts";
import { InvoiceCards } from "@/components/accounting/invoice-cards";
import { InvoiceStatusBadge } from "@/components/accounting/status-badge";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import type { InvoiceStatus } from "@/lib/accounting/status";

/** A row of the recent-invoices list. */
export interface RecentInvoice {
  id: string;
  number: string;
  status: InvoiceStatus;
  total: number;
  amountPaid: number;
  currency: string;
  dueDate: string;
  customerName: string;
}

/** The latest invoices: cards on phones (Total and Balance on their own line), a table from `sm` up. */
export function RecentInvoices({ invoices }: { invoices: RecentInvoice[] }) {
  return (
    <>
      <InvoiceCards rows={invoices} className="sm:hidden" />
      <Table className="hidden sm:table">
        <TableHeader>
          <TableRow>
            <TableHead>Invoice</TableHead>
            <TableHead>Customer</TableHead>
            <TableHead>Status</TableHead>
            <TableHead className="text-right">Total</TableHead>
            <TableHead className="text-right">Balance</TableHead>
          </TableRow>
        </TableHeader>
        <TableBody>
          {invoices.map((inv) => (
            <TableRow key={inv.id}>
              <TableCell className="font-medium">
                <Link href={`/invoices/${inv.id}`} className="hover:underline">
                  {inv.number}
                </Link>
              </TableCell>
              <TableCell className="max-w-40">
                <span className="block truncate">{inv.customerName}</span>
                <span className="block text-xs text-muted-foreground">Due {inv.dueDate}</span>
              </TableCell>
              <TableCell>
                <InvoiceStatusBadge status={inv.status} />
              </TableCell>
              <InvoiceAmountCells inv={inv} />
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </>
  );
}
