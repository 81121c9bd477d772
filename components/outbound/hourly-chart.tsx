"use client";

import { useQuery } from "@tanstack/react-query";
import { Bar, BarChart, XAxis } from "recharts";
import { ChartContainer, ChartTooltip, ChartTooltipContent, type ChartConfig } from "@/components/ui/chart";
import { Skeleton } from "@/components/ui/skeleton";
import { outboundApi, outboundKeys, unwrap } from "./api";
import { formatInZone } from "./format";

const config: ChartConfig = {
  succeeded: { label: "Succeeded", color: "var(--chart-2)" },
  failed: { label: "Failed", color: "var(--destructive)" },
};

/** Succeeded and failed attempts per hour over the last 24 hours, stacked; `compact` for table rows. */
export function HourlyChart({ endpointId, timeZone, compact = false }: { endpointId: string; timeZone: string; compact?: boolean }) {
  const stats = useQuery({ queryKey: outboundKeys.stats(endpointId), queryFn: () => unwrap(outboundApi.stats(endpointId, 24)),
    refetchInterval: compact ? false : 15_000,
  });
  const size = compact ? "h-10 w-36" : "h-48 w-full";
  if (stats.isPending) return <Skeleton className={size} />;
  if (stats.isError) return <p className="text-xs text-muted-foreground">Chart unavailable</p>;
  const rows = stats.data.buckets.map((b) => ({ label: formatInZone(b.start, timeZone).slice(11, 16), succeeded: b.succeeded, failed: b.failed }));
  const total = rows.reduce((n, r) => n + r.succeeded + r.failed, 0);
  if (compact && total === 0) return <p className="text-xs text-muted-foreground">No attempts</p>;
  return (
    <ChartContainer
      config={config}
      className={`${size} aspect-auto`}
      role="img"
      aria-label={`Attempts per hour over 24 hours: ${total} in all`}
    >
      <BarChart data={rows} margin={{ top: 2, right: 0, left: 0, bottom: 0 }}>
        <XAxis dataKey="label" hide={compact} tickLine={false} axisLine={false} tickMargin={6} minTickGap={24} />
        <ChartTooltip cursor={false} content={(props) => <ChartTooltipContent {...props} config={config} />} />
        <Bar dataKey="succeeded" stackId="a" fill="var(--color-succeeded)" isAnimationActive={!compact} />
        <Bar dataKey="failed" stackId="a" fill="var(--color-failed)" radius={[2, 2, 0, 0]} isAnimationActive={!compact} />
      </BarChart>
    </ChartContainer>
  );
}
