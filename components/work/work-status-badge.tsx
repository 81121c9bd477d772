import { Badge } from "@/components/ui/badge";

const variant: Record<string, "outline" | "secondary" | "success" | "destructive"> = {
  active: "secondary", completed: "success",
  open: "secondary", in_progress: "outline", resolved: "success",
  draft: "outline", sent: "secondary", accepted: "success", rejected: "destructive", expired: "outline",
  // Reversed payments (the invoice page).
  failed: "destructive", refunded: "outline",
};

/** A project, ticket, quote or reversed payment status as a badge ("in_progress" reads "In progress"). */
export function WorkStatusBadge({ status }: { status: string }) {
  const label = status.charAt(0).toUpperCase() + status.slice(1).replace("_", " ");
  return <Badge variant={variant[status] ?? "outline"}>{label}</Badge>;
}
