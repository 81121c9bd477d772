"use client";

import * as React from "react";
import { ResponsiveContainer, Tooltip as RechartsTooltip } from "recharts";
import { cn } from "@/lib/utils";

/** Per-series label and colour; colours become `--color-<key>` CSS variables (shadcn's chart pattern). */
export type ChartConfig = Record<string, { label: string; color: string }>;

/**
 * Wraps a recharts chart: sizes it to its box and exposes the config's colours as CSS variables,
 * so series use `fill="var(--color-amount)"` and follow the light/dark theme tokens.
 */
export function ChartContainer({
  config,
  className,
  children,
  ...props
}: React.ComponentProps<"div"> & { config: ChartConfig; children: React.ReactElement }) {
  const style = Object.fromEntries(Object.entries(config).map(([key, v]) => [`--color-${key}`, v.color])) as React.CSSProperties;
  return (
    <div
      data-slot="chart"
      style={style}
      className={cn(
        "aspect-video w-full text-xs [&_.recharts-cartesian-axis-tick_text]:fill-muted-foreground [&_.recharts-cartesian-grid_line]:stroke-border/60 [&_.recharts-rectangle.recharts-tooltip-cursor]:fill-muted",
        className,
      )}
      {...props}
    >
      <ResponsiveContainer width="100%" height="100%">
        {children}
      </ResponsiveContainer>
    </div>
  );
}

export const ChartTooltip = RechartsTooltip;

/** A themed tooltip body; `format` renders each value (e.g. as money). */
export function ChartTooltipContent({
  active,
  payload,
  label,
  config,
  format = (v) => String(v),
}: {
  active?: boolean;
  payload?: ReadonlyArray<{ dataKey?: unknown; value?: unknown }>;
  label?: unknown;
  config: ChartConfig;
  format?: (value: number) => string;
}) {
  if (!active || !payload?.length) return null;
  return (
    <div className="grid min-w-32 gap-1.5 rounded-lg border bg-background px-2.5 py-1.5 text-xs shadow-xl">
      <div className="font-medium">{String(label ?? "")}</div>
      {payload.map((item) => {
        const key = String(item.dataKey ?? "");
        return (
          <div key={key} className="flex items-center gap-2">
            <span className="size-2.5 rounded-[2px]" style={{ background: `var(--color-${key})` }} />
            <span className="text-muted-foreground">{config[key]?.label ?? key}</span>
            <span className="ml-auto font-mono font-medium tabular-nums">{format(Number(item.value ?? 0))}</span>
          </div>
        );
      })}
    </div>
  );
}
