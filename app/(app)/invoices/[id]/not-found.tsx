import { FileTextIcon } from "lucide-react";
import Link from "next/link";
import { EmptyState } from "@/components/empty-state";
import { Button } from "@/components/ui/button";

/** Shown for an invoice id that does not exist in the active organisation (never says which). */
export default function InvoiceNotFound() {
  return (
    <EmptyState
      icon={FileTextIcon}
      title="Invoice not found"
      description="It does not exist, or it belongs to another organisation. Check the active organisation in the switcher."
      action={<Button asChild variant="outline"><Link href="/invoices">All invoices</Link></Button>}
    />
  );
}
