import { FileTextIcon, PlusIcon } from "lucide-react";
import Link from "next/link";
import { EmptyState } from "@/components/empty-state";
import { PageHeader } from "@/components/page-header";
import { InvoiceTable } from "@/components/accounting/invoice-table";
import { Pagination, listHref } from "@/components/accounting/pagination";
import { SearchForm } from "@/components/accounting/search-form";
import { Button } from "@/components/ui/button";
import { requireTenant } from "@/lib/auth/session";
import { invoiceListQuerySchema } from "@/lib/accounting/schemas";
import { INVOICE_STATUSES } from "@/lib/accounting/status";
import { getDb } from "@/lib/db/client";
import { listInvoices } from "@/lib/db/queries/invoices";
import { sourcesFor } from "@/lib/sync/sources";
import { cn } from "@/lib/utils";

export const metadata = { title: "Invoices" };

const FILTERS = [{ value: undefined, label: "All" }, ...INVOICE_STATUSES.map((s) => ({ value: s, label: s[0]!.toUpperCase() + s.slice(1) }))];

export default async function InvoicesPage({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  const tenant = await requireTenant();
  const parsed = invoiceListQuerySchema.safeParse(await searchParams);
  const query = parsed.success ? parsed.data : invoiceListQuerySchema.parse({});
  const db = await getDb();
  const page = await listInvoices(db, tenant, query);
  const sources = await sourcesFor(db, tenant.organisationId, "invoices", page.rows.map((r) => r.id));
  const keep = { q: query.q, customerId: query.customerId };
  const newButton = (
    <Button asChild>
      <Link href="/invoices/new">
        <PlusIcon aria-hidden="true" /> New invoice
      </Link>
    </Button>
  );
  const filtered = Boolean(query.q || query.status || query.customerId);
  return (
    <div className="space-y-6">
      <PageHeader title="Invoices" description="Bill customers, follow what is owed and record payments." actions={newButton} />
      <div className="flex flex-col gap-3 lg:flex-row lg:items-center lg:justify-between">
        <nav aria-label="Filter by status" className="flex flex-wrap gap-1">
          {FILTERS.map((f) => (
            <Link
              key={f.label}
              href={listHref("/invoices", { ...keep, status: f.value })}
              aria-current={query.status === f.value ? "page" : undefined}
              className={cn(
                "rounded-md px-3 py-1.5 text-sm",
                query.status === f.value ? "bg-secondary font-medium" : "text-muted-foreground hover:bg-accent",
              )}
            >
              {f.label}
            </Link>
          ))}
        </nav>
        <SearchForm action="/invoices" defaultValue={query.q} placeholder="Search by number or customer" hidden={{ status: query.status, customerId: query.customerId }} />
      </div>
      {page.total === 0 ? (
        filtered ? (
          <EmptyState icon={FileTextIcon} title="No matching invoices" description="Try another status or search." />
        ) : (
          <EmptyState icon={FileTextIcon} title="No invoices yet" description="Create an invoice for one of your customers." action={newButton} />
        )
      ) : (
        <div>
          <InvoiceTable rows={page.rows} sources={sources} />
          <Pagination
            total={page.total} limit={page.limit} offset={page.offset}
            href={(offset) => listHref("/invoices", { ...keep, status: query.status, offset })}
          />
        </div>
      )}
    </div>
  );
}
