import { Badge } from "@/components/ui/badge";
import { displayStatus, statusLabels, statusVariants, type StatusInput } from "./status";

/** The status pill on cards and the detail header. */
export function StatusBadge({ entry, className }: { entry: StatusInput; className?: string }) {
  const s = displayStatus(entry);
  return (
    <Badge variant={statusVariants[s]} className={className} data-status={s}>
      {statusLabels[s]}
    </Badge>
  );
}
