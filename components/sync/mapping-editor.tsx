"use client";

import * as React from "react";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { Loader2Icon, PlusIcon, Trash2Icon } from "lucide-react";
import { toast } from "sonner";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Input } from "@/components/ui/input";
import { Skeleton } from "@/components/ui/skeleton";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { Textarea } from "@/components/ui/textarea";
import { ListSource, ListValues } from "./list-values";
import { syncApi, syncKeys, unwrap, type EntityMapping, type FieldMap, type Mapping, type PathIssue, type PreviewRow } from "./api";

const TRANSFORMS: [string, string][] = [
  ["direct", "Direct"], ["money", "Money (decimal ↔ cents)"], ["date", "Date"], ["lookup", "Lookup table"], ["constant", "Constant"],
  ["ref", "Linked record"], ["difference", "Difference"], ["balanceStatus", "Paid when balance is 0"],
];
const selectClass = "h-8 rounded-md border border-input bg-background px-2 text-sm disabled:opacity-60";

/** A transform's parameter as one editable text (lookup: `PROVIDER=local` lines). */
function paramText(t: FieldMap["transform"]): string {
  switch (t.kind) {
    case "lookup": return Object.entries((t.table as Record<string, string>) ?? {}).map(([k, v]) => `${k}=${v}`).join("\n");
    case "constant": return String(t.value ?? "");
    case "difference": return String(t.minus ?? "");
    case "balanceStatus": return String(t.balance ?? "");
    default: return "";
  }
}
function withParam(t: FieldMap["transform"], kind: string, text: string): FieldMap["transform"] {
  switch (kind) {
    case "lookup": {
      const table = Object.fromEntries(text.split("\n").map((l) => l.split("=")).filter((p) => p.length >= 2 && p[0]!.trim()).map(([k, ...v]) => [k!.trim(), v.join("=").trim()]));
      return { ...(t.kind === "lookup" ? t : {}), kind, table };
    }
    case "constant": return { ...(t.kind === "constant" && t.list ? { list: t.list } : {}), kind, value: text };
    case "difference": return { kind, minus: text };
    case "balanceStatus": return { kind, balance: text, otherwise: t.kind === "balanceStatus" ? t.otherwise : "sent" };
    case "ref": return { kind, entity: "customers" };
    default: return { kind };
  }
}
const hasParam = (kind: string) => ["lookup", "constant", "difference", "balanceStatus"].includes(kind);

/**
 * The field mapping of each synced entity: local field ↔ provider path, direction and transform,
 * with a live preview of three real provider records before and after the draft mapping, and the
 * API's field-path errors on the rows they name. Read-only for members.
 */
export function MappingEditor({ connectionId, providerName, canManage }: { connectionId: string; providerName: string; canManage: boolean }) {
  const mappings = useQuery({ queryKey: syncKeys.mappings(connectionId), queryFn: () => unwrap(syncApi.mappings(connectionId)) });
  const [entity, setEntity] = React.useState<string | null>(null);
  const current = mappings.data?.find((m) => m.entity === entity) ?? mappings.data?.[0];
  return (
    <Card>
      <CardHeader>
        <CardTitle>Field mapping</CardTitle>
        <CardDescription>Which {providerName} field each app field comes from and goes to. Changes apply to the next run.</CardDescription>
      </CardHeader>
      <CardContent className="space-y-4">
        {mappings.isPending ? <Skeleton className="h-40 w-full" /> : mappings.isError ? <p className="text-sm text-destructive">{mappings.error.message}</p> : (
          <>
            <div className="flex flex-wrap gap-2" role="tablist" aria-label="Record type">
              {mappings.data.map((m) => (
                <Button key={m.entity} role="tab" aria-selected={m.entity === current?.entity} size="sm" variant={m.entity === current?.entity ? "default" : "outline"} onClick={() => setEntity(m.entity)}>
                  {m.entity.charAt(0).toUpperCase() + m.entity.slice(1)}{m.custom ? " (custom)" : ""}
                </Button>
              ))}
            </div>
            {current ? <EntityEditor key={`${current.entity}-${JSON.stringify(current.mapping).length}`} connectionId={connectionId} providerName={providerName} entry={current} canManage={canManage} /> : null}
          </>
        )}
      </CardContent>
    </Card>
  );
}

function EntityEditor({ connectionId, providerName, entry, canManage }: { connectionId: string; providerName: string; entry: EntityMapping; canManage: boolean }) {
  const qc = useQueryClient();
  const [draft, setDraft] = React.useState<Mapping>(() => structuredClone(entry.mapping));
  const [saveIssues, setSaveIssues] = React.useState<PathIssue[]>([]);
  const [saving, setSaving] = React.useState(false);
  const dirty = JSON.stringify(draft) !== JSON.stringify(entry.mapping);

  // Live preview: the draft on three real records, half a second after the last edit.
  const [debounced, setDebounced] = React.useState(draft);
  React.useEffect(() => {
    const t = setTimeout(() => setDebounced(draft), 500);
    return () => clearTimeout(t);
  }, [draft]);
  const preview = useQuery({
    queryKey: ["sync", connectionId, "preview", entry.entity, debounced],
    queryFn: () => syncApi.preview(connectionId, entry.entity, debounced),
    retry: false, staleTime: 60_000,
  });
  const previewRows: PreviewRow[] | null = preview.data?.ok ? preview.data.data : null;
  const previewError = preview.data && !preview.data.ok ? preview.data.message : null;
  const issues = saveIssues.length ? saveIssues : preview.data && !preview.data.ok ? preview.data.issues : [];
  const previewLoading = preview.isFetching || debounced !== draft;

  async function save(mapping: Mapping | null) {
    setSaving(true);
    const res = await syncApi.saveMapping(connectionId, entry.entity, mapping);
    setSaving(false);
    if (!res.ok) {
      setSaveIssues(res.issues);
      toast.error(res.message);
      return;
    }
    setSaveIssues([]);
    toast.success(mapping ? "Mapping saved." : `Back to the default ${providerName} mapping.`);
    await qc.invalidateQueries({ queryKey: ["sync", connectionId] });
  }

  const setFields = (part: "fields" | "lines", fields: FieldMap[]) => {
    setSaveIssues([]);
    setDraft((d) => (part === "fields" ? { ...d, fields } : { ...d, lines: { ...d.lines!, fields } }));
  };
  const issueAt = (prefix: string, i: number) => issues.filter((x) => x.path.startsWith(`mapping.${prefix}.${i}.`)).map((x) => x.message);
  const general = issues.filter((x) => !/^mapping\.(fields|lines\.fields)\.\d+\./.test(x.path));

  return (
    <div className="space-y-4" data-testid={`mapping-editor-${entry.entity}`}>
      <FieldTable connectionId={connectionId} label="Fields" prefix="fields" fields={draft.fields} localFields={entry.localFields.map((f) => f.name)} required={entry.localFields.filter((f) => f.required).map((f) => f.name)}
        remoteFields={entry.remoteFields} providerName={providerName} canManage={canManage} issueAt={issueAt} onChange={(f) => setFields("fields", f)} />
      {draft.lines ? (
        <FieldTable connectionId={connectionId} label={`Lines (${draft.lines.remote})`} prefix="lines.fields" fields={draft.lines.fields} localFields={entry.localLineFields} required={[]}
          remoteFields={entry.remoteLineFields} providerName={providerName} canManage={canManage} issueAt={issueAt} onChange={(f) => setFields("lines", f)} />
      ) : null}
      {general.length ? (
        <ul className="text-sm text-destructive" role="alert">{general.map((g) => <li key={g.path}>{g.path}: {g.message}</li>)}</ul>
      ) : null}
      {canManage ? (
        <div className="flex flex-wrap gap-2">
          <Button onClick={() => save(draft)} disabled={saving || !dirty}>{saving ? <Loader2Icon className="animate-spin" aria-hidden="true" /> : null}Save mapping</Button>
          <Button variant="outline" onClick={() => { setSaveIssues([]); setDraft(structuredClone(entry.mapping)); }} disabled={saving || !dirty}>Discard changes</Button>
          {entry.custom ? <Button variant="ghost" onClick={() => save(null)} disabled={saving}>Use the default mapping</Button> : null}
        </div>
      ) : null}
      <section aria-label="Preview" className="space-y-2" data-testid="mapping-preview">
        <h3 className="text-sm font-medium">Preview on three {providerName} records {previewLoading ? <Loader2Icon className="inline size-3 animate-spin" aria-hidden="true" /> : null}</h3>
        {previewError ? <p className="text-sm text-destructive">{previewError}</p> : previewRows === null ? <Skeleton className="h-24 w-full" />
          : previewRows.length === 0 ? <p className="text-sm text-muted-foreground">{providerName} has no records of this type to preview.</p> : (
            <div className="grid gap-2 md:grid-cols-3">
              {previewRows.map((r) => (
                <div key={r.externalId} className="space-y-1 rounded-md border p-2 text-xs" data-testid="mapping-preview-record">
                  <p className="font-mono text-muted-foreground">{r.externalId}</p>
                  <details><summary className="cursor-pointer">At {providerName}</summary><pre className="max-h-48 overflow-auto">{JSON.stringify(r.before, null, 1)}</pre></details>
                  <p className="font-medium">In the app</p>
                  <dl className="grid grid-cols-[auto_1fr] gap-x-2" data-testid="mapping-preview-after">
                    {Object.entries(r.after).filter(([k]) => k !== "lines").map(([k, v]) => (<React.Fragment key={k}><dt className="text-muted-foreground">{k}</dt><dd className="truncate">{JSON.stringify(v)}</dd></React.Fragment>))}
                  </dl>
                  {r.error ? <p className="text-destructive">Would be refused: {r.error}</p> : null}
                </div>
              ))}
            </div>
          )}
      </section>
    </div>
  );
}

function FieldTable(props: {
  connectionId: string; label: string; prefix: string; fields: FieldMap[]; localFields: string[]; required: string[]; remoteFields: string[]; providerName: string; canManage: boolean;
  issueAt: (prefix: string, i: number) => string[]; onChange: (fields: FieldMap[]) => void;
}) {
  const { fields, canManage, onChange } = props;
  const listId = `remote-${props.prefix}`;
  const set = (i: number, patch: Partial<FieldMap>) => onChange(fields.map((f, j) => (j === i ? { ...f, ...patch } : f)));
  return (
    <div className="space-y-2">
      <h3 className="text-sm font-medium">{props.label}</h3>
      <datalist id={listId}>{props.remoteFields.map((r) => <option key={r} value={r} />)}</datalist>
      <Table>
        <TableHeader>
          <TableRow>
            <TableHead>App field</TableHead><TableHead>{props.providerName} field</TableHead><TableHead>Direction</TableHead><TableHead>Transform</TableHead>
            {canManage ? <TableHead className="sr-only">Remove</TableHead> : null}
          </TableRow>
        </TableHeader>
        <TableBody>
          {fields.map((f, i) => {
            const errs = props.issueAt(props.prefix, i);
            return (
              <TableRow key={i} data-testid="mapping-row" aria-invalid={errs.length > 0 || undefined}>
                <TableCell>
                  <select aria-label={`App field of row ${i + 1}`} className={selectClass} value={f.local} disabled={!canManage} onChange={(e) => set(i, { local: e.target.value })}>
                    {[...new Set([...props.localFields, f.local])].map((l) => <option key={l} value={l}>{l}{props.required.includes(l) ? " *" : ""}</option>)}
                  </select>
                </TableCell>
                <TableCell>
                  <Input aria-label={`${props.providerName} field of row ${i + 1}`} list={listId} className="h-8 w-56" value={f.remote} readOnly={!canManage} onChange={(e) => set(i, { remote: e.target.value })} />
                  {errs.map((m) => <p key={m} className="mt-1 text-xs text-destructive">{m}</p>)}
                </TableCell>
                <TableCell>
                  <select aria-label={`Direction of row ${i + 1}`} className={selectClass} value={f.direction} disabled={!canManage} onChange={(e) => set(i, { direction: e.target.value })}>
                    <option value="both">Both</option><option value="pull">Pull</option><option value="push">Push</option>
                  </select>
                </TableCell>
                <TableCell className="space-y-1">
                  <select aria-label={`Transform of row ${i + 1}`} className={selectClass} value={f.transform.kind} disabled={!canManage}
                    onChange={(e) => set(i, { transform: withParam(f.transform, e.target.value, paramText(f.transform)) })}>
                    {TRANSFORMS.map(([v, l]) => <option key={v} value={v}>{l}</option>)}
                  </select>
                  {f.transform.kind === "constant" || f.transform.kind === "lookup" ? (
                    <ListSource transform={f.transform} row={i + 1} disabled={!canManage} onChange={(transform) => set(i, { transform })} />
                  ) : null}
                  {(f.transform.kind === "constant" || f.transform.kind === "lookup") && typeof f.transform.list === "string" ? (
                    <ListValues connectionId={props.connectionId} transform={f.transform} row={i + 1} providerName={props.providerName} disabled={!canManage} onChange={(transform) => set(i, { transform })} />
                  ) : hasParam(f.transform.kind) ? (
                    f.transform.kind === "lookup" ? (
                      <Textarea aria-label={`Lookup table of row ${i + 1} (${props.providerName} value=app value, one a line)`} className="min-h-16 font-mono text-xs" readOnly={!canManage}
                        value={paramText(f.transform)} onChange={(e) => set(i, { transform: withParam(f.transform, "lookup", e.target.value) })} />
                    ) : (
                      <Input aria-label={`Transform value of row ${i + 1}`} className="h-8 w-40" readOnly={!canManage} value={paramText(f.transform)}
                        onChange={(e) => set(i, { transform: withParam(f.transform, f.transform.kind, e.target.value) })} />
                    )
                  ) : null}
                </TableCell>
                {canManage ? (
                  <TableCell>
                    <Button size="icon" variant="ghost" aria-label={`Remove row ${i + 1}`} onClick={() => onChange(fields.filter((_, j) => j !== i))}><Trash2Icon aria-hidden="true" /></Button>
                  </TableCell>
                ) : null}
              </TableRow>
            );
          })}
        </TableBody>
      </Table>
      {canManage ? (
        <Button size="sm" variant="outline" onClick={() => onChange([...fields, { local: props.localFields[0] ?? "", remote: "", direction: "pull", transform: { kind: "direct" } }])}>
          <PlusIcon aria-hidden="true" />Add a field
        </Button>
      ) : null}
    </div>
  );
}
