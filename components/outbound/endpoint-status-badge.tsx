import { Badge } from "@/components/ui/badge";
import type { Endpoint } from "./api";

const look = {
  active: { label: "Active", variant: "success" },
  paused: { label: "Paused", variant: "secondary" },
  disabled: { label: "Disabled", variant: "destructive" },
} as const;

/** Active / Paused / Disabled; a disabled endpoint's reason is its tooltip. */
export function EndpointStatusBadge({ endpoint }: { endpoint: Pick<Endpoint, "status" | "disabledReason"> }) {
  const { label, variant } = look[endpoint.status];
  return (
    <Badge variant={variant} data-status={endpoint.status} title={endpoint.disabledReason ?? undefined}>
      {label}
    </Badge>
  );
}
