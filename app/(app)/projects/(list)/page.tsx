import { FolderKanbanIcon, PlusIcon } from "lucide-react";
import Link from "next/link";
import { EmptyState } from "@/components/empty-state";
import { PageHeader } from "@/components/page-header";
import { Pagination, listHref } from "@/components/accounting/pagination";
import { Button } from "@/components/ui/button";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { StatusAction } from "@/components/work/status-action";
import { WorkStatusBadge } from "@/components/work/work-status-badge";
import { requireTenant } from "@/lib/auth/session";
import { getDb } from "@/lib/db/client";
import { listProjects } from "@/lib/db/queries/projects";
import { workListQuerySchema } from "@/lib/db/queries/work-items";
import { completeProjectAction } from "../actions";

export const metadata = { title: "Projects" };

export default async function ProjectsPage({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  const tenant = await requireTenant();
  const parsed = workListQuerySchema.safeParse(await searchParams);
  const query = parsed.success ? parsed.data : workListQuerySchema.parse({});
  const page = await listProjects(await getDb(), tenant, query);
  const newButton = (
    <Button asChild>
      <Link href="/projects/new"><PlusIcon aria-hidden="true" /> New project</Link>
    </Button>
  );
  return (
    <div className="space-y-6">
      <PageHeader title="Projects" description="Work for your customers; completing one sends project.completed." actions={newButton} />
      {page.total === 0 ? (
        <EmptyState icon={FolderKanbanIcon} title="No projects yet" description="Create a project to track work for a customer." action={newButton} />
      ) : (
        <div>
          <Table>
            <TableHeader>
              <TableRow>
                <TableHead>Name</TableHead>
                <TableHead className="hidden sm:table-cell">Customer</TableHead>
                <TableHead>Status</TableHead>
                <TableHead className="text-right">Actions</TableHead>
              </TableRow>
            </TableHeader>
            <TableBody>
              {page.rows.map((p) => (
                <TableRow key={p.id}>
                  <TableCell className="font-medium"><Link href={`/projects/${p.id}`} className="hover:underline">{p.name}</Link></TableCell>
                  <TableCell className="hidden text-muted-foreground sm:table-cell">{p.customerName ?? "—"}</TableCell>
                  <TableCell><WorkStatusBadge status={p.status} /></TableCell>
                  <TableCell className="text-right">
                    {p.status === "active" ? <StatusAction label="Complete" action={completeProjectAction.bind(null, p.id)} /> : null}
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
          <Pagination total={page.total} limit={page.limit} offset={page.offset} href={(offset) => listHref("/projects", { offset })} />
        </div>
      )}
    </div>
  );
}
