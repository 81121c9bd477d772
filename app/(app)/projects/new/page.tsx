import { PageHeader } from "@/components/page-header";
import { customerField } from "@/components/work/customer-field";
import { WorkItemForm } from "@/components/work/work-item-form";
import { requireTenant } from "@/lib/auth/session";
import { getDb } from "@/lib/db/client";
import { customerOptions } from "@/lib/db/queries/customers";
import { createProjectAction } from "../actions";
import { projectFields } from "../fields";

export const metadata = { title: "New project" };

export default async function NewProjectPage() {
  const tenant = await requireTenant();
  const customers = await customerOptions(await getDb(), tenant);
  return (
    <div className="space-y-6">
      <PageHeader title="New project" description="Projects start active." />
      <WorkItemForm action={createProjectAction} fields={projectFields(customerField(customers, true))} submitLabel="Create project" redirectTo="/projects" />
    </div>
  );
}
