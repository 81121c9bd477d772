import Link from "next/link";
import { formatMoney } from "@/lib/accounting/money";
import { balanceText } from "./invoice-amounts";
import type { InvoiceStatus } from "@/lib/accounting/status";
import { cn } from "@/lib/utils";
import { InvoiceStatusBadge } from "./status-badge";
import { SourceBadge } from "@/components/sync/source-badge";
import type { RecordSource } from "@/lib/sync/sources";

/** What one invoice card shows. */
export interface InvoiceCardRow {
  id: string;
  number: string;
  status: InvoiceStatus;
  customerName: string;
  dueDate: string;
  total: number;
  amountPaid: number;
  currency: string;
}

/**
 * Invoices as stacked cards for phones: a table of five columns pushed Total and Balance off a
 * 390 px screen, so below `sm` each invoice is a card with both amounts on their own line.
 */
export function InvoiceCards({ rows, className, showCustomer = true, sources = {} }: { rows: InvoiceCardRow[]; className?: string; showCustomer?: boolean; sources?: Record<string, RecordSource> }) {
  return (
    <ul className={cn("divide-y rounded-lg border", className)} data-testid="invoice-cards">
      {rows.map((inv) => (
        <li key={inv.id} className="grid gap-2 p-3" data-testid="invoice-card">
          <div className="flex items-center justify-between gap-2">
            <Link href={`/invoices/${inv.id}`} className="font-medium hover:underline">{inv.number}</Link>
            <InvoiceStatusBadge status={inv.status} />
          </div>
          {sources[inv.id] ? <div><SourceBadge source={sources[inv.id]} /></div> : null}
          <p className="truncate text-sm text-muted-foreground">
            {showCustomer ? `${inv.customerName} · ` : null}due {inv.dueDate}
          </p>
          <dl className="grid grid-cols-2 gap-2 text-sm">
            <div>
              <dt className="text-xs text-muted-foreground">Total</dt>
              <dd className="font-medium tabular-nums" data-testid="card-total">{formatMoney(inv.total, inv.currency)}</dd>
            </div>
            <div className="text-right">
              <dt className="text-xs text-muted-foreground">Balance</dt>
              <dd className="font-medium tabular-nums" data-testid="card-balance">
                {balanceText(inv)}
              </dd>
            </div>
          </dl>
        </li>
      ))}
    </ul>
  );
}
