import { Badge } from "@/components/ui/badge";
import { displayStatus, statusLabels, statusVariants, type DisplayStatus, type StatusInput } from "./status";

/** The status pill on cards and the detail header; `status` overrides the entry's own (cards with several connections). */
export function StatusBadge({ entry, status, className }: { entry: StatusInput; status?: DisplayStatus | null; className?: string }) {
  const s = status ?? displayStatus(entry);
  return (
    <Badge variant={statusVariants[s]} className={className} data-status={s}>
      {statusLabels[s]}
    </Badge>
  );
}
