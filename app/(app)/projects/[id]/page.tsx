import { PageHeader } from "@/components/page-header";
import { orNotFound } from "@/components/accounting/or-not-found";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { customerField } from "@/components/work/customer-field";
import { StatusAction } from "@/components/work/status-action";
import { WorkItemForm } from "@/components/work/work-item-form";
import { WorkStatusBadge } from "@/components/work/work-status-badge";
import { requireTenant } from "@/lib/auth/session";
import { getDb } from "@/lib/db/client";
import { customerOptions } from "@/lib/db/queries/customers";
import { getProject } from "@/lib/db/queries/projects";
import { completeProjectAction, updateProjectAction } from "../actions";
import { projectFields } from "../fields";

export const metadata = { title: "Project" };

export default async function ProjectPage({ params }: { params: Promise<{ id: string }> }) {
  const tenant = await requireTenant();
  const { id } = await params;
  const db = await getDb();
  const project = await orNotFound(getProject(db, tenant, id));
  const customers = await customerOptions(db, tenant);
  return (
    <div className="space-y-6">
      <PageHeader
        title={project.name}
        description={<span className="inline-flex items-center gap-2">Project <WorkStatusBadge status={project.status} /></span>}
        actions={project.status === "active" ? <StatusAction label="Complete project" action={completeProjectAction.bind(null, project.id)} /> : null}
      />
      <Card>
        <CardHeader><CardTitle>Details</CardTitle></CardHeader>
        <CardContent>
          <WorkItemForm
            action={updateProjectAction.bind(null, project.id)}
            fields={projectFields(customerField(customers, true))}
            initial={{ name: project.name, description: project.description ?? "", customerId: project.customerId ?? "" }}
            submitLabel="Save changes"
          />
        </CardContent>
      </Card>
    </div>
  );
}
