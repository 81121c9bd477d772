import Form from "next/form";
import Link from "next/link";
import { Button, buttonVariants } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { inboundStatuses } from "./api";
import { hasFilters, statusLabel, type UrlFilters } from "./format";

const selectClass =
  "h-9 w-full rounded-md border border-input bg-transparent px-3 text-sm shadow-xs outline-none focus-visible:border-ring focus-visible:ring-[3px] focus-visible:ring-ring/50 dark:bg-input/30";

/** Props of the log's filter form. */
export interface EventFiltersProps {
  /** The page the form submits to (the Inbound page, or the connection page). */
  action: string;
  current: UrlFilters;
  /** Providers to choose from; omitted on a connection's tab (its provider is fixed). */
  providers?: { value: string; label: string }[];
  /** Query parameters to keep (the connection page's `tab`). */
  hidden?: Record<string, string>;
}

/** A GET form (next/form navigates client-side): the filters live in the URL and can be shared. */
export function EventFilters({ action, current, providers, hidden = {} }: EventFiltersProps) {
  const clearHref = Object.keys(hidden).length ? `${action}?${new URLSearchParams(hidden)}` : action;
  return (
    <Form action={action} className="flex flex-col gap-3 lg:flex-row lg:flex-wrap lg:items-end" aria-label="Filter inbound events">
      {Object.entries(hidden).map(([k, v]) => <input key={k} type="hidden" name={k} value={v} />)}
      {providers ? (
        <div className="grid gap-2 lg:w-44">
          <Label htmlFor="inbound-provider">Provider</Label>
          <select id="inbound-provider" name="provider" defaultValue={current.provider} className={selectClass}>
            <option value="">All providers</option>
            {providers.map((p) => <option key={p.value} value={p.value}>{p.label}</option>)}
          </select>
        </div>
      ) : null}
      <div className="grid gap-2 lg:w-56">
        <Label htmlFor="inbound-type">Event type</Label>
        <Input id="inbound-type" name="type" defaultValue={current.type} placeholder="Any type, e.g. invoice.paid" maxLength={200} />
      </div>
      <div className="grid gap-2 lg:w-36">
        <Label htmlFor="inbound-status">Status</Label>
        <select id="inbound-status" name="status" defaultValue={current.status} className={selectClass}>
          <option value="">Any status</option>
          {inboundStatuses.map((s) => <option key={s} value={s}>{statusLabel[s]}</option>)}
        </select>
      </div>
      <div className="grid gap-2 lg:w-40">
        <Label htmlFor="inbound-from">From</Label>
        <Input id="inbound-from" name="from" type="date" defaultValue={current.from} />
      </div>
      <div className="grid gap-2 lg:w-40">
        <Label htmlFor="inbound-to">To</Label>
        <Input id="inbound-to" name="to" type="date" defaultValue={current.to} min={current.from || undefined} />
      </div>
      <div className="flex gap-2">
        <Button type="submit" variant="secondary">Apply</Button>
        {hasFilters(current) ? <Link href={clearHref} className={buttonVariants({ variant: "ghost" })}>Clear</Link> : null}
      </div>
    </Form>
  );
}
