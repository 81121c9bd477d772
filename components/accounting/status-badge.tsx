import { Badge } from "@/components/ui/badge";
import type { InvoiceStatus } from "@/lib/accounting/status";

const variant = {
  draft: "outline", sent: "secondary", paid: "success", overdue: "destructive", void: "outline",
} as const;

const label: Record<InvoiceStatus, string> = {
  draft: "Draft", sent: "Sent", paid: "Paid", overdue: "Overdue", void: "Void",
};

/** An invoice's status as a coloured badge. */
export function InvoiceStatusBadge({ status }: { status: InvoiceStatus }) {
  return (
    <Badge variant={variant[status]} className={status === "void" ? "text-muted-foreground line-through" : undefined}>
      {label[status]}
    </Badge>
  );
}
