"use client";

import { Bar, BarChart, CartesianGrid, XAxis, YAxis } from "recharts";
import { ChartContainer, ChartTooltip, ChartTooltipContent, type ChartConfig } from "@/components/ui/chart";
import { formatMoney } from "@/lib/accounting/money";

const config: ChartConfig = { amount: { label: "Payments", color: "var(--chart-2)" } };

/** Bar chart of payments received per month, in one currency (minor units in, money labels out). */
export function PaymentsChart({ data, currency }: { data: { month: string; amount: number }[]; currency: string }) {
  const rows = data.map((d) => ({
    label: new Date(`${d.month}-01T00:00:00Z`).toLocaleString("en-US", { month: "short", timeZone: "UTC" }),
    amount: d.amount,
  }));
  const money = (v: number) => formatMoney(v, currency);
  return (
    <ChartContainer config={config} className="h-64 aspect-auto" role="img" aria-label="Payments received per month">
      <BarChart data={rows} margin={{ top: 8, right: 8, left: 8, bottom: 0 }}>
        <CartesianGrid vertical={false} />
        <XAxis dataKey="label" tickLine={false} axisLine={false} tickMargin={8} />
        <YAxis
          tickLine={false}
          axisLine={false}
          width={64}
          tickFormatter={(v: number) => formatMoney(v, currency).replace(/\.0+$/, "")}
        />
        <ChartTooltip cursor={false} content={(props) => <ChartTooltipContent {...props} config={config} format={money} />} />
        <Bar dataKey="amount" fill="var(--color-amount)" radius={4} />
      </BarChart>
    </ChartContainer>
  );
}
