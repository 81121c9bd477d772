"use client";

import { PlusIcon, Trash2Icon } from "lucide-react";
import { cloneElement } from "react";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from "@/components/ui/select";
import { LIMITS } from "@/lib/accounting/limits";
import { formatMoney, parseMoney } from "@/lib/accounting/money";
import { computeTotals } from "@/lib/accounting/totals";

/** One editable line, all text as typed. `key` is a stable React key. */
export interface EditableLine {
  key: string;
  description: string;
  quantity: string;
  unitPrice: string;
  taxRateId: string;
}

/** Props of the line editor: the lines, their errors by "lines.<i>.<field>", and the tax rates. */
export interface LineEditorProps {
  lines: EditableLine[];
  onChange: (lines: EditableLine[]) => void;
  taxRates: { id: string; name: string; rateBps: number }[];
  currency: string;
  errors?: Record<string, string[]>;
}

const NO_TAX = "none";
export const blankLine = (): EditableLine => ({
  key: crypto.randomUUID(), description: "", quantity: "1", unitPrice: "", taxRateId: "",
});

/** Live totals of the typed lines; unparseable numbers count as 0 until fixed. */
export function liveTotals(lines: EditableLine[], taxRates: LineEditorProps["taxRates"], currency: string) {
  return computeTotals(
    lines.map((l) => ({
      // Within the limit only: "1e308" overflows the line amount to Infinity, which the exact
      // (bigint) arithmetic cannot take, and the page crashed; the server refuses it anyway.
      quantity: Math.abs(Number(l.quantity)) <= LIMITS.quantityMax ? Number(l.quantity) : 0,
      unitPrice: parseMoney(l.unitPrice, currency) ?? 0,
      taxRateBps: taxRates.find((r) => r.id === l.taxRateId)?.rateBps ?? 0,
    })),
  );
}

export function LineEditor({ lines, onChange, taxRates, currency, errors = {} }: LineEditorProps) {
  const set = (i: number, patch: Partial<EditableLine>) => onChange(lines.map((l, j) => (j === i ? { ...l, ...patch } : l)));
  const totals = liveTotals(lines, taxRates, currency);
  const err = (i: number, f: string) => errors[`lines.${i}.${f}`]?.[0];
  const cell = (i: number, f: string, label: string, input: React.ReactElement<Record<string, unknown>>) => {
    const id = `line-${i}-${f}`;
    const message = err(i, f);
    return (
      <div className="grid gap-1">
        <label htmlFor={id} className="text-xs text-muted-foreground sm:sr-only">{label}</label>
        {cloneElement(input, {
          id,
          "aria-label": `${label}, line ${i + 1}`,
          "aria-invalid": message ? true : undefined,
          "aria-describedby": message ? `${id}-error` : undefined,
        })}
        {message ? <p id={`${id}-error`} role="alert" className="text-xs text-destructive">{message}</p> : null}
      </div>
    );
  };
  return (
    <div className="space-y-3">
      <div className="hidden gap-2 text-xs font-medium text-muted-foreground sm:grid sm:grid-cols-[1fr_5rem_7rem_9rem_7rem_2.25rem]">
        <span>Description</span><span>Qty</span><span>Unit price</span><span>Tax</span><span className="text-right">Amount</span><span />
      </div>
      {lines.map((line, i) => (
        <div key={line.key} className="grid items-start gap-2 rounded-md border p-3 sm:grid-cols-[1fr_5rem_7rem_9rem_7rem_2.25rem] sm:border-0 sm:p-0">
          {cell(i, "description", "Description", <Input value={line.description} onChange={(e) => set(i, { description: e.target.value })} />)}
          {cell(i, "quantity", "Quantity", <Input inputMode="decimal" value={line.quantity} onChange={(e) => set(i, { quantity: e.target.value })} />)}
          {cell(i, "unitPrice", "Unit price", <Input inputMode="decimal" placeholder="0.00" value={line.unitPrice} onChange={(e) => set(i, { unitPrice: e.target.value })} />)}
          {cell(i, "taxRateId", "Tax", (
            <Select value={line.taxRateId || NO_TAX} onValueChange={(v) => set(i, { taxRateId: v === NO_TAX ? "" : v })}>
              <SelectTrigger className="w-full"><SelectValue /></SelectTrigger>
              <SelectContent>
                <SelectItem value={NO_TAX}>No tax</SelectItem>
                {taxRates.map((r) => <SelectItem key={r.id} value={r.id}>{r.name}</SelectItem>)}
              </SelectContent>
            </Select>
          ))}
          <p className="py-2 text-right text-sm tabular-nums">{formatMoney(totals.lines[i]?.amount ?? 0, currency)}</p>
          <Button
            type="button" variant="ghost" size="icon" aria-label={`Remove line ${i + 1}`}
            disabled={lines.length === 1} onClick={() => onChange(lines.filter((_, j) => j !== i))}
          >
            <Trash2Icon />
          </Button>
        </div>
      ))}
      <Button type="button" variant="outline" size="sm" onClick={() => onChange([...lines, blankLine()])}>
        <PlusIcon aria-hidden="true" /> Add line
      </Button>
      <dl className="ml-auto grid w-full max-w-xs grid-cols-2 gap-1 text-sm">
        <dt className="text-muted-foreground">Subtotal</dt><dd className="text-right tabular-nums">{formatMoney(totals.subtotal, currency)}</dd>
        <dt className="text-muted-foreground">Tax</dt><dd className="text-right tabular-nums">{formatMoney(totals.taxTotal, currency)}</dd>
        <dt className="font-medium">Total</dt><dd className="text-right font-medium tabular-nums" data-testid="invoice-total">{formatMoney(totals.total, currency)}</dd>
      </dl>
    </div>
  );
}
