import Link from "next/link";
import { Button, buttonVariants } from "@/components/ui/button";
import { Label } from "@/components/ui/label";

const selectClass =
  "h-9 w-full rounded-md border border-input bg-transparent px-3 text-sm shadow-xs outline-none focus-visible:border-ring focus-visible:ring-[3px] focus-visible:ring-ring/50 dark:bg-input/30";

/** Props of the Activity filter form; options come from the audit action list and the catalog. */
export interface ActivityFiltersProps {
  actions: { value: string; label: string }[];
  providers: { value: string; label: string }[];
  current: { action?: string; provider?: string };
}

/**
 * A plain GET form: filters live in the URL, work without JavaScript and reset the page number.
 */
export function ActivityFilters({ actions, providers, current }: ActivityFiltersProps) {
  const active = Boolean(current.action || current.provider);
  return (
    <form method="get" className="flex flex-col gap-3 sm:flex-row sm:items-end" aria-label="Filter activity">
      <div className="grid gap-2 sm:w-64">
        <Label htmlFor="filter-action">Action</Label>
        <select id="filter-action" name="action" defaultValue={current.action ?? ""} className={selectClass}>
          <option value="">All actions</option>
          {actions.map((a) => (
            <option key={a.value} value={a.value}>{a.label}</option>
          ))}
        </select>
      </div>
      <div className="grid gap-2 sm:w-56">
        <Label htmlFor="filter-provider">Integration</Label>
        <select id="filter-provider" name="provider" defaultValue={current.provider ?? ""} className={selectClass}>
          <option value="">All integrations</option>
          {providers.map((p) => (
            <option key={p.value} value={p.value}>{p.label}</option>
          ))}
        </select>
      </div>
      <div className="flex gap-2">
        <Button type="submit" variant="secondary">Apply</Button>
        {active ? (
          <Link href="/activity" className={buttonVariants({ variant: "ghost" })}>
            Clear
          </Link>
        ) : null}
      </div>
    </form>
  );
}
