"use client";

import { Bar, BarChart, XAxis } from "recharts";
import { ChartContainer, ChartTooltip, ChartTooltipContent, type ChartConfig } from "@/components/ui/chart";
import type { SyncRun } from "./api";

const config: ChartConfig = {
  created: { label: "Created", color: "var(--chart-1)" },
  updated: { label: "Updated", color: "var(--chart-2)" },
  unchanged: { label: "Unchanged", color: "var(--chart-3)" },
  failed: { label: "Failed", color: "var(--destructive)" },
};

/** Records per run (created, updated, unchanged, failed), oldest on the left. */
export function RunsChart({ runs }: { runs: SyncRun[] }) {
  const rows = [...runs].reverse().map((r) => ({ label: new Date(r.createdAt).toLocaleTimeString([], { hour: "2-digit", minute: "2-digit" }), ...r.counters }));
  const total = rows.reduce((n, r) => n + r.created + r.updated + r.unchanged + r.failed, 0);
  return (
    <ChartContainer config={config} className="h-40 w-full aspect-auto" role="img" aria-label={`Records per run over the last ${rows.length} runs: ${total} in all`}>
      <BarChart data={rows} margin={{ top: 2, right: 0, left: 0, bottom: 0 }}>
        <XAxis dataKey="label" tickLine={false} axisLine={false} tickMargin={6} minTickGap={24} />
        <ChartTooltip cursor={false} content={(props) => <ChartTooltipContent {...props} config={config} />} />
        <Bar dataKey="created" stackId="a" fill="var(--color-created)" />
        <Bar dataKey="updated" stackId="a" fill="var(--color-updated)" />
        <Bar dataKey="unchanged" stackId="a" fill="var(--color-unchanged)" />
        <Bar dataKey="failed" stackId="a" fill="var(--color-failed)" radius={[2, 2, 0, 0]} />
      </BarChart>
    </ChartContainer>
  );
}
