"use client";

import * as React from "react";
import Link from "next/link";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Loader2Icon, RefreshCwIcon } from "lucide-react";
import { toast } from "sonner";
import { EmptyState } from "@/components/empty-state";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Skeleton } from "@/components/ui/skeleton";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { MappingEditor } from "./mapping-editor";
import { RunsChart } from "./runs-chart";
import { recordHref, syncApi, syncKeys, unwrap, type EntitySettings, type SyncRun } from "./api";

const OPTIONS: Record<"direction" | "schedule" | "conflictPolicy" | "deletePolicy", [string, string][]> = {
  direction: [["both", "Both ways"], ["pull", "Pull only"], ["push", "Push only"]],
  schedule: [["manual", "Manual"], ["hourly", "Hourly"], ["daily", "Daily"], ["weekly", "Weekly"], ["realtime", "Near real-time"]],
  conflictPolicy: [["newest", "Newest change wins"], ["app", "The app wins"], ["provider", "The provider wins"], ["ask", "Ask me"]],
  deletePolicy: [["void", "Void locally"], ["archive", "Archive"], ["ignore", "Ignore"]],
};
const LABELS = { direction: "Direction", schedule: "Schedule", conflictPolicy: "Conflicts", deletePolicy: "Deletions" } as const;
const title = (s: string) => s.charAt(0).toUpperCase() + s.slice(1).replace(/_/g, " ");
const active = (r: SyncRun | undefined) => !!r && (r.status === "queued" || r.status === "running");
const selectClass = "h-8 rounded-md border border-input bg-background px-2 text-sm disabled:opacity-60";

/** The connection page's Sync tab: settings, Sync now, live progress, history, conflicts, mapping. */
export function SyncTab({ connectionId, providerName, canManage }: { connectionId: string; providerName: string; canManage: boolean }) {
  return (
    <div className="space-y-6">
      {!canManage ? (
        <p className="rounded-md border bg-muted/40 px-3 py-2 text-sm text-muted-foreground" data-testid="sync-read-only">
          You can see how this connection syncs. Only owners and admins can change settings, start runs or edit the mapping.
        </p>
      ) : null}
      <SettingsCard connectionId={connectionId} canManage={canManage} />
      <RunsCard connectionId={connectionId} canManage={canManage} />
      <ConflictsCard connectionId={connectionId} providerName={providerName} canManage={canManage} />
      <MappingEditor connectionId={connectionId} providerName={providerName} canManage={canManage} />
    </div>
  );
}

function SettingsCard({ connectionId, canManage }: { connectionId: string; canManage: boolean }) {
  const qc = useQueryClient();
  const settings = useQuery({ queryKey: syncKeys.settings(connectionId), queryFn: () => unwrap(syncApi.settings(connectionId)) });
  const save = useMutation({
    mutationFn: (v: { entity: string; patch: Partial<EntitySettings> }) => unwrap(syncApi.saveSettings(connectionId, { [v.entity]: v.patch })),
    onSuccess: (data) => {
      qc.setQueryData(syncKeys.settings(connectionId), data);
      toast.success("Sync settings saved.");
    },
    onError: (e) => toast.error(e.message),
  });
  const start = useStart(connectionId);
  return (
    <Card>
      <CardHeader className="flex flex-row items-start justify-between gap-4">
        <div className="space-y-1.5">
          <CardTitle>What syncs</CardTitle>
          <CardDescription>Per record type: which way, how often, and who wins when both sides changed.</CardDescription>
        </div>
        {canManage ? (
          <div className="flex shrink-0 gap-2">
            <Button variant="outline" onClick={() => start.mutate({ mode: "full" })} disabled={start.isPending} title="Read every record again, not only the changed ones">
              Full resync
            </Button>
            <Button onClick={() => start.mutate({})} disabled={start.isPending}>
              {start.isPending ? <Loader2Icon className="animate-spin" aria-hidden="true" /> : <RefreshCwIcon aria-hidden="true" />}
              Sync now
            </Button>
          </div>
        ) : null}
      </CardHeader>
      <CardContent>
        {settings.isPending ? <Skeleton className="h-24 w-full" /> : settings.isError ? (
          <p className="text-sm text-destructive">{settings.error.message}</p>
        ) : (
          <Table>
            <TableHeader>
              <TableRow>
                <TableHead>Records</TableHead>
                <TableHead>Enabled</TableHead>
                {Object.values(LABELS).map((l) => <TableHead key={l}>{l}</TableHead>)}
                {canManage ? <TableHead className="sr-only">Actions</TableHead> : null}
              </TableRow>
            </TableHeader>
            <TableBody>
              {settings.data.map((s) => (
                <TableRow key={s.entity} data-testid={`sync-settings-${s.entity}`}>
                  <TableCell className="font-medium">{title(s.entity)}{s.customMapping ? <Badge variant="outline" className="ml-2">Custom mapping</Badge> : null}</TableCell>
                  <TableCell>
                    <input type="checkbox" aria-label={`Sync ${s.entity}`} checked={s.enabled} disabled={!canManage || save.isPending}
                      onChange={(e) => save.mutate({ entity: s.entity, patch: { enabled: e.target.checked } })} />
                  </TableCell>
                  {(Object.keys(LABELS) as (keyof typeof LABELS)[]).map((k) => (
                    <TableCell key={k}>
                      <select aria-label={`${LABELS[k]} of ${s.entity}`} className={selectClass} value={s[k]} disabled={!canManage || save.isPending}
                        onChange={(e) => save.mutate({ entity: s.entity, patch: { [k]: e.target.value } })}>
                        {OPTIONS[k].map(([v, l]) => <option key={v} value={v}>{l}</option>)}
                      </select>
                    </TableCell>
                  ))}
                  {canManage ? (
                    <TableCell>
                      <Button size="sm" variant="outline" onClick={() => start.mutate({ entity: s.entity })} disabled={start.isPending}>Sync {s.entity} now</Button>
                    </TableCell>
                  ) : null}
                </TableRow>
              ))}
            </TableBody>
          </Table>
        )}
      </CardContent>
    </Card>
  );
}

function useStart(connectionId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (req: { entity?: string; mode?: "full" | "incremental" }) => unwrap(syncApi.start(connectionId, req)),
    onSuccess: (r) => {
      toast.success(r.joined ? "A sync was already running; following it." : "Sync started.");
      void qc.invalidateQueries({ queryKey: ["sync", connectionId, "runs"] });
    },
    onError: (e) => toast.error(e.message),
  });
}

function RunsCard({ connectionId, canManage }: { connectionId: string; canManage: boolean }) {
  const [cursors, setCursors] = React.useState<(string | null)[]>([null]);
  const cursor = cursors.at(-1) ?? null;
  const [openRun, setOpenRun] = React.useState<string | null>(null);
  const runs = useQuery({
    queryKey: syncKeys.runs(connectionId, cursor),
    queryFn: () => unwrap(syncApi.runs(connectionId, cursor)),
    // While a run is queued or running, the list (and the progress bar) follow it.
    refetchInterval: (q) => (q.state.data?.data.some(active) ? 1000 : cursor === null ? 5000 : false),
  });
  // The run that is moving (a queued one waits behind it: one run per connection at a time).
  const running = runs.data?.data.find((r) => r.status === "running") ?? runs.data?.data.find(active);
  return (
    <Card>
      <CardHeader>
        <CardTitle>Runs</CardTitle>
        <CardDescription>Every sync of this connection, newest first, with what it created, updated, left unchanged or could not sync.</CardDescription>
      </CardHeader>
      <CardContent className="space-y-4">
        {running ? <LiveRun connectionId={connectionId} runId={running.id} canManage={canManage} /> : null}
        {runs.isPending ? <Skeleton className="h-32 w-full" /> : runs.isError ? (
          <p className="text-sm text-destructive">{runs.error.message}</p>
        ) : runs.data.data.length === 0 && cursor === null ? (
          <EmptyState icon={RefreshCwIcon} title="No sync yet" description={canManage ? "Press Sync now to pull and push records for the first time." : "An owner or admin starts the first sync."} />
        ) : (
          <>
            <RunsChart runs={runs.data.data} />
            <Table data-testid="sync-runs">
              <TableHeader>
                <TableRow>
                  <TableHead>Started</TableHead><TableHead>Records</TableHead><TableHead>Status</TableHead>
                  <TableHead className="text-right">Created</TableHead><TableHead className="text-right">Updated</TableHead>
                  <TableHead className="text-right">Unchanged</TableHead><TableHead className="text-right">Deleted</TableHead><TableHead className="text-right">Failed</TableHead>
                  <TableHead className="sr-only">Details</TableHead>
                </TableRow>
              </TableHeader>
              <TableBody>
                {runs.data.data.map((r) => (
                  <React.Fragment key={r.id}>
                    <TableRow data-testid="sync-run-row">
                      <TableCell>{new Date(r.createdAt).toLocaleString()}</TableCell>
                      <TableCell>{r.entity ? title(r.entity) : "All"} · {r.direction}{r.mode === "full" ? " · full" : ""}</TableCell>
                      <TableCell><RunStatus run={r} /></TableCell>
                      <TableCell className="text-right tabular-nums">{r.counters.created}</TableCell>
                      <TableCell className="text-right tabular-nums">{r.counters.updated}</TableCell>
                      <TableCell className="text-right tabular-nums">{r.counters.unchanged}</TableCell>
                      <TableCell className="text-right tabular-nums">{r.counters.deleted}</TableCell>
                      <TableCell className="text-right tabular-nums">{r.counters.failed}</TableCell>
                      <TableCell>
                        <Button size="sm" variant="ghost" onClick={() => setOpenRun(openRun === r.id ? null : r.id)} aria-expanded={openRun === r.id}>
                          {openRun === r.id ? "Hide" : "Details"}
                        </Button>
                      </TableCell>
                    </TableRow>
                    {openRun === r.id ? (
                      <TableRow>
                        <TableCell colSpan={9}><RunDetail connectionId={connectionId} runId={r.id} canManage={canManage} /></TableCell>
                      </TableRow>
                    ) : null}
                  </React.Fragment>
                ))}
              </TableBody>
            </Table>
            <div className="flex justify-end gap-2">
              <Button size="sm" variant="outline" disabled={cursors.length < 2} onClick={() => setCursors((c) => c.slice(0, -1))}>Newer</Button>
              <Button size="sm" variant="outline" disabled={!runs.data.page.nextCursor} onClick={() => setCursors((c) => [...c, runs.data.page.nextCursor])}>Older</Button>
            </div>
          </>
        )}
      </CardContent>
    </Card>
  );
}

const STATUS_VARIANT: Record<SyncRun["status"], "default" | "secondary" | "destructive" | "outline"> = {
  queued: "outline", running: "secondary", succeeded: "default", partial: "secondary", failed: "destructive", cancelled: "outline",
};
function RunStatus({ run }: { run: SyncRun }) {
  return <Badge variant={STATUS_VARIANT[run.status]}>{title(run.status)}{run.cancelRequested && active(run) ? " (cancelling)" : ""}</Badge>;
}

/** The running run's progress bar, polled every second until it ends. */
function LiveRun({ connectionId, runId, canManage }: { connectionId: string; runId: string; canManage: boolean }) {
  const qc = useQueryClient();
  const run = useQuery({ queryKey: syncKeys.run(connectionId, runId), queryFn: () => unwrap(syncApi.run(connectionId, runId)), refetchInterval: (q) => (q.state.data && !active(q.state.data) ? false : 1000) });
  const cancel = useMutation({
    mutationFn: () => unwrap(syncApi.cancel(connectionId, runId)),
    onSuccess: () => { toast.success("The run stops at its next page."); void qc.invalidateQueries({ queryKey: ["sync", connectionId] }); },
    onError: (e) => toast.error(e.message),
  });
  const r = run.data;
  if (!r) return <Skeleton className="h-12 w-full" />;
  const done = r.counters.created + r.counters.updated + r.counters.unchanged + r.counters.deleted + r.counters.failed;
  const pct = r.total ? Math.min(100, Math.round((r.progress / r.total) * 100)) : null;
  return (
    <div className="space-y-2 rounded-md border p-3" data-testid="sync-live-run">
      <div className="flex items-center justify-between gap-2 text-sm">
        <span>
          {r.status === "queued" ? "Waiting to start…" : `Syncing ${r.currentEntity ?? "records"}…`} {r.progress} {r.total ? `of ${r.total}` : ""} records · {done} processed
        </span>
        {canManage ? (
          <Button size="sm" variant="outline" onClick={() => cancel.mutate()} disabled={cancel.isPending || r.cancelRequested}>
            {r.cancelRequested ? "Cancelling…" : "Cancel"}
          </Button>
        ) : null}
      </div>
      <div role="progressbar" aria-label="Sync progress" aria-valuemin={0} aria-valuemax={r.total ?? undefined} aria-valuenow={r.progress}
        data-progress={r.progress} className="h-2 w-full overflow-hidden rounded-full bg-muted">
        <div className={`h-full bg-primary transition-all ${pct === null ? "w-1/3 animate-pulse" : ""}`} style={pct === null ? undefined : { width: `${pct}%` }} />
      </div>
    </div>
  );
}

/** A run's per-record errors (linking to the record in the app), with Retry failed. */
function RunDetail({ connectionId, runId, canManage }: { connectionId: string; runId: string; canManage: boolean }) {
  const qc = useQueryClient();
  const run = useQuery({ queryKey: syncKeys.run(connectionId, runId), queryFn: () => unwrap(syncApi.run(connectionId, runId)) });
  const retry = useMutation({
    mutationFn: () => unwrap(syncApi.retry(connectionId, runId)),
    onSuccess: () => { toast.success("Retrying the failed records."); void qc.invalidateQueries({ queryKey: ["sync", connectionId, "runs"] }); },
    onError: (e) => toast.error(e.message),
  });
  if (run.isPending) return <Skeleton className="h-10 w-full" />;
  if (run.isError) return <p className="text-sm text-destructive">{run.error.message}</p>;
  const r = run.data;
  return (
    <div className="space-y-2 text-sm">
      {r.error ? <p className="text-destructive">{r.error}</p> : null}
      {r.errors.length === 0 ? <p className="text-muted-foreground">No record failed in this run.</p> : (
        <ul className="space-y-1" data-testid="sync-run-errors">
          {r.errors.slice(0, 100).map((e, i) => {
            const href = recordHref(e.entity, e.localId);
            return (
              <li key={i}>
                <span className="font-medium">{title(e.entity)}</span>{" "}
                {href ? <Link className="underline" href={href}>{e.localId}</Link> : <span className="font-mono">{e.externalId ?? e.localId ?? "—"}</span>}: {e.message}
              </li>
            );
          })}
          {r.errors.length > 100 ? <li className="text-muted-foreground">…and {r.errors.length - 100} more.</li> : null}
        </ul>
      )}
      {canManage && r.errors.length > 0 && !active(r) ? (
        <Button size="sm" variant="outline" onClick={() => retry.mutate()} disabled={retry.isPending}>Retry failed</Button>
      ) : null}
    </div>
  );
}

function ConflictsCard({ connectionId, providerName, canManage }: { connectionId: string; providerName: string; canManage: boolean }) {
  const qc = useQueryClient();
  const conflicts = useQuery({ queryKey: syncKeys.conflicts(connectionId), queryFn: () => unwrap(syncApi.conflicts(connectionId)) });
  const resolve = useMutation({
    mutationFn: (v: { id: string; side: "app" | "provider" }) => unwrap(syncApi.resolve(connectionId, v.id, v.side)),
    onSuccess: (_d, v) => {
      toast.success(v.side === "app" ? `The app's version is kept and sent to ${providerName}.` : `${providerName}'s version is applied.`);
      void qc.invalidateQueries({ queryKey: ["sync", connectionId] });
    },
    onError: (e) => toast.error(e.message),
  });
  return (
    <Card>
      <CardHeader>
        <CardTitle>Conflicts</CardTitle>
        <CardDescription>Records changed on both sides under the &ldquo;Ask me&rdquo; policy wait here for a person to pick a side.</CardDescription>
      </CardHeader>
      <CardContent>
        {conflicts.isPending ? <Skeleton className="h-16 w-full" /> : conflicts.isError ? <p className="text-sm text-destructive">{conflicts.error.message}</p>
          : conflicts.data.length === 0 ? <p className="text-sm text-muted-foreground">No open conflicts.</p> : (
            <ul className="space-y-3">
              {conflicts.data.map((c) => {
                const keys = [...new Set([...Object.keys(c.localVersion), ...Object.keys(c.remoteVersion)])].filter((k) => JSON.stringify(c.localVersion[k]) !== JSON.stringify(c.remoteVersion[k]));
                const href = recordHref(c.entity, c.localId);
                return (
                  <li key={c.id} className="space-y-2 rounded-md border p-3 text-sm">
                    <div className="flex items-center justify-between gap-2">
                      <span className="font-medium">{title(c.entity)} {href ? <Link className="underline" href={href}>in the app</Link> : null}</span>
                      <span className="text-muted-foreground">{new Date(c.createdAt).toLocaleString()}</span>
                    </div>
                    <Table>
                      <TableHeader><TableRow><TableHead>Field</TableHead><TableHead>In the app</TableHead><TableHead>At {providerName}</TableHead></TableRow></TableHeader>
                      <TableBody>
                        {keys.map((k) => (
                          <TableRow key={k}><TableCell>{k}</TableCell><TableCell>{JSON.stringify(c.localVersion[k] ?? null)}</TableCell><TableCell>{JSON.stringify(c.remoteVersion[k] ?? null)}</TableCell></TableRow>
                        ))}
                      </TableBody>
                    </Table>
                    {canManage ? (
                      <div className="flex gap-2">
                        <Button size="sm" variant="outline" disabled={resolve.isPending} onClick={() => resolve.mutate({ id: c.id, side: "app" })}>Keep the app&apos;s</Button>
                        <Button size="sm" variant="outline" disabled={resolve.isPending} onClick={() => resolve.mutate({ id: c.id, side: "provider" })}>Take {providerName}&apos;s</Button>
                      </div>
                    ) : null}
                  </li>
                );
              })}
            </ul>
          )}
      </CardContent>
    </Card>
  );
}
