import { PageHeader } from "@/components/page-header";
import { CustomerForm } from "@/components/accounting/customer-form";
import { requireTenant } from "@/lib/auth/session";
import { createCustomerAction } from "../actions";

export const metadata = { title: "New customer" };

export default async function NewCustomerPage() {
  await requireTenant();
  return (
    <div className="space-y-6">
      <PageHeader title="New customer" description="Invoices to this customer use its currency." />
      <CustomerForm action={createCustomerAction} submitLabel="Create customer" redirectBase="/customers" />
    </div>
  );
}
