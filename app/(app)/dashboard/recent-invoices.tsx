import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { formatMoney } from "@/lib/accounting/money";

/** A row of the recent-invoices list. */
export interface RecentInvoice {
  id: string;
  number: string;
  status: "draft" | "sent" | "paid" | "overdue" | "void";
  total: number;
  currency: string;
  dueDate: string;
  customerName: string;
}

const statusVariant = {
  draft: "outline", sent: "secondary", paid: "success", overdue: "destructive", void: "outline",
} as const;

export function RecentInvoices({ invoices }: { invoices: RecentInvoice[] }) {
  return (
    <Table>
      <TableHeader>
        <TableRow>
          <TableHead>Invoice</TableHead>
          <TableHead>Customer</TableHead>
          <TableHead>Status</TableHead>
          <TableHead className="text-right">Total</TableHead>
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
              <Badge variant={statusVariant[inv.status]} className="capitalize">
                {inv.status}
              </Badge>
            </TableCell>
            <TableCell className="text-right tabular-nums">{formatMoney(inv.total, inv.currency)}</TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
