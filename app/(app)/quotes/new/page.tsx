import { PageHeader } from "@/components/page-header";
import { customerField } from "@/components/work/customer-field";
import { WorkItemForm } from "@/components/work/work-item-form";
import { addDays, todayIn } from "@/lib/accounting/dates";
import { requireTenant } from "@/lib/auth/session";
import { getDb } from "@/lib/db/client";
import { customerOptions } from "@/lib/db/queries/customers";
import { organisationTimeZone } from "@/lib/db/queries/organisations";
import { createQuoteAction } from "../actions";

export const metadata = { title: "New quote" };

export default async function NewQuotePage() {
  const tenant = await requireTenant();
  const db = await getDb();
  const [customers, timeZone] = await Promise.all([customerOptions(db, tenant), organisationTimeZone(db, tenant)]);
  return (
    <div className="space-y-6">
      <PageHeader title="New quote" description="Numbered Q-0001, Q-0002, … Draft and sent quotes expire after their valid-until date." />
      <WorkItemForm
        action={createQuoteAction}
        fields={[
          customerField(customers, false),
          { name: "total", label: "Total", required: true, inputMode: "decimal", hint: "In the customer's currency, such as 1,250.00." },
          { name: "validUntil", label: "Valid until", kind: "date", required: true },
          { name: "notes", label: "Notes", kind: "textarea", hint: "At most 2,000 characters." },
          { name: "send", label: "Already sent to the customer", kind: "checkbox" },
        ]}
        initial={{ validUntil: addDays(todayIn(timeZone), 30) }}
        submitLabel="Create quote"
        redirectTo="/quotes"
      />
    </div>
  );
}
