import { PlusIcon, UsersIcon } from "lucide-react";
import Link from "next/link";
import { EmptyState } from "@/components/empty-state";
import { PageHeader } from "@/components/page-header";
import { Pagination, listHref } from "@/components/accounting/pagination";
import { SearchForm } from "@/components/accounting/search-form";
import { Button } from "@/components/ui/button";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { requireTenant } from "@/lib/auth/session";
import { listQuerySchema } from "@/lib/accounting/schemas";
import { getDb } from "@/lib/db/client";
import { listCustomers } from "@/lib/db/queries/customers";
import { SourceBadge } from "@/components/sync/source-badge";
import { sourcesFor } from "@/lib/sync/sources";

export const metadata = { title: "Customers" };

export default async function CustomersPage({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  const tenant = await requireTenant();
  const parsed = listQuerySchema.safeParse(await searchParams);
  const query = parsed.success ? parsed.data : listQuerySchema.parse({});
  const db = await getDb();
  const page = await listCustomers(db, tenant, query);
  const sources = await sourcesFor(db, tenant.organisationId, "customers", page.rows.map((r) => r.id));
  const newButton = (
    <Button asChild>
      <Link href="/customers/new">
        <PlusIcon aria-hidden="true" /> New customer
      </Link>
    </Button>
  );
  return (
    <div className="space-y-6">
      <PageHeader title="Customers" description="The people and companies you invoice." actions={newButton} />
      <SearchForm action="/customers" defaultValue={query.q} placeholder="Search by name or email" />
      {page.total === 0 ? (
        query.q ? (
          <EmptyState icon={UsersIcon} title="No matches" description={`No customer matches “${query.q}”.`} />
        ) : (
          <EmptyState icon={UsersIcon} title="No customers yet" description="Add your first customer to start invoicing." action={newButton} />
        )
      ) : (
        <div>
          <Table>
            <TableHeader>
              <TableRow>
                <TableHead>Name</TableHead>
                <TableHead className="hidden sm:table-cell">Email</TableHead>
                <TableHead className="hidden md:table-cell">Phone</TableHead>
                <TableHead className="text-right">Currency</TableHead>
              </TableRow>
            </TableHeader>
            <TableBody>
              {page.rows.map((c) => (
                <TableRow key={c.id}>
                  <TableCell className="font-medium">
                    <Link href={`/customers/${c.id}`} className="hover:underline">{c.name}</Link>
                    {sources[c.id] ? <span className="ml-2"><SourceBadge source={sources[c.id]} /></span> : null}
                  </TableCell>
                  <TableCell className="hidden text-muted-foreground sm:table-cell">{c.email ?? "—"}</TableCell>
                  <TableCell className="hidden text-muted-foreground md:table-cell">{c.phone ?? "—"}</TableCell>
                  <TableCell className="text-right">{c.currency}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
          <Pagination
            total={page.total} limit={page.limit} offset={page.offset}
            href={(offset) => listHref("/customers", { q: query.q, offset })}
          />
        </div>
      )}
    </div>
  );
}
