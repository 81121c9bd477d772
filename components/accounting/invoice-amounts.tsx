import { TableCell } from "@/components/ui/table";
import { formatMoney } from "@/lib/accounting/money";
import type { InvoiceStatus } from "@/lib/accounting/status";
import { balanceDue } from "@/lib/accounting/totals";

/** What an invoice list needs to show its amounts (minor units). */
export interface InvoiceAmounts {
  status: InvoiceStatus;
  total: number;
  amountPaid: number;
  currency: string;
}

/** The balance as a list shows it: a void invoice owes nothing, so it shows a dash. */
export const balanceText = (inv: InvoiceAmounts) => (inv.status === "void" ? "—" : formatMoney(balanceDue(inv), inv.currency));

/** Total and Balance cells of an invoice table row (the invoice list and the dashboard). */
export function InvoiceAmountCells({ inv }: { inv: InvoiceAmounts }) {
  return (
    <>
      <TableCell className="text-right tabular-nums">{formatMoney(inv.total, inv.currency)}</TableCell>
      <TableCell className="text-right tabular-nums">{balanceText(inv)}</TableCell>
    </>
  );
}
