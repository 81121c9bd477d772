import { Badge } from "@/components/ui/badge";
import type { InboundStatus } from "./api";
import { statusLabel, statusVariant } from "./format";

/** An inbound event's status (received, processed, ignored, failed) as a coloured badge. */
export function EventStatusBadge({ status }: { status: InboundStatus }) {
  return <Badge variant={statusVariant[status]}>{statusLabel[status]}</Badge>;
}
