import { PageHeader } from "@/components/page-header";
import { customerField } from "@/components/work/customer-field";
import { WorkItemForm } from "@/components/work/work-item-form";
import { requireTenant } from "@/lib/auth/session";
import { getDb } from "@/lib/db/client";
import { customerOptions } from "@/lib/db/queries/customers";
import { createTicketAction } from "../actions";

export const metadata = { title: "New ticket" };

export default async function NewTicketPage() {
  const tenant = await requireTenant();
  const customers = await customerOptions(await getDb(), tenant);
  return (
    <div className="space-y-6">
      <PageHeader title="New ticket" description="Tickets start open." />
      <WorkItemForm
        action={createTicketAction}
        fields={[
          { name: "subject", label: "Subject", required: true, hint: "At most 200 characters." },
          customerField(customers, true),
          { name: "description", label: "Description", kind: "textarea", hint: "At most 5,000 characters." },
        ]}
        submitLabel="Open ticket"
        redirectTo="/tickets"
      />
    </div>
  );
}
