import { AlertCircleIcon, CircleDollarSignIcon, ReceiptIcon } from "lucide-react";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import type { CurrencyTotal, DashboardSummary } from "@/lib/db/queries/dashboard";
import { formatMoney } from "@/lib/accounting/money";

function Amount({ totals, fallbackCurrency, unit }: { totals: CurrencyTotal[]; fallbackCurrency: string; unit: string }) {
  if (totals.length === 0) {
    return (
      <>
        <p className="text-2xl font-semibold tabular-nums">{formatMoney(0, fallbackCurrency)}</p>
        <p className="text-xs text-muted-foreground">No {unit}</p>
      </>
    );
  }
  const [first, ...rest] = [...totals].sort((a, b) => b.amount - a.amount);
  const count = totals.reduce((n, t) => n + t.count, 0);
  return (
    <>
      <p className="text-2xl font-semibold tabular-nums">{formatMoney(first.amount, first.currency)}</p>
      {rest.map((t) => (
        <p key={t.currency} className="text-sm font-medium tabular-nums">+ {formatMoney(t.amount, t.currency)}</p>
      ))}
      <p className="text-xs text-muted-foreground">
        {count} {count === 1 ? unit.replace(/s$/, "") : unit}
      </p>
    </>
  );
}

/** The three headline cards: outstanding, overdue and paid this month. */
export function SummaryCards({ summary, currency }: { summary: DashboardSummary; currency: string }) {
  const cards = [
    { title: "Outstanding", description: "Unpaid balance of sent invoices", icon: ReceiptIcon, totals: summary.outstanding, unit: "open invoices" },
    { title: "Overdue", description: "Past their due date", icon: AlertCircleIcon, totals: summary.overdue, unit: "overdue invoices" },
    { title: "Paid this month", description: "Payments received", icon: CircleDollarSignIcon, totals: summary.paidThisMonth, unit: "payments" },
  ];
  return (
    <div className="grid gap-4 sm:grid-cols-3">
      {cards.map(({ title, description, icon: Icon, totals, unit }) => (
        <Card key={title} className="gap-3">
          <CardHeader>
            <CardTitle className="flex items-center justify-between text-sm font-medium">
              {title}
              <Icon className="size-4 text-muted-foreground" aria-hidden="true" />
            </CardTitle>
            <CardDescription className="text-xs">{description}</CardDescription>
          </CardHeader>
          <CardContent className="space-y-1">
            <Amount totals={totals} fallbackCurrency={currency} unit={unit} />
          </CardContent>
        </Card>
      ))}
    </div>
  );
}
