"use client";

import { useQuery } from "@tanstack/react-query";
import { PlusIcon, Trash2Icon } from "lucide-react";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { syncApi, syncKeys, unwrap, type FieldMap, type LookupEntry } from "./api";

// Constant and lookup transforms whose provider values come from a connection's pulled lists
// (tax rates, accounts): the values are picked from the list instead of typed, and the API
// refuses one that is not in it (the row shows the error under its path).

const selectClass = "h-8 rounded-md border border-input bg-background px-2 text-sm disabled:opacity-60";
export const LIST_KINDS: [string, string][] = [["accounts", "Accounts"], ["tax_rates", "Tax rates"]];

type Transform = FieldMap["transform"];
const listOf = (t: Transform) => (typeof t.list === "string" ? t.list : "");

/** Which pulled list a constant or lookup takes its provider values from ("" = typed freely). */
export function ListSource({ transform, row, disabled, onChange }: { transform: Transform; row: number; disabled: boolean; onChange: (t: Transform) => void }) {
  return (
    <select aria-label={`Values of row ${row} from`} className={selectClass} value={listOf(transform)} disabled={disabled}
      onChange={(e) => {
        const { list: _list, ...rest } = transform;
        onChange(e.target.value ? { ...rest, list: e.target.value } : rest);
      }}>
      <option value="">Typed values</option>
      {LIST_KINDS.map(([v, l]) => <option key={v} value={v}>{l} (pulled)</option>)}
    </select>
  );
}

/** A connection's pulled list (fetched once per kind and cached by react-query). */
function useList(connectionId: string, kind: string) {
  return useQuery({ queryKey: syncKeys.lookups(connectionId, kind), queryFn: () => unwrap(syncApi.lookups(connectionId, kind)), staleTime: 5 * 60_000 });
}

/** One provider value chosen from the list; a current value the list lacks stays shown (and the API names it). */
function ListValueSelect({ entries, value, label, disabled, onChange }: { entries: LookupEntry[]; value: string; label: string; disabled: boolean; onChange: (v: string) => void }) {
  const known = entries.some((e) => e.code === value);
  return (
    <select aria-label={label} className={selectClass} value={value} disabled={disabled} onChange={(e) => onChange(e.target.value)}>
      {!known ? <option value={value}>{value ? `${value} (not in the list)` : "Choose…"}</option> : null}
      {entries.filter((e) => e.active || e.code === value).map((e) => <option key={e.externalId} value={e.code}>{e.code} · {e.name}</option>)}
    </select>
  );
}

/** The provider values of a constant or lookup transform with a list, chosen from that list. */
export function ListValues(props: { connectionId: string; transform: Transform; row: number; providerName: string; disabled: boolean; onChange: (t: Transform) => void }) {
  const { transform: t, row, disabled, onChange } = props;
  const list = useList(props.connectionId, listOf(t));
  if (list.isPending) return <p className="text-xs text-muted-foreground">Loading the {props.providerName} list…</p>;
  if (list.isError) return <p className="text-xs text-destructive">{list.error.message}</p>;
  const entries = list.data;
  if (t.kind === "constant") {
    return <ListValueSelect entries={entries} value={String(t.value ?? "")} label={`Value of row ${row}`} disabled={disabled} onChange={(value) => onChange({ ...t, value })} />;
  }
  const table = Object.entries((t.table as Record<string, string> | undefined) ?? {});
  const setTable = (next: [string, string][]) => onChange({ ...t, table: Object.fromEntries(next) });
  return (
    <div className="space-y-1" data-testid="lookup-table">
      {table.map(([remote, local], j) => (
        <div key={j} className="flex items-center gap-1">
          <ListValueSelect entries={entries} value={remote} label={`${props.providerName} value ${j + 1} of row ${row}`} disabled={disabled}
            onChange={(v) => setTable(table.map((p, k) => (k === j ? [v, p[1]] : p)))} />
          <Input aria-label={`App value ${j + 1} of row ${row}`} className="h-8 w-28" value={local} readOnly={disabled}
            onChange={(e) => setTable(table.map((p, k) => (k === j ? [p[0], e.target.value] : p)))} />
          {!disabled ? (
            <Button size="icon" variant="ghost" aria-label={`Remove value ${j + 1} of row ${row}`} onClick={() => setTable(table.filter((_, k) => k !== j))}><Trash2Icon aria-hidden="true" /></Button>
          ) : null}
        </div>
      ))}
      {!disabled ? (
        <Button size="sm" variant="outline" onClick={() => setTable([...table, [entries.find((e) => e.active)?.code ?? "", ""]])}><PlusIcon aria-hidden="true" />Add a value</Button>
      ) : null}
    </div>
  );
}
